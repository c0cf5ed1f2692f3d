"""Run the real deskbreak app as a user would, headless, and talk to it like the CLI does.

Plain Python (no pytest import) so a failing fault run can be replayed from a REPL:

    app = FaultApp.prepare(Path("/tmp/f")).start(); print(app.status()); app.kill()

The app runs as `python -m deskbreak` with its own DESKBREAK_HOME, QT_QPA_PLATFORM=offscreen
(no X server), a private XDG_RUNTIME_DIR and no session bus (so notifications would use the tray
fallback; the config turns them off anyway). Only the PID this runner started is ever signalled.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from deskbreak.app.ipc import NotRunning, send_command
from deskbreak.app.paths import resolve_paths

# The shortest sit limit worth testing with; core/settings.py allows down to 1 s today.
SIT_LIMIT = "3s"
STEP = "1s"  # each step of the quick routine
START_TIMEOUT = 30.0  # generous: a loaded CI machine stalls on Qt's first start

QUICK_ROUTINE = f"""\
title = "Quick test"
summary = "Two short steps."

[[exercises]]
name = "Reach up"
focus = "extension"
duration = "{STEP}"
cues = ["Reach up."]

[[exercises]]
name = "Turn"
focus = "rotation"
duration = "{STEP}"
cues = ["Turn."]
"""


def config_text(sit_limit: str = SIT_LIMIT, routine: str = "quick-test", **extra: str) -> str:
    lines = [f'sit_limit = "{sit_limit}"', "notifications = false", f'routine = "{routine}"']
    lines += ['work_days = "every day"', 'work_hours = "always"']  # counting at any hour CI runs
    lines += [f"{key} = {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


SEED_ENV = "DESKBREAK_FAULT_SEED"


def fault_seed() -> int:
    """DESKBREAK_FAULT_SEED if set (to replay a run), else a fresh one; printed either way."""
    value = int(os.environ.get(SEED_ENV) or random.SystemRandom().randrange(2**32))
    print(f"\nfault seed: {value} (replay with {SEED_ENV}={value})")
    return value


def wait_until(predicate: Callable[[], Any], timeout: float, interval: float = 0.02) -> Any:
    """Poll until `predicate` returns something truthy (returned) or `timeout` passes (None)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            return None
        time.sleep(interval)


@contextlib.contextmanager
def environment(env: Mapping[str, str]) -> Iterator[None]:
    """os.environ swapped for the app's, so path helpers that read it resolve what the app does."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def integrity(database: Path) -> str:
    """PRAGMA integrity_check of a copy (with its -wal), so the app's own recovery still runs."""
    if not database.exists():
        return "missing"
    with tempfile.TemporaryDirectory(prefix="dbf-check-") as folder:
        copy = Path(folder) / database.name
        for suffix in ("", "-wal"):
            source = database.with_name(database.name + suffix)
            if source.exists():
                shutil.copyfile(source, copy.with_name(copy.name + suffix))
        conn = sqlite3.connect(copy)
        try:
            return "\n".join(str(row[0]) for row in conn.execute("PRAGMA integrity_check"))
        except sqlite3.DatabaseError as exc:
            return f"not a database: {exc}"
        finally:
            conn.close()


