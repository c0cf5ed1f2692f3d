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
    log.break_started(start + timedelta(minutes=6), "quick-reset", reminder_id=second,
                      sitting_for=timedelta(minutes=51))
    log.break_finished(second, start + timedelta(minutes=8),
                       PlayerResult(False, 2, 4, 0, timedelta(seconds=70)))
    log.break_started(start + timedelta(hours=1), "upper-back-basics", reminder_id=None,
                      sitting_for=timedelta(minutes=20))
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
    for command in (["status"], ["status", "--json"], ["break-now"], ["quit"]):
        assert main(command) == EXIT_NOT_RUNNING
        assert "not running" in capsys.readouterr().err


def test_ipc_server_answers_bad_requests_and_drops_silent_clients(qtbot, tmp_path, monkeypatch):
    from PySide6.QtNetwork import QLocalSocket

    from deskbreak.app import ipc

    monkeypatch.setattr(ipc, "CLIENT_TIMEOUT_MS", 200)
    name = f"deskbreak-test-{tmp_path.name}"
    server = ipc.CommandServer(name, {"status": lambda _: {"state": "sitting"}})
    try:
        silent = QLocalSocket()
        silent.connectToServer(name)
        assert silent.waitForConnected(1000)
        replies = {}
        for label, line in (("deep", b"[" * 100000 + b"\n"), ("unknown", b'{"cmd": "nope"}\n'),
                            ("good", b'{"cmd": "status"}\n')):
            client = QLocalSocket()
            client.connectToServer(name)
            assert client.waitForConnected(1000)
            client.write(line)
            qtbot.waitUntil(lambda c=client: c.canReadLine(), timeout=3000)
            replies[label] = json.loads(bytes(client.readLine().data()))
        assert replies["good"] == {"ok": True, "state": "sitting"}
        assert replies["deep"]["ok"] is False and replies["unknown"]["ok"] is False
        unconnected = QLocalSocket.LocalSocketState.UnconnectedState
        qtbot.waitUntil(lambda: silent.state() == unconnected, timeout=3000)
    finally:
        server.close()
