"""macOS: keep the display on while a break runs.

``IOPMAssertionCreateWithName(kIOPMAssertionTypePreventUserIdleDisplaySleep, on, reason, &id)``
(IOKit, no privilege needed) holds off display sleep and the screen lock that follows it, as a
video player does; ``IOPMAssertionRelease(id)`` lets go. The reason is what ``pmset -g
assertions`` shows the user. A lock the user asks for (Ctrl+Cmd+Q, closing the lid) still locks.

inhibit_macos counts the same kind of assertion system-wide to see a video playing; deskbreak
asks it only outside breaks, when this one has been released.

Read through ctypes (IOKit and CoreFoundation); no pyobjc. Unit-tested with faked libraries;
not run on a real Mac here.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from typing import Any

from .corefoundation import K_CF_STRING_ENCODING_UTF8, K_IO_RETURN_SUCCESS, declare_strings, load_framework

__all__ = ["ASSERTION_TYPE", "MacScreenAwake"]

log = logging.getLogger(__name__)

ASSERTION_TYPE = "PreventUserIdleDisplaySleep"
K_IOPM_ASSERTION_LEVEL_ON = 255


def _declare(cf: Any, iokit: Any) -> None:
    iokit.IOPMAssertionCreateWithName.argtypes = [
        ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint32),
    ]  # fmt: skip
    iokit.IOPMAssertionCreateWithName.restype = ctypes.c_int
    iokit.IOPMAssertionRelease.argtypes = [ctypes.c_uint32]
    iokit.IOPMAssertionRelease.restype = ctypes.c_int
    declare_strings(cf)


def _frameworks() -> tuple[Any, Any] | None:
    if sys.platform != "darwin":
        return None
    try:
        cf, iokit = load_framework("CoreFoundation"), load_framework("IOKit")
        _declare(cf, iokit)
    except (OSError, AttributeError):
        log.warning("screen awake: IOKit/CoreFoundation not usable", exc_info=True)
        return None
    return cf, iokit


class MacScreenAwake:
    """`hold()` at the start of a break, `release()` at its end; both cheap and idempotent.

    ``frameworks`` (CoreFoundation, IOKit) are injectable so tests run on any OS."""

    def __init__(self, frameworks: tuple[Any, Any] | None = None) -> None:
        self._frameworks = frameworks if frameworks is not None else _frameworks()
        self._assertion: int | None = None

    @property
    def held(self) -> bool:
        return self._assertion is not None

    def hold(self, reason: str = "A guided deskbreak routine is running") -> bool:
        """Hold a display-sleep assertion; False when macOS refused (or this is not macOS)."""
        if self._assertion is not None:
            return True
        if self._frameworks is None:
            return False
        cf, iokit = self._frameworks
        kind = cf.CFStringCreateWithCString(None, ASSERTION_TYPE.encode(), K_CF_STRING_ENCODING_UTF8)
        name = cf.CFStringCreateWithCString(None, reason.encode(), K_CF_STRING_ENCODING_UTF8)
        try:
            if not kind or not name:
                return False
            assertion = ctypes.c_uint32(0)
            result = iokit.IOPMAssertionCreateWithName(
                kind, K_IOPM_ASSERTION_LEVEL_ON, name, ctypes.byref(assertion)
            )
            if result != K_IO_RETURN_SUCCESS:
                return False
            self._assertion = int(assertion.value)
            return True
        finally:
            for made in (kind, name):
                if made:
                    cf.CFRelease(made)

    def release(self) -> None:
        if self._assertion is None or self._frameworks is None:
            return
        assertion, self._assertion = self._assertion, None
        self._frameworks[1].IOPMAssertionRelease(assertion)
