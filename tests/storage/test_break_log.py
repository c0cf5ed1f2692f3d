"""The break log and the saved state on a real SQLite file, and how the file is opened and migrated."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import deskbreak.storage.database as database
from deskbreak.core.player import PlayerResult
from deskbreak.core.policy import BreakPolicy, Outcome, Phase, PolicySettings, SavedState
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.dangling import STATE_KEY
from deskbreak.storage.database import SCHEMA_VERSION, StorageError, connect, integrity_ok

TZ = timezone(timedelta(hours=2))


def at(hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime(2024, 3, 4, hh, mm, ss, tzinfo=TZ)


SAT_45 = timedelta(minutes=45)
MIN = timedelta(minutes=1)


def rows(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM breaks").fetchone()[0])


# -- reminders and breaks -----------------------------------------------------------------


def test_a_reminder_is_logged_as_pending(log: BreakLog) -> None:
    rid = log.reminder_shown(at(9, 45), SAT_45)
    (record,) = log.recent()
    assert record.id == rid
    assert (record.at, record.reminded, record.outcome, record.sitting_for) == (
        at(9, 45),
        True,
        Outcome.PENDING,
        SAT_45,
    )
    assert record.started_at is None and record.routine_id is None and record.steps_done is None


@pytest.mark.parametrize(
    "outcome", [Outcome.SNOOZED, Outcome.SKIPPED, Outcome.STEPPED_AWAY, Outcome.UNANSWERED]
)
def test_a_reminder_answered_without_a_break(log: BreakLog, outcome: Outcome) -> None:
    rid = log.reminder_shown(at(9, 45), SAT_45)
    log.answer(rid, outcome, at(9, 47))
    (record,) = log.recent()
    assert (record.id, record.outcome, record.reminded, record.started_at) == (rid, outcome, True, None)


def test_a_reminder_answered_by_a_completed_break_is_one_row_with_the_steps(
    log: BreakLog, conn: sqlite3.Connection
) -> None:
    rid = log.reminder_shown(at(9, 45), SAT_45)
    bid = log.break_started(at(9, 46), "quick-reset", reminder_id=rid, sitting_for=SAT_45 + 60 * MIN)
    log.break_finished(bid, at(9, 48, 5), PlayerResult(True, 4, 4, 1, timedelta(seconds=104.26)))

    assert bid == rid
    assert rows(conn) == 1
    (record,) = log.recent()
    assert record.reminded is True
    assert record.outcome is Outcome.COMPLETED
    assert record.at == at(9, 45)
    assert record.sitting_for == SAT_45  # the sitting time when the reminder came
    assert (record.started_at, record.ended_at, record.routine_id) == (at(9, 46), at(9, 48, 5), "quick-reset")
    assert (record.steps_done, record.steps_total, record.steps_skipped) == (4, 4, 1)
    assert record.active == timedelta(seconds=104.3)
    assert record.describe() == "completed (1 step skipped)"


def test_a_break_ended_early_says_how_far_it_got(log: BreakLog) -> None:
    rid = log.reminder_shown(at(9, 45), SAT_45)
    log.break_started(at(9, 46), "quick-reset", reminder_id=rid, sitting_for=SAT_45)
    log.break_finished(rid, at(9, 47), PlayerResult(False, 2, 4, 0, timedelta(seconds=60)))
    (record,) = log.recent()
    assert record.outcome is Outcome.ENDED_EARLY
    assert record.describe() == "ended early after 2 of 4 steps"


def test_a_self_started_break_is_its_own_row_without_a_reminder(
    log: BreakLog, conn: sqlite3.Connection
) -> None:
    rid = log.reminder_shown(at(9, 45), SAT_45)
    log.answer(rid, Outcome.SKIPPED, at(9, 45, 30))
    bid = log.break_started(at(10, 5), "deep-mobility", reminder_id=None, sitting_for=20 * MIN)
    log.break_finished(bid, at(10, 10), PlayerResult(True, 8, 8, 0, timedelta(minutes=4, seconds=45)))

    assert bid != rid
    assert rows(conn) == 2
    newest, oldest = log.recent()
    assert newest.id == bid
    assert (newest.reminded, newest.at, newest.started_at, newest.sitting_for) == (
        False,
        at(10, 5),
        at(10, 5),
        20 * MIN,
    )
    assert (newest.outcome, newest.routine_id, newest.steps_done) == (Outcome.COMPLETED, "deep-mobility", 8)
    assert (oldest.id, oldest.outcome) == (rid, Outcome.SKIPPED)  # the skipped reminder is untouched


def test_recent_is_newest_first_and_limited(log: BreakLog) -> None:
    ids = [log.reminder_shown(at(9, 0) + n * SAT_45, SAT_45) for n in range(6)]
    assert [r.id for r in log.recent()] == ids[::-1]
    assert [r.id for r in log.recent(limit=3)] == ids[:2:-1]
    assert [r.at for r in log.recent(limit=2)] == [at(9, 0) + 5 * SAT_45, at(9, 0) + 4 * SAT_45]
    assert log.recent(limit=0) == []


def test_recent_on_an_empty_log(log: BreakLog) -> None:
    assert log.recent() == []


def test_the_log_survives_closing_and_reopening(db_path: Path) -> None:
    conn = connect(db_path)
    BreakLog(conn).reminder_shown(at(9, 45), SAT_45)
    conn.close()
    again = connect(db_path)
    try:
        assert [r.at for r in BreakLog(again).recent()] == [at(9, 45)]
    finally:
        again.close()


def test_after_a_crash_dangling_entries_are_closed(db_path: Path) -> None:
    conn = connect(db_path)
    log = BreakLog(conn)
    done = log.reminder_shown(at(9, 45), SAT_45)
    log.break_started(at(9, 46), "quick-reset", reminder_id=done, sitting_for=SAT_45)
    log.break_finished(done, at(9, 48), PlayerResult(True, 4, 4, 0, 2 * MIN))
    unanswered = log.reminder_shown(at(10, 33), SAT_45)
    in_break = log.break_started(at(10, 40), "quick-reset", reminder_id=None, sitting_for=7 * MIN)
    log.heartbeat(at(10, 52))
    conn.close()  # the app died here: one reminder on screen, one break window open

    conn = connect(db_path)
    try:
        log = BreakLog(conn)
        assert log.close_dangling(at(11, 0)) == 2
        by_id = {r.id: r for r in log.recent()}
        assert by_id[unanswered].outcome is Outcome.UNANSWERED
        assert by_id[in_break].outcome is Outcome.ENDED_EARLY
        assert by_id[in_break].ended_at == at(10, 52)  # the last heartbeat, not the restart
        assert by_id[done].outcome is Outcome.COMPLETED
        assert by_id[done].ended_at == at(9, 48)
        assert log.close_dangling(at(11, 5)) == 0  # nothing left to close
    finally:
        conn.close()


# -- state that survives a restart --------------------------------------------------------


@pytest.mark.parametrize(
    "state",
    [
        SavedState(Phase.SITTING, at(9, 0), at(9, 45), at(9, 30, 15)),
        SavedState(Phase.SNOOZED, at(9, 0), at(9, 52, 10), at(9, 48)),
        SavedState(Phase.DUE, at(9, 0), None, at(9, 46)),
        SavedState(Phase.AWAY, None, None, at(11, 20)),
        SavedState(Phase.SITTING, datetime(2024, 3, 4, 7, 0, tzinfo=UTC), None, at(9, 1)),
    ],
)
def test_state_round_trip(log: BreakLog, state: SavedState) -> None:
    log.save_state(state)
    loaded = log.load_state()
    assert loaded == state
    assert loaded is not None and loaded.last_seen.utcoffset() == state.last_seen.utcoffset()


def test_only_the_latest_state_is_kept(log: BreakLog, conn: sqlite3.Connection) -> None:
    log.save_state(SavedState(Phase.SITTING, at(9, 0), at(9, 45), at(9, 1)))
    log.save_state(SavedState(Phase.DUE, at(9, 0), None, at(9, 46)))
    assert log.load_state() == SavedState(Phase.DUE, at(9, 0), None, at(9, 46))
    assert conn.execute("SELECT count(*) FROM app_state WHERE key = ?", (STATE_KEY,)).fetchone()[0] == 1


def test_no_state_saved_yet(log: BreakLog) -> None:
    assert log.load_state() is None


def test_a_saved_state_resumes_the_policy_after_a_restart(db_path: Path) -> None:
    settings = PolicySettings(SAT_45, 5 * MIN, 5 * MIN)
    policy = BreakPolicy(settings, at(9, 0))
    conn = connect(db_path)
    now = at(9, 0)
    while now < at(9, 30):  # tick as the app does: a single big jump would look like a suspend
        now += timedelta(seconds=30)
        policy.tick(now, 0.0)
    BreakLog(conn).save_state(policy.saved(now))
    conn.close()

    conn = connect(db_path)
    try:
        restored = BreakPolicy(settings, at(9, 32), BreakLog(conn).load_state())
    finally:
        conn.close()
    assert restored.status(at(9, 32)).due_at == policy.status(at(9, 30)).due_at
    assert restored.status(at(9, 32)).sitting_for == policy.status(at(9, 30)).sitting_for + 2 * MIN


GOOD = {
    "phase": "sitting",
    "sitting_since": at(9, 0).isoformat(),
    "due_at": None,
    "last_seen": at(9, 1).isoformat(),
}


@pytest.mark.parametrize(
    "value",
    [
        "not json at all",
        "",
        "null",
        "[]",
        "42",
        "{}",
        json.dumps({**GOOD, "phase": "dancing"}),
        json.dumps({**GOOD, "last_seen": None}),
        json.dumps({**GOOD, "last_seen": "yesterday"}),
        json.dumps({**GOOD, "sitting_since": 5}),
        json.dumps({k: v for k, v in GOOD.items() if k != "phase"}),
    ],
)
def test_a_garbage_state_is_ignored(log: BreakLog, conn: sqlite3.Connection, value: str) -> None:
    conn.execute("INSERT INTO app_state (key, value) VALUES ('policy', ?)", (value,))
    assert log.load_state() is None


def test_a_state_with_naive_timestamps_is_ignored(log: BreakLog, conn: sqlite3.Connection) -> None:
    value = json.dumps(
        {
            "phase": "sitting",
            "sitting_since": "2024-03-04T09:00:00",
            "due_at": None,
            "last_seen": "2024-03-04T09:01:00",
        }
    )
    conn.execute("INSERT INTO app_state (key, value) VALUES ('policy', ?)", (value,))
    saved = log.load_state()
    BreakPolicy(PolicySettings(SAT_45, 5 * MIN, 5 * MIN), at(9, 2), saved)  # must not raise
    assert saved is None


# -- opening and migrating the file -------------------------------------------------------


def test_a_fresh_database_is_at_the_current_schema_with_a_rollback_journal(db_path: Path) -> None:
    conn = connect(db_path)  # the folder does not exist yet
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        # no -wal/-shm beside the file between writes: a replaced file gets nothing of ours
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert integrity_ok(conn)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"breaks", "app_state"} <= tables
    finally:
        conn.close()
    assert not list(db_path.parent.glob("*.bak"))  # nothing to back up on a first run


def test_an_older_wal_database_is_folded_back_into_one_file(db_path: Path) -> None:
    connect(db_path).close()  # today's schema
    old = sqlite3.connect(db_path)
    old.execute("PRAGMA journal_mode=WAL")  # as an older deskbreak kept it
    old.execute(
        "INSERT INTO breaks (at, reminded, outcome) VALUES ('2024-03-04T09:45:00+02:00', 1, 'skipped')"
    )
    old.commit()
    old.close()
    conn = connect(db_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert [r.outcome for r in BreakLog(conn).recent()] == [Outcome.SKIPPED]
    finally:
        conn.close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_another_programs_database_is_refused_and_left_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    other = sqlite3.connect(db_path)
    other.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    other.commit()
    other.close()
    before = db_path.read_bytes()
    with pytest.raises(StorageError) as info:
        connect(db_path)
    assert "not a deskbreak database" in str(info.value)
    del info
    assert db_path.read_bytes() == before


def test_reopening_a_current_database_makes_no_backup(db_path: Path) -> None:
    connect(db_path).close()
    connect(db_path).close()
    assert not list(db_path.parent.glob("*.bak"))


def test_an_in_memory_database_works() -> None:
    conn = connect(None)
    try:
        BreakLog(conn).reminder_shown(at(9, 45), SAT_45)
        assert len(BreakLog(conn).recent()) == 1
    finally:
        conn.close()


def make_newer(path: Path, journal_mode: str) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={journal_mode}")
    conn.execute("CREATE TABLE breaks (id INTEGER PRIMARY KEY, mood TEXT)")
    conn.execute("INSERT INTO breaks (mood) VALUES ('fine')")
    conn.commit()
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    conn.close()
    return path.read_bytes()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(db_path: Path) -> None:
    before = make_newer(db_path, "wal")  # as a newer deskbreak would have written it
    with pytest.raises(StorageError) as info:
        connect(db_path)
    assert str(db_path) in str(info.value)
    assert "newer" in str(info.value)
    del info
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.bak"))


def test_a_newer_database_in_rollback_journal_mode_is_left_untouched(db_path: Path) -> None:
    before = make_newer(db_path, "delete")
    with pytest.raises(StorageError):
        connect(db_path)
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [b"this is not a database\n" * 200, b"SQLite format 3\x00" + b"\xff" * 4080, bytes(range(256)) * 16],
    ids=["text", "broken header", "binary"],
)
def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(db_path: Path, content: bytes) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    with pytest.raises(StorageError) as info:
        connect(db_path)
    assert str(db_path) in str(info.value)
    del info
    assert db_path.read_bytes() == content
    assert not list(db_path.parent.glob("*.bak"))


def open_files(path: Path) -> list[str]:
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(path)):
            found.append(target)
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
def test_a_refused_database_is_not_left_open(db_path: Path) -> None:
    make_newer(db_path, "wal")
    with pytest.raises(StorageError):
        connect(db_path)
    assert open_files(db_path) == []


def fill_v1(db_path: Path) -> list[int]:
    conn = connect(db_path)
    log = BreakLog(conn)
    ids = [log.reminder_shown(at(9, 45), SAT_45), log.reminder_shown(at(10, 30), SAT_45)]
    log.answer(ids[0], Outcome.SKIPPED, at(9, 46))
    log.save_state(SavedState(Phase.SITTING, at(10, 0), at(10, 45), at(10, 31)))
    conn.close()
    return ids


def test_migrating_an_older_database_keeps_a_backup_with_the_old_rows(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = fill_v1(db_path)
    second = "ALTER TABLE breaks ADD COLUMN mood TEXT;"
    monkeypatch.setattr(database, "MIGRATIONS", (*database.MIGRATIONS, second))
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)

    conn = connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert "mood" in {r[1] for r in conn.execute("PRAGMA table_info(breaks)")}
        assert [r.id for r in BreakLog(conn).recent()] == ids[::-1]  # the history came along
        assert BreakLog(conn).load_state() is not None
    finally:
        conn.close()

    (backup,) = db_path.parent.glob("*.bak")
    assert backup.name.startswith(db_path.name)
    old = sqlite3.connect(backup)
    try:
        assert old.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [r[0] for r in old.execute("SELECT id FROM breaks ORDER BY id")] == ids
        assert "mood" not in {r[1] for r in old.execute("PRAGMA table_info(breaks)")}
        assert old.execute("SELECT outcome FROM breaks WHERE id = ?", (ids[0],)).fetchone()[0] == "skipped"
    finally:
        old.close()


def test_a_failing_migration_leaves_the_database_as_it_was(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = fill_v1(db_path)
    broken = "ALTER TABLE breaks ADD COLUMN mood TEXT;\nCREATE TABLE breaks (x);"  # fails half-way
    monkeypatch.setattr(database, "MIGRATIONS", (*database.MIGRATIONS, broken))
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)

    with pytest.raises(StorageError) as info:
        connect(db_path)
    assert str(db_path) in str(info.value)
    del info

    monkeypatch.undo()
    conn = connect(db_path)  # the old version still opens it
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "mood" not in {r[1] for r in conn.execute("PRAGMA table_info(breaks)")}
        assert [r.id for r in BreakLog(conn).recent()] == ids[::-1]
        BreakLog(conn).reminder_shown(at(11, 15), SAT_45)  # and can still write to it
    finally:
        conn.close()
    assert len(list(db_path.parent.glob("*.bak"))) == 1


def test_shrinking_sqlites_cache_keeps_the_history(log: BreakLog) -> None:
    rid = log.reminder_shown(at(9, 45), SAT_45)
    log.shrink_memory()
    (record,) = log.recent()
    assert record.id == rid
    log.close()
    log.shrink_memory()  # closed: nothing to do, no error
