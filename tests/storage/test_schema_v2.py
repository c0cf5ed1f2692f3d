"""Schema 1 -> 2 on a real file: every old row kept, placed on its own local day, backed up first."""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import deskbreak.storage.database as database
import deskbreak.storage.days as days
from deskbreak.core.review import DaySummary
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import SCHEMA_VERSION, StorageError, connect, integrity_ok
from deskbreak.storage.schema_v2 import INSTALL_KEY

OLD_COLUMNS = (
    "id, at, reminded, outcome, sitting_seconds, started_at, ended_at, routine_id,"
    " steps_done, steps_total, steps_skipped, active_seconds, answered_at"
)

# What a schema-1 deskbreak wrote: each timestamp with the offset of the moment it was written.
# (id, at, reminded, outcome, sitting, started, ended, routine, done, total, skipped, active, answered)
V1_ROWS: list[tuple[object, ...]] = [
    # Monday 2 March 2026 in Berlin, winter time (+01:00)
    (1, "2026-03-02T09:45:00+01:00", 1, "skipped", 2700.0, None, None, None, None, None, None, None,
     "2026-03-02T09:46:10+01:00"),
    (2, "2026-03-02T10:45:00+01:00", 1, "completed", 2700.0, "2026-03-02T10:46:00+01:00",
     "2026-03-02T10:48:05+01:00", "quick-reset", 4, 4, 1, 104.3, "2026-03-02T10:46:00+01:00"),
    # just after midnight local time: still 2 March in UTC, but 3 March where the user was
    (3, "2026-03-03T00:30:00+01:00", 0, "ended_early", 3100.5, "2026-03-03T00:30:00+01:00",
     "2026-03-03T00:31:00+01:00", "neck", 2, 4, 0, 50.0, None),
    # Wednesday 1 July 2026, summer time (+02:00)
    (4, "2026-07-01T08:00:00+02:00", 1, "snoozed", 2700.0, None, None, None, None, None, None, None,
     "2026-07-01T08:00:30+02:00"),
    (5, "2026-07-01T23:15:00+02:00", 1, "ended_early", 2700.0, "2026-07-01T23:16:00+02:00",
     "2026-07-01T23:16:30+02:00", "quick-reset", 1, 4, 0, 20.0, "2026-07-01T23:16:00+02:00"),
    # on a trip: 21:00 in New York is already 2 July in UTC
    (6, "2026-07-01T21:00:00-05:00", 1, "stepped_away", 2700.0, None, None, None, None, None, None,
     None, "2026-07-01T21:05:00-05:00"),
    # back home on a computer set to UTC; the app was killed with this reminder on screen
    (7, "2026-07-02T09:00:00+00:00", 1, "pending", 2700.0, None, None, None, None, None, None, None,
     None),
    (8, "2026-07-02T10:00:00+00:00", 1, "unanswered", 2700.0, None, None, None, None, None, None, None,
     "2026-07-02T10:05:00+00:00"),
]  # fmt: skip

# id: (at_utc, local_date, utc_offset), worked out by hand from each row's own offset
PLACED = {
    1: ("2026-03-02T08:45:00Z", "2026-03-02", 3600),
    2: ("2026-03-02T09:45:00Z", "2026-03-02", 3600),
    3: ("2026-03-02T23:30:00Z", "2026-03-03", 3600),
    4: ("2026-07-01T06:00:00Z", "2026-07-01", 7200),
    5: ("2026-07-01T21:15:00Z", "2026-07-01", 7200),
    6: ("2026-07-02T02:00:00Z", "2026-07-01", -18000),
    7: ("2026-07-02T09:00:00Z", "2026-07-02", 0),
    8: ("2026-07-02T10:00:00Z", "2026-07-02", 0),
}

# (breaks counted, started, natural, movement, longest sitting, rest, reminders)
EXPECTED_DAYS = {
    date(2026, 3, 2): DaySummary(1, 1, 0, 104.3, 0.0, False, 2),  # the completed break
    date(2026, 3, 3): DaySummary(1, 1, 0, 50.0, 0.0, False, 0),  # 2 of 4 steps: counts
    date(2026, 7, 1): DaySummary(0, 1, 0, 20.0, 0.0, False, 3),  # 1 of 4 does not
    date(2026, 7, 2): DaySummary(0, 0, 0, 0.0, 0.0, False, 2),
}


