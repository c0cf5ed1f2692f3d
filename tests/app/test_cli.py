"""The command line without a running app: history from the database, clear 'not running' errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from deskbreak.cli import EXIT_NOT_RUNNING, main
from deskbreak.core.player import PlayerResult
from deskbreak.core.policy import Outcome
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DESKBREAK_HOME", str(tmp_path))
    return tmp_path


def _fill(home):
    conn = connect(home / "history.sqlite3")
    log = BreakLog(conn)
    start = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    first = log.reminder_shown(start, timedelta(minutes=45))
    log.answer(first, Outcome.SNOOZED, start)
    second = log.reminder_shown(start + timedelta(minutes=5), timedelta(minutes=50))
    log.break_started(
        start + timedelta(minutes=6), "quick-reset", reminder_id=second, sitting_for=timedelta(minutes=51)
    )
    log.break_finished(
        second, start + timedelta(minutes=8), PlayerResult(False, 2, 4, 0, timedelta(seconds=70))
    )
    log.break_started(
        start + timedelta(hours=1), "upper-back-basics", reminder_id=None, sitting_for=timedelta(minutes=20)
    )
    conn.close()


def test_history_json_newest_first_with_limit(home, capsys):
    _fill(home)
    assert main(["history", "--json", "--limit", "2"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [e["outcome"] for e in entries] == ["pending", "ended_early"]
    assert entries[1]["steps_done"] == 2 and entries[1]["steps_total"] == 4
    assert entries[1]["reminded"] is True and entries[0]["reminded"] is False
    assert entries[1]["started_at"].startswith("2026-11-23T09:06")


def test_history_text_describes_outcomes(home, capsys):
    _fill(home)
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert "ended early after 2 of 4 steps" in out and "snoozed" in out


def test_history_before_anything_was_logged(home, capsys):
    assert main(["history", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert not (home / "history.sqlite3").exists()


def test_commands_for_the_running_app_fail_clearly_when_none_runs(home, capsys):
    for command in (["status"], ["status", "--json"], ["break-now"], ["review"], ["quit"]):
        assert main(command) == EXIT_NOT_RUNNING
        assert "not running" in capsys.readouterr().err


class _UnixRaw:
    """A hand-made client for the Unix-socket server."""

    def __init__(self, name: str) -> None:
        import socket

        from deskbreak.app.ipc_unix import socket_path

        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(str(socket_path(name)))
        self.sock.setblocking(False)

    def __del__(self) -> None:
        self.sock.close()

    def send(self, line: bytes) -> None:
        self.sock.setblocking(True)
        self.sock.sendall(line)
        self.sock.setblocking(False)

    def reply(self) -> bytes | None:
        try:
            return self.sock.recv(65536) or None
        except BlockingIOError:
            return None

    def closed(self) -> bool:
        try:
            return self.sock.recv(1) == b""
        except BlockingIOError:
            return False


class _QtRaw:
    """A hand-made client for the QLocalServer one."""

    def __init__(self, name: str) -> None:
        from PySide6.QtNetwork import QLocalSocket

        self.sock = QLocalSocket()
        self.sock.connectToServer(name)
        assert self.sock.waitForConnected(1000)

    def send(self, line: bytes) -> None:
        self.sock.write(line)
        self.sock.flush()

    def reply(self) -> bytes | None:
        return bytes(self.sock.readLine().data()) if self.sock.canReadLine() else None

    def closed(self) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        return self.sock.state() == QLocalSocket.LocalSocketState.UnconnectedState


@pytest.mark.parametrize("backend", ["unix", "qt"])
def test_ipc_server_answers_good_and_bad_requests_and_drops_silent_clients(
    backend, qtbot, tmp_path, monkeypatch
):
    from deskbreak.app import ipc, ipc_protocol
    from deskbreak.app.ipc_qt import QtCommandServer, send_qt
    from deskbreak.app.ipc_unix import UnixCommandServer, send_unix

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setattr(ipc_protocol, "CLIENT_TIMEOUT_MS", 200)
    server_class, send, raw = {
        "unix": (UnixCommandServer, send_unix, _UnixRaw),
        "qt": (QtCommandServer, send_qt, _QtRaw),
    }[backend]
    name = f"deskbreak-test-{backend}"
    server = server_class(name, {"status": lambda _: {"state": "sitting"}})
    try:
        silent = raw(name)
        replies = {}
        for label, line in (("deep", b"[" * 5000 + b"\n"), ("unknown", b'{"cmd": "nope"}\n')):
            client = raw(name)
            client.send(line)
            qtbot.waitUntil(
                lambda c=client, k=label: (
                    replies.setdefault(k, c.reply()) is not None or replies.pop(k) is not None
                ),
                timeout=3000,
            )
        assert json.loads(replies["deep"])["ok"] is False
        assert json.loads(replies["unknown"])["ok"] is False
        qtbot.waitUntil(silent.closed, timeout=3000)
        good = raw(name)
        good.send(b'{"cmd": "status"}\n')
        got: list[bytes] = []
        qtbot.waitUntil(lambda: bool(got.append(good.reply() or b"")) or got[-1] != b"", timeout=3000)
        assert json.loads(got[-1]) == {"ok": True, "state": "sitting"}
    finally:
        server.close()
    with pytest.raises(ipc.NotRunning):
        send(name, b'{"cmd": "status"}\n', 300)


SERVER_CHILD = """
import sys
from PySide6.QtCore import QCoreApplication
from deskbreak.app.ipc_{backend} import {cls}
app = QCoreApplication([])
server = {cls}(sys.argv[1], {{"status": lambda _: {{"state": "due"}}}})
print("ready", flush=True)
app.exec()
"""


@pytest.mark.parametrize("backend", ["unix", "qt"])
def test_cli_side_of_each_transport_talks_to_a_server_in_another_process(backend, tmp_path):
    import subprocess
    import sys

    from deskbreak.app.ipc_qt import send_qt
    from deskbreak.app.ipc_unix import send_unix

    cls = {"unix": "UnixCommandServer", "qt": "QtCommandServer"}[backend]
    send = {"unix": send_unix, "qt": send_qt}[backend]
    name = f"deskbreak-child-{backend}"
    child = subprocess.Popen(
        [sys.executable, "-c", SERVER_CHILD.format(backend=backend, cls=cls), name],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        assert send(name, b'{"cmd": "status"}\n', 3000) == {"ok": True, "state": "due"}
    finally:
        child.kill()
        child.wait()
        assert child.stdout is not None
        child.stdout.close()


BAD_LIMITS = ["-5", "0", "100001", "99999999999999999999999", "abc", "1e3", "2.5", "", "٣"]


@pytest.mark.parametrize("limit", BAD_LIMITS)
def test_a_bad_history_limit_is_a_usage_error_with_exit_status_2(home, capsys, limit):
    with pytest.raises(SystemExit) as info:
        main(["history", "--limit", limit])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --limit: must be a whole number from 1 to 100,000" in err
    assert "Traceback" not in err and len(err) < 400


def test_a_huge_history_limit_gives_a_short_message(home, capsys):
    with pytest.raises(SystemExit):
        main(["history", "--limit", "9" * 100_000])
    assert len(capsys.readouterr().err) < 400


@pytest.mark.parametrize("limit", ["1", "100000", " 7 "])
def test_history_limits_in_range_are_accepted(home, capsys, limit):
    _fill(home)
    assert main(["history", "--json", "--limit", limit]) == 0
    assert len(json.loads(capsys.readouterr().out)) == min(int(limit), 3)


def test_help_documents_the_exit_statuses(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for status in ("0  done", "1  it could not be done", "2  wrong command line", "3  the command needs"):
        assert status in out
