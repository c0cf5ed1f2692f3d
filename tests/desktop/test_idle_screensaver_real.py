"""The org.freedesktop.ScreenSaver idle source over a real dbus-daemon, through real QtDBus.

A private session bus (DesktopSession, no tray or notifications) and a stand-in service
(fake_screensaver.py, PySide6 QtDBus, answering like KDE: uint32 and boolean) whose answers the
test changes through a state file. What is real: the bus, the service process, the monitor's
own QtDBus connection, calls, timeouts and replies, and the factory's probing. What is not: the
service's numbers (set by the test instead of by input).
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_runner import RunningApp
from harness import DesktopSession, missing_tools

from deskbreak.platform.idle import NullIdleMonitor, create_idle_monitor
from deskbreak.platform.idle_base import IdleMonitorUnavailable
from deskbreak.platform.idle_screensaver import CALL_TIMEOUT_MS, ScreenSaverIdleMonitor

HERE = Path(__file__).resolve().parent
SERVICE_SCRIPT = HERE / "fake_screensaver.py"
START_TIMEOUT = 15.0

# A Wayland session (so the X11 source, which Xvfb would offer, is not the one chosen).
KDE = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "KDE"}
XFCE = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "XFCE"}


def _required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("DESKBREAK_REQUIRE_DESKTOP") == "1"


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DesktopSession]:
    """A private session bus (and the Xvfb DesktopSession always has); no dunst, no tray."""
    missing = [tool for tool in missing_tools() if tool in ("Xvfb", "dbus-daemon")]
    if missing:
        message = f"missing {', '.join(missing)} (apt install xvfb dbus dbus-bin)"
        if _required():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with DesktopSession(tmp_path_factory.mktemp("screensaver"), tray=False, notifications=False) as s:
        yield s


class FakeService:
    """The stand-in service process: its answers, and its life (stopped, paused, resumed)."""

    def __init__(self, session: DesktopSession, workdir: Path, *extra: str) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        self.state = workdir / "state.json"
        self.log_path = workdir / "service.log"
        self.set(idle=0, active=False)
        with open(self.log_path, "wb") as log:
            self.popen = subprocess.Popen(
                [sys.executable, str(SERVICE_SCRIPT), str(self.state), *extra],
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
            pytest.fail(f"fake ScreenSaver did not start: {line!r}; {self.log_path.read_text()}")

    def set(self, *, idle: int, active: bool) -> None:
        temp = self.state.with_suffix(".tmp")
        temp.write_text(json.dumps({"idle": idle, "active": active}))
        os.replace(temp, self.state)  # the service never reads half a file

    def pause(self) -> None:
        os.kill(self.popen.pid, signal.SIGSTOP)  # alive and owning the name, but not answering

    def resume(self) -> None:
        os.kill(self.popen.pid, signal.SIGCONT)

    def stop(self) -> None:
        """End the process by its PID (SIGTERM, then SIGKILL) and wait for it: the name is free."""
        if self.popen.poll() is None:
            self.resume()
            self.popen.terminate()
            try:
                self.popen.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=5)
        if self.popen.stdout is not None:
            self.popen.stdout.close()


def _read_line(fd: int, timeout: float) -> str:
    """The first line the process prints, '' on EOF or after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    data = b""
    while b"\n" not in data:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            break
        chunk = os.read(fd, 256)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace").strip()


@pytest.fixture
def service(session: DesktopSession, tmp_path: Path) -> Iterator[FakeService]:
    svc = FakeService(session, tmp_path)
    yield svc
    svc.stop()


def test_factory_picks_the_screensaver_and_idle_follows_the_service(
    qapp: object, session: DesktopSession, service: FakeService
) -> None:
    """KDE session: the factory probes the real service; its milliseconds become seconds."""
    service.set(idle=5_000, active=False)
    monitor = create_idle_monitor(platform="linux", environ={**session.env, **KDE})
    try:
        assert monitor.name == "screensaver"
        assert monitor.idle_seconds() == pytest.approx(5.0)
        service.set(idle=61_250, active=False)
        assert monitor.idle_seconds() == pytest.approx(61.25)
        service.set(idle=120, active=False)  # input: the counter restarted
        assert monitor.idle_seconds() == pytest.approx(0.12)
    finally:
        monitor.close()


def test_seconds_on_a_session_not_named_kde(
    qapp: object, session: DesktopSession, service: FakeService
) -> None:
    service.set(idle=42, active=False)
    monitor = create_idle_monitor(platform="linux", environ={**session.env, **XFCE})
    try:
        assert monitor.name == "screensaver"
        assert monitor.idle_seconds() == 42.0
    finally:
        monitor.close()


def test_get_active_true_reads_as_away(qapp: object, session: DesktopSession, service: FakeService) -> None:
    monitor = ScreenSaverIdleMonitor(bus_address=session.bus_address, milliseconds=True)
    try:
        service.set(idle=400_000, active=True)  # locked after almost 7 minutes without input
        first = monitor.idle_seconds()
        assert first is not None and first >= 400.0
        assert monitor.locked
        service.set(idle=0, active=True)  # the lock screen woke: counter restarted, nobody back
        again = monitor.idle_seconds()
        assert again is not None and again >= first
        service.set(idle=0, active=False)  # unlocked: back at the desk
        assert monitor.idle_seconds() == 0.0
        assert not monitor.locked
    finally:
        monitor.close()


