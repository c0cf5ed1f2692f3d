"""config.toml rewritten 100 times a second for 10 s while the app runs, then step by step.

One run of the app (a module fixture) in three phases, each test below asserts one part of it:

1. flood: 1,000 writes on a fixed 10 ms cadence, each a random mix of content (valid, CRLF,
   BOM, BOM+CRLF, TOML syntax errors, bad values, empty) and way of writing (in place, in two
   halves, truncated, renamed over, deleted); a timed `status` after every 5th write.
   The watcher waits for 300 ms of quiet (config_watch.SETTLE_MS), so during the flood nothing
   is reloaded; what is tested is that the app stays up and answers, and reloads once it ends.
2. settle: single writes with a pause after each, so each one is loaded, and what is in force
   is read back through `status --json`: next_break_at = start of the countdown + sit_limit.
3. last good: a valid file, then a TOML syntax error; the valid file's settings must stay.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from config_writes import ALWAYS, BOM, KINDS, WAYS, content, valid, write
from runner import FaultApp, config_text, fault_seed, wait_until

from deskbreak.core.settings import DEFAULTS

WRITES, PERIOD = 1000, 0.010
PROBE_EVERY = 5
MAX_STATUS_SECONDS = 1.0
APPLY_TIMEOUT = 3.0  # SETTLE_MS (300 ms) plus a slow reload on a loaded machine
DEFAULT = f"{int(DEFAULTS.sit_limit.total_seconds())}s"
# (name, bytes, way, the sit_limit then in force, text a problem must contain or None)
SETTLE_STEPS = (
    ("valid", valid("2h"), "in_place", "2h", None),
    ("bom_crlf", BOM + valid("5h").replace(b"\n", b"\r\n"), "in_place", "5h", None),
    ("crlf_renamed", valid("3h").replace(b"\n", b"\r\n"), "replace", "3h", None),
    ("huge_duration", ALWAYS + b'sit_limit = "9999999999999999999999h"\n', "in_place", DEFAULT, "sit_limit"),
    ("valid_partial", valid("6h"), "partial", "6h", None),
    ("zero", ALWAYS + b'sit_limit = "0s"\n', "in_place", DEFAULT, "sit_limit"),
    ("valid_again", valid("4h"), "in_place", "4h", None),
    ("empty", ALWAYS, "in_place", DEFAULT, None),  # every setting but the hours at its default
)
LAST_GOOD = "7h"


def seconds(text: str) -> timedelta:
    units = {"h": 3600, "m": 60, "s": 1}
    total, number = 0, ""
    for char in text:
        if char.isdigit():
            number += char
        else:
            total, number = total + int(number) * units[char], ""
    return timedelta(seconds=total)


def exceptions(stderr: str) -> list[str]:
    """The final line (the exception) of every traceback in `stderr`."""
    found, inside = [], False
    for line in stderr.splitlines():
        if line.startswith("Traceback (most recent call last):"):
            inside = True
        elif inside and line and not line[0].isspace():
            found.append(line)
            inside = False
    return found


class Run:
    def __init__(self, app: FaultApp, seed: int) -> None:
        self.app, self.seed = app, seed
        first = app.status()["next_break_at"]
        self.countdown_start = datetime.fromisoformat(first) - timedelta(hours=1)
        self.latencies: list[float] = []
        self.writes: dict[str, int] = {}
        self.settle: dict[str, str] = {}  # step name -> "" (ok) or what went wrong
        self.last_good: str = "not run"

    def due_for(self, sit_limit: str) -> str:
        return (self.countdown_start + seconds(sit_limit)).isoformat(timespec="seconds")

    def flood(self, rng: random.Random) -> None:
        path = self.app.home / "config.toml"
        began = time.monotonic()
        for number in range(WRITES):
            time.sleep(max(0.0, began + number * PERIOD - time.monotonic()))
            kind, way = rng.choice(KINDS), rng.choice(WAYS)
            write(path, content(rng, kind), way)
            self.writes[f"{kind}/{way}"] = self.writes.get(f"{kind}/{way}", 0) + 1
            if number % PROBE_EVERY == 0:
                reply, took = self.app.probe_status()
                self.latencies.append(took if reply is not None else float("inf"))
        self.flood_seconds = time.monotonic() - began

    def apply(self, data: bytes, way: str, sit_limit: str, problem: str | None) -> str:
        """Write once, wait for the reload; "" if `sit_limit` is then in force, else what is."""
        write(self.app.home / "config.toml", data, way)
        want = self.due_for(sit_limit)

        def applied() -> bool:
            status = self.app.try_status() or {}
            reported = problem is None or any(problem in p for p in status.get("problems", []))
            return status.get("next_break_at") == want and reported

        if wait_until(applied, APPLY_TIMEOUT, 0.05):
            return ""
        status = self.app.try_status() or {}
        return f"want next break {want} ({sit_limit}); status says {status.get('next_break_at')}, " + (
            f"problems {status.get('problems')}"
        )

    def figures(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "writes": sum(self.writes.values()),
            "flood_seconds": round(self.flood_seconds, 1),
            "status_probes": len(self.latencies),
            "max_status_ms": round(max(self.latencies) * 1000, 1),
            "settle_failures": {k: v for k, v in self.settle.items() if v},
            "last_good": self.last_good or "kept",
        }


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    seed = fault_seed()
    app = FaultApp.prepare(Path(tmp_path_factory.mktemp("config")), config=config_text(sit_limit="1h"))
    try:
        result = Run(app.start(), seed)
        result.flood(random.Random(seed))
        for name, data, way, sit_limit, problem in SETTLE_STEPS:
            result.settle[name] = result.apply(data, way, sit_limit, problem)
        result.settle["last_good_valid"] = result.apply(valid(LAST_GOOD), "in_place", LAST_GOOD, None)
        if not result.settle["last_good_valid"]:
            write(app.home / "config.toml", b'sit_limit = "2h\n', "in_place")
            reported = wait_until(lambda: (app.try_status() or {}).get("problems"), APPLY_TIMEOUT, 0.05)
            now_due = (app.try_status() or {}).get("next_break_at")
            want = result.due_for(LAST_GOOD)
            result.last_good = (
                "the syntax error was not reported"
                if not reported
                else ""
                if now_due == want
                else f"next break moved from {want} ({LAST_GOOD}) to {now_due}"
            )
        print(f"config rewrite figures: {json.dumps(result.figures())}")
        yield result
    finally:
        app.close()


def test_a_hundred_rewrites_a_second_never_stop_the_app(run: Run) -> None:
    context = f"(figures {run.figures()})"
    assert run.app.alive, f"the app died: {run.app.stderr} {context}"
    assert max(run.latencies) < MAX_STATUS_SECONDS, f"status was slow or unanswered {context}"
    assert run.flood_seconds < 12, f"the writes could not keep 100 a second {context}"
    unknown = exceptions(run.app.stderr)
    assert not unknown, f"tracebacks on stderr: {unknown}\n{run.app.stderr} {context}"


def test_each_settled_write_is_in_force(run: Run) -> None:
    checked = ("valid", "crlf_renamed", "valid_partial", "zero", "valid_again", "empty", "last_good_valid")
    failed = {name: run.settle[name] for name in checked if run.settle[name]}
    assert not failed, f"{failed} (seed {run.seed})"


def test_a_byte_order_mark_is_accepted(run: Run) -> None:
    assert not run.settle["bom_crlf"], run.settle["bom_crlf"]


def test_a_huge_duration_falls_back_to_the_default_without_a_traceback(run: Run) -> None:
    assert not run.settle["huge_duration"], run.settle["huge_duration"]
    assert "Traceback" not in run.app.stderr, run.app.stderr


def test_a_syntax_error_keeps_the_last_good_settings(run: Run) -> None:
    assert not run.last_good, f"{run.last_good} (seed {run.seed})"
