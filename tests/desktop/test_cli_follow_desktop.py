"""`deskbreak status --follow --format waybar`, snooze and skip, against the real app.

The follower is read as waybar reads it: a subprocess whose stdout gives one JSON object a line.
"""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import sys
import threading
import time
from typing import Any

import pytest
from app_runner import RunningApp, write_config


@pytest.fixture
def app(desktop, tmp_path):
    """An app not yet started, with a 45-minute sit limit unless the test writes its own."""
    app = RunningApp(desktop, tmp_path / "home")
    write_config(app.home, 'sit_limit = "45m"\n')
    yield app
    app.stop()
    desktop.close_notifications()


class Follower:
    """`deskbreak status --follow ...` in the background; its lines arrive on a queue."""

    def __init__(self, app: RunningApp, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "deskbreak", "status", "--follow", *args],
            env=app.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def next_line(self, timeout: float = 15.0) -> dict[str, Any]:
        return json.loads(self.lines.get(timeout=timeout))

    def wait_for(self, kind: str, timeout: float = 15.0) -> dict[str, Any]:
        """The first line of class `kind`, skipping others, before the deadline."""
        deadline = time.monotonic() + timeout
        seen = []
        while (left := deadline - time.monotonic()) > 0:
            try:
                fields = self.next_line(left)
            except queue.Empty:
                break
            if fields["class"] == kind:
                return fields
            seen.append(fields["class"])
        raise AssertionError(f"no {kind!r} line in {timeout} s; saw {seen}")

    def end(self, timeout: float = 10.0) -> tuple[int, str]:
        code = self.process.wait(timeout)
        assert self.process.stderr is not None
        return code, self.process.stderr.read()

    def __enter__(self) -> Follower:
        return self

    def __exit__(self, *_: object) -> None:
        self.kill()

    def kill(self) -> None:
        """End it (by its PID) if it still runs, and close its pipes."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(5)
        self.reader.join(5)
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()


def test_waybar_follower_sees_each_change_and_the_app_quitting(app):
    app.start()
    with Follower(app, "--format", "waybar") as follower:
        first = follower.next_line()
        assert first["class"] == "sitting" and first["text"] == "0 min"
        assert "Next break at " in first["tooltip"] and "(in 45 min)" in first["tooltip"]

        assert app.cli("pause", "30m").returncode == 0
        paused = follower.wait_for("paused")
        assert paused["text"] == "paused" and "(in 30 min)" in paused["tooltip"]
        assert app.cli("resume").returncode == 0
        assert follower.wait_for("sitting")["percentage"] == 0

        assert app.cli("quit").returncode == 0
        assert follower.wait_for("stopped")["text"] == ""
        code, err = follower.end()
        assert code == 3 and "deskbreak quit" in err


def test_snooze_and_skip_through_the_running_app(app):
    write_config(app.home, 'sit_limit = "3s"\n')
    app.start()
    with Follower(app, "--format", "waybar") as follower:
        follower.wait_for("due")
        skipped = app.cli("skip")
        assert skipped.returncode == 0, skipped.stderr
        assert skipped.stdout.startswith("Skipped: the next break is at ")
        follower.wait_for("sitting")
        follower.wait_for("due")  # a 3-second sit limit: due again at once

        bad = app.cli("snooze", "3h")
        assert bad.returncode == 2 and "a snooze lasts from 1 minute to 2 hours" in bad.stderr
        snoozed = app.cli("snooze", "10m")
        assert snoozed.returncode == 0, snoozed.stderr
        assert "(in 10 min)" in snoozed.stdout
        assert follower.wait_for("snoozed")["text"].endswith(" · snoozed")
    assert app.status()["state"] == "snoozed"
    for command in ("skip", "snooze"):
        again = app.cli(command)
        assert again.returncode == 1
        assert f"Nothing to {command}: no reminder is due." in again.stderr
    assert [e["outcome"] for e in app.history()[:2]] == ["snoozed", "skipped"]


def test_wait_follows_an_app_started_later_and_ctrl_c_ends_it_cleanly(app):
    with Follower(app, "--format", "json", "--wait") as follower:
        assert follower.next_line() == {"state": "not_running"}
        app.start()
        assert follower.next_line(20)["state"] == "sitting"  # found within the retry interval
        follower.process.send_signal(signal.SIGINT)
        code, err = follower.end()
        assert code == 0 and "Traceback" not in err
