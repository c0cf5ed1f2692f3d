"""Which X11 window is fullscreen: the decision, over any WindowSource (no libX11 here).

Which window: the root's ``_NET_ACTIVE_WINDOW`` when an EWMH window manager keeps it (every
mainstream X11 desktop). Without it (no window manager, or one that does not keep it), the
window holding the keyboard focus (``XGetInputFocus``) and its ancestors up to the top level.

Fullscreen means:

- the window carries ``_NET_WM_STATE_FULLSCREEN`` in ``_NET_WM_STATE``. Window managers set it
  when they make a window fullscreen, and clients set it themselves before mapping (Qt's
  ``showFullScreen()`` under xcb does, also with no window manager: verified under Xvfb);
- only when there is no window manager at all (neither ``_NET_ACTIVE_WINDOW`` nor
  ``_NET_SUPPORTING_WM_CHECK`` on the root): the focused top-level window covers the whole
  root window. Nothing maximizes windows without a window manager, so covering the screen is a
  client's own fullscreen. With a window manager the geometry is not used: a maximized window
  on a desktop without panels covers the screen too, and taking it for fullscreen would hold
  every reminder back for good.

Limits: with several monitors a fullscreen window covers one monitor, which only the state shows
(the geometry fallback compares with the whole root). Override-redirect windows (some old games)
never hold the focus as seen here and are not detected.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

__all__ = ["NONE", "POINTER_ROOT", "WindowSource", "fullscreen_window"]

NONE = 0
POINTER_ROOT = 1
_MAX_DEPTH = 32  # ancestors walked from the focus window; real trees are 2-4 deep


class WindowSource(Protocol):
    """What the fullscreen decision needs from the X server (faked in tests)."""

    root: int

    def window_property(self, window: int, name: str) -> list[int] | None:
        """A 32-bit WINDOW property's values; None when the property is not set."""
        ...

    def has_state(self, window: int, state: str) -> bool:
        """True if ``state`` (an atom name) is in the window's ``_NET_WM_STATE``."""
        ...

    def focus(self) -> int:
        """The window holding the keyboard focus (NONE, POINTER_ROOT or a window id)."""
        ...

    def parent(self, window: int) -> int | None:
        """The window's parent (the root for a top-level window); None if it is gone."""
        ...

    def geometry(self, window: int) -> tuple[int, int, int, int] | None:
        """(x, y, width, height) relative to its parent; None if it is gone."""
        ...

    def screen_size(self) -> tuple[int, int]:
        """The root window's width and height."""
        ...


def fullscreen_window(source: WindowSource) -> int | None:
    """The fullscreen window the user is looking at, or None (see the module's docstring)."""
    active = source.window_property(source.root, "_NET_ACTIVE_WINDOW")
    if active is not None:  # an EWMH window manager says which window is active
        window = active[0] if active else NONE
        if window == NONE or not source.has_state(window, "_NET_WM_STATE_FULLSCREEN"):
            return None
        return window
    has_wm = source.window_property(source.root, "_NET_SUPPORTING_WM_CHECK") is not None
    focus = source.focus()
    if focus in (NONE, POINTER_ROOT) or focus == source.root:
        return None
    path = list(_up_to_top_level(source, focus))
    for window in path:
        if source.has_state(window, "_NET_WM_STATE_FULLSCREEN"):
            return window
    if has_wm or not path:
        return None
    top = path[-1]
    geometry = source.geometry(top)
    if geometry is None:
        return None
    x, y, width, height = geometry
    screen_width, screen_height = source.screen_size()
    if x <= 0 and y <= 0 and x + width >= screen_width and y + height >= screen_height:
        return top
    return None


def _up_to_top_level(source: WindowSource, window: int) -> Iterator[int]:
    """``window`` and its ancestors, ending with the top-level one (the root's child)."""
    for _ in range(_MAX_DEPTH):
        yield window
        parent = source.parent(window)
        if parent is None or parent in (NONE, source.root):
            return
        window = parent
