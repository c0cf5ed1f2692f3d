"""What deskbreak's macOS modules share of CoreFoundation, through ctypes (no pyobjc): loading a
framework, the constants they pass, and the two calls every one of them makes (a CFString made
from Python text, and CFRelease for what was made or copied)."""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Any

__all__ = [
    "K_CF_NUMBER_DOUBLE_TYPE",
    "K_CF_NUMBER_SINT64_TYPE",
    "K_CF_STRING_ENCODING_UTF8",
    "K_IO_RETURN_SUCCESS",
    "declare_strings",
    "load_framework",
]

K_CF_STRING_ENCODING_UTF8 = 0x08000100
K_CF_NUMBER_SINT64_TYPE = 4
K_CF_NUMBER_DOUBLE_TYPE = 13
K_IO_RETURN_SUCCESS = 0


def load_framework(name: str) -> Any:
    """CoreFoundation, IOKit, CoreGraphics... by name; OSError where there is none (not macOS)."""
    path = ctypes.util.find_library(name)
    if path is None:
        raise OSError(f"framework {name} not found")
    return ctypes.CDLL(path)


def declare_strings(cf: Any) -> None:
    """Argument and result types of CFStringCreateWithCString and CFRelease."""
    cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
    cf.CFStringCreateWithCString.restype = ctypes.c_void_p
    cf.CFRelease.argtypes = [ctypes.c_void_p]
    cf.CFRelease.restype = None
