"""Why the history database cannot be used, in plain words that name the folder or the file."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from .database import StorageError

# SQLite's primary result codes (the low byte of an extended code)
SQLITE_ERROR = 1
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


def sqlite_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_environmental(exc: sqlite3.Error) -> bool:
    """True for the disk, the file or the folder failing; False for a bug in a statement.

    An environmental failure keeps the write queued for later; a bug (a constraint broken by our
    own SQL) would fail the same way for ever, so that write is dropped and logged instead.
    """
    return not isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _searchable(folder: Path) -> bool:
    """Can we look inside `folder`? (Path.exists raises on a folder above it we may not enter.)"""
    try:
        os.stat(folder)
    except PermissionError:
        return False
    except OSError:
        return True  # missing: said below
    return True


def _folder_cause(folder: Path) -> str | None:
    if not _searchable(folder):
        return f"the folder {folder} cannot be opened (permission denied)"
    if not os.path.exists(folder):
        return f"the folder {folder} is missing and could not be created"
    if not os.path.isdir(folder):
        return f"{folder} is a file, not a folder"
    if not _writable(folder):
        return f"the folder {folder} is read-only"
    return None


def cause(exc: BaseException, path: Path) -> str:
    """What went wrong, e.g. "the disk is full" or "the folder /x is read-only"."""
    if isinstance(exc, StorageError):
        text = str(exc)
        if text.startswith(f"{path}: "):
            return text.removeprefix(f"{path}: ")
        return f"it {text.removeprefix(f'{path} ')}" if text.startswith(f"{path} ") else text
    if isinstance(exc, OSError):
        if exc.errno in _FULL_ERRNOS:
            return "the disk is full"
        if exc.errno in _READ_ONLY_ERRNOS:
            return _folder_cause(path.parent) or "the file is read-only"
        return _folder_cause(path.parent) or f"{exc.strerror or exc}"
    code = sqlite_code(exc)
    if code == SQLITE_FULL:
        return "the disk is full"
    if code in (SQLITE_NOTADB, SQLITE_CORRUPT):
        return "it is not a deskbreak database (it is left untouched)"
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return "another program holds it locked"
    if code in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN):
        if os.path.isdir(path):
            return "it is a folder, not a file"
        folder = _folder_cause(path.parent)
        if folder:
            return folder
        if os.path.exists(path) and not _writable(path):
            return "the file is read-only"
        if code == SQLITE_CANTOPEN:
            return "it cannot be opened"
        return "it is read-only"
    if code == SQLITE_IOERR:
        return _folder_cause(path.parent) or "the disk reported an input/output error"
    return str(exc) or type(exc).__name__


def reason_text(why: str, waiting: int) -> str:
    """The problem without the file name (for a Problem, which names the file itself)."""
    events = {0: "New events wait", 1: "1 event waits"}.get(waiting, f"{waiting} events wait")
    return (
        f"breaks are not saved for now: {why}. {events} in memory and will be written "
        "as soon as saving works again (deskbreak keeps reminding meanwhile)"
    )


def problem_text(path: Path | None, why: str, waiting: int) -> str:
    where = str(path) if path is not None else "the history database"
    return f"{where}: {reason_text(why, waiting)}"
