"""Inhibitor checks against a real private session bus and a real X server (Xvfb).

D-Bus: a stand-in gnome-session / PowerDevil (fake_session_manager.py, PySide6 QtDBus) on the
harness's private dbus-daemon, its answers changed through a state file. What is real: the bus,
the service process, the check's own QtDBus connection, Properties.Get on a uint32 property,
errors and timeouts. What is not: who holds the inhibitors (the test sets the bitmask).

X11: a child process (xss_suspender.py) calls XScreenSaverSuspend on the harness's Xvfb, exactly
as mpv does; the check reads the server's screensaver state through libXss. The server's
screensaver timeout is set to one second (XSetScreenSaver, what ``xset s 1`` does) so the
saver comes on, or is held off, within the test. Input is made with xdotool.

Missing Xvfb/dbus-daemon/xdotool skip these tests locally and fail them in CI.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import desktop_required
from harness import DesktopSession, missing_tools

from deskbreak.platform.inhibit_linux import (
    CALL_TIMEOUT_MS,
    SessionBusInhibitCheck,
    X11InhibitCheck,
)
from deskbreak.platform.inhibitors import (
    CombinedInhibitCheck,
    NullInhibitCheck,
    create_inhibit_check,
)

HERE = Path(__file__).resolve().parent
SERVICE_SCRIPT = HERE / "fake_session_manager.py"
SUSPENDER_SCRIPT = HERE / "xss_suspender.py"
START_TIMEOUT = 15.0
BUDGET = 0.05  # the contract: an answer within about 50 ms

# Only the session-bus source: no X11 source even though Xvfb runs.
WAYLAND = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "GNOME"}


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DesktopSession]:
    missing = [tool for tool in missing_tools() if tool in ("Xvfb", "dbus-daemon", "xdotool")]
    if missing:
        message = f"missing {', '.join(missing)} (apt install xvfb dbus dbus-bin xdotool)"
        if desktop_required():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with DesktopSession(tmp_path_factory.mktemp("inhibit"), tray=False, notifications=False) as s:
        yield s


def _read_line(stream: Any, timeout: float) -> str:
    """One line from a child's stdout pipe, '' on EOF or timeout (select, never a hang)."""
    import select

    fd = stream.fileno()
    deadline = time.monotonic() + timeout
    data = b""
    while b"\n" not in data:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            break
        chunk = os.read(fd, 1)
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


class FakeDesktopService:
    """fake_session_manager.py as gnome-session (default) or PowerDevil (kde=True)."""

    def __init__(self, session: DesktopSession, workdir: Path, *, kde: bool = False) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        self.state = workdir / "state.json"
        self.set(inhibited_actions=0, has_inhibit=False)
        with open(workdir / "service.log", "wb") as log:
            self.popen = subprocess.Popen(
                [sys.executable, str(SERVICE_SCRIPT), str(self.state), *(["--kde"] if kde else [])],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log,
                env=session.env,
                start_new_session=True,
            )
        line = _read_line(self.popen.stdout, START_TIMEOUT)
        if line != "ready":
            self.stop()
            pytest.fail(f"fake service did not start: {line!r}; {(workdir / 'service.log').read_text()}")

    def set(self, *, inhibited_actions: int = 0, has_inhibit: bool = False) -> None:
        temp = self.state.with_suffix(".tmp")
        temp.write_text(json.dumps({"inhibited_actions": inhibited_actions, "has_inhibit": has_inhibit}))
        os.replace(temp, self.state)

    def pause(self) -> None:
        os.kill(self.popen.pid, signal.SIGSTOP)

    def resume(self) -> None:
        os.kill(self.popen.pid, signal.SIGCONT)

    def stop(self) -> None:
        _end(self.popen)


def _timed(check: Any) -> tuple[bool | None, float]:
    started = time.perf_counter()
    answer = check.inhibited()
    return answer, time.perf_counter() - started


# -- session bus ---------------------------------------------------------------------------------


