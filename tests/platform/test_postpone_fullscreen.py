"""Fullscreen checks without a display: the X11 decision on a fake window tree, the Windows call faked."""

from __future__ import annotations

import logging
import sys
from typing import Any

import pytest

from deskbreak.platform.fullscreen_windows import (
    QUNS_ACCEPTS_NOTIFICATIONS,
    QUNS_APP,
    QUNS_BUSY,
    QUNS_NOT_PRESENT,
    QUNS_PRESENTATION_MODE,
    QUNS_QUIET_TIME,
    QUNS_RUNNING_D3D_FULL_SCREEN,
    REASON,
    WindowsFullscreenCheck,
    WindowsFullscreenUnavailable,
)
from deskbreak.platform.fullscreen_x11 import (
    NONE,
    POINTER_ROOT,
    X11FullscreenCheck,
    X11FullscreenUnavailable,
    fullscreen_window,
)

ROOT = 0x100
SCREEN = (1280, 800)


class FakeWindows:
    """A WindowSource: windows with parents, states, geometry, and root properties."""

    def __init__(self) -> None:
        self.root = ROOT
        self.root_properties: dict[str, list[int]] = {}
        self.parents: dict[int, int] = {}
        self.states: dict[int, set[str]] = {}
        self.geometries: dict[int, tuple[int, int, int, int]] = {}
        self.focused = POINTER_ROOT

    def window(
        self,
        wid: int,
        *,
        parent: int = ROOT,
        geometry: tuple[int, int, int, int] = (10, 10, 300, 200),
        fullscreen: bool = False,
    ) -> int:
        self.parents[wid] = parent
        self.geometries[wid] = geometry
        self.states[wid] = {"_NET_WM_STATE_FULLSCREEN"} if fullscreen else {"_NET_WM_STATE_FOCUSED"}
        return wid

    def window_property(self, window: int, name: str) -> list[int] | None:
        assert window == ROOT
        return self.root_properties.get(name)

    def has_state(self, window: int, state: str) -> bool:
        return state in self.states.get(window, set())

    def focus(self) -> int:
        return self.focused

    def parent(self, window: int) -> int | None:
        return self.parents.get(window)

    def geometry(self, window: int) -> tuple[int, int, int, int] | None:
        return self.geometries.get(window)

    def screen_size(self) -> tuple[int, int]:
        return SCREEN


@pytest.fixture
def wm() -> FakeWindows:
    """A desktop with an EWMH window manager."""
    windows = FakeWindows()
    windows.root_properties["_NET_SUPPORTING_WM_CHECK"] = [0x999]
    windows.root_properties["_NET_ACTIVE_WINDOW"] = [NONE]
    return windows


@pytest.fixture
def bare() -> FakeWindows:
    """No window manager: neither _NET_ACTIVE_WINDOW nor _NET_SUPPORTING_WM_CHECK."""
    return FakeWindows()


def test_active_fullscreen_window(wm: FakeWindows) -> None:
    wm.window(0x200, fullscreen=True)
    wm.root_properties["_NET_ACTIVE_WINDOW"] = [0x200]
    assert fullscreen_window(wm) == 0x200


def test_active_normal_window_even_if_another_is_fullscreen(wm: FakeWindows) -> None:
    wm.window(0x200, fullscreen=True)  # a paused film behind the editor
    wm.window(0x300)
    wm.root_properties["_NET_ACTIVE_WINDOW"] = [0x300]
    wm.focused = 0x200  # the WM's word wins over the focus
    assert fullscreen_window(wm) is None


def test_no_active_window(wm: FakeWindows) -> None:
    wm.window(0x200, fullscreen=True)
    wm.focused = 0x200
    assert fullscreen_window(wm) is None
    wm.root_properties["_NET_ACTIVE_WINDOW"] = []
    assert fullscreen_window(wm) is None


