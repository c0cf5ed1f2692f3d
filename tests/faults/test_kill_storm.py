"""kill -9 the real app at random moments (start-up, reminders, breaks, writes) and count what is lost.

Each round is one life of the app: it starts (which must work after the previous kill), every
event confirmed before any earlier kill must still be in `deskbreak history --json`, and then a
scenario drawn from the seeded random runs and ends in SIGKILL at a random moment:

- startup:  killed 0-1.2 s after launch (imports, lock, opening/migrating the database);
- reminder: killed 0-0.3 s after the state turned "due" (the reminder row was just written);
- break:    `break-now`, then killed 0-2.6 s later (mid-step, at the end-of-break write, or on
            the "complete" page of the 2 s routine);
- write:    a `break-now` request sent raw and the app killed 0-100 ms later (often at once), without waiting
            for the reply: the break start is the event in flight.

After every kill `PRAGMA integrity_check` runs on a copy of the database (so the app's own
recovery still runs on the original at the next start).
"""

from __future__ import annotations

import json
import os
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from runner import SIT_LIMIT, FaultApp, integrity, wait_until

SCENARIOS = tuple(os.environ.get("DESKBREAK_FAULT_SCENARIOS", "startup,reminder,break,write").split(","))
# Seconds between sending a raw break-now and the kill: the write itself comes within tens of
# microseconds, the reply only after the window is built (tens of milliseconds).
WRITE_DELAYS = (0.0, 0.0, 0.0, 0.00002, 0.00005, 0.0001, 0.001, 0.01, 0.1)
BREAK_NOW = json.dumps({"cmd": "break-now"}).encode() + b"\n"


def facts(rows: list[dict[str, Any]]) -> set[str]:
    """What a user could have seen in the history: each entry, its break start, its final outcome."""
    found: set[str] = set()
    for row in rows:
        found.add(f"entry {row['id']} at {row['at']}")
        if row["started_at"]:
            found.add(f"entry {row['id']} break started {row['started_at']}")
        if row["outcome"] != "pending":
            found.add(f"entry {row['id']} {row['outcome']} ended {row['ended_at']}")
    return found


def started(rows: list[dict[str, Any]]) -> set[int]:
    return {int(row["id"]) for row in rows if row["started_at"]}


