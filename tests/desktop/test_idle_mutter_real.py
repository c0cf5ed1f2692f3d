"""GNOME's idle source (Mutter's IdleMonitor) over a real dbus-daemon, through real QtDBus.

A private session bus (DesktopSession, no tray or notifications) and a stand-in Mutter
(fake_mutter_idle.py, PySide6 QtDBus, answering GetIdletime as a uint64 of milliseconds, as
Mutter does) whose answers the test changes through a state file.

Built without an address, GnomeIdleMonitor talks to Qt's shared session bus connection
(QDBusConnection.sessionBus(), made once per process from DBUS_SESSION_BUS_ADDRESS), so the
factory's monitor is driven in a child process started with the private bus's environment: the
probe below, which builds the monitor with the real factory from its own os.environ, exactly as
the app does, and answers the test's commands one JSON line each. Given ``bus_address`` it opens
a connection of its own to that bus: that is tested in this process, whose own session bus is
never touched. What is real: the bus, the service process, the monitor's QtDBus calls, timeouts and
replies, the factory's choice and probing, and the app. What is not: the service's numbers (set
by the test instead of by input).
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from app_runner import RunningApp
from conftest import desktop_required
from harness import DesktopSession, missing_tools

from deskbreak.platform.idle import choose_backends
from deskbreak.platform.idle_base import IdleMonitorUnavailable
from deskbreak.platform.idle_gnome import (
    CALL_TIMEOUT_MS,
    INTERFACE,
    METHOD,
    OBJECT_PATH,
    SERVICE,
    GnomeIdleMonitor,
)

HERE = Path(__file__).resolve().parent
SERVICE_SCRIPT = HERE / "fake_mutter_idle.py"
START_TIMEOUT = 15.0
ANSWER_TIMEOUT = 10.0

# A GNOME Wayland session: on Wayland the X11 source (which Xvfb would offer) is never chosen.
GNOME = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "GNOME"}

# The child that owns the monitor. Commands on stdin, one JSON answer per line on stdout:
#   create  build the monitor with create_idle_monitor(platform="linux", environ=os.environ)
#   idle    one idle_seconds() call, timed
#   raw     the same D-Bus call made by hand, to see the reply's signature on the wire
PROBE = """
import json, os, sys, time
from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage
from deskbreak.platform.idle import NullIdleMonitor, create_idle_monitor
from deskbreak.platform.idle_gnome import INTERFACE, METHOD, OBJECT_PATH, SERVICE

app = QCoreApplication(["deskbreak-idle-probe"])
monitor = None
print("ready", flush=True)
for line in sys.stdin:
    command = line.strip()
    if command == "create":
        if monitor is not None:
            monitor.close()
        started = time.monotonic()
        monitor = create_idle_monitor(platform="linux", environ=os.environ)
        answer = {
            "name": monitor.name,
            "type": type(monitor).__name__,
            "reason": getattr(monitor, "reason", None) if isinstance(monitor, NullIdleMonitor) else None,
            "took": time.monotonic() - started,
        }
    elif command == "idle":
        started = time.monotonic()
        value = monitor.idle_seconds()
        answer = {"idle": value, "took": time.monotonic() - started}
    elif command == "raw":
        message = QDBusMessage.createMethodCall(SERVICE, OBJECT_PATH, INTERFACE, METHOD)
        reply = QDBusConnection.sessionBus().call(message, QDBus.CallMode.Block, 2000)
        answer = {
            "reply": reply.type() == QDBusMessage.MessageType.ReplyMessage,
            "signature": reply.signature(),
            "args": [repr(a) for a in reply.arguments()],
        }
    else:
        answer = {"error": f"unknown command {command!r}"}
    print(json.dumps(answer), flush=True)
if monitor is not None:
    monitor.close()
