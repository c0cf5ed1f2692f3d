"""Windows: keep the display on while a break runs.

``SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED)`` tells
Windows the display is in use (what video players do), so neither the display timeout nor the
screensaver's lock comes on while someone follows a routine without touching the keyboard;
``SetThreadExecutionState(ES_CONTINUOUS)`` lets go. The state belongs to the calling thread and
ends with it: deskbreak calls both from the GUI thread. A lock the user asks for (Win+L) still
locks. The call returns the thread's previous state, or 0 when it failed.

inhibit_windows reads the same flag system-wide to see a video playing; deskbreak asks it only
outside breaks, when this request has been let go.

Unit-tested with a faked call; not run on a real Windows machine here.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

from .inhibit_windows import ES_DISPLAY_REQUIRED, ES_SYSTEM_REQUIRED

__all__ = ["ES_CONTINUOUS", "WindowsScreenAwake"]

ES_CONTINUOUS = 0x80000000
HOLD = ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED

SetState = Callable[[int], int]
"""SetThreadExecutionState: the new flags in, the previous ones out (0: it failed)."""


def _kernel32_set_state() -> SetState | None:
    if sys.platform != "win32":
        return None
    try:
        function = ctypes.windll.kernel32.SetThreadExecutionState
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_uint32]
    function.restype = ctypes.c_uint32
    return function


class WindowsScreenAwake:
    """`hold()` at the start of a break, `release()` at its end; both cheap and idempotent."""

    def __init__(self, set_state: SetState | None = None) -> None:
        self._set = set_state if set_state is not None else _kernel32_set_state()
        self.held = False

    def hold(self, reason: str = "") -> bool:
        """Keep the display on; False when Windows refused (or this is not Windows)."""
        if self.held:
            return True
        if self._set is None or not self._set(HOLD):
            return False
        self.held = True
        return True

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        if self._set is not None:
            self._set(ES_CONTINUOUS)