def test_gnome_inhibited_actions_flip_the_check(
    qapp: object, session: DesktopSession, tmp_path: Path
) -> None:
    service = FakeDesktopService(session, tmp_path)
    check = create_inhibit_check({**session.env, **WAYLAND}, "linux")
    try:
        assert isinstance(check, CombinedInhibitCheck)
        assert check.names == ("session-bus",)
        for actions, expected in [(0, False), (8, True), (4, False), (1 | 4 | 8, True), (0, False)]:
            service.set(inhibited_actions=actions)
            answer, took = _timed(check)
            assert answer is expected, (actions, answer)
            assert took < BUDGET, took
    finally:
        check.close()
        service.stop()


def test_gnome_service_gone_or_hung_is_unknown_without_hanging(
    qapp: object, session: DesktopSession, tmp_path: Path
) -> None:
    service = FakeDesktopService(session, tmp_path)
    check = SessionBusInhibitCheck(bus_address=session.bus_address)
    try:
        service.set(inhibited_actions=8)
        assert check.inhibited() is True

        service.pause()  # owns the name, answers nothing: bounded by the call timeouts
        answer, took = _timed(check)
        assert answer is None
        # GNOME's call times out; KDE's name is absent (instant ServiceUnknown).
        assert CALL_TIMEOUT_MS / 1000 * 0.5 <= took < 3 * CALL_TIMEOUT_MS / 1000, took
        service.resume()
        assert check.inhibited() is True

        service.stop()  # gone: the bus says ServiceUnknown at once
        answer, took = _timed(check)
        assert answer is None
        assert took < BUDGET, took
    finally:
        check.close()
        service.stop()


def test_kde_has_inhibit_true_counts_false_is_unknown(
    qapp: object, session: DesktopSession, tmp_path: Path
) -> None:
    service = FakeDesktopService(session, tmp_path, kde=True)
    check = SessionBusInhibitCheck(bus_address=session.bus_address)
    try:
        service.set(has_inhibit=True)
        answer, took = _timed(check)
        assert answer is True and took < BUDGET
        service.set(has_inhibit=False)
        assert check.inhibited() is None
    finally:
        check.close()
        service.stop()


def test_nothing_on_the_bus_is_unknown(qapp: object, session: DesktopSession) -> None:
    check = create_inhibit_check({**session.env, **WAYLAND}, "linux")
    try:
        answer, took = _timed(check)
        assert answer is None and took < BUDGET
    finally:
        check.close()


# -- X11 -------------------------------------------------------------------------------------------


class XServer:
    """A libX11 connection of the test's own, for the server's screensaver settings."""

    def __init__(self, display: str) -> None:
        self.x11 = ctypes.CDLL("libX11.so.6")
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XSetScreenSaver.argtypes = [ctypes.c_void_p] + [ctypes.c_int] * 4
        self.x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.handle = self.x11.XOpenDisplay(display.encode())
        assert self.handle, f"cannot open {display}"

    def set_timeout(self, seconds: int) -> None:
        """Like `xset s SECONDS` (0: `xset s off`); blanking preferred, exposures allowed."""
        self.x11.XSetScreenSaver(self.handle, seconds, 0, 1, 1)
        self.x11.XSync(self.handle, 0)

    def close(self) -> None:
        if self.handle:
            self.x11.XCloseDisplay(self.handle)
            self.handle = None


