"""Start deskbreak as a user would, in a DesktopSession, and talk to it through its own CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from harness import DesktopSession

QUICK_ROUTINE = """\
title = "Quick test"
summary = "Two one-second steps."

[[exercises]]
name = "Reach up"
focus = "extension"
duration = "1s"
cues = ["Reach up."]

[[exercises]]
name = "Turn"
focus = "rotation"
duration = "1s"
cues = ["Turn."]
"""


class RunningApp:
    """One deskbreak process with its own DESKBREAK_HOME."""

    def __init__(self, desktop: DesktopSession, home: Path, first_run: bool = False) -> None:
        self.desktop = desktop
        self.first_run = first_run  # False: as a returning user (the safety notice already read)
        self.home = home
        self.env = {**desktop.env, "DESKBREAK_HOME": str(home), "PYTHONUNBUFFERED": "1"}
        # Start at login and the launcher write under these: never the real user's folders.
        self.env.update(XDG_CONFIG_HOME=str(home / "xdg-config"), XDG_DATA_HOME=str(home / "xdg-data"))
        self.env.pop("CI", None)
        self.stderr_path = home / "app.stderr"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 20.0) -> RunningApp:
        self.home.mkdir(parents=True, exist_ok=True)
        if not self.first_run:
            seen_safety_notice(self.home)
        if not (self.home / "config.toml").exists():
            write_config(self.home, "")
        self._stderr = self.stderr_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "deskbreak"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
            start_new_session=True,
        )
        ok = self.desktop.wait_until(lambda: self.try_status() is not None or not self.alive, timeout)
        if not ok or not self.alive:
            raise AssertionError(f"deskbreak did not come up:\n{self.stderr}")
        return self

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace") if self.stderr_path.exists() else ""

    def cli(self, *args: str, timeout: float = 20.0) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "deskbreak", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def try_status(self) -> dict[str, Any] | None:
        done = self.cli("status", "--json")
        return json.loads(done.stdout) if done.returncode == 0 else None

    def status(self) -> dict[str, Any]:
        status = self.try_status()
        assert status is not None, f"status failed; app stderr:\n{self.stderr}"
        return status

    def history(self) -> list[dict[str, Any]]:
        done = self.cli("history", "--json")
        assert done.returncode == 0, done.stderr
        result: list[dict[str, Any]] = json.loads(done.stdout)
        return result

    def windows_named(self, name: str) -> list[str]:
        found = self.desktop.run("xdotool", "search", "--onlyvisible", "--name", name)
        return found.stdout.split()

    def stop(self) -> int | None:
        """Quit through the CLI; fall back to SIGTERM, then SIGKILL, by PID."""
        if self.process is None:
            return None
        if self.alive:
            self.cli("quit")
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGTERM)
                try:
                    self.process.wait(5)
                except subprocess.TimeoutExpired:
                    os.kill(self.process.pid, signal.SIGKILL)
                    self.process.wait(5)
        self._stderr.close()
        return self.process.returncode

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(5)
        self._stderr.close()


def seen_safety_notice(home: Path) -> None:
    """Mark the first-run safety notice as read, unless the history already has a profile."""
    import time

    from deskbreak.core.profile import KEY, Profile
    from deskbreak.storage.break_log import open_history

    log = open_history(home / "history.sqlite3", monotonic=time.monotonic)
    try:
        if log.value(KEY) is None:
            log.set_value(KEY, Profile(safety_seen=True).encode())
    finally:
        log.close()


# The desktop tests run at whatever hour and day CI runs them: counting is on all the time
# unless a test sets its own working days or hours.
ALWAYS_WORKING = 'work_days = "every day"\nwork_hours = "always"\n'


def write_config(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    if "work_hours" not in text and "work_days" not in text:
        text = ALWAYS_WORKING + text
    path.write_text(text, encoding="utf-8")
    return path


def add_quick_routine(home: Path) -> None:
    folder = home / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "quick-test.toml").write_text(QUICK_ROUTINE, encoding="utf-8")
