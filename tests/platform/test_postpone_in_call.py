"""The Linux in-call check against fake /proc, /dev and /sys trees, plus the real /proc for its machinery."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deskbreak.platform.in_call_linux import REASON, LinuxInCallCheck

RUNNING = """state: RUNNING
owner_pid   : 4242
trigger_time: 1234.5
tstamp      : 0.0
delay       : 0
avail       : 0
avail_max   : 16
-----
hw_ptr      : 96000
appl_ptr    : 96000
"""
PREPARED = "state: PREPARED\nowner_pid   : 812\n"


class FakeSystem:
    """/proc, /dev and /sys in tmp_path: processes with fd links, ALSA status files, cameras."""

    def __init__(self, root: Path) -> None:
        self.proc = root / "proc"
        self.dev = root / "dev"
        self.sys = root / "sys"
        self.proc.mkdir()
        self.dev.mkdir()
        self.sys.mkdir()

    def process(self, pid: int, comm: str, *targets: str) -> None:
        base = self.proc / str(pid)
        (base / "fd").mkdir(parents=True)
        (base / "comm").write_text(comm + "\n")
        defaults = ["/dev/null", "/dev/pts/0", "socket:[1234]", "pipe:[99]", "/home/u/.cache/x"]
        for number, target in enumerate([*defaults, *targets]):
            (base / "fd" / str(number)).symlink_to(target)

    def capture(self, card: int, pcm: int, sub: int, status: str) -> None:
        folder = self.proc / "asound" / f"card{card}" / f"pcm{pcm}c" / f"sub{sub}"
        folder.mkdir(parents=True)
        (folder / "status").write_text(status)

    def playback(self, card: int, pcm: int, status: str) -> None:
        folder = self.proc / "asound" / f"card{card}" / f"pcm{pcm}p" / "sub0"
        folder.mkdir(parents=True)
        (folder / "status").write_text(status)

    def device(self, name: str, *, refcnt: int | None = 1, module: str = "uvcvideo") -> None:
        """A /dev/<name> node and its /sys entry; ``refcnt`` None: a driver built into the kernel."""
        (self.dev / name).write_text("")
        driver = self.sys / "bus" / "usb" / "drivers" / module
        driver.mkdir(parents=True, exist_ok=True)
        device = self.sys / "devices" / "usb1" / f"1-1:1.{name[-1]}"
        device.mkdir(parents=True, exist_ok=True)
        (device / "driver").symlink_to(driver)
        node = self.sys / "class" / "video4linux" / name
        node.mkdir(parents=True)
        (node / "device").symlink_to(device)
        if refcnt is not None:
            module_dir = self.sys / "module" / module
            module_dir.mkdir(parents=True, exist_ok=True)
            (module_dir / "refcnt").write_text(f"{refcnt}\n")
            if not (driver / "module").is_symlink():
                (driver / "module").symlink_to(module_dir)

    def check(self, **kw: object) -> LinuxInCallCheck:
        return LinuxInCallCheck(proc_root=self.proc, dev_root=self.dev, sys_root=self.sys, **kw)  # type: ignore[arg-type]


@pytest.fixture
def system(tmp_path: Path) -> FakeSystem:
    return FakeSystem(tmp_path)


def test_nothing_in_use(system: FakeSystem) -> None:
    system.device("video0", refcnt=0)
    system.capture(0, 0, 0, "closed\n")
    system.process(100, "bash")
    system.process(200, "firefox", "/dev/dri/renderD128")
    assert system.check().reason() is None


def test_a_running_capture_substream_is_a_call_whoever_holds_it(system: FakeSystem) -> None:
    # PipeWire: only the daemon holds the capture device; the status file says it is capturing.
    system.capture(0, 0, 0, "closed\n")
    system.capture(1, 0, 0, RUNNING)
    system.process(300, "pipewire", "/dev/snd/pcmC1D0c", "/dev/snd/controlC1")
    check = system.check()
    assert check.capture_states() == {"card0/pcm0c/sub0": "closed", "card1/pcm0c/sub0": "RUNNING"}
    assert check.reason() == REASON


def test_a_sound_server_holding_an_idle_capture_device_is_not_a_call(system: FakeSystem) -> None:
    system.capture(0, 0, 0, PREPARED)
    system.process(300, "pipewire", "/dev/snd/pcmC0D0c")
    system.process(301, "zoom", "/dev/snd/controlC0")  # the app talks to PipeWire, not ALSA
    assert system.check().reason() is None


def test_a_running_playback_stream_is_not_a_call(system: FakeSystem) -> None:
    system.capture(0, 0, 0, "closed\n")
    system.playback(0, 0, RUNNING)
    system.process(300, "pipewire", "/dev/snd/pcmC0D0p")
    assert system.check().reason() is None


def test_a_camera_held_by_an_own_process_is_a_call(system: FakeSystem) -> None:
    system.device("video0")
    system.device("video1")
    system.capture(0, 0, 0, "closed\n")
    system.process(100, "bash")
    system.process(400, "chrome", "/dev/video1")
    check = system.check()
    assert check.find_device_user() == (400, "/dev/video1")
    assert check.reason() == REASON


def test_a_camera_held_by_another_users_process_does_not_count(system: FakeSystem) -> None:
    system.device("video0")
    system.process(400, "cheese", "/dev/video0")
    assert system.check(uid=os.getuid() + 1).reason() is None
    assert system.check(uid=os.getuid()).reason() == REASON


def test_no_camera_device_means_no_process_search(system: FakeSystem) -> None:
    # A link to /dev/video0 with no /dev/video*: the search is skipped (no camera to be in use).
    system.capture(0, 0, 0, "closed\n")
    system.process(400, "chrome", "/dev/video0")
    check = system.check()
    assert check.camera_devices() == []
    assert check.camera_open() is False
    assert check.reason() is None


def test_cameras_whose_driver_is_not_referenced_are_closed_and_not_searched(system: FakeSystem) -> None:
    # The gate: uvcvideo's refcnt is 0, so no camera is open; the fake link is never read.
    system.capture(0, 0, 0, "closed\n")
    system.device("video0", refcnt=0)
    system.device("video1", refcnt=0)
    system.process(400, "chrome", "/dev/video0")
    check = system.check()
    assert check.camera_devices() == ["video0", "video1"]
    assert check.camera_open() is False
    assert check.reason() is None


def test_a_referenced_driver_means_open_and_the_search_finds_who(system: FakeSystem) -> None:
    system.capture(0, 0, 0, "closed\n")
    system.device("video0", refcnt=1)
    system.process(400, "zoom", "/dev/video0")
    check = system.check()
    assert check.camera_open() is True
    assert check.reason() == REASON


def test_a_camera_open_elsewhere_than_in_our_processes_is_not_our_call(system: FakeSystem) -> None:
    system.capture(0, 0, 0, "closed\n")
    system.device("video0", refcnt=1)  # another user's process (not in our search) holds it
    system.process(400, "bash")
    assert system.check().reason() is None


def test_a_driver_built_into_the_kernel_cannot_tell_so_the_search_decides(system: FakeSystem) -> None:
    system.capture(0, 0, 0, "closed\n")
    system.device("video0", refcnt=None)
    check = system.check()
    assert check.camera_open() is None
    assert check.reason() is None
    system.process(400, "zoom", "/dev/video0")
    assert check.reason() == REASON


def test_one_closed_and_one_unknown_camera_is_unknown(system: FakeSystem) -> None:
    system.device("video0", refcnt=0)
    system.device("video1", refcnt=None, module="ipu6")
    assert system.check().camera_open() is None


def test_without_alsa_status_files_an_app_holding_a_capture_device_counts(system: FakeSystem) -> None:
    system.process(300, "pulseaudio", "/dev/snd/pcmC0D0c")
    check = system.check()
    assert check.capture_states() == {}
    assert check.reason() is None  # only a sound server holds it: maybe idle
    system.process(500, "arecord", "/dev/snd/pcmC0D0c")
    assert check.reason() == REASON
    assert check.find_device_user() == (500, "/dev/snd/pcmC0D0c")


def test_playback_and_control_devices_are_not_capture(system: FakeSystem) -> None:
    system.process(500, "mpv", "/dev/snd/pcmC0D0p", "/dev/snd/controlC0", "/dev/snd/pcmC0D0c.bak")
    assert system.check().reason() is None


def test_newest_processes_are_searched_first(system: FakeSystem) -> None:
    system.device("video0")
    system.process(90, "old-daemon", "/dev/video0")
    system.process(4000, "zoom", "/dev/video0")
    assert system.check().find_device_user() == (4000, "/dev/video0")


def test_unreadable_and_vanishing_entries_are_skipped(system: FakeSystem) -> None:
    system.device("video0")
    (system.proc / "600").mkdir()  # a process without fd/ (gone, or not dumpable)
    (system.proc / "self").symlink_to("600")
    (system.proc / "meminfo").write_text("")
    system.process(700, "chrome", "/dev/video0")
    assert system.check().reason() == REASON


def test_missing_proc_is_no_reason(tmp_path: Path) -> None:
    check = LinuxInCallCheck(proc_root=tmp_path / "nope", dev_root=tmp_path / "nodev")
    assert check.reason() is None


def test_the_search_gives_up_after_its_budget_and_logs_once(
    system: FakeSystem, caplog: pytest.LogCaptureFixture
) -> None:
    system.device("video0")
    for pid in range(100, 110):
        system.process(pid, "app")
    system.process(50, "chrome", "/dev/video0")  # the oldest: searched last
    now = [0.0]

    def clock() -> float:
        now[0] += 0.01  # every look at the clock costs 10 ms
        return now[0]

    check = system.check(time_budget=0.05, clock=clock)
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.in_call_linux"):
        assert check.reason() is None
        assert check.reason() is None
    assert len([r for r in caplog.records if "stopped after 50 ms" in r.getMessage()]) == 1


def test_an_unexpected_error_is_none_and_logged_once(
    system: FakeSystem, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = system.check()

    def boom() -> dict[str, str]:
        raise ValueError("odd /proc")

    monkeypatch.setattr(check, "capture_states", boom)
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.in_call_linux"):
        assert check.reason() is None
        assert check.reason() is None
    assert len([r for r in caplog.records if "failed" in r.getMessage()]) == 1


def test_searching_300_processes_is_quick(system: FakeSystem) -> None:
    system.device("video0")
    system.capture(0, 0, 0, "closed\n")
    for pid in range(1000, 1300):
        system.process(pid, "app", *[f"/home/u/file{n}" for n in range(20)], "/dev/dri/card0")
    check = system.check(time_budget=5.0)
    check.reason()  # warm the dentry cache as a running desktop would have it
    started = time.perf_counter()
    assert check.reason() is None
    elapsed = time.perf_counter() - started
    assert elapsed < 0.25, f"{elapsed * 1000:.1f} ms for 300 processes with 25 fds each"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux /proc")
def test_the_real_proc_is_read_through_readlinkat(tmp_path: Path) -> None:
    # A child of ours holds /dev/null open on a known fd; the real /proc shows it.
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os,sys; fd=os.open('/dev/zero', os.O_RDONLY); print(fd, flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip().isdigit()
        check = LinuxInCallCheck(dev_root=tmp_path)
        assert "/dev/zero" in list(check._open_files(child.pid))
        assert child.pid in set(check._own_pids())
        started = time.perf_counter()
        check.reason()  # real /proc: whatever this machine has, it answers quickly
        assert time.perf_counter() - started < 0.25
    finally:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.close()
        child.wait(timeout=10)
        child.stdout.close()