def test_with_a_wm_a_window_covering_the_screen_is_only_maximized(wm: FakeWindows) -> None:
    wm.window(0x300, geometry=(0, 0, *SCREEN))
    wm.root_properties["_NET_ACTIVE_WINDOW"] = [0x300]
    assert fullscreen_window(wm) is None


def test_wm_without_active_window_uses_focus_and_state_only(wm: FakeWindows) -> None:
    del wm.root_properties["_NET_ACTIVE_WINDOW"]
    wm.window(0x300, geometry=(0, 0, *SCREEN))
    wm.focused = 0x300
    assert fullscreen_window(wm) is None
    wm.window(0x400, fullscreen=True)
    wm.focused = 0x400
    assert fullscreen_window(wm) == 0x400


def test_no_wm_focused_window_with_the_state(bare: FakeWindows) -> None:
    bare.window(0x200, fullscreen=True)  # Qt's showFullScreen() without a WM: state, not size
    bare.focused = 0x200
    assert fullscreen_window(bare) == 0x200


def test_no_wm_focus_on_a_child_walks_up_to_the_top_level(bare: FakeWindows) -> None:
    bare.window(0x200, fullscreen=True)
    bare.window(0x201, parent=0x200)
    bare.window(0x202, parent=0x201)
    bare.focused = 0x202
    assert fullscreen_window(bare) == 0x200


def test_no_wm_a_top_level_covering_the_screen_is_fullscreen(bare: FakeWindows) -> None:
    bare.window(0x200, geometry=(0, 0, *SCREEN))
    bare.window(0x201, parent=0x200, geometry=(0, 0, 10, 10))
    bare.focused = 0x201
    assert fullscreen_window(bare) == 0x200


def test_no_wm_a_smaller_window_is_not(bare: FakeWindows) -> None:
    bare.window(0x200, geometry=(0, 0, 1280, 799))
    bare.focused = 0x200
    assert fullscreen_window(bare) is None


@pytest.mark.parametrize("focus", [NONE, POINTER_ROOT, ROOT])
def test_no_wm_focus_nowhere(bare: FakeWindows, focus: int) -> None:
    bare.focused = focus
    assert fullscreen_window(bare) is None


def test_no_wm_a_window_that_vanished(bare: FakeWindows) -> None:
    bare.focused = 0x777  # no parent, no geometry: closed meanwhile
    assert fullscreen_window(bare) is None


def test_x11_check_unavailable_without_libx11_or_display() -> None:
    def no_library(name: str) -> Any:
        raise OSError("libX11.so.6: cannot open shared object file")

    with pytest.raises(X11FullscreenUnavailable, match="libX11 not usable"):
        X11FullscreenCheck(":99", loader=no_library)

    class NoDisplay:
        def __getattr__(self, name: str) -> Any:
            def call(*args: Any) -> Any:
                return None  # XOpenDisplay fails

            return call

    with pytest.raises(X11FullscreenUnavailable, match="cannot open X display"):
        X11FullscreenCheck(":99", loader=lambda name: NoDisplay())


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (QUNS_BUSY, REASON),
        (QUNS_RUNNING_D3D_FULL_SCREEN, REASON),
        (QUNS_PRESENTATION_MODE, REASON),
        (QUNS_ACCEPTS_NOTIFICATIONS, None),
        (QUNS_NOT_PRESENT, None),
        (QUNS_QUIET_TIME, None),
        (QUNS_APP, None),
        (None, None),
    ],
)
def test_windows_states(state: int | None, expected: str | None) -> None:
    check = WindowsFullscreenCheck(lambda: state)
    assert check.state() == state
    assert check.reason() == expected
    check.close()


def test_windows_error_is_none_and_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> int | None:
        raise OSError("shell32 went away")

    check = WindowsFullscreenCheck(broken)
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.fullscreen_windows"):
        assert check.reason() is None
        assert check.reason() is None
    assert len(caplog.records) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="checks the off-Windows refusal")
def test_windows_check_refuses_off_windows() -> None:
    with pytest.raises(WindowsFullscreenUnavailable):
        WindowsFullscreenCheck()
