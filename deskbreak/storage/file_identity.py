"""Which file a path leads to (device and inode), to notice a history deleted, moved or replaced."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

FileId = tuple[int, int]
UNREACHABLE: FileId = (-1, -1)  # a folder above the file may not be entered: cannot tell


def file_id(path: Path) -> FileId | None:
    """The file at `path`; None when there is none; UNREACHABLE when it cannot be looked at."""
    try:
        st = os.stat(path)
    except PermissionError:
        return UNREACHABLE
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def database_path(conn: sqlite3.Connection) -> Path | None:
    """The file behind a connection, or None for an in-memory database."""
    for _, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            return Path(str(file))
    return None
