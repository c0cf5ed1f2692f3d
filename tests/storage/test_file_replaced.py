"""The history file deleted, moved or replaced while the app runs: noticed at the next write."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from deskbreak.core.player import PlayerResult
from deskbreak.core.policy import Outcome
from deskbreak.storage.break_log import BreakLog, open_history
from deskbreak.storage.database import SCHEMA_VERSION, connect

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
SAT = timedelta(minutes=45)
MIN = timedelta(minutes=1)
DONE = PlayerResult(True, 4, 4, 0, 2 * MIN)


def file_rows(path: Path) -> list[tuple[int, str, str]]:
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = raw.execute("SELECT id, at, outcome FROM breaks ORDER BY id").fetchall()
        return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]
    finally:
        raw.close()


def remind(log: BreakLog, minute: int) -> int:
    return log.reminder_shown(T0 + minute * MIN, SAT)


def test_a_deleted_database_is_recreated_and_what_was_open_goes_there_too(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path)
    old = remind(log, 0)
    log.answer(old, Outcome.SKIPPED, T0)
    still_open = remind(log, 10)  # on screen when the file goes
    path.unlink()
    log.answer(still_open, Outcome.SNOOZED, T0 + 11 * MIN)
    new = remind(log, 20)
    assert log.healthy
    notices = log.take_notices()
    assert any(str(path) in n and "deleted or moved" in n and "new history" in n for n in notices)
    rows = file_rows(path)
    assert [(r[0], r[2]) for r in rows] == [(still_open, "snoozed"), (new, "pending")]


def test_a_deleted_folder_is_recreated_too(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    path = folder / "history.sqlite3"
    log = open_history(path)
    first = remind(log, 0)
    path.unlink()
    folder.rmdir()
    new = remind(log, 1)
    assert [r[0] for r in file_rows(path)] == [first, new]  # the open reminder came along


def test_a_moved_database_keeps_its_rows_and_a_new_one_takes_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path)
    first = remind(log, 0)
    log.answer(first, Outcome.SKIPPED, T0)
    moved = tmp_path / "elsewhere.sqlite3"
    path.rename(moved)
    second = remind(log, 30)
    assert [(r[0], r[2]) for r in file_rows(moved)] == [(first, "skipped")]  # nothing more went in
    assert [r[0] for r in file_rows(path)] == [second]


def test_a_file_replaced_by_garbage_is_never_written_into(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path, monotonic=lambda: 0.0)
    still_open = remind(log, 0)
    garbage = b"not a database at all\n" * 500
    replacement = tmp_path / "garbage"
    replacement.write_bytes(garbage)
    os.replace(replacement, path)
    waiting = [remind(log, n) for n in range(1, 4)]
    assert path.read_bytes() == garbage
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no journal either
    assert log.problem is not None and "not a deskbreak database" in log.problem
    assert "3 events wait" in log.problem
    assert any("replaced by another file" in n for n in log.take_notices())

    path.unlink()  # the user takes the garbage away: the next attempt starts a new file
    log.store._next_open = 0.0
    assert log.retry()
    assert [r[0] for r in file_rows(path)] == [still_open, *waiting]


def test_a_file_overwritten_in_place_by_garbage_is_never_written_into(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path)
    remind(log, 0)
    garbage = bytes(range(256)) * 64
    path.write_bytes(garbage)  # same inode, new content
    remind(log, 1)
    assert path.read_bytes() == garbage
    assert log.problem is not None and "not a deskbreak database" in log.problem


def test_a_newer_deskbreak_database_is_not_written_into(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path)
    remind(log, 0)
    newer = tmp_path / "newer.sqlite3"
    raw = sqlite3.connect(newer)
    raw.execute("CREATE TABLE breaks (id INTEGER PRIMARY KEY)")
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    raw.commit()
    raw.close()
    before = newer.read_bytes()
    os.replace(newer, path)
    remind(log, 1)
    assert path.read_bytes() == before
    assert log.problem is not None and "newer deskbreak" in log.problem


def test_a_valid_deskbreak_database_put_in_its_place_is_used(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path)
    open_reminder = remind(log, 0)
    other = tmp_path / "restored.sqlite3"
    restored = BreakLog(connect(other))
    # Days before ours: a row identical to our open one (same instant, same sitting time, still
    # pending) would be taken for our own, as when a copy of our file is put back.
    restored_ids = [restored.reminder_shown(T0 - (n + 1) * timedelta(days=1), SAT) for n in range(5)]
    restored.close()
    os.replace(other, path)

    log.break_started(T0 + MIN, "quick-reset", reminder_id=open_reminder, sitting_for=SAT)
    log.break_finished(open_reminder, T0 + 3 * MIN, DONE)
    later = remind(log, 50)
    log.answer(later, Outcome.SKIPPED, T0 + 51 * MIN)
    assert log.healthy
    rows = file_rows(path)
    assert [r[0] for r in rows[:5]] == restored_ids  # the restored history is kept as it was
    assert [r[2] for r in rows[5:]] == ["completed", "skipped"]  # ours follow, with fresh ids
    assert len({r[0] for r in rows}) == 7
    assert [r.outcome for r in log.recent(2)] == [Outcome.SKIPPED, Outcome.COMPLETED]


def test_an_emptied_file_is_set_up_again(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path)
    first = remind(log, 0)
    with open(path, "r+b") as f:
        f.truncate(0)  # same inode, no content
    rid = remind(log, 1)
    log.answer(first, Outcome.SKIPPED, T0 + 2 * MIN)
    assert log.healthy, log.problem
    assert {r[0] for r in file_rows(path)} == {first, rid}


def test_a_copy_of_our_own_file_put_back_keeps_one_row_per_reminder(tmp_path: Path) -> None:
    """A backup restored, a sync tool, `cp h h.new && mv h.new h`: a new file with our own rows.
    The reminder open meanwhile is answered in its row, not written again as a second one."""
    import shutil

    db = tmp_path / "history.sqlite3"
    t0 = datetime(2024, 5, 1, 9, tzinfo=UTC)
    log = open_history(db)
    log.close_dangling(t0)
    first = log.reminder_shown(t0 - timedelta(hours=1), timedelta(minutes=45))
    log.answer(first, Outcome.SKIPPED, t0 - timedelta(hours=1))
    open_one = log.reminder_shown(t0, timedelta(minutes=45))
    shutil.copy(db, tmp_path / "copy")
    (tmp_path / "copy").replace(db)
    log.answer(open_one, Outcome.SNOOZED, t0 + timedelta(minutes=1))
    assert [(r.at, r.outcome) for r in log.recent(10)] == [
        (t0, Outcome.SNOOZED),
        (t0 - timedelta(hours=1), Outcome.SKIPPED),
    ]
    assert log.close() == 0
