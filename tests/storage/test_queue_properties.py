"""Property: whatever the order of writes and failing spells, once writing works again the file
holds exactly what a log that never failed would hold (same rows, same ids, same state).

A spell makes SQLite refuse every change (an authorizer that denies INSERT and UPDATE): unlike
max_page_count it fails even a write that fits in a page already there.
"""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbreak.core.player import PlayerResult
from deskbreak.core.policy import Outcome, Phase, SavedState
from deskbreak.storage.break_log import BreakLog, open_history
from deskbreak.storage.database import connect

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
SAT = timedelta(minutes=45)
ANSWERS = [Outcome.SNOOZED, Outcome.SKIPPED, Outcome.STEPPED_AWAY, Outcome.UNANSWERED]

action = st.one_of(
    st.tuples(st.just("remind")),
    st.tuples(st.just("answer"), st.integers(0, 30), st.sampled_from(ANSWERS)),
    st.tuples(st.just("start"), st.one_of(st.none(), st.integers(0, 30))),
    st.tuples(st.just("finish"), st.integers(0, 30), st.booleans()),
    st.tuples(st.just("beat")),
    st.tuples(st.just("state")),
    st.tuples(st.just("full")),
    st.tuples(st.just("space")),
)


def apply(log: BreakLog, step: tuple[object, ...], n: int, ids: list[int]) -> None:
    t = T0 + timedelta(seconds=37 * n)
    name = step[0]
    pick = (lambda i: ids[int(str(i)) % len(ids)]) if ids else None
    if name == "remind":
        ids.append(log.reminder_shown(t, SAT))
    elif name == "answer" and pick:
        log.answer(pick(step[1]), step[2], t)  # type: ignore[arg-type]
    elif name == "start":
        reminder = pick(step[1]) if pick and step[1] is not None else None
        ids.append(log.break_started(t, "quick-reset", reminder_id=reminder, sitting_for=SAT))
    elif name == "finish" and pick:
        log.break_finished(pick(step[1]), t, PlayerResult(bool(step[2]), 2, 4, 1, timedelta(seconds=50)))
    elif name == "beat":
        log.heartbeat(t)
    elif name == "state":
        log.save_state(SavedState(Phase.SITTING, t - SAT, t + SAT, t))


def refuse_changes(action: int, *_: object) -> int:
    changes = (sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE)
    return sqlite3.SQLITE_DENY if action in changes else sqlite3.SQLITE_OK


def dump(conn: sqlite3.Connection) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # Every column but the random ones (each row's uid, the installation's id); the per-day
    # figures the triggers keep must agree as well.
    columns = [r[1] for r in conn.execute("PRAGMA table_info(breaks)") if r[1] != "uid"]
    return (
        conn.execute(f"SELECT {', '.join(columns)} FROM breaks ORDER BY id").fetchall(),
        conn.execute("SELECT * FROM app_state WHERE key != 'install_id' ORDER BY key").fetchall()
        + conn.execute("SELECT * FROM days ORDER BY local_date").fetchall(),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(action, max_size=40))
def test_after_failing_spells_the_file_is_as_if_nothing_failed(steps: list[tuple[object, ...]]) -> None:
    reference = BreakLog(connect(None))
    with tempfile.TemporaryDirectory() as tmp:
        log = open_history(Path(tmp) / "history.sqlite3")
        conn = log.conn
        assert conn is not None
        conn.execute("PRAGMA synchronous=OFF")  # speed only: the test never loses power
        ref_ids: list[int] = []
        ids: list[int] = []
        refusing = must_fail = False
        for n, step in enumerate(steps):
            if step[0] == "full":
                conn.set_authorizer(refuse_changes)
                refusing = True
            elif step[0] == "space":
                conn.set_authorizer(None)
                refusing = False
            must_fail |= refusing and step[0] in ("remind", "start", "state")
            apply(reference, step, n, ref_ids)
            apply(log, step, n, ids)
            assert ids == ref_ids  # the same handles, failing or not
        assert log.store.failures > 0 or not must_fail  # the spells really bite
        conn.set_authorizer(None)
        assert log.retry() and log.healthy
        assert reference.conn is not None
        assert dump(conn) == dump(reference.conn)
        log.close()
