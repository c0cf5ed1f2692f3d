"""macOS: does some program hold a power assertion that keeps the display awake? (issue 9)

``IOPMCopyAssertionsStatus`` (IOKit, no privilege needed) returns a CFDictionary from each
assertion type to how many are held system-wide. Video players (QuickTime, Safari, Chrome,
VLC), call apps (Zoom, Teams, FaceTime) and presentations hold
``PreventUserIdleDisplaySleep`` (older programs: its legacy name ``NoDisplaySleepAssertion``);
any count above zero answers True, zero False.

``PreventUserIdleSystemSleep`` is not counted by default: coreaudiod holds it whenever *audio*
plays, and backups and downloads hold it too, so it would turn music in the background of a
real break into "still sitting". ``count_system_sleep=True`` counts it as well.

Read through ctypes (IOKit and CoreFoundation); no pyobjc. Unit-tested with faked libraries;
not run on a real Mac here.

Threading: one IPC round trip to powerd on the GUI thread (about a millisecond).
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .corefoundation import (
    K_CF_NUMBER_SINT64_TYPE,
    K_CF_STRING_ENCODING_UTF8,
    K_IO_RETURN_SUCCESS,
    declare_strings,
    load_framework,
)

__all__ = [
    "DISPLAY_KEYS",
    "SYSTEM_KEYS",
    "MacInhibitCheck",
    "MacInhibitUnavailable",
    "read_assertion_counts",
]

log = logging.getLogger(__name__)

DISPLAY_KEYS = ("PreventUserIdleDisplaySleep", "NoDisplaySleepAssertion")
SYSTEM_KEYS = ("PreventUserIdleSystemSleep", "NoIdleSleepAssertion")


ReadCounts = Callable[[Sequence[str]], "Mapping[str, int] | None"]
"""Returns the held count of each named assertion type present, or None when the call failed."""


class MacInhibitUnavailable(RuntimeError):
    """Not on macOS, or IOKit/CoreFoundation cannot be loaded."""


def _declare(cf: Any, iokit: Any) -> None:
    iokit.IOPMCopyAssertionsStatus.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
    iokit.IOPMCopyAssertionsStatus.restype = ctypes.c_int
    declare_strings(cf)
    cf.CFDictionaryGetValue.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    cf.CFDictionaryGetValue.restype = ctypes.c_void_p
    cf.CFNumberGetValue.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
    cf.CFNumberGetValue.restype = ctypes.c_bool


def read_assertion_counts(cf: Any, iokit: Any, keys: Sequence[str]) -> dict[str, int] | None:
    """Counts of ``keys`` from IOPMCopyAssertionsStatus (missing keys left out); None on failure.

    ``cf`` and ``iokit`` are the loaded CoreFoundation and IOKit (or fakes with the same calls).
    Everything this creates or copies is released.
    """
    status = ctypes.c_void_p(None)
    if iokit.IOPMCopyAssertionsStatus(ctypes.byref(status)) != K_IO_RETURN_SUCCESS or not status.value:
        return None
    counts: dict[str, int] = {}
    try:
        for key in keys:
            cf_key = cf.CFStringCreateWithCString(None, key.encode(), K_CF_STRING_ENCODING_UTF8)
            if not cf_key:
                continue
            try:
                number = cf.CFDictionaryGetValue(status.value, cf_key)  # borrowed: not released
                value = ctypes.c_int64(0)
                if number and cf.CFNumberGetValue(number, K_CF_NUMBER_SINT64_TYPE, ctypes.byref(value)):
                    counts[key] = int(value.value)
            finally:
                cf.CFRelease(cf_key)
    finally:
        cf.CFRelease(status.value)
    return counts


def _iokit_reader(loader: Callable[[str], Any] = load_framework) -> ReadCounts:
    """The real reader; only available on macOS."""
    if sys.platform != "darwin":
        raise MacInhibitUnavailable("IOPMCopyAssertionsStatus exists only on macOS")
    try:
        cf, iokit = loader("CoreFoundation"), loader("IOKit")
        _declare(cf, iokit)
    except (OSError, AttributeError) as exc:
        raise MacInhibitUnavailable(f"IOKit/CoreFoundation not usable: {exc}") from exc

    def read(keys: Sequence[str]) -> dict[str, int] | None:
        return read_assertion_counts(cf, iokit, keys)

    return read


class MacInhibitCheck:
    """True while a display-sleep assertion is held (see the module docstring); never raises.

    ``read_counts`` is injectable so tests run on any OS; without it the real IOKit reader is
    bound here and MacInhibitUnavailable is raised when it cannot be.
    """

    name = "macos-assertions"

    def __init__(self, read_counts: ReadCounts | None = None, *, count_system_sleep: bool = False) -> None:
        self._read = read_counts if read_counts is not None else _iokit_reader()
        self.keys = DISPLAY_KEYS + (SYSTEM_KEYS if count_system_sleep else ())
        self._error_logged = False

    def inhibited(self) -> bool | None:
        try:
            counts = self._read(self.keys)
        except Exception:
            counts = None
            if not self._error_logged:
                self._error_logged = True
                log.warning("inhibitors: IOPMCopyAssertionsStatus failed (logged once)", exc_info=True)
        if counts is None:
            return None
        return any(counts.get(key, 0) > 0 for key in self.keys)

    def close(self) -> None:
        return None
