"""Reading the history from another process (the command line) without disturbing the app.

The file is opened read-only: nothing is migrated, journaled or locked for writing, so a
running app (which may write at any moment) only ever waits for a read of a few milliseconds.
A file of an older schema is copied into memory and migrated there; the file itself is never
changed. `copy=True` also reads a current file into memory at once (a snapshot for a long
export, so the app is never kept waiting while the output is written).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .database import SCHEMA_VERSION, StorageError, migrate

NEEDED_TABLES = ("breaks", "events", "days", "app_state", "day_changes")


def open_for_reading(path: Path, *, copy: bool = False) -> sqlite3.Connection | None:
    """A read-only connection to the history (or a migrated copy in memory).

    None when there is no history yet (no file, or an empty one the app is only now creating).
    StorageError naming the file when it cannot be read or is not a deskbreak database.
    """
    try:
        if os.stat(path).st_size == 0:
            return None
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StorageError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise StorageError(f"{path}: cannot be opened ({exc})") from None
    try:
        conn.execute("PRAGMA busy_timeout=2000")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        names = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version == SCHEMA_VERSION and names >= set(NEEDED_TABLES) and not copy:
            return conn
        memory = sqlite3.connect(":memory:", isolation_level=None)
        try:
            conn.backup(memory)
            migrate(memory)  # refuses a newer schema or another program's database
        except BaseException:
            memory.close()
            raise
        conn.close()
        return memory
    except StorageError as exc:
        conn.close()
        raise StorageError(str(exc).replace("the database", str(path), 1)) from None
    except sqlite3.Error as exc:
        conn.close()
        raise StorageError(f"{path}: cannot be read as the history database ({exc})") from None
    except BaseException:
        conn.close()
        raise
