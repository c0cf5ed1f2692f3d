"""A child process for the fault-injection suite: logs reminders and breaks as fast as it can.

    python fault_writer.py DB STOP_FILE

Each "group" is one reminder or self-started break from start to outcome, at its own second
(T0 + group seconds), plus a heartbeat and the saved state. Prints a JSON line every 20 groups
and whenever the log's problem changes. When STOP_FILE appears it keeps retrying until all
is written (at most 20 s), closes the log and prints a final line with every group's time.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from deskbreak.core.player import PlayerResult
from deskbreak.core.policy import Outcome, Phase, SavedState
from deskbreak.storage.break_log import BreakLog, open_history

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
SAT = timedelta(minutes=45)
OUTCOMES = ("snoozed", "completed", "ended_early", "skipped")


def group(log: BreakLog, g: int) -> None:
    t = T0 + timedelta(seconds=g)
    kind = g % 4
    if kind == 2:
        bid = log.break_started(t, "quick-reset", reminder_id=None, sitting_for=SAT)
        log.break_finished(bid, t, PlayerResult(False, 2, 4, 0, timedelta(seconds=40)))
    else:
        rid = log.reminder_shown(t, SAT)
        if kind == 1:
            log.break_started(t, "quick-reset", reminder_id=rid, sitting_for=SAT)
            log.break_finished(rid, t, PlayerResult(True, 4, 4, 0, timedelta(seconds=120)))
        else:
            log.answer(rid, Outcome.SNOOZED if kind == 0 else Outcome.SKIPPED, t)
    log.heartbeat(t)
    log.save_state(SavedState(Phase.SITTING, t - SAT, t + SAT, t))


def say(**values: object) -> None:
    print(json.dumps(values), flush=True)


def main() -> None:
    path, stop = Path(sys.argv[1]), Path(sys.argv[2])
    log = open_history(path, reopen_every=0.05)
    switched_at: int | None = None
    g = 0
    problem: str | None = None
    while not stop.exists():
        group(log, g)
        if switched_at is None and any("deleted or moved" in n or "replaced" in n for n in log.store.notices):
            switched_at = g
        if (log.problem is None) != (problem is None) or g % 20 == 0:
            say(groups=g + 1, waiting=log.waiting, problem=log.problem)
        problem = log.problem
        g += 1
    deadline = time.monotonic() + 20
    while not log.retry() and time.monotonic() < deadline:
        pass
    say(
        final=True,
        groups=g,
        ats=[(T0 + timedelta(seconds=n)).isoformat(timespec="seconds") for n in range(g)],
        outcomes=[OUTCOMES[n % 4] for n in range(g)],
        switched_at=switched_at,
        notices=log.take_notices(),
        failures=log.store.failures,
        lost=log.close(),
    )


if __name__ == "__main__":
    main()
