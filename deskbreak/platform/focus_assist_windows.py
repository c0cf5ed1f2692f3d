"""Windows: hold a reminder while Focus Assist / "Do not disturb" is on (Windows 10 1803+, 11).

Windows has no documented call that says whether Focus Assist is on. What Windows' own shell
publishes is a Windows Notification Facility (WNF) state, WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED
(state name 0x0D83063EA3BF1C75), read with ``NtQueryWnfStateData`` from ntdll without any
privilege. Its data is one 32-bit number, the active quiet-hours profile:

- 0: off;
- 1: "Priority only";
- 2: "Alarms only".

1 and 2 mean "do not disturb" (Windows 11 22H2 and later call Focus Assist so). Anything else
(a value a later Windows may add, no data yet, a failing call, an exception) is no reason to
wait: a reminder is never held back on a guess.

The state name and the meaning of its values are undocumented. They come from reverse
engineering used by several open-source programs: Thunderbird's nsMessengerWinIntegration,
bitdisaster/windows-focus-assist (used by Stretchly, whose users report it working on Windows
10 and on Windows 11 22H2) and xan105/node-notification-state-ffi. A Windows update could
change them; the check then answers None, as for a failure. Not run on real Windows here: the
unit tests fake the ntdll call.

Seen: Focus Assist / Do not disturb turned on by hand (quick settings, Action Center), and so
anything that turns it on, such as a Windows 11 focus session set to do so. Not verified:
whether the automatic rules (set hours, a game, a fullscreen app, a duplicated display), which
Windows tracks as separate "quiet moments", change the profile read here; games, fullscreen
apps and presentations are seen by fullscreen_windows anyway. Not used:
``SHQueryUserNotificationState`` (fullscreen_windows' call) does not report Focus Assist, and
no documented registry value holds it (the CloudStore "quiethourssettings" blob is a private,
versioned binary format).

Threading: one system call on the GUI thread (microseconds); no handle is kept.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from typing import Any

__all__ = [
    "ALARMS_ONLY",
    "OFF",
    "PRIORITY_ONLY",
    "QUIET_PROFILES",
    "REASON",
    "WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED",
    "FocusAssistCheck",
    "FocusAssistUnavailable",
    "ntdll_query",
    "read_profile",
]

log = logging.getLogger(__name__)

REASON = "do not disturb"
"""Equal to deskbreak.platform.postpone.DO_NOT_DISTURB (not imported: no import cycle)."""

WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED = 0x0D83063EA3BF1C75
"""The WNF state name (a WNF_STATE_NAME is these 64 bits, low ULONG first)."""

OFF = 0
PRIORITY_ONLY = 1
ALARMS_ONLY = 2
QUIET_PROFILES = frozenset({PRIORITY_ONLY, ALARMS_ONLY})

QueryProfile = Callable[[], "int | None"]
"""Returns the active quiet-hours profile, or None when Windows gave no (usable) answer."""


class FocusAssistUnavailable(RuntimeError):
    """Not on Windows, or ntdll lacks NtQueryWnfStateData (Windows 7 and older)."""


def read_profile(nt_query_wnf_state_data: Callable[..., Any]) -> int | None:
    """Ask ``NtQueryWnfStateData`` (or a stand-in with its arguments) for the active profile.

    None when the NTSTATUS is an error (negative as a signed 32-bit value) or fewer than four
    bytes came back (the state has never been written since boot).
    """
    state_name = ctypes.c_uint64(WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED)
    change_stamp = ctypes.c_uint32(0)
    profile = ctypes.c_uint32(0)
    size = ctypes.c_uint32(ctypes.sizeof(profile))
    status = nt_query_wnf_state_data(
        ctypes.byref(state_name),
        None,  # type id
        None,  # explicit scope: the caller's own session and user
        ctypes.byref(change_stamp),
        ctypes.byref(profile),
        ctypes.byref(size),
    )
    if ctypes.c_int32(int(status)).value < 0 or size.value < ctypes.sizeof(profile):
        return None
    return int(profile.value)


def _load_ntdll() -> Any:
    if sys.platform != "win32":
        raise FocusAssistUnavailable("NtQueryWnfStateData exists only on Windows")
    return ctypes.WinDLL("ntdll")


def ntdll_query(loader: Callable[[], Any] = _load_ntdll) -> QueryProfile:
    """The real query bound to ntdll (``loader`` returns the library; injectable for tests)."""
    try:
        function = loader().NtQueryWnfStateData
    except (AttributeError, OSError) as exc:
        raise FocusAssistUnavailable(f"ntdll has no NtQueryWnfStateData: {exc}") from exc
    function.argtypes = [
        ctypes.POINTER(ctypes.c_uint64),  # PCWNF_STATE_NAME
        ctypes.c_void_p,  # PCWNF_TYPE_ID
        ctypes.c_void_p,  # const VOID *ExplicitScope
        ctypes.POINTER(ctypes.c_uint32),  # PWNF_CHANGE_STAMP
        ctypes.c_void_p,  # PVOID Buffer
        ctypes.POINTER(ctypes.c_uint32),  # PULONG BufferSize
    ]
    function.restype = ctypes.c_int32  # NTSTATUS

    def query() -> int | None:
        return read_profile(function)

    return query


class FocusAssistCheck:
    """Postpone check: "do not disturb" while Focus Assist is on (see the module docstring).

    ``query`` is injectable so tests run on any OS; without it ntdll is bound here and
    FocusAssistUnavailable is raised when it cannot be.
    """

    name = "focus-assist-windows"

    def __init__(self, query: QueryProfile | None = None) -> None:
        self._query = query if query is not None else ntdll_query()
        self._error_logged = False
        self._unknown_logged: set[int] = set()

    def profile(self) -> int | None:
        """The raw active profile (None when Windows gave no answer)."""
        return self._query()

    def reason(self) -> str | None:
        """ "do not disturb" or None; never raises."""
        try:
            profile = self.profile()
        except Exception:
            if not self._error_logged:
                self._error_logged = True
                log.warning("Focus Assist: NtQueryWnfStateData failed (logged once)", exc_info=True)
            return None
        if profile in QUIET_PROFILES:
            return REASON
        if profile is not None and profile != OFF and profile not in self._unknown_logged:
            self._unknown_logged.add(profile)
            log.info("Focus Assist: unknown profile %d, counted as off (logged once)", profile)
        return None

    def close(self) -> None:
        return None
