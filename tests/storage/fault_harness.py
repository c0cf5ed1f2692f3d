"""The parent side of the fault-injection suite: runs fault_writer.py and reads what it says.

Also loaded by tests/faults/ (by file path, as the test folders are not packages).
"""

from __future__ import annotations

import json
import os
import select
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

WRITER = Path(__file__).with_name("fault_writer.py")
ROOT = Path(__file__).resolve().parents[2]


class Writer:
    """One writer process logging into `db` until stop() is called."""

    def __init__(self, db: Path) -> None:
        self.db = db
        db.parent.mkdir(parents=True, exist_ok=True)
        self.stop_file = db.parent.parent / f"stop-{os.getpid()}-{id(self)}"
        self.lines: list[dict[str, Any]] = []
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.stderr_file = self.stop_file.with_name(self.stop_file.name + ".stderr")
        with open(self.stderr_file, "w") as err:  # a file, not a pipe: a full pipe would block it
            self.proc = subprocess.Popen(
                [sys.executable, str(WRITER), str(db), str(self.stop_file)],
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
                env=env,
            )

    def _read(self, deadline: float) -> dict[str, Any]:
        assert self.proc.stdout is not None
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"the writer said nothing in time; last: {self.lines[-1:]}")
        readable, _, _ = select.select([self.proc.stdout], [], [], left)
        line = self.proc.stdout.readline() if readable else ""
        if readable and not line:
            self.proc.wait(timeout=10)
            raise AssertionError(f"the writer died: {self.stderr_file.read_text()[-2000:]}")
        if not line:
            raise AssertionError(f"the writer said nothing in time; last: {self.lines[-1:]}")
        parsed: dict[str, Any] = json.loads(line)
        self.lines.append(parsed)
        return parsed

    def wait_for(self, what: Callable[[dict[str, Any]], bool], timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            line = self._read(deadline)
            if what(line):
                return line

    def groups_at_least(self, n: int) -> dict[str, Any]:
        return self.wait_for(lambda line: int(line.get("groups", 0)) >= n)

    def stop(self) -> dict[str, Any]:
        self.stop_file.touch()
        try:
            final = self.wait_for(lambda line: bool(line.get("final")), timeout=60)
            assert self.proc.wait(timeout=20) == 0
            return final
        finally:
            self.close()

    def close(self) -> None:
        """End the writer if it still runs (by its own pid) and let go of its pipe and files."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        self.stop_file.unlink(missing_ok=True)
        self.stderr_file.unlink(missing_ok=True)

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def rows_by_time(db: Path) -> dict[str, str]:
    """{at: outcome} of every row in the file (after checking the file is sound)."""
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = raw.execute("SELECT at, outcome FROM breaks").fetchall()
    finally:
        raw.close()
    found: dict[str, str] = {}
    for at, outcome in rows:
        assert at not in found, f"{db}: {at} is in the file twice"
        found[str(at)] = str(outcome)
    return found


def lost_events(final: dict[str, Any], found: dict[str, str]) -> list[str]:
    """The groups whose final outcome is not in `found`."""
    pairs = zip(final["ats"], final["outcomes"], strict=True)
    return [at for at, outcome in pairs if found.get(at) != outcome]
