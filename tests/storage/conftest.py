"""A history database in a temporary file, opened the way the app opens it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


@pytest.fixture
def conn(db_path: Path) -> Iterator[sqlite3.Connection]:
    connection = connect(db_path)
    yield connection
    connection.close()


@pytest.fixture
def log(conn: sqlite3.Connection) -> BreakLog:
    return BreakLog(conn)