def test_service_vanishing_and_hanging_answer_none_without_hanging(
    qapp: object, session: DesktopSession, tmp_path: Path
) -> None:
    first = FakeService(session, tmp_path / "first")
    monitor = ScreenSaverIdleMonitor(bus_address=session.bus_address, milliseconds=True)
    second: FakeService | None = None
    try:
        first.set(idle=3_000, active=False)
        assert monitor.idle_seconds() == pytest.approx(3.0)

        first.pause()  # owns the name but does not answer: the call's timeout bounds the wait
        started = time.monotonic()
        assert monitor.idle_seconds() is None
        waited = time.monotonic() - started
        assert CALL_TIMEOUT_MS / 1000 * 0.5 <= waited < 2.0, waited  # one timeout, not two, no hang
        first.resume()
        assert monitor.idle_seconds() == pytest.approx(3.0)

        first.stop()  # gone: the bus answers ServiceUnknown at once
        started = time.monotonic()
        assert monitor.idle_seconds() is None
        assert time.monotonic() - started < 1.0

        second = FakeService(session, tmp_path / "second")  # it comes back (a restarted session)
        second.set(idle=9_000, active=False)
        assert monitor.idle_seconds() == pytest.approx(9.0)
    finally:
        monitor.close()
        first.stop()
        if second is not None:
            second.stop()


def test_service_without_get_session_idle_time_is_not_used(
    qapp: object, session: DesktopSession, tmp_path: Path
) -> None:
    """Like GNOME's or a screen locker's ScreenSaver: GetActive only. The factory falls through."""
    svc = FakeService(session, tmp_path, "--no-idle-method")
    try:
        with pytest.raises(IdleMonitorUnavailable, match="UnknownMethod"):
            ScreenSaverIdleMonitor(bus_address=session.bus_address)
        monitor = create_idle_monitor(platform="linux", environ={**session.env, **KDE})
        assert isinstance(monitor, NullIdleMonitor)
        assert "'screensaver' unavailable" in monitor.reason
        assert monitor.take_notice() is not None
    finally:
        svc.stop()


def test_no_service_on_the_bus_is_unavailable_at_once(qapp: object, session: DesktopSession) -> None:
    started = time.monotonic()
    monitor = create_idle_monitor(platform="linux", environ={**session.env, **KDE})
    assert isinstance(monitor, NullIdleMonitor)
    assert "ServiceUnknown" in monitor.reason
    assert time.monotonic() - started < 2.0


def test_status_json_reports_the_idle_source_of_the_running_app(
    session: DesktopSession, service: FakeService, tmp_path: Path
) -> None:
    """The real app on this bus, as a KDE Wayland session: `status --json` names the source."""
    service.set(idle=7_000, active=False)
    app = RunningApp(session, tmp_path / "home")
    app.env.update(KDE)
    try:
        app.start()
        status = app.status()
        assert status["idle_source"] == "screensaver"
        assert status["idle_seconds"] == pytest.approx(7.0, abs=0.01)
    finally:
        app.stop()

    service.stop()  # nothing answers now: the app degrades to wall time and says which source
    bare = RunningApp(session, tmp_path / "bare")
    bare.env.update(KDE)
    try:
        bare.start()
        status = bare.status()
        assert status["idle_source"] == "none"
        assert status["idle_seconds"] is None
    finally:
        bare.stop()


def test_a_break_keeps_the_screen_awake_and_lets_go_by_closing_its_connection(
    qapp: object, session: DesktopSession, service: FakeService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ScreenAwake (the break window's keep-awake): Inhibit on its own connection; released, the
    connection is gone from the bus, which is how the desktop drops the inhibition."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    from deskbreak.platform.screen_awake import CONNECTION, ScreenAwake, create_screen_awake

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session.bus_address)
    awake = create_screen_awake(platform="linux")
    assert isinstance(awake, ScreenAwake)
    record = service.state.with_name("inhibits.jsonl")
    assert awake.hold("A guided deskbreak routine is running") and awake.hold()  # a second hold: one request
    deadline = time.monotonic() + 5
    while not record.exists() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    unique = QDBusConnection(CONNECTION).baseService()
    assert unique.startswith(":")
    assert json.loads(record.read_text().splitlines()[0]) == [
        "deskbreak",
        "A guided deskbreak routine is running",
    ]
    assert len(record.read_text().splitlines()) == 1

    awake.release()
    awake.release()  # idempotent
    probe = QDBusConnection.connectToBus(session.bus_address, "screen-awake-probe")
    try:
        ask = QDBusMessage.createMethodCall(
            "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner"
        )
        ask.setArguments([unique])
        deadline = time.monotonic() + 5
        while (owned := probe.call(ask).arguments()[0]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert owned is False and not awake.held
    finally:
        QDBusConnection.disconnectFromBus("screen-awake-probe")
