"""The Wayland idle source on ext-idle-notify-v1, against a stand-in compositor process.

ext_idle_compositor.py (pywayland's server side) offers ext_idle_notifier_v1 v2 and a wl_seat
on a real Unix socket and sends idled/resumed when the test says so. Real: libwayland on both
sides, the socket, the protocol's requests and events, the QSocketNotifier that reads them from
the Qt event loop, the factory. Not real: the input (the stand-in decides when the seat is idle).
No test sleeps for its logic: the stand-in answers each command once the events are sent.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pywayland", reason="the stand-in compositor runs on pywayland (installed by `.[test]`)")

from deskbreak.platform.idle import create_idle_monitor  # noqa: E402
from deskbreak.platform.idle_base import IdleMonitorUnavailable  # noqa: E402
from deskbreak.platform.idle_wayland import EXT_IDLE_NOTIFY, WaylandIdleMonitor  # noqa: E402

SCRIPT = Path(__file__).resolve().parent / "ext_idle_compositor.py"
START_TIMEOUT = 15.0


class StandIn:
    """The stand-in compositor process and its command channel (ended by its PID)."""

    def __init__(self, runtime: Path, name: str = "wayland-ext-test") -> None:
        self.runtime = runtime
        self.name = name
        env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "WAYLAND_DISPLAY": name}
        self.popen = subprocess.Popen(
            [sys.executable, str(SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        line = self._line(START_TIMEOUT)
        if not line.startswith("ready"):
            self.stop()
            pytest.fail(f"stand-in compositor did not start: {line!r}")

    def _line(self, timeout: float) -> str:
        assert self.popen.stdout is not None
        fd = self.popen.stdout.fileno()
        deadline = time.monotonic() + timeout
        data = b""
        while not data.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                break
            chunk = os.read(fd, 1)
            if not chunk:
                break
            data += chunk
        return data.decode().strip()

    def command(self, line: str) -> dict[str, Any]:
        assert self.popen.stdin is not None
        self.popen.stdin.write(line.encode() + b"\n")
        self.popen.stdin.flush()
        reply = self._line(10.0)
        assert reply, f"no answer to {line!r}"
        result: dict[str, Any] = json.loads(reply)
        return result

    def notifications(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.command("list")["notifications"]
        return result

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(5)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(5)
        for stream in (self.popen.stdin, self.popen.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture
def runtime() -> Iterator[Path]:
    # A short path: Unix socket paths are limited to 108 bytes, pytest's tmp_path can be longer.
    folder = Path(tempfile.mkdtemp(prefix="dbw-"))
    folder.chmod(0o700)
    yield folder
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()


@pytest.fixture
def compositor(runtime: Path) -> Iterator[StandIn]:
    standin = StandIn(runtime)
    yield standin
    standin.stop()


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_registers_an_input_idle_notification_and_releases_it(compositor: StandIn, qapp: object) -> None:
    monitor = WaylandIdleMonitor(compositor.name, runtime_dir=str(compositor.runtime))
    try:
        assert monitor.protocol == EXT_IDLE_NOTIFY
        # v2's input-only request (idle inhibitors do not hide a user who walked away)
        assert compositor.notifications() == [{"timeout_ms": 30_000, "input_only": True, "idle": False}]
    finally:
        monitor.close()
    assert compositor.notifications() == []  # destroyed on close, as the protocol asks
    assert monitor.idle_seconds() is None
    monitor.close()  # twice is fine


def test_idled_and_resumed_events_drive_idle_seconds(compositor: StandIn, qapp: object) -> None:
    clock = Clock()
    monitor = WaylandIdleMonitor(
        compositor.name, runtime_dir=str(compositor.runtime), timeouts=(30.0, 300.0), clock=clock
    )
    try:
        assert [n["timeout_ms"] for n in compositor.notifications()] == [30_000, 300_000]
        assert monitor.idle_seconds() == 0.0
        clock.now += 12.0
        assert monitor.idle_seconds() == 12.0  # no input seen since the start
        clock.now += 30.0
        assert compositor.command("idled 0") == {"sent": 1}  # the 30 s one: input 30 s ago
        assert monitor.idle_seconds() == 30.0
        clock.now += 270.0
        assert compositor.command("idled 1") == {"sent": 1}  # the 300 s one agrees
        assert monitor.idle_seconds() == 300.0
        clock.now += 100.0
        assert monitor.idle_seconds() == 400.0  # from the clock, no event needed
        assert compositor.command("resumed") == {"sent": 2}
        assert monitor.idle_seconds() == 0.0
        assert not monitor.idle
    finally:
        monitor.close()


def test_events_are_read_from_the_qt_event_loop(compositor: StandIn, qtbot: Any) -> None:
    """The QSocketNotifier dispatches events as they come, without anyone asking idle_seconds()."""
    clock = Clock()
    monitor = WaylandIdleMonitor(compositor.name, runtime_dir=str(compositor.runtime), clock=clock)
    try:
        compositor.command("idled")
        qtbot.waitUntil(lambda: monitor.idle, timeout=5000)
        clock.now += 60.0  # the event was dated when the loop read it, not when asked
        assert monitor.idle_seconds() == 90.0
        compositor.command("resumed")
        qtbot.waitUntil(lambda: not monitor.idle, timeout=5000)
        assert monitor.idle_seconds() == 0.0
    finally:
        monitor.close()


def test_the_compositor_going_away_gives_none(compositor: StandIn, qapp: object) -> None:
    monitor = WaylandIdleMonitor(compositor.name, runtime_dir=str(compositor.runtime))
    try:
        assert monitor.idle_seconds() is not None
        compositor.command("kick")  # the compositor drops the client
        deadline = time.monotonic() + 5
        while monitor.idle_seconds() is not None and time.monotonic() < deadline:
            select.select([], [], [], 0.02)
        assert monitor.idle_seconds() is None
        assert monitor.lost
    finally:
        monitor.close()


def test_a_compositor_that_never_answers_is_unavailable_within_the_timeout(runtime: Path) -> None:
    import socket

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)  # accepts, then says nothing
    listener.bind(str(runtime / "wayland-mute"))
    listener.listen(1)
    try:
        started = time.monotonic()
        with pytest.raises(IdleMonitorUnavailable, match="did not answer"):
            WaylandIdleMonitor("wayland-mute", runtime_dir=str(runtime), connect_timeout=0.3)
        assert time.monotonic() - started < 2.0
    finally:
        listener.close()


def test_factory_picks_the_wayland_source_on_a_wlroots_session(compositor: StandIn, qapp: object) -> None:
    environ = {
        "XDG_SESSION_TYPE": "wayland",
        "XDG_CURRENT_DESKTOP": "sway",
        "WAYLAND_DISPLAY": compositor.name,
        "XDG_RUNTIME_DIR": str(compositor.runtime),
    }
    monitor = create_idle_monitor(platform="linux", environ=environ)
    try:
        assert monitor.name == "wayland"
        reading = monitor.idle_seconds()
        assert reading is not None and 0.0 <= reading < 5.0
    finally:
        monitor.close()