"""


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DesktopSession]:
    """A private session bus (and the Xvfb DesktopSession always has); no dunst, no tray."""
    missing = [tool for tool in missing_tools() if tool in ("Xvfb", "dbus-daemon")]
    if missing:
        message = f"missing {', '.join(missing)} (apt install xvfb dbus dbus-bin)"
        if desktop_required():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with DesktopSession(tmp_path_factory.mktemp("mutter"), tray=False, notifications=False) as s:
        yield s


def _read_line(fd: int, timeout: float) -> str:
    """The next line the process prints, '' on EOF or after ``timeout`` seconds (never a hang)."""
    deadline = time.monotonic() + timeout
    data = b""
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            break
        chunk = os.read(fd, 1)  # one byte at a time: never swallow the start of the next line
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace").strip()


def _end(popen: subprocess.Popen[bytes]) -> None:
    """End our own child by its PID (SIGCONT in case it was stopped, SIGTERM, then SIGKILL)."""
    if popen.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(popen.pid, signal.SIGCONT)
        popen.terminate()
        try:
            popen.wait(timeout=5)
        except subprocess.TimeoutExpired:
            popen.kill()
            popen.wait(timeout=5)
    for stream in (popen.stdin, popen.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


class FakeMutter:
    """The stand-in Mutter process: its answers, and its life (stopped, paused, resumed)."""

    def __init__(self, session: DesktopSession, workdir: Path) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        self.state = workdir / "state.json"
        self.log_path = workdir / "service.log"
        self.set(idle=0)
        with open(self.log_path, "wb") as log:
            self.popen = subprocess.Popen(
                [sys.executable, str(SERVICE_SCRIPT), str(self.state)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log,
                env=session.env,
                start_new_session=True,
            )
        assert self.popen.stdout is not None
        line = _read_line(self.popen.stdout.fileno(), START_TIMEOUT)
        if line != "ready":
            self.stop()
            pytest.fail(f"fake Mutter did not start: {line!r}; {self.log_path.read_text()}")

    def set(self, *, idle: int) -> None:
        temp = self.state.with_suffix(".tmp")
        temp.write_text(json.dumps({"idle": idle}))
        os.replace(temp, self.state)  # the service never reads half a file

    def pause(self) -> None:
        os.kill(self.popen.pid, signal.SIGSTOP)  # alive and owning the name, but not answering

    def resume(self) -> None:
        os.kill(self.popen.pid, signal.SIGCONT)

    def stop(self) -> None:
        """End the process by its PID and wait for it: the name is free."""
        _end(self.popen)


class MonitorProbe:
    """The child (PROBE) holding the monitor, on the private bus as a GNOME Wayland session."""

    def __init__(self, session: DesktopSession, workdir: Path) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        self.log_path = workdir / "probe.log"
        with open(self.log_path, "wb") as log:
            self.popen = subprocess.Popen(
                [sys.executable, "-c", PROBE],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env={**session.env, **GNOME},
                start_new_session=True,
            )
        assert self.popen.stdout is not None
        line = _read_line(self.popen.stdout.fileno(), START_TIMEOUT)
        if line != "ready":
            self.stop()
            pytest.fail(f"probe did not start: {line!r}; {self.log_path.read_text()}")

    def ask(self, command: str) -> dict[str, Any]:
        assert self.popen.stdin is not None and self.popen.stdout is not None
        self.popen.stdin.write(f"{command}\n".encode())
        self.popen.stdin.flush()
        line = _read_line(self.popen.stdout.fileno(), ANSWER_TIMEOUT)
        if not line:
            pytest.fail(f"probe gave no answer to {command!r}: {self.log_path.read_text()}")
        answer = json.loads(line)
        assert isinstance(answer, dict) and "error" not in answer, answer
        return answer

    def idle(self) -> float | None:
        return self.ask("idle")["idle"]

    def stop(self) -> None:
        _end(self.popen)


@pytest.fixture
def service(session: DesktopSession, tmp_path: Path) -> Iterator[FakeMutter]:
    svc = FakeMutter(session, tmp_path / "service")
    yield svc
    svc.stop()


@pytest.fixture
def probe(session: DesktopSession, tmp_path: Path) -> Iterator[MonitorProbe]:
    child = MonitorProbe(session, tmp_path / "probe")
    yield child
    child.stop()


def test_a_gnome_wayland_session_tries_mutter_first(session: DesktopSession) -> None:
    """Xvfb's DISPLAY is in the environment, but a Wayland session never chooses X11."""
    env = {**session.env, **GNOME}
    assert env["DISPLAY"]
    assert choose_backends("linux", env) == ["mutter", "screensaver"]


def test_the_stand_in_answers_a_uint64_like_mutter(service: FakeMutter, probe: MonitorProbe) -> None:
    service.set(idle=5_000_000_000)  # more than a uint32 holds (almost 58 days)
    raw = probe.ask("raw")
    assert raw["reply"], raw
    assert raw["signature"] == "t"
    assert raw["args"] == ["5000000000"]
    assert (SERVICE, OBJECT_PATH, INTERFACE, METHOD) == (
        "org.gnome.Mutter.IdleMonitor",
        "/org/gnome/Mutter/IdleMonitor/Core",
        "org.gnome.Mutter.IdleMonitor",
        "GetIdletime",
    )


