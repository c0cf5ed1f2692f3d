"""Linux inhibitor sources against a faked bus call and a fake libX11/libXss (no bus, no X)."""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Sequence
from typing import Any

import pytest

from deskbreak.platform.idle_gnome import DBusCallError
from deskbreak.platform.idle_x11 import XScreenSaverInfo
from deskbreak.platform.inhibit_linux import (
    GNOME_INHIBIT_IDLE,
    InhibitUnavailable,
    SessionBusInhibitCheck,
    X11InhibitCheck,
    X11ScreenSaverState,
    judge_x11_state,
)

GNOME = ("org.gnome.SessionManager", "/org/gnome/SessionManager", "org.freedesktop.DBus.Properties", "Get")
KDE = (
    "org.freedesktop.PowerManagement",
    "/org/freedesktop/PowerManagement/Inhibit",
    "org.freedesktop.PowerManagement.Inhibit",
    "HasInhibit",
)


class FakeBus:
    """Answers per (service, path, interface, method): a list of reply args or an exception."""

    def __init__(self) -> None:
        self.replies: dict[tuple[str, str, str, str], Sequence[object] | Exception] = {}
        self.calls: list[tuple[tuple[str, str, str, str], tuple[object, ...]]] = []

    def __call__(
        self, service: str, path: str, interface: str, method: str, args: Sequence[object]
    ) -> Sequence[object]:
        key = (service, path, interface, method)
        self.calls.append((key, tuple(args)))
        reply = self.replies.get(key, DBusCallError("org.freedesktop.DBus.Error.ServiceUnknown: gone"))
        if isinstance(reply, Exception):
            raise reply
        return reply


def test_gnome_idle_bit_decides() -> None:
    bus = FakeBus()
    check = SessionBusInhibitCheck(bus)
    bus.replies[GNOME] = [GNOME_INHIBIT_IDLE | 4]
    assert check.inhibited() is True
    assert bus.calls[0] == (GNOME, ("org.gnome.SessionManager", "InhibitedActions"))
    bus.replies[GNOME] = [4]  # suspend only (a download, an update): not idle
    assert check.inhibited() is False
    bus.replies[GNOME] = [0]
    assert check.inhibited() is False


def test_gnome_true_does_not_ask_kde() -> None:
    bus = FakeBus()
    bus.replies[GNOME] = [8]
    assert SessionBusInhibitCheck(bus).inhibited() is True
    assert [key for key, _ in bus.calls] == [GNOME]


@pytest.mark.parametrize("reply", [[], [True], ["8"], [-1], [8, 8], [None]])
def test_gnome_odd_replies_are_unknown(reply: list[object]) -> None:
    bus = FakeBus()
    bus.replies[GNOME] = reply
    assert SessionBusInhibitCheck(bus).gnome() is None


def test_kde_true_counts_false_proves_nothing() -> None:
    bus = FakeBus()
    check = SessionBusInhibitCheck(bus)
    bus.replies[KDE] = [True]
    assert check.inhibited() is True
    bus.replies[KDE] = [False]
    assert check.inhibited() is None  # no GNOME, and KDE's false may miss screensaver inhibitors
    bus.replies[KDE] = [1]  # not a boolean
    assert check.kde() is None


def test_gnome_false_with_kde_true_is_true() -> None:
    bus = FakeBus()
    bus.replies[GNOME] = [0]
    bus.replies[KDE] = [True]
    assert SessionBusInhibitCheck(bus).inhibited() is True


def test_nobody_on_the_bus_is_unknown_and_logged_once_per_desktop(caplog: pytest.LogCaptureFixture) -> None:
    check = SessionBusInhibitCheck(FakeBus())
    with caplog.at_level(logging.INFO, logger="deskbreak.platform.inhibit_linux"):
        for _ in range(3):
            assert check.inhibited() is None
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2
    assert "gnome" in messages[0] and "ServiceUnknown" in messages[0]
    assert all(r.levelno == logging.INFO for r in caplog.records)


def test_unexpected_exceptions_are_unknown_and_warned(caplog: pytest.LogCaptureFixture) -> None:
    bus = FakeBus()
    bus.replies[GNOME] = TypeError("bad marshalling")
    bus.replies[KDE] = [True]
    check = SessionBusInhibitCheck(bus)
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.inhibit_linux"):
        assert check.inhibited() is True  # GNOME failed, KDE still answers
    assert len(caplog.records) == 1 and caplog.records[0].exc_info is not None


def test_closed_check_answers_none_without_calling() -> None:
    bus = FakeBus()
    bus.replies[GNOME] = [8]
    check = SessionBusInhibitCheck(bus)
    check.close()
    check.close()
    assert check.inhibited() is None
    assert bus.calls == []


def test_unreachable_bus_raises_unavailable(qapp: object) -> None:
    with pytest.raises(InhibitUnavailable, match="no session bus"):
        SessionBusInhibitCheck(bus_address="unix:path=/nonexistent/deskbreak-bus")


# -- X11 ----------------------------------------------------------------------------------------

OFF, ON, CYCLE, DISABLED = 0, 1, 2, 3


