"""Opening the history database: WAL, foreign keys, and migrations by PRAGMA user_version.

Before an existing database is migrated, a copy is kept beside it, so an upgrade can never
cost the user their history.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

MIGRATIONS: tuple[str, ...] = (
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
)

SCHEMA_VERSION = len(MIGRATIONS)


class StorageError(Exception):
    """The history database cannot be used; the message names the file and the reason."""


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=2000")


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    target = path.with_name(f"{path.name}.before-v{SCHEMA_VERSION}-from-v{version}.bak")
    with sqlite3.connect(target) as copy:
        conn.backup(copy)
    copy.close()
    return target


def _refuse_newer(conn: sqlite3.Connection, path: Path | None) -> int:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        where = str(path) if path else "the database"
        raise StorageError(
            f"{where} was written by a newer deskbreak (schema {version}, this one knows "
            f"{SCHEMA_VERSION}); it was left untouched"
        )
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
        try:
            conn.executescript(f"BEGIN;\n{MIGRATIONS[number]}\nPRAGMA user_version={number + 1};\nCOMMIT;")
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