def make_v1(path: Path, rows: list[tuple[object, ...]] = V1_ROWS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript(f"BEGIN; {database.MIGRATIONS[0]} PRAGMA user_version=1; COMMIT;")
    conn.executemany(f"INSERT INTO breaks ({OLD_COLUMNS}) VALUES ({', '.join('?' * 13)})", rows)
    conn.execute("INSERT INTO app_state (key, value) VALUES ('state', '{\"x\": 1}')")
    conn.commit()
    conn.close()


def old_rows(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute(f"SELECT {OLD_COLUMNS} FROM breaks ORDER BY id").fetchall()


def new_columns(conn: sqlite3.Connection) -> dict[int, tuple[object, ...]]:
    return {
        r[0]: r[1:]
        for r in conn.execute("SELECT id, uid, at_utc, local_date, utc_offset, feedback, pain FROM breaks")
    }


def summaries(conn: sqlite3.Connection) -> dict[date, DaySummary]:
    return BreakLog(conn).events.day_summaries()


@pytest.fixture
def far_timezone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine now runs 14 hours ahead of UTC (the rows were written elsewhere)."""
    monkeypatch.setenv("TZ", "XYZ-14")
    time.tzset()
    assert time.localtime(0).tm_hour == 14
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("zone", ["as written", "far away"])
def test_a_schema_1_file_migrates_keeping_every_row_on_its_own_local_day(
    db_path: Path, zone: str, request: pytest.FixtureRequest
) -> None:
    make_v1(db_path)
    if zone == "far away":
        request.getfixturevalue("far_timezone")
    conn = connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert integrity_ok(conn)
        assert old_rows(conn) == V1_ROWS  # every row, every value
        placed = new_columns(conn)
        assert {rid: values[1:4] for rid, values in placed.items()} == PLACED
        assert all(values[4:] == (None, 0) for values in placed.values())  # no feedback, no pain
        uids = [values[0] for values in placed.values()]
        assert len(set(uids)) == len(V1_ROWS)
        assert all(uuid.UUID(str(u)).version == 4 for u in uids)
        assert summaries(conn) == EXPECTED_DAYS
        install = conn.execute("SELECT value FROM app_state WHERE key = ?", (INSTALL_KEY,)).fetchone()
        assert uuid.UUID(install[0])
        assert conn.execute("SELECT value FROM app_state WHERE key = 'state'").fetchone()[0] == '{"x": 1}'
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 0
    finally:
        conn.close()


def test_the_old_rows_are_readable_and_writable_through_the_log_after_migrating(db_path: Path) -> None:
    make_v1(db_path)
    conn = connect(db_path)
    try:
        log = BreakLog(conn)
        assert [r.id for r in log.recent()] == [8, 7, 6, 5, 4, 3, 2, 1]
        assert log.recent()[-1].at == datetime(2026, 3, 2, 9, 45, tzinfo=timezone(timedelta(hours=1)))
        # a new reminder after the upgrade gets the next id and its own day row
        utc = UTC
        rid = log.reminder_shown(datetime(2026, 7, 3, 9, 0, tzinfo=utc), timedelta(minutes=45))
        assert rid == 9
        assert summaries(conn)[date(2026, 7, 3)] == DaySummary(reminders=1)
    finally:
        conn.close()


def test_a_backup_of_the_schema_1_file_is_kept_beside_it(db_path: Path) -> None:
    make_v1(db_path)
    connect(db_path).close()
    backup = db_path.with_name(f"{db_path.name}.before-v{SCHEMA_VERSION}-from-v1.bak")
    assert sorted(p.name for p in db_path.parent.iterdir()) == sorted([db_path.name, backup.name])
    old = sqlite3.connect(backup)
    try:
        assert integrity_ok(old)
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "uid" not in {r[1] for r in old.execute("PRAGMA table_info(breaks)")}
        tables = {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == {"breaks", "app_state"}
        assert old_rows(old) == V1_ROWS
        assert old.execute("SELECT value FROM app_state WHERE key = 'state'").fetchone()[0] == '{"x": 1}'
    finally:
        old.close()


def test_opening_again_does_not_migrate_twice(db_path: Path) -> None:
    make_v1(db_path)
    conn = connect(db_path)
    first = new_columns(conn)
    conn.close()
    backup = db_path.with_name(f"{db_path.name}.before-v{SCHEMA_VERSION}-from-v1.bak")
    backup_bytes = backup.read_bytes()

    conn = connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert new_columns(conn) == first  # the same uids: not handed out again
        assert old_rows(conn) == V1_ROWS
        assert summaries(conn) == EXPECTED_DAYS
        assert conn.execute("SELECT count(*) FROM app_state WHERE key = ?", (INSTALL_KEY,)).fetchone()[0] == 1
    finally:
        conn.close()
    assert list(db_path.parent.glob("*.bak")) == [backup]
    assert backup.read_bytes() == backup_bytes


@pytest.mark.parametrize(
    "at",
    ["", "garbage", "2026-02-30T10:00:00+01:00", "yesterday at ten", "0001-01-01T00:30:00+01:00",
     "9999-12-31T23:30:00-01:00"],
)  # fmt: skip
def test_a_row_with_an_unreadable_time_does_not_stop_the_migration(db_path: Path, at: str) -> None:
    bad = (9, at, 1, "skipped", 2700.0, None, None, None, None, None, None, None, None)
    make_v1(db_path, [*V1_ROWS, bad])
    conn = connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert old_rows(conn) == [*V1_ROWS, bad]  # kept as it was
        uid, at_utc, local_date, offset, _, _ = new_columns(conn)[9]
        assert uuid.UUID(str(uid))
        assert (at_utc, local_date, offset) == (None, None, None)  # on no day at all
        assert summaries(conn) == EXPECTED_DAYS
        # the rest of the history works on
        BreakLog(conn).reminder_shown(datetime(2026, 7, 3, 9, tzinfo=UTC), timedelta(minutes=45))
    finally:
        conn.close()


def test_a_row_with_a_date_but_no_offset_keeps_its_day(db_path: Path) -> None:
    naive = (9, "2026-03-02T12:00:00", 1, "completed", 2700.0, None, None, None, 3, 3, 0, 60.0, None)
    make_v1(db_path, [*V1_ROWS, naive])
    conn = connect(db_path)
    try:
        assert new_columns(conn)[9][1:4] == (None, "2026-03-02", None)
        assert summaries(conn)[date(2026, 3, 2)] == DaySummary(2, 1, 0, 164.3, 0.0, False, 3)
    finally:
        conn.close()


def _fail(*_: object) -> None:
    raise sqlite3.OperationalError("disk I/O error")


def _crash(*_: object) -> None:
    raise RuntimeError("something unexpected")


@pytest.mark.parametrize("failure", [_fail, _crash], ids=["database error", "other error"])
def test_a_migration_failing_midway_leaves_the_file_at_schema_1_untouched(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, failure: object
) -> None:
    make_v1(db_path)
    before = db_path.read_bytes()
    # after the new columns were added and every row was given its uid and day
    monkeypatch.setattr(days, "rebuild", failure)
    with pytest.raises((StorageError, RuntimeError)) as info:
        connect(db_path)
    if isinstance(info.value, StorageError):
        assert str(db_path) in str(info.value)
    del info
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == sorted(
        [db_path.name, f"{db_path.name}.before-v{SCHEMA_VERSION}-from-v1.bak"]
    )  # no journal left behind
    old = sqlite3.connect(db_path)
    try:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "uid" not in {r[1] for r in old.execute("PRAGMA table_info(breaks)")}
        assert old_rows(old) == V1_ROWS
    finally:
        old.close()

    monkeypatch.undo()  # the next start (or a fixed version) migrates it
    conn = connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert old_rows(conn) == V1_ROWS
        assert summaries(conn) == EXPECTED_DAYS
    finally:
        conn.close()