@dataclass
class Storm:
    app: FaultApp
    rng: random.Random
    seed: int
    kills: int = 0
    scenarios: Counter[str] = field(default_factory=Counter)
    confirmed: set[str] = field(default_factory=set)
    pending: set[int] = field(default_factory=set)  # confirmed while pending: a restart resolves them
    lost: set[str] = field(default_factory=set)
    in_flight: dict[str, Any] | None = None
    in_flight_sent: int = 0
    in_flight_lost: int = 0
    in_flight_acked: int = 0
    acked_lost: int = 0
    corrupt: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    interrupted_breaks: int = 0

    def note(self, problem: str) -> None:
        self.problems.append(f"kill {self.kills}: {problem}")

    # -- one life -----------------------------------------------------------------------------

    def restart_and_verify(self) -> None:
        """The app starts after a kill and still shows everything confirmed before it."""
        self.app.start()
        state = self.app.status()["state"]
        if state == "on_break":
            self.note("restarted straight into 'on_break' with no break window")
        rows = self.app.history()
        after = facts(rows)
        missing = self.confirmed - after - self.lost
        for fact in sorted(missing):
            self.note(f"confirmed event lost: {fact}")
        self.lost |= missing
        for row in rows:
            if int(row["id"]) in self.pending and row["outcome"] == "pending":
                self.note(f"entry {row['id']} still pending after a restart")
            if row["started_at"] and row["ended_at"] and row["ended_at"] < row["started_at"]:
                self.note(f"entry {row['id']} ended before it started: {row}")
        self.interrupted_breaks = sum(1 for row in rows if row["outcome"] == "ended_early")
        self.pending = set()
        if self.in_flight is not None:
            if not started(rows) - self.in_flight["started_before"]:
                if self.in_flight["acked"]:
                    self.acked_lost += 1
                    self.note("a break-now the app had answered 'opened' is not in the history")
                else:
                    self.in_flight_lost += 1
            self.in_flight = None
        if "Traceback" in self.app.stderr:
            self.note(f"a traceback reached stderr:\n{self.app.stderr}")

    def confirm(self) -> None:
        """What history shows right now counts as confirmed (the kill comes right after)."""
        rows = self.app.history()
        self.confirmed |= facts(rows)
        self.pending |= {int(row["id"]) for row in rows if row["outcome"] == "pending"}

    def kill(self) -> None:
        self.app.kill()
        self.kills += 1
        verdict = integrity(self.app.home / "history.sqlite3")
        if verdict not in ("ok", "missing"):
            self.corrupt.append(f"kill {self.kills}: {verdict}")

    def round(self) -> None:
        scenario = self.rng.choice(SCENARIOS)
        self.scenarios[scenario] += 1
        if scenario == "startup":
            self.app.launch()
            time.sleep(self.rng.uniform(0.0, 1.2))
            self.kill()
            return
        if not self.app.alive:
            self.restart_and_verify()
        getattr(self, f"_{scenario}")()
        self.kill()

    def _reminder(self) -> None:
        due = wait_until(lambda: (self.app.try_status() or {}).get("state") == "due", 20.0)
        if not due:
            self.note(f"no reminder within 20 s of a {SIT_LIMIT} sit limit: {self.app.try_status()}")
        self.confirm()
        time.sleep(self.rng.uniform(0.0, 0.3))

    def _break(self) -> None:
        reply = self.app.ask("break-now")
        if not reply.get("opened"):
            self.note(f"break-now did not open a window: {reply}")
        time.sleep(self.rng.uniform(0.0, 2.6))
        self.confirm()
        time.sleep(self.rng.uniform(0.0, 0.05))

    def _write(self) -> None:
        self.confirm()
        before = started(self.app.history())
        sock = self.app.raw_send(BREAK_NOW)
        delay = self.rng.choice(WRITE_DELAYS)
        if delay:
            time.sleep(delay)
        self.app.kill()  # here, not in round(): the write takes tens of microseconds
        sock.setblocking(False)
        try:  # a reply sent before the kill is still in our receive buffer
            acked = b'"opened": true' in sock.recv(4096)
        except OSError:
            acked = False
        sock.close()
        self.in_flight = {"started_before": before, "acked": acked}
        self.in_flight_sent += 1
        self.in_flight_acked += acked

    def figures(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "kills": self.kills,
            "scenarios": dict(self.scenarios),
            "app_starts": self.app.starts,
            "confirmed_events": len(self.confirmed),
            "confirmed_lost": len(self.lost) + self.acked_lost,
            "in_flight_sent": self.in_flight_sent,
            "in_flight_acked": self.in_flight_acked,
            "in_flight_lost": self.in_flight_lost,
            "corrupt": len(self.corrupt),
            "breaks_interrupted": self.interrupted_breaks,
        }


def run_storm(make_app: Callable[..., FaultApp], seed: int, kills: int) -> None:
    storm = Storm(make_app(), random.Random(seed), seed)
    try:
        while storm.kills < kills:
            storm.round()
        storm.restart_and_verify()
        assert storm.app.stop() == 0, f"the app did not quit cleanly:\n{storm.app.stderr}"
        final = integrity(storm.app.home / "history.sqlite3")
    finally:
        storm.app.kill()
    figures = storm.figures()
    print(f"kill storm figures: {json.dumps(figures)}")
    context = f"(seed {seed}; figures {figures})"
    assert final == "ok", f"database not sound at the end: {final} {context}"
    assert not storm.corrupt, f"corrupt after kills: {storm.corrupt} {context}"
    assert not storm.problems, "\n".join(storm.problems) + f"\n{context}"
    assert storm.confirmed, f"nothing was ever confirmed: the storm tested nothing {context}"


def test_ten_kills_lose_nothing_confirmed(make_app: Callable[..., FaultApp], seed: int) -> None:
    run_storm(make_app, seed, kills=10)


@pytest.mark.slow
def test_a_hundred_and_more_kills_lose_nothing_confirmed(
    make_app: Callable[..., FaultApp], seed: int
) -> None:
    run_storm(make_app, seed, kills=120)
