"""Nothing recorded is lost while the file cannot be written: disk full, read-only, missing folder."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from faulty_fs import switchable_folder

import deskbreak.storage.store as store_module
from deskbreak.core.player import PlayerResult
from deskbreak.core.policy import Outcome, Phase, SavedState
from deskbreak.storage.break_log import BreakLog, open_history
from deskbreak.storage.database import connect

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
SAT = timedelta(minutes=45)
DONE = PlayerResult(True, 4, 4, 0, timedelta(minutes=2))


class Ticker:
    """A fake monotonic clock for the re-open throttle."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def file_rows(path: Path) -> list[tuple[int, str]]:
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [(int(r[0]), str(r[1])) for r in raw.execute("SELECT id, outcome FROM breaks ORDER BY id")]
    finally:
        raw.close()


def make_disk_full(log: BreakLog) -> None:
    """SQLite's own disk-full error, for real: the file may not grow by a single page."""
    assert log.conn is not None
    pages = log.conn.execute("PRAGMA page_count").fetchone()[0]
    log.conn.execute(f"PRAGMA max_page_count = {pages}")


def make_space(log: BreakLog) -> None:
    assert log.conn is not None
    log.conn.execute("PRAGMA max_page_count = 1073741823")


def test_on_a_full_disk_every_event_waits_in_memory_and_lands_in_order(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    log = open_history(path)
    first = log.reminder_shown(T0, SAT)
    log.answer(first, Outcome.SKIPPED, T0)
    make_disk_full(log)
    ids = []
    for n in range(200):  # far more than one page holds
        rid = log.reminder_shown(T0 + n * timedelta(minutes=1), SAT)
        ids.append(rid)
        if n % 2:
            log.break_started(T0, "quick-reset", reminder_id=rid, sitting_for=SAT)
            log.break_finished(rid, T0, DONE)  # an id whose row has not been written yet
        else:
            log.answer(rid, Outcome.SNOOZED, T0)
    assert not log.healthy
    assert log.problem is not None
    assert str(path) in log.problem and "the disk is full" in log.problem
    assert f"{log.waiting} events wait in memory" in log.problem
    assert log.problem == f"{path}: {log.problem_reason}" and log.path == path
    assert len(ids) == len(set(ids)) == 200
    written_while_full = len(file_rows(path))
    assert written_while_full < 201

    make_space(log)
    assert log.retry()
    assert log.healthy and log.problem is None
    rows = file_rows(path)
    assert [r[0] for r in rows] == [first, *ids]  # each once, in order, with the ids handed out
    assert [r[1] for r in rows[1:4]] == ["snoozed", "completed", "snoozed"]
    assert any("works again" in n for n in log.take_notices())


def test_the_next_write_retries_too(tmp_path: Path) -> None:
    log = open_history(tmp_path / "history.sqlite3")
    make_disk_full(log)
    for n in range(100):
        log.reminder_shown(T0 + n * timedelta(minutes=1), SAT)
    waiting = log.waiting
    assert waiting > 0
    make_space(log)
    log.heartbeat(T0)  # any write takes the backlog with it
    assert log.waiting == 0
    assert len(file_rows(tmp_path / "history.sqlite3")) == 100


def test_reading_while_the_disk_is_full_shows_what_waits(tmp_path: Path) -> None:
    log = open_history(tmp_path / "history.sqlite3")
    make_disk_full(log)
    for n in range(100):
        rid = log.reminder_shown(T0 + n * timedelta(minutes=1), SAT)
    log.answer(rid, Outcome.SKIPPED, T0 + timedelta(hours=2))
    state = SavedState(Phase.SITTING, T0, T0 + SAT, T0 + timedelta(hours=2))
    log.save_state(state)
    recent = log.recent(5)
    assert recent[0].id == rid and recent[0].outcome is Outcome.SKIPPED
    assert len(recent) == 5
    assert log.load_state() == state


def test_a_missing_data_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "history.sqlite3"
    log = open_history(path)
    log.reminder_shown(T0, SAT)
    assert log.healthy and path.exists()


def test_a_folder_that_cannot_be_created_runs_from_memory_and_retries_every_30_s(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    path = blocker / "history.sqlite3"
    attempts: list[Path] = []

    def counting_connect(target: Path | None) -> sqlite3.Connection:
        assert target is not None
        attempts.append(target)
        return connect(target)

    monkeypatch.setattr(store_module, "connect", counting_connect)
    ticker = Ticker()
    log = open_history(path, monotonic=ticker)  # never raises
    assert log.problem is not None
    assert f"{blocker} is a file, not a folder" in log.problem
    assert "already running" not in log.problem
    rid = log.reminder_shown(T0, SAT)
    log.answer(rid, Outcome.SKIPPED, T0)
    ticker.now = 29.0
    log.retry()
    assert len(attempts) == 1  # only the first, at start
    assert log.waiting == 1

    blocker.unlink()  # the user fixes it
    ticker.now = 31.0
    assert log.retry()
    assert len(attempts) == 2
    assert file_rows(path) == [(rid, "skipped")]


def test_a_read_only_folder_keeps_events_until_it_is_writable(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with switchable_folder(folder) as switch:
        path = folder / "history.sqlite3"
        log = open_history(path)
        before = log.reminder_shown(T0, SAT)
        switch.read_only()
        during = log.reminder_shown(T0 + SAT, SAT)
        log.answer(during, Outcome.SNOOZED, T0 + SAT)
        assert log.problem is not None and "read-only" in log.problem and str(folder) in log.problem
        assert file_rows(path) == [(before, "pending")]  # it can still be read
        switch.writable()
        assert log.retry()
        assert file_rows(path) == [(before, "pending"), (during, "snoozed")]


def test_a_read_only_folder_at_start_gives_a_log_in_memory(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with switchable_folder(folder) as switch:
        switch.read_only()
        ticker = Ticker()
        log = open_history(folder / "history.sqlite3", monotonic=ticker)
        assert log.problem is not None
        assert f"the folder {folder} is read-only" in log.problem
        rid = log.reminder_shown(T0, SAT)
        log.break_started(T0, "quick-reset", reminder_id=rid, sitting_for=SAT)
        log.break_finished(rid, T0 + timedelta(minutes=2), DONE)
        assert [r.outcome for r in log.recent()] == [Outcome.COMPLETED]
        switch.writable()
        ticker.now = 30.0
        assert log.retry()
        assert file_rows(folder / "history.sqlite3") == [(rid, "completed")]


def test_close_says_how_many_events_could_not_be_saved(tmp_path: Path) -> None:
    log = open_history(tmp_path / "history.sqlite3")
    make_disk_full(log)
    for n in range(100):
        log.reminder_shown(T0 + n * timedelta(minutes=1), SAT)
    assert log.close() == log.waiting > 0


def test_the_state_and_heartbeat_keep_only_their_latest_value_in_the_queue(tmp_path: Path) -> None:
    log = open_history(tmp_path / "history.sqlite3")
    make_disk_full(log)
    for n in range(100):
        log.reminder_shown(T0 + n * timedelta(minutes=1), SAT)
    waiting = log.waiting
    for n in range(500):  # a day of checks while the disk is full
        now = T0 + n * timedelta(minutes=1)
        log.heartbeat(now)
        log.save_state(SavedState(Phase.SITTING, T0, now + SAT, now))
    assert log.waiting <= waiting + 2  # memory does not grow with time


def test_the_ui_hears_once_when_saving_fails_and_once_when_it_works_again(tmp_path: Path) -> None:
    log = open_history(tmp_path / "history.sqlite3")
    heard: list[str] = []
    log.on_report = heard.append
    make_disk_full(log)
    for n in range(200):
        log.reminder_shown(T0 + n * timedelta(minutes=1), SAT)
    assert len(heard) == 1 and "the disk is full" in heard[0]
    make_space(log)
    log.retry()
    assert len(heard) == 2
    assert heard[1].startswith(f"{tmp_path / 'history.sqlite3'}: saving the history works again")
    assert "events that waited were written" in heard[1]


def test_a_failing_ui_callback_costs_no_event(tmp_path: Path) -> None:
    log = open_history(tmp_path / "history.sqlite3")

    def broken(_: str) -> None:
        raise RuntimeError("the tray is gone")

    log.on_report = broken
    make_disk_full(log)
    ids = [log.reminder_shown(T0 + n * timedelta(minutes=1), SAT) for n in range(200)]
    make_space(log)
    assert log.retry()
    assert [r[0] for r in file_rows(tmp_path / "history.sqlite3")] == ids
