"""Killing the app while it writes the log must never cost the database (SIGKILL mid-write)."""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import SCHEMA_VERSION, connect

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

READY_AFTER = 300
# Writes reminders and breaks in every shape BreakLog has, as fast as it can, forever.
WRITER = f"""
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from deskbreak.core.player import PlayerResult
from deskbreak.core.policy import Outcome, Phase, SavedState
from deskbreak.storage.break_log import open_history

log = open_history(Path(sys.argv[1]))
t = datetime(2024, 3, 4, 9, 0, tzinfo=timezone.utc)
sat = timedelta(minutes=45)
writes = 0
while True:
    rid = log.reminder_shown(t, sat)
    kind = writes % 4
    if kind == 0:
        log.answer(rid, Outcome.SNOOZED, t)
    elif kind == 1:
        log.break_started(t, "quick-reset", reminder_id=rid, sitting_for=sat)
        log.break_finished(rid, t, PlayerResult(True, 4, 4, 1, timedelta(seconds=120)))
    elif kind == 2:
        log.break_started(t, "deep-mobility", reminder_id=None, sitting_for=sat)  # left open
    else:
        log.close_dangling(t)  # a multi-statement transaction
    log.save_state(SavedState(Phase.SITTING, t - sat, t + sat, t))
    log.heartbeat(t)
    if not log.healthy:
        print("unhealthy", log.problem, flush=True)
    writes += 1
    t += timedelta(seconds=1)
    if writes == {READY_AFTER}:
        print("ready", flush=True)
"""


def wait_for_line(proc: subprocess.Popen[str], timeout: float) -> str:
    """The child's first line of output, read with a deadline (no sleeping)."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"the writer printed nothing within {timeout} s")
        readable, _, _ = select.select([proc.stdout], [], [], left)
        if readable:
            return proc.stdout.readline()


@pytest.mark.skipif(sys.platform == "win32", reason="select() on pipes is POSIX only")
def test_a_kill_in_the_middle_of_logging_leaves_a_sound_database(tmp_path: Path) -> None:
    db_path = tmp_path / "history.sqlite3"
    previous_rows = 0
    for round_number in range(3):
        with subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as proc:
            try:
                line = wait_for_line(proc, timeout=20)
            except AssertionError:
                proc.kill()
                raise
            if line.strip() != "ready":
                proc.kill()
                _, err = proc.communicate(timeout=10)
                pytest.fail(f"round {round_number}: writer failed before it was ready: {line!r}\n{err}")
            os.kill(proc.pid, signal.SIGKILL)  # mid-loop, so most likely mid-transaction
            assert proc.wait(timeout=10) == -signal.SIGKILL

        raw = sqlite3.connect(db_path)
        try:
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            count = raw.execute("SELECT count(*) FROM breaks").fetchone()[0]
            assert count >= previous_rows + READY_AFTER
            previous_rows = count
        finally:
            raw.close()

        conn = connect(db_path)
        try:
            log = BreakLog(conn)
            log.close_dangling(datetime(2024, 3, 5, tzinfo=UTC))  # the next morning
            pending = conn.execute("SELECT count(*) FROM breaks WHERE outcome = 'pending'").fetchone()[0]
            assert pending == 0
            # What the kill left open is closed when the writer was last alive, not next morning.
            records = log.recent(limit=10_000)
            last_alive = max(r.at for r in records)
            assert max(r.ended_at for r in records if r.ended_at is not None) <= last_alive
            assert len(log.recent(limit=10_000)) == count  # every row reads back as a record
            assert log.load_state() is not None
            log.reminder_shown(datetime(2024, 3, 5, 9, tzinfo=UTC), timedelta(minutes=45))
        finally:
            conn.close()
        previous_rows += 1