def test_factory_picks_mutter_and_idle_follows_the_service(service: FakeMutter, probe: MonitorProbe) -> None:
    """GNOME session: the factory probes the real service; its milliseconds become seconds."""
    service.set(idle=5_000)
    created = probe.ask("create")
    assert created["name"] == "mutter", created
    assert created["type"] == "GnomeIdleMonitor"
    assert probe.idle() == pytest.approx(5.0)
    service.set(idle=61_250)
    assert probe.idle() == pytest.approx(61.25)
    service.set(idle=120)  # input: the counter restarted
    assert probe.idle() == pytest.approx(0.12)
    service.set(idle=5_000_000_000)  # a uint64 past the uint32 range still reads right
    assert probe.idle() == pytest.approx(5_000_000.0)
    service.set(idle=0)
    answer = probe.ask("idle")
    assert answer["idle"] == 0.0
    assert answer["took"] < 0.25, answer  # a healthy service answers at once


def test_an_explicit_bus_address_is_the_bus_asked(
    qapp: object, session: DesktopSession, service: FakeMutter, tmp_path: Path
) -> None:
    """In this process, whose own session bus (if any) is another one: the given address wins."""
    assert os.environ.get("DBUS_SESSION_BUS_ADDRESS") != session.bus_address
    service.set(idle=4_200)
    monitor = GnomeIdleMonitor(bus_address=session.bus_address)
    try:
        assert monitor.idle_seconds() == pytest.approx(4.2)
        service.set(idle=250)
        assert monitor.idle_seconds() == pytest.approx(0.25)
    finally:
        monitor.close()
    assert monitor.idle_seconds() is None  # its own connection is closed with it
    with pytest.raises(IdleMonitorUnavailable, match="nothing-here"):  # no quiet fall back
        GnomeIdleMonitor(bus_address=f"unix:path={tmp_path}/nothing-here")


def test_hung_or_vanished_mutter_answers_none_without_hanging(
    session: DesktopSession, probe: MonitorProbe, tmp_path: Path
) -> None:
    first = FakeMutter(session, tmp_path / "first")
    second: FakeMutter | None = None
    try:
        first.set(idle=3_000)
        assert probe.ask("create")["name"] == "mutter"
        assert probe.idle() == pytest.approx(3.0)

        first.pause()  # owns the name but does not answer: the call's timeout bounds the wait
        answer = probe.ask("idle")
        assert answer["idle"] is None
        assert CALL_TIMEOUT_MS / 1000 * 0.5 <= answer["took"] < 2.0, answer  # one timeout, no hang
        first.resume()
        assert probe.idle() == pytest.approx(3.0)

        first.stop()  # gone: the bus answers ServiceUnknown at once
        answer = probe.ask("idle")
        assert answer["idle"] is None
        assert answer["took"] < 1.0, answer

        second = FakeMutter(session, tmp_path / "second")  # it comes back (gnome-shell restarted)
        second.set(idle=9_000)
        assert probe.idle() == pytest.approx(9.0)
    finally:
        first.stop()
        if second is not None:
            second.stop()


def test_no_mutter_on_the_bus_falls_through_to_none(probe: MonitorProbe) -> None:
    """Nothing owns the name: mutter, then screensaver, both refused at once; wall time."""
    created = probe.ask("create")
    assert created["name"] == "none", created
    assert "'mutter' gave no reading" in created["reason"]
    assert "'screensaver'" in created["reason"]
    assert created["took"] < 2.0, created


def test_a_hung_mutter_at_start_is_given_up_after_one_timeout(
    service: FakeMutter, probe: MonitorProbe
) -> None:
    service.pause()
    created = probe.ask("create")
    assert created["name"] == "none", created
    assert "'mutter' gave no reading" in created["reason"]
    assert created["took"] < 3.0, created


def test_status_json_reports_mutter_as_the_idle_source_of_the_running_app(
    session: DesktopSession, service: FakeMutter, tmp_path: Path
) -> None:
    """The real app on this bus, as a GNOME Wayland session: `status --json` names the source."""
    service.set(idle=7_000)
    app = RunningApp(session, tmp_path / "home")
    app.env.update(GNOME)
    try:
        app.start()
        status = app.status()
        assert status["idle_source"] == "mutter", app.stderr
        assert status["idle_seconds"] == pytest.approx(7.0, abs=0.01)
    finally:
        app.stop()

    service.stop()  # nothing answers now: the app degrades to wall time and says which source
    bare = RunningApp(session, tmp_path / "bare")
    bare.env.update(GNOME)
    try:
        bare.start()
        status = bare.status()
        assert status["idle_source"] == "none"
        assert status["idle_seconds"] is None
    finally:
        bare.stop()
