"""Windows: hold a reminder while a fullscreen app, game or presentation runs.

``SHQueryUserNotificationState`` (shell32, Vista and later) is what Windows itself asks before
showing a notification. It answers with a QUERY_USER_NOTIFICATION_STATE:

- QUNS_BUSY (2): a fullscreen application runs, or presentation settings are on;
- QUNS_RUNNING_D3D_FULL_SCREEN (3): a Direct3D fullscreen game or program;
- QUNS_PRESENTATION_MODE (4): presentation mode (e.g. PowerPoint's slide show);

all three mean "a fullscreen window". The others do not hold a reminder back: NOT_PRESENT (the
screen is locked or the screensaver runs: the app's lock handling deals with that),
ACCEPTS_NOTIFICATIONS, QUIET_TIME (the first hour after a new Windows install) and APP (a Store
app in front; on Windows 8 always fullscreen, on later versions not necessarily, so left out to
avoid holding reminders back for nothing). Focus Assist ("do not disturb") is not reported by
this call: focus_assist_windows reads it.

Threading: one cheap call on the GUI thread; no handle is kept.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable

__all__ = [
    "BUSY_STATES",
    "QUNS_APP",
    "QUNS_BUSY",
    "QUNS_PRESENTATION_MODE",
    "QUNS_RUNNING_D3D_FULL_SCREEN",
    "REASON",
    "WindowsFullscreenCheck",
    "WindowsFullscreenUnavailable",
]

REASON = "a fullscreen window"
"""Equal to deskbreak.platform.postpone.FULLSCREEN_WINDOW (not imported: no import cycle)."""

QUNS_NOT_PRESENT = 1
QUNS_BUSY = 2
QUNS_RUNNING_D3D_FULL_SCREEN = 3
QUNS_PRESENTATION_MODE = 4
QUNS_ACCEPTS_NOTIFICATIONS = 5
QUNS_QUIET_TIME = 6
QUNS_APP = 7

BUSY_STATES = frozenset({QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN, QUNS_PRESENTATION_MODE})

log = logging.getLogger(__name__)

QueryState = Callable[[], "int | None"]
"""Returns the QUERY_USER_NOTIFICATION_STATE, or None when the call failed."""


class WindowsFullscreenUnavailable(RuntimeError):
    """Not on Windows, or shell32 lacks SHQueryUserNotificationState."""


def _shell32_query() -> QueryState:
    """The real call; only available on Windows."""
    if sys.platform != "win32":
        raise WindowsFullscreenUnavailable("SHQueryUserNotificationState exists only on Windows")
    try:
        function = ctypes.windll.shell32.SHQueryUserNotificationState
    except (AttributeError, OSError) as exc:
        raise WindowsFullscreenUnavailable(f"shell32 has no SHQueryUserNotificationState: {exc}") from exc
    function.argtypes = [ctypes.POINTER(ctypes.c_int)]
    function.restype = ctypes.c_long  # HRESULT

    def query() -> int | None:
        state = ctypes.c_int(0)
        if function(ctypes.byref(state)) != 0:  # S_OK
            return None
        return int(state.value)

    return query


class WindowsFullscreenCheck:
    """Postpone check: "a fullscreen window" when Windows reports one of BUSY_STATES.

    ``query`` is injectable so tests run on any OS.
    """

    name = "fullscreen-windows"

    def __init__(self, query: QueryState | None = None) -> None:
        self._query = query if query is not None else _shell32_query()
        self._error_logged = False

    def state(self) -> int | None:
        """The raw QUERY_USER_NOTIFICATION_STATE (None when the call failed)."""
        return self._query()

    def reason(self) -> str | None:
        """ "a fullscreen window" or None; never raises."""
        try:
            return REASON if self.state() in BUSY_STATES else None
        except Exception:
            if not self._error_logged:
                self._error_logged = True
                log.warning("SHQueryUserNotificationState failed (logged once)", exc_info=True)
            return None

    def close(self) -> None:
        return None
