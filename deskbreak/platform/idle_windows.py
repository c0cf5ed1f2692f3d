"""Windows idle time from ``GetLastInputInfo`` and ``GetTickCount`` (user32/kernel32 via ctypes).

Both values are 32-bit millisecond tick counts that wrap every 2**32 ms (about 49.7 days of
uptime), so the difference is taken modulo 2**32.

Threading: called on the GUI thread about twice a minute; both calls are cheap, non-blocking
reads of per-session counters. GetLastInputInfo only sees input to the calling session.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

from deskbreak.platform.idle_base import IdleMonitorUnavailable

__all__ = ["TICK_MODULUS", "WindowsIdleMonitor", "idle_milliseconds"]

TICK_MODULUS = 2**32
"""GetTickCount and LASTINPUTINFO.dwTime are DWORDs: they wrap to 0 after 2**32 - 1 ms."""


def idle_milliseconds(last_input_tick: int, now_tick: int) -> int:
    """Milliseconds from the last input to now, correct across one wrap of the 32-bit counter."""
    return (now_tick - last_input_tick) % TICK_MODULUS


class _LastInputInfo(ctypes.Structure):
    _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint32)]


def _windows_calls() -> tuple[Callable[[], int | None], Callable[[], int]]:
    """The real user32/kernel32 calls; only callable on Windows."""
    if sys.platform != "win32":
        raise IdleMonitorUnavailable("GetLastInputInfo exists only on Windows")
    user32 = ctypes.windll.user32
    kernel32 = ctypes.windll.kernel32
    user32.GetLastInputInfo.argtypes = [ctypes.POINTER(_LastInputInfo)]
    user32.GetLastInputInfo.restype = ctypes.c_int
    kernel32.GetTickCount.argtypes = []
    kernel32.GetTickCount.restype = ctypes.c_uint32

    def get_last_input_tick() -> int | None:
        info = _LastInputInfo(cbSize=ctypes.sizeof(_LastInputInfo))
        if not user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        return int(info.dwTime)

    def get_tick_count() -> int:
        return int(kernel32.GetTickCount())

    return get_last_input_tick, get_tick_count


class WindowsIdleMonitor:
    """Idle seconds of the current Windows session.

    ``get_last_input_tick`` returns LASTINPUTINFO.dwTime (None if the call failed) and
    ``get_tick_count`` returns GetTickCount(); both are injectable so tests run on any OS.
    """

    name = "windows"

    def __init__(
        self,
        get_last_input_tick: Callable[[], int | None] | None = None,
        get_tick_count: Callable[[], int] | None = None,
    ) -> None:
        if get_last_input_tick is None or get_tick_count is None:
            real_last, real_tick = _windows_calls()
            get_last_input_tick = get_last_input_tick or real_last
            get_tick_count = get_tick_count or real_tick
        self._last_input_tick = get_last_input_tick
        self._tick_count = get_tick_count

    def idle_seconds(self) -> float | None:
        """Seconds since the last input in this session, or None if GetLastInputInfo failed."""
        # Read the last-input tick first: input arriving between the two reads then only makes
        # "now" later, never earlier, which would otherwise look like a 49-day idle stretch.
        last = self._last_input_tick()
        if last is None:
            return None
        now = self._tick_count()
        return idle_milliseconds(last, now) / 1000.0

    def close(self) -> None:
        """Nothing to release: the calls hold no handles."""
        return None
