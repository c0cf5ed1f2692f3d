"""Fault injection: the history database deleted, moved or replaced while a writer process logs.

Each run starts a real writer process (tests/storage/fault_writer.py) logging reminders and
breaks as fast as it can, and at a random moment: deletes the file (a hard link keeps the old
inode readable for the count), moves it, replaces it with garbage, with a newer deskbreak's
database, or with another valid deskbreak database. Counted: events issued; events lost (in
neither the old nor the new file with their final outcome; must be 0); events written into
the dead file after the app noticed (must be 0); files failing integrity_check (must be 0);
replacements written into (must be 0).

DESKBREAK_FAULT_RUNS sets the runs per fault (default 3).
"""

from __future__ import annotations

import os
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from storage_helpers import storage_helper

from deskbreak.core.policy import Outcome
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import SCHEMA_VERSION, connect

RUNS = int(os.environ.get("DESKBREAK_FAULT_RUNS", "3"))


harness = storage_helper("fault_harness")
pytestmark = pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links and POSIX processes")


def valid_other(path: Path) -> dict[str, str]:
    """Another deskbreak database (a restored backup, say), with rows of its own."""
    log = BreakLog(connect(path))
    start = datetime(2023, 1, 1, 9, 0, tzinfo=UTC)
    for n in range(10):
        rid = log.reminder_shown(start + timedelta(days=n), timedelta(minutes=45))
        log.answer(rid, Outcome.SKIPPED, start + timedelta(days=n))
    log.close()
    return harness.rows_by_time(path)


def newer_deskbreak(path: Path) -> None:
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE breaks (id INTEGER PRIMARY KEY, mood TEXT)")
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 2}")
    raw.commit()
    raw.close()


def run_once(tmp: Path, fault: str, rng: random.Random) -> dict[str, int]:
    folder = tmp / "data"
    db = folder / "history.sqlite3"
    old = tmp / "old-inode.sqlite3"  # the file the writer had open, still readable
    replacement = tmp / "replacement"
    own_rows: dict[str, str] = {}
    with harness.Writer(db) as writer:
        writer.groups_at_least(rng.randint(5, 40))
        if fault == "move":
            db.rename(old)
        else:
            os.link(db, old)
        if fault == "delete":
            db.unlink()
        elif fault == "move":
            pass
        elif fault in ("garbage", "newer"):
            if fault == "garbage":
                replacement.write_bytes(rng.randbytes(rng.randint(1, 64) * 1024))
            else:
                newer_deskbreak(replacement)
            before = replacement.read_bytes()
            os.link(replacement, tmp / "replacement-kept")
            os.replace(replacement, db)
            line = writer.wait_for(lambda line: line.get("problem") is not None)
            expected = "not a deskbreak database" if fault == "garbage" else "newer deskbreak"
            assert expected in line["problem"] and str(db) in line["problem"]
            writer.groups_at_least(line["groups"] + rng.randint(20, 60))
            assert (tmp / "replacement-kept").read_bytes() == before  # never written into
            assert sorted(p.name for p in folder.iterdir()) == [db.name]  # no journal beside it
            db.unlink()  # the user takes it away: a new database is started
            writer.wait_for(lambda line: line.get("problem") is None)
        else:
            own_rows = valid_other(replacement)
            os.replace(replacement, db)
        start = writer.lines[-1]["groups"]
        writer.groups_at_least(start + rng.randint(10, 40))
        final = writer.stop()
    return count(final, db, old, own_rows)


def count(final: dict[str, Any], db: Path, old: Path, own_rows: dict[str, str]) -> dict[str, int]:
    new_rows = harness.rows_by_time(db)
    old_rows = harness.rows_by_time(old)
    assert final["switched_at"] is not None, final["notices"]
    switched = final["ats"][final["switched_at"]]
    lost = [
        at
        for at, outcome in zip(final["ats"], final["outcomes"], strict=True)
        if new_rows.get(at) != outcome and old_rows.get(at) != outcome
    ]
    dead_writes = [at for at in old_rows if at > switched]
    kept = all(new_rows.get(at) == outcome for at, outcome in own_rows.items())
    later = final["ats"][final["switched_at"] + 1 :]
    assert lost == [] and final["lost"] == 0, lost[:5]
    assert dead_writes == [], dead_writes[:5]
    assert kept, "the valid replacement's own rows changed"
    assert all(new_rows.get(at) for at in later)  # everything after the switch is in the new file
    return {"events": final["groups"], "lost": len(lost), "dead_writes": len(dead_writes)}


@pytest.mark.parametrize("fault", ["delete", "move", "garbage", "newer", "valid"])
def test_the_database_replaced_while_logging_loses_nothing(tmp_path: Path, fault: str) -> None:
    rng = random.Random(f"{fault}-{os.environ.get('DESKBREAK_FAULT_SEED', '6')}")
    totals = {"events": 0, "lost": 0, "dead_writes": 0}
    for run in range(RUNS):
        for key, value in run_once(tmp_path / f"run{run}", fault, rng).items():
            totals[key] += value
    print(f"\n[faults] database {fault}: runs={RUNS}, " + ", ".join(f"{k}={v}" for k, v in totals.items()))
