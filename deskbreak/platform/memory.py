"""Give memory freed after start-up (or after a break window closed) back to the system.

A tray app sits idle all day; glibc keeps freed heap pages mapped unless asked to release them.
Elsewhere (Windows, macOS, musl) this is a no-op.
"""

from __future__ import annotations

import ctypes
import gc
import linecache
import sys


def release_free_memory(platform: str = sys.platform) -> bool:
    """Collect garbage and return free heap pages to the OS; True if the heap was trimmed."""
    # PySide6's import hook reads the source of every module that imports it (to look for
    # `from __feature__ import ...`), and linecache keeps those texts: ~1 MiB for nothing.
    linecache.clearcache()
    gc.collect()
    # What is alive now (modules, Qt wrappers, settings) lives all day: keep it out of the
    # cyclic collector's full passes, which otherwise walk it all every so often while idle.
    gc.freeze()
    if not platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None)
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return bool(trim(0))