@pytest.mark.parametrize(
    ("state", "til", "idle", "timeout", "expected"),
    [
        (OFF, 0, 700_000, 600_000, True),  # past the timeout and still off: held off
        (ON, 100_000, 700_000, 600_000, False),  # the saver came on: nothing held it
        (CYCLE, 5_000, 700_000, 600_000, False),
        (OFF, 300_000, 300_000, 600_000, None),  # not idle long enough to tell
        (OFF, 0, 600_200, 600_000, None),  # right at the timeout: the server may not have ticked
        (DISABLED, 0, 900_000, 0, None),  # xset s off: never tells
        (OFF, 0, 900_000, 0, None),
        (7, 0, 900_000, 600_000, None),  # unknown state
    ],
)
def test_judge_x11_state(state: int, til: int, idle: int, timeout: int, expected: bool | None) -> None:
    assert judge_x11_state(X11ScreenSaverState(state, til, idle, timeout)) is expected


DISPLAY_HANDLE = 0x5555_0000_1234  # above 32 bits: catches a missing restype
ROOT = 0x1A5


class FakeXLibs:
    def __init__(self, *, can_open: bool = True, has_extension: bool = True) -> None:
        self.can_open = can_open
        self.has_extension = has_extension
        self.info = XScreenSaverInfo()
        self.timeout_s = 600
        self.query_ok = True
        self.closed: list[int] = []
        self.freed = 0

        def XOpenDisplay(name: bytes | None) -> int | None:
            return DISPLAY_HANDLE if self.can_open else None

        def XDefaultRootWindow(display: int) -> int:
            return ROOT

        def XGetScreenSaver(display: int, timeout: Any, interval: Any, blanking: Any, exposures: Any) -> int:
            assert display == DISPLAY_HANDLE
            timeout._obj.value = self.timeout_s
            return 1

        def XScreenSaverQueryExtension(display: int, event_base: Any, error_base: Any) -> int:
            return 1 if self.has_extension else 0

        def XScreenSaverAllocInfo() -> Any:
            return ctypes.pointer(self.info)

        def XScreenSaverQueryInfo(display: int, drawable: int, info: Any) -> int:
            assert (display, drawable) == (DISPLAY_HANDLE, ROOT)
            if not self.query_ok:
                return 0
            info.contents.state = self.info.state
            return 1

        def XFree(ptr: Any) -> int:
            self.freed += 1
            return 1

        def XCloseDisplay(display: int) -> int:
            self.closed.append(display)
            return 0

        for fn in (
            XOpenDisplay,
            XDefaultRootWindow,
            XGetScreenSaver,
            XScreenSaverQueryExtension,
            XScreenSaverAllocInfo,
            XScreenSaverQueryInfo,
            XFree,
            XCloseDisplay,
        ):
            setattr(self, fn.__name__, fn)

    def loader(self, name: str) -> FakeXLibs:
        assert name in ("X11", "Xss")
        return self

    def set(self, state: int, til_ms: int, idle_ms: int) -> None:
        self.info.state, self.info.til_or_since, self.info.idle = state, til_ms, idle_ms


def test_x11_check_reads_state_and_timeout() -> None:
    libs = FakeXLibs()
    check = X11InhibitCheck(":5", loader=libs.loader)
    libs.set(OFF, 0, 600_500)
    assert check.inhibited() is None  # within the margin
    libs.set(OFF, 0, 700_000)
    assert check.inhibited() is True
    state = check.state()
    assert state is not None and state.timeout_ms == 600_000 and state.idle_ms == 700_000
    libs.set(ON, 100_000, 700_000)
    assert check.inhibited() is False
    libs.timeout_s = 0
    libs.set(DISABLED, 0, 700_000)
    assert check.inhibited() is None


def test_x11_failed_query_and_closed_are_unknown() -> None:
    libs = FakeXLibs()
    check = X11InhibitCheck(None, loader=libs.loader)
    libs.query_ok = False
    assert check.inhibited() is None
    check.close()
    check.close()
    assert libs.closed == [DISPLAY_HANDLE] and libs.freed == 1
    assert check.inhibited() is None


def test_x11_exception_in_a_call_is_unknown_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    libs = FakeXLibs()
    check = X11InhibitCheck(":5", loader=libs.loader)

    def broken(*args: object) -> int:
        raise OSError("X connection lost")

    libs.__dict__["XScreenSaverQueryInfo"] = broken  # the call fails mid-session
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.inhibit_linux"):
        assert check.inhibited() is None
        assert check.inhibited() is None
    assert len(caplog.records) == 1


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"can_open": False}, "cannot open"), ({"has_extension": False}, "MIT-SCREEN-SAVER")],
)
def test_x11_unavailable(kwargs: dict[str, bool], match: str) -> None:
    libs = FakeXLibs(**kwargs)
    with pytest.raises(InhibitUnavailable, match=match):
        X11InhibitCheck(":5", loader=libs.loader)


def test_x11_missing_library_is_unavailable() -> None:
    def loader(name: str) -> Any:
        raise OSError(f"lib{name} not found")

    with pytest.raises(InhibitUnavailable, match="not usable"):
        X11InhibitCheck(":5", loader=loader)
