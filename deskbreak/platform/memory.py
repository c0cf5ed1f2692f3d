"""Give memory freed after start-up (or after a break window closed) back to the system.

A tray app sits idle all day; glibc keeps freed heap pages mapped unless asked to release them.
Elsewhere (Windows, macOS, musl) this is a no-op.

Python's small-object arenas are another matter: a page holding one live object stays resident,
so what start-up allocates and frees again still costs memory all day. `lighter_pyside_imports`
keeps the largest such allocation from happening at all.
"""

from __future__ import annotations

import ctypes
import gc
import linecache
import sys


def _mentions_pyside(module: object) -> bool:
    """Whether a module's source file names PySide6: read whole, as bytes, and not kept."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # no source to read (built in, extension, .pyc only): PySide's own answer too
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def lighter_pyside_imports() -> bool:
    """Import PySide6 and make its check of every later import read sources without linecache.

    PySide6 asks of each module imported after it whether its source mentions "PySide6" (so that
    `from __feature__ import ...` works there); it reads the source with inspect.getsource, which
    splits the file into lines and keeps them in linecache. For the tray app that is ~5 MiB of
    strings among the modules' own objects; freeing them later leaves holes in pages that stay
    resident (tests/bench/bench_idle.py: ~4.5 MiB RSS all day). The same test on the bytes of
    the file gives the same answer. False (nothing changed) if this PySide6 has no such check.
    """
    import PySide6  # noqa: F401  (sets up the import check)

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _mentions_pyside  # type: ignore[attr-defined]
    return True


def release_free_memory(platform: str = sys.platform) -> bool:
    """Collect garbage and return free heap pages to the OS; True if the heap was trimmed."""
    # Source lines read later (a traceback logged, a warning) and, without
    # lighter_pyside_imports, those PySide6's import check read: ~5 MiB for nothing.
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
