"""Fault injection: a full disk and a read-only data folder while the app logs (real processes).

Faults: a real full disk (a small tmpfs filled up by a filler file while a writer process
logs reminders and breaks as fast as it can); SQLite's own disk-full error (PRAGMA
max_page_count) where mounting is not permitted; a read-only folder (a read-only bind mount as
root, whom file permissions do not stop; chmod otherwise). Counted: events issued, events
lost once space/writing returns (must be 0), files failing PRAGMA integrity_check (must be 0).

DESKBREAK_FAULT_RUNS sets the runs per fault (default 3; e.g. 100 for a long run).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from storage_helpers import storage_helper

from deskbreak.core.player import PlayerResult
from deskbreak.core.policy import Outcome
from deskbreak.storage.break_log import open_history

RUNS = int(os.environ.get("DESKBREAK_FAULT_RUNS", "3"))


harness = storage_helper("fault_harness")
faulty_fs = storage_helper("faulty_fs")
pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX processes and mounts")


def report(name: str, **figures: int) -> None:
    print(f"\n[faults] {name}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))


def test_a_full_disk_loses_no_event_once_space_returns(tmp_path: Path) -> None:
    rng = random.Random(os.environ.get("DESKBREAK_FAULT_SEED", "6"))
    issued = lost = corrupt = failures = 0
    with faulty_fs.tmpfs(tmp_path / "disk", 8192) as disk:
        for run in range(RUNS):
            db = disk / f"run{run}" / "history.sqlite3"
            with harness.Writer(db) as writer:
                writer.groups_at_least(rng.randint(20, 200))
                filler = faulty_fs.fill(disk)
                full = writer.wait_for(lambda line: line.get("problem") is not None)
                assert str(db) in full["problem"] and "the disk is full" in full["problem"]
                assert "already running" not in full["problem"]
                writer.groups_at_least(full["groups"] + rng.randint(20, 300))
                filler.unlink()  # space returns
                writer.wait_for(lambda line: line.get("problem") is None)
                final = writer.stop()
            try:
                found = harness.rows_by_time(db)
            except (AssertionError, sqlite3.DatabaseError):
                corrupt += 1
                raise
            missing = harness.lost_events(final, found)
            assert missing == [] and final["lost"] == 0, missing[:5]
            assert any("works again" in n for n in final["notices"])
            issued += final["groups"]
            lost += len(missing)
            failures += final["failures"]
            shutil.rmtree(db.parent)
    report("disk full (tmpfs)", runs=RUNS, events=issued, failed_writes=failures, lost=lost, corrupt=corrupt)


def test_sqlite_disk_full_errors_lose_nothing(tmp_path: Path) -> None:
    """The same without mounting anything: SQLite's SQLITE_FULL, through PRAGMA max_page_count."""
    rng = random.Random(7)
    t0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
    issued = 0
    for run in range(RUNS * 2):
        path = tmp_path / f"run{run}" / "history.sqlite3"
        log = open_history(path)
        ids: list[tuple[int, str]] = []
        full_at, free_at, total = rng.randint(0, 60), rng.randint(60, 250), rng.randint(250, 300)
        for n in range(total):
            conn = log.conn
            assert conn is not None
            if n == full_at:
                pages = conn.execute("PRAGMA page_count").fetchone()[0]
                conn.execute(f"PRAGMA max_page_count = {pages}")
            if n == free_at:
                conn.execute("PRAGMA max_page_count = 1073741823")
            rid = log.reminder_shown(t0 + timedelta(seconds=n), timedelta(minutes=45))
            if n % 2:
                log.break_started(t0, "quick-reset", reminder_id=rid, sitting_for=timedelta(minutes=45))
                log.break_finished(rid, t0, PlayerResult(True, 4, 4, 0, timedelta(minutes=2)))
                ids.append((rid, "completed"))
            else:
                log.answer(rid, Outcome.SKIPPED, t0)
                ids.append((rid, "skipped"))
        assert log.healthy
        assert log.close() == 0
        raw = sqlite3.connect(path)
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("SELECT id, outcome FROM breaks ORDER BY id").fetchall() == ids
        raw.close()
        issued += total
    report("disk full (SQLITE_FULL)", runs=RUNS * 2, events=issued, lost=0, corrupt=0)


def test_a_read_only_folder_loses_no_event_once_writable(tmp_path: Path) -> None:
    rng = random.Random(8)
    issued = failures = 0
    for run in range(RUNS):
        folder = tmp_path / f"run{run}"
        with faulty_fs.switchable_folder(folder) as switch:
            db = folder / "history.sqlite3"
            with harness.Writer(db) as writer:
                writer.groups_at_least(rng.randint(5, 40))
                switch.read_only()
                stuck = writer.wait_for(lambda line: line.get("problem") is not None)
                assert str(folder) in stuck["problem"] and "read-only" in stuck["problem"]
                writer.groups_at_least(stuck["groups"] + rng.randint(20, 100))
                switch.writable()
                writer.wait_for(lambda line: line.get("problem") is None)
                final = writer.stop()
        missing = harness.lost_events(final, harness.rows_by_time(db))
        assert missing == [] and final["lost"] == 0, missing[:5]
        issued += final["groups"]
        failures += final["failures"]
    report("read-only folder", runs=RUNS, events=issued, failed_writes=failures, lost=0, corrupt=0)
