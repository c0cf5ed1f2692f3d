"""Windows: is something keeping the display on (a video, a call, a presentation)? (issue 9)

What an unprivileged program can see of other programs' requests:

- ``powercfg /requests`` and ``PowerGetActiveScheme``/the power-request list need an
  administrator (and a process spawn far over the time budget): not used.
- ``GetThreadExecutionState`` does not exist as such; ``SetThreadExecutionState`` returns only
  the *calling thread's* previous state: it says nothing about other programs.
- ``CallNtPowerInformation(SystemExecutionState)`` (powrprof, no privilege needed) fills a ULONG
  with the *system's* execution state: a combination of ES_SYSTEM_REQUIRED,
  ES_DISPLAY_REQUIRED and ES_USER_PRESENT (Microsoft's documentation of that information
  level). That is what is asked here: ``ES_DISPLAY_REQUIRED`` set means some program asked the
  display to stay on (what video players and call apps do with
  ``SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED)``): True; clear: False.
  ``ES_SYSTEM_REQUIRED`` alone (a download, a backup keeping the machine awake) is not counted:
  it says nothing about someone watching the screen.

Not verified on a real Windows machine (this module is unit-tested with a faked call): whether
requests made through ``PowerSetRequest(PowerRequestDisplayRequired)`` rather than
SetThreadExecutionState show in the system execution state. If they do not, such a program is
missed and idle counts as a break, as before this check existed.

Threading: one cheap call on the GUI thread; no handle is kept.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable

__all__ = [
    "ES_DISPLAY_REQUIRED",
    "ES_SYSTEM_REQUIRED",
    "SYSTEM_EXECUTION_STATE",
    "WindowsInhibitCheck",
    "WindowsInhibitUnavailable",
]

log = logging.getLogger(__name__)

SYSTEM_EXECUTION_STATE = 16
"""POWER_INFORMATION_LEVEL SystemExecutionState."""

ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002
ES_USER_PRESENT = 0x00000004
STATUS_SUCCESS = 0

QueryState = Callable[[], "int | None"]
"""Returns the system execution state (a ULONG of ES_* flags), or None when the call failed."""


class WindowsInhibitUnavailable(RuntimeError):
    """Not on Windows, or powrprof lacks CallNtPowerInformation."""


def _powrprof_query() -> QueryState:
    """The real call; only available on Windows."""
    if sys.platform != "win32":
        raise WindowsInhibitUnavailable("CallNtPowerInformation exists only on Windows")
    try:
        function = ctypes.windll.powrprof.CallNtPowerInformation
    except (AttributeError, OSError) as exc:
        raise WindowsInhibitUnavailable(f"powrprof has no CallNtPowerInformation: {exc}") from exc
    function.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong]
    function.restype = ctypes.c_long  # NTSTATUS

    def query() -> int | None:
        state = ctypes.c_ulong(0)
        status = function(SYSTEM_EXECUTION_STATE, None, 0, ctypes.byref(state), ctypes.sizeof(ctypes.c_ulong))
        if status != STATUS_SUCCESS:
            return None
        return int(state.value)

    return query


class WindowsInhibitCheck:
    """True while some program keeps the display on (ES_DISPLAY_REQUIRED in the system state).

    ``query`` is injectable so tests run on any OS; without it the real call is bound here and
    WindowsInhibitUnavailable is raised when it cannot be. ``inhibited()`` never raises.
    """

    name = "windows-execution-state"

    def __init__(self, query: QueryState | None = None) -> None:
        self._query = query if query is not None else _powrprof_query()
        self._error_logged = False

    def inhibited(self) -> bool | None:
        try:
            state = self._query()
        except Exception:
            state = None
            if not self._error_logged:
                self._error_logged = True
                log.warning("inhibitors: CallNtPowerInformation failed (logged once)", exc_info=True)
        if state is None or isinstance(state, bool) or not isinstance(state, int):
            return None
        return bool(state & ES_DISPLAY_REQUIRED)

    def close(self) -> None:
        return None