class FaultApp:
    """One deskbreak process (restartable) on one DESKBREAK_HOME."""

    def __init__(self, home: Path, runtime: Path) -> None:
        self.home, self.runtime = home, runtime
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "CI")}
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        env.update(
            DESKBREAK_HOME=str(home),
            QT_QPA_PLATFORM="offscreen",
            XDG_RUNTIME_DIR=str(runtime),
            PYTHONUNBUFFERED="1",
            TZ="UTC",
        )
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @classmethod
    def prepare(
        cls, home: Path, config: str | None = None, routines: Mapping[str, str] | None = None
    ) -> FaultApp:
        """A home with config.toml and user routines; the runtime folder is short (sun_path limit)."""
        (home / "routines").mkdir(parents=True, exist_ok=True)
        (home / "config.toml").write_text(config or config_text(), encoding="utf-8")
        for name, text in {"quick-test": QUICK_ROUTINE, **(routines or {})}.items():
            (home / "routines" / f"{name}.toml").write_text(text, encoding="utf-8")
        runtime = Path(tempfile.mkdtemp(prefix="dbf-run-"))
        runtime.chmod(0o700)
        return cls(home, runtime)

    # -- the process -----------------------------------------------------------------------

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def stderr_path(self) -> Path:
        # Beside the app's runtime folder, not in its home: a test may make the home read-only.
        return self.runtime.with_name(f"{self.runtime.name}-app-{self.starts}.stderr")

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace") if self.stderr_path.exists() else ""

    def launch(self) -> FaultApp:
        """Start the process without waiting for it."""
        assert not self.alive, "one app at a time"
        self.starts += 1
        with self.stderr_path.open("wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "deskbreak"],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
                start_new_session=True,
            )
        return self

    def start(self, timeout: float = START_TIMEOUT) -> FaultApp:
        """Start and wait until it answers `status`."""
        self.launch()
        if not wait_until(lambda: self.try_status() is not None or not self.alive, timeout) or not self.alive:
            code = self.process.poll() if self.process else None
            self.kill()
            raise AssertionError(f"deskbreak did not answer status (exit {code}):\n{self.stderr}")
        return self

    def kill(self) -> None:
        """SIGKILL our own PID, nothing else."""
        if self.alive:
            os.kill(self.pid, signal.SIGKILL)
        if self.process is not None:
            self.process.wait(10)

    def stop(self) -> int | None:
        """Quit through the app's command; SIGKILL by PID if it does not go."""
        if self.process is None:
            return None
        if self.alive:
            with contextlib.suppress(NotRunning, TimeoutError, OSError):
                self.ask("quit")
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.process.returncode

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.runtime, ignore_errors=True)

    def rss_kib(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError("no VmRSS")

    # -- talking to it ---------------------------------------------------------------------

    @property
    def server_name(self) -> str:
        with environment(self.env):
            return resolve_paths().server_name

    def socket_path(self) -> Path:
        """Where the CLI connects: the app's own helper, evaluated in the app's environment."""
        from deskbreak.app.ipc_unix import socket_path

        with environment(self.env):
            return socket_path(resolve_paths().server_name)

    def ask(self, command: str, timeout_ms: int = 3000, **extra: Any) -> dict[str, Any]:
        """One command, sent the way the CLI sends it."""
        with environment(self.env):
            return send_command(resolve_paths().server_name, command, timeout_ms, **extra)

    def try_status(self, timeout_ms: int = 3000) -> dict[str, Any] | None:
        try:
            reply = self.ask("status", timeout_ms)
        except (NotRunning, TimeoutError, OSError, ValueError):
            return None
        return reply if reply.get("ok") else None

    def status(self) -> dict[str, Any]:
        reply = self.try_status()
        assert reply is not None, f"status did not answer; app stderr:\n{self.stderr}"
        return reply

    def cli(self, *args: str, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "deskbreak", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def history(self) -> list[dict[str, Any]]:
        """Every logged reminder and break, as `deskbreak history --json` shows them."""
        done = self.cli("history", "--json", "--limit", "100000")
        assert done.returncode == 0, f"history failed ({done.returncode}): {done.stderr}"
        rows: list[dict[str, Any]] = json.loads(done.stdout)
        return rows

    def raw_send(self, payload: bytes, timeout: float = 5.0) -> socket.socket:
        """Connect (patiently) to the command socket and send bytes as they are; the caller closes."""
        sock = connect_patiently(self.socket_path(), timeout)
        if payload:
            sock.sendall(payload)
        return sock

    def probe_status(self, timeout: float = 5.0) -> tuple[dict[str, Any] | None, float]:
        """`status` through a client that waits while the listen queue is full; (reply, seconds)."""
        began = time.monotonic()
        try:
            with self.raw_send(b'{"cmd": "status"}\n', timeout) as sock:
                data = b""
                while not data.endswith(b"\n"):
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    data += chunk
            reply: dict[str, Any] | None = json.loads(data) if data else None
        except (OSError, ValueError):
            reply = None
        return reply, time.monotonic() - began


def connect_patiently(path: Path, timeout: float) -> socket.socket:
    """A Unix-socket connect that retries while the server's listen queue is full (EAGAIN)."""
    deadline = time.monotonic() + timeout
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(str(path))
            return sock
        except BlockingIOError:
            sock.close()
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{path}: the listen queue stayed full for {timeout} s") from None
            time.sleep(0.001)
        except BaseException:
            sock.close()
            raise
