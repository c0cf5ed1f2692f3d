"""X11 idle backend against a fake libX11/libXss: no X server needed."""

from __future__ import annotations

import ctypes
from typing import Any

import pytest

from deskbreak.platform.idle import IdleMonitorUnavailable
from deskbreak.platform.idle_x11 import X11IdleMonitor, XScreenSaverInfo

DISPLAY_HANDLE = 0x5555_0000_1234  # above 32 bits: catches a missing restype
ROOT = 0x1A5


class FakeXLibs:
    """Both libraries in one object; ctypes attributes (argtypes/restype) land on plain functions."""

    def __init__(self, *, can_open: bool = True, has_extension: bool = True) -> None:
        self.can_open = can_open
        self.has_extension = has_extension
        self.idle_ms = 0
        self.query_ok = True
        self.opened_with: list[bytes | None] = []
        self.closed: list[int] = []
        self.freed = 0
        self.queries: list[tuple[int, int]] = []
        self.info = XScreenSaverInfo()

        def XOpenDisplay(name: bytes | None) -> int | None:
            self.opened_with.append(name)
            return DISPLAY_HANDLE if self.can_open else None

        def XDefaultRootWindow(display: int) -> int:
            assert display == DISPLAY_HANDLE
            return ROOT

        def XScreenSaverQueryExtension(display: int, event_base: Any, error_base: Any) -> int:
            return 1 if self.has_extension else 0

        def XScreenSaverAllocInfo() -> Any:
            return ctypes.pointer(self.info)

        def XScreenSaverQueryInfo(display: int, drawable: int, info: Any) -> int:
            self.queries.append((display, drawable))
            info.contents.idle = self.idle_ms
            return 1 if self.query_ok else 0

        def XFree(ptr: Any) -> int:
            self.freed += 1
            return 1

        def XCloseDisplay(display: int) -> int:
            self.closed.append(display)
            return 0

        for fn in (
            XOpenDisplay,
            XDefaultRootWindow,
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


def test_reports_server_idle_milliseconds_as_seconds() -> None:
    libs = FakeXLibs()
    monitor = X11IdleMonitor(":7", loader=libs.loader)
    libs.idle_ms = 93_250
    assert monitor.idle_seconds() == pytest.approx(93.25)
    libs.idle_ms = 40
    assert monitor.idle_seconds() == pytest.approx(0.04)
    assert libs.opened_with == [b":7"]  # one connection, reused for every query
    assert libs.queries == [(DISPLAY_HANDLE, ROOT), (DISPLAY_HANDLE, ROOT)]


def test_no_display_name_lets_libx11_read_display() -> None:
    libs = FakeXLibs()
    X11IdleMonitor(None, loader=libs.loader).close()
    assert libs.opened_with == [None]


def test_display_that_cannot_be_opened_is_unavailable() -> None:
    libs = FakeXLibs(can_open=False)
    with pytest.raises(IdleMonitorUnavailable, match="cannot open X display"):
        X11IdleMonitor(":99", loader=libs.loader)


def test_missing_screensaver_extension_is_unavailable_and_closes_display() -> None:
    libs = FakeXLibs(has_extension=False)
    with pytest.raises(IdleMonitorUnavailable, match="MIT-SCREEN-SAVER"):
        X11IdleMonitor(":0", loader=libs.loader)
    assert libs.closed == [DISPLAY_HANDLE]


def test_missing_library_is_unavailable() -> None:
    def loader(name: str) -> Any:
        raise OSError(f"lib{name}.so: cannot open shared object file")

    with pytest.raises(IdleMonitorUnavailable, match="libX11/libXss"):
        X11IdleMonitor(":0", loader=loader)


def test_failed_query_is_unknown() -> None:
    libs = FakeXLibs()
    monitor = X11IdleMonitor(":0", loader=libs.loader)
    libs.query_ok = False
    assert monitor.idle_seconds() is None


def test_close_releases_once_and_later_queries_are_unknown() -> None:
    libs = FakeXLibs()
    monitor = X11IdleMonitor(":0", loader=libs.loader)
    monitor.close()
    monitor.close()
    assert libs.closed == [DISPLAY_HANDLE]
    assert libs.freed == 1
    assert monitor.idle_seconds() is None


def test_declares_pointer_return_types() -> None:
    """Without restype=c_void_p ctypes would truncate the Display* to a C int on 64-bit."""
    libs = FakeXLibs()
    X11IdleMonitor(":0", loader=libs.loader).close()
    assert libs.XOpenDisplay.restype is ctypes.c_void_p  # type: ignore[attr-defined]
    assert libs.XScreenSaverAllocInfo.restype is ctypes.POINTER(XScreenSaverInfo)  # type: ignore[attr-defined]
