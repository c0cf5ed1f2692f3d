"""Opening the history database: rollback journal, full sync, migrations by PRAGMA user_version.

Before an existing database is migrated, a copy is kept beside it, so an upgrade can never
cost the user their history.

The journal is the classic rollback journal, not WAL: it exists only while a transaction runs,
so between writes the database is one self-contained file. A file deleted, moved or replaced
while the app runs then leaves no -wal/-shm behind that could be applied to the wrong file, and
a database in a read-only folder can still be read. deskbreak writes a few rows an hour, so
WAL's speed is not needed.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from . import schema_v2, schema_v3, schema_v4

# Each step is SQL, or a function run inside the step's transaction.
MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    # 1: the break log and a small key/value table for state that survives restarts
    """
    CREATE TABLE breaks (
        id              INTEGER PRIMARY KEY,
        at              TEXT    NOT NULL,
        reminded        INTEGER NOT NULL CHECK (reminded IN (0, 1)),
        outcome         TEXT    NOT NULL CHECK (outcome IN ('pending', 'completed',
                            'ended_early', 'skipped', 'snoozed', 'stepped_away', 'unanswered')),
        sitting_seconds REAL,
        started_at      TEXT,
        ended_at        TEXT,
        routine_id      TEXT,
        steps_done      INTEGER,
        steps_total     INTEGER,
        steps_skipped   INTEGER,
        active_seconds  REAL,
        answered_at     TEXT
    );
    CREATE TABLE app_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: event ids, UTC instants, local days and offsets; events, per-day figures (schema_v2.py)
    schema_v2.migrate,
    # 3: the earliest day whose figures changed, so a saved streak walk knows when it is stale
    schema_v3.MIGRATION,
    # 4: reminders that waited (a call, a fullscreen window, do-not-disturb) as events
    schema_v4.migrate,
)

SCHEMA_VERSION = len(MIGRATIONS)


class StorageError(Exception):
    """The history database cannot be used; the message names the file and the reason."""


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA busy_timeout=2000")
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "delete":
        # An older deskbreak's WAL file, folded back into one file. Should another program have
        # it open right now, it stays WAL for this run (and is folded back at the next start).
        with contextlib.suppress(sqlite3.OperationalError):
            conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    target = path.with_name(f"{path.name}.before-v{SCHEMA_VERSION}-from-v{version}.bak")
    with sqlite3.connect(target) as copy:
        conn.backup(copy)
    copy.close()
    return target


OUR_TABLES = frozenset({"breaks", "app_state"})


def _refuse_newer(conn: sqlite3.Connection, path: Path | None) -> int:
    """The schema version, after refusing a newer deskbreak's file or another program's database."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    where = str(path) if path else "the database"
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"{where} was written by a newer deskbreak (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); it was left untouched"
        )
    tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if version == 0 and tables or version > 0 and not tables >= OUR_TABLES:
        raise StorageError(f"{where} is not a deskbreak database (another program's?); it was left untouched")
    return version


def migrate(conn: sqlite3.Connection, path: Path | None = None) -> int:
    """Bring the schema up to date; returns the version the database was at."""
    version = _refuse_newer(conn, path)
    if version == SCHEMA_VERSION:
        return version
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if path is not None and (version > 0 or has_tables):
        _backup(conn, path, version)
    for number in range(version, SCHEMA_VERSION):
        step = MIGRATIONS[number]
        try:
            if callable(step):
                conn.execute("BEGIN")
                step(conn)
                conn.execute(f"PRAGMA user_version={number + 1}")
                conn.execute("COMMIT")
            else:
                conn.executescript(f"BEGIN;\n{step}\nPRAGMA user_version={number + 1};\nCOMMIT;")
        except sqlite3.DatabaseError:
            if conn.in_transaction:
                conn.rollback()
            raise
    return version


def connect(path: Path | None) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the database; None gives a private in-memory one."""
    target = ":memory:" if path is None else str(path)
    try:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(target, isolation_level=None, check_same_thread=True)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"{target}: cannot be opened as the history database ({exc})") from exc
    try:
        # Refuse a newer schema before anything (even the switch to WAL) writes to the file.
        _refuse_newer(conn, path)
        _configure(conn)
        migrate(conn, path)
    except StorageError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise StorageError(f"{target}: cannot be used as the history database ({exc})") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def integrity_ok(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