class Suspender:
    """xss_suspender.py: suspends the screensaver at start; resume/suspend on request."""

    def __init__(self, session: DesktopSession) -> None:
        self.popen = subprocess.Popen(
            [sys.executable, str(SUSPENDER_SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=session.env,
            start_new_session=True,
        )
        assert _read_line(self.popen.stdout, START_TIMEOUT) == "suspended"

    def send(self, command: str, expect: str) -> None:
        assert self.popen.stdin is not None
        self.popen.stdin.write(f"{command}\n".encode())
        self.popen.stdin.flush()
        assert _read_line(self.popen.stdout, START_TIMEOUT) == expect

    def exit(self) -> None:
        """Close its stdin: it closes its display and exits on its own."""
        assert self.popen.stdin is not None
        self.popen.stdin.close()
        self.popen.wait(timeout=10)

    def stop(self) -> None:
        _end(self.popen)


@pytest.fixture
def xserver(session: DesktopSession) -> Iterator[XServer]:
    server = XServer(session.display)
    yield server
    server.set_timeout(600)  # the X server's default
    server.close()


def _touch(session: DesktopSession) -> None:
    """Real input: the idle counter restarts and an active saver goes off."""
    session.xdotool("mousemove", "--sync", "100", "100")
    session.xdotool("mousemove", "--sync", "200", "150")


def _settles_to(check: X11InhibitCheck, expected: bool | None, timeout: float = 8.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check.inhibited() is expected:
            return True
        time.sleep(0.1)
    return False


def test_x11_suspended_screensaver_reads_as_inhibited(session: DesktopSession, xserver: XServer) -> None:
    xserver.set_timeout(1)
    check = X11InhibitCheck(session.display)
    suspender: Suspender | None = None
    try:
        # Nobody suspends: once idle past the timeout the saver comes on: not inhibited.
        _touch(session)
        assert check.inhibited() is None  # just touched: too early to tell
        assert _settles_to(check, False), check.state()

        # A player suspends the saver (after input, as when one starts a film).
        _touch(session)
        suspender = Suspender(session)
        assert check.inhibited() is None  # idle shorter than the timeout: cannot tell yet
        assert _settles_to(check, True), check.state()
        state = check.state()
        assert state is not None and state.idle_ms >= 2000 and state.state == 0
        answer, took = _timed(check)
        assert answer is True and took < BUDGET

        # It lets go (the film ends): the server restarts idle; then the saver comes on.
        suspender.send("resume", "resumed")
        assert _settles_to(check, False), check.state()

        # Suspends again and then exits without resuming: the server drops the suspension.
        _touch(session)
        suspender.send("suspend", "suspended")
        assert _settles_to(check, True), check.state()
        suspender.exit()
        assert _settles_to(check, False), check.state()
    finally:
        if suspender is not None:
            suspender.stop()
        check.close()


def test_x11_screensaver_off_cannot_tell(session: DesktopSession, xserver: XServer) -> None:
    """`xset s off` (what many desktops set): X cannot tell suspended from not, so None."""
    xserver.set_timeout(0)
    check = X11InhibitCheck(session.display)
    suspender = Suspender(session)
    try:
        time.sleep(1.5)
        assert check.inhibited() is None
        state = check.state()
        assert state is not None and state.timeout_ms == 0
    finally:
        suspender.stop()
        check.close()


def test_factory_on_x11_combines_bus_and_x(
    qapp: object, session: DesktopSession, xserver: XServer, tmp_path: Path
) -> None:
    """An X11 session: both sources; GNOME's bit or the X suspension makes it True."""
    xserver.set_timeout(1)
    env = {**session.env, "XDG_SESSION_TYPE": "x11"}
    check = create_inhibit_check(env, "linux")
    service = FakeDesktopService(session, tmp_path)
    suspender: Suspender | None = None
    try:
        assert isinstance(check, CombinedInhibitCheck)
        assert check.names == ("session-bus", "x11-screensaver")
        service.set(inhibited_actions=8)
        assert check.inhibited() is True
        service.set(inhibited_actions=0)
        _touch(session)
        suspender = Suspender(session)
        deadline = time.monotonic() + 8
        while check.inhibited() is not True and time.monotonic() < deadline:
            time.sleep(0.1)
        assert check.inhibited() is True  # GNOME says no, X says held off: held off wins
    finally:
        if suspender is not None:
            suspender.stop()
        service.stop()
        check.close()


def test_factory_without_display_or_bus_is_null(qapp: object) -> None:
    check = create_inhibit_check({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"}, "linux")
    assert isinstance(check, NullInhibitCheck)
    assert check.inhibited() is None
