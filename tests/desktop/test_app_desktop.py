"""deskbreak on a real desktop: tray icon in trayer, reminder in dunst, CLI to the running app."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from app_runner import RunningApp, add_quick_routine, write_config


@pytest.fixture
def app_factory(desktop, tmp_path):
    started: list[RunningApp] = []

    def make(name: str = "home") -> RunningApp:
        app = RunningApp(desktop, tmp_path / name)
        started.append(app)
        return app

    yield make
    for app in started:
        app.stop()
    desktop.close_notifications()


def test_reminder_break_now_and_completed_routine_end_to_end(desktop, app_factory):
    desktop.close_notifications()
    app = app_factory()
    write_config(app.home, 'sit_limit = "3s"\nroutine = "quick-test"\n')
    add_quick_routine(app.home)
    app.start()

    # The icon is docked in the real tray host.
    assert desktop.wait_until(lambda: app.status()["tray"]["geometry"][2] > 0, 10), app.status()
    tray = app.status()["tray"]
    assert tray["available"] and tray["visible"]
    assert tray["geometry"][2] > 0 and tray["geometry"][3] > 0

    # After 3 s of sitting, dunst shows the reminder; no deskbreak window appears by itself.
    assert desktop.wait_until(lambda: desktop.notifications_displayed() >= 1, 15), app.stderr
    assert app.status()["state"] == "due"
    assert app.windows_named("deskbreak —") == []

    # A second process asks the running one to open the break window.
    done = app.cli("break-now")
    assert done.returncode == 0, done.stderr
    assert desktop.wait_until(lambda: app.windows_named("deskbreak — Quick test"), 10)
    assert app.status()["state"] == "on_break"
    desktop.screenshot(app.home / "break-window.png")

    # The two one-second exercises (each after a 5-second get-ready) run out; the break is
    # logged as completed, answering the reminder.
    assert desktop.wait_until(lambda: app.history() and app.history()[0]["outcome"] == "completed", 30)
    entry = app.history()[0]
    assert entry["reminded"] is True
    assert entry["routine"] == "quick-test"
    assert (entry["steps_done"], entry["steps_total"]) == (2, 2)
    assert app.status()["state"] == "sitting"

    assert app.stop() == 0
    assert "completed" in app.cli("history").stdout


def test_second_launch_hands_over_to_the_running_instance(desktop, app_factory):
    app = app_factory().start()
    second = app.cli(timeout=30)
    assert second.returncode == 0
    assert "already running" in second.stdout
    assert app.alive
    assert app.stop() == 0


def test_cli_says_clearly_when_nothing_is_running(desktop, app_factory):
    app = app_factory("idle-home")
    for command in (["status", "--json"], ["break-now"], ["quit"]):
        done = app.cli(*command)
        assert done.returncode != 0
        assert "not running" in done.stderr
    assert app.cli("history").stdout.strip() == "No breaks logged yet."


def test_broken_config_and_routine_are_reported_and_never_overwritten(desktop, app_factory):
    app = app_factory("broken")
    config = write_config(app.home, 'sit_limit = "45 minutes\nsnooze = 5\n')
    add_quick_routine(app.home)
    broken_routine = app.home / "routines" / "mine.toml"
    broken_routine.write_text('title = "Mine"\n[[exercises]]\nname = "X"\nfocus = "twist"\n')
    config_bytes, routine_bytes = config.read_bytes(), broken_routine.read_bytes()
    app.start()
    problems = app.status()["problems"]
    assert any(str(config) in p and "not valid TOML" in p for p in problems), problems
    assert any(str(broken_routine) in p and "twist" in p for p in problems), problems
    assert str(config) in app.stderr and str(broken_routine) in app.stderr
    assert app.status()["state"] == "sitting"
    assert app.stop() == 0
    assert config.read_bytes() == config_bytes
    assert broken_routine.read_bytes() == routine_bytes


def test_invalid_value_uses_the_default_and_names_the_key(desktop, app_factory):
    app = app_factory("invalid")
    config = write_config(app.home, 'sit_limit = "soon"\n')
    before = config.read_bytes()
    app.start()
    [problem] = app.status()["problems"]
    assert str(config) in problem and "sit_limit" in problem and "soon" in problem
    assert app.stop() == 0
    assert config.read_bytes() == before


def test_sigkill_while_logging_leaves_a_sound_database(desktop, app_factory):
    app = app_factory("killed")
    write_config(app.home, 'sit_limit = "1s"\nroutine = "quick-test"\n')
    add_quick_routine(app.home)
    app.start()
    assert desktop.wait_until(lambda: app.history() != [], 15)
    app.cli("break-now")
    assert desktop.wait_until(lambda: app.status()["state"] == "on_break", 10)
    app.kill()
    desktop.close_notifications()

    conn = sqlite3.connect(app.home / "history.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()

    # The next start tidies up: the interrupted break is logged as ended early, not left pending.
    write_config(app.home, 'sit_limit = "45m"\n')
    app.start()
    outcomes = [entry["outcome"] for entry in app.history()]
    assert outcomes == ["ended_early"], outcomes
    assert app.stop() == 0


def _app_with_reminder_shown(desktop, app_factory, name: str) -> RunningApp:
    desktop.close_notifications()
    app = app_factory(name)
    write_config(app.home, 'sit_limit = "2s"\nroutine = "quick-test"\n')
    add_quick_routine(app.home)
    app.start()
    assert desktop.wait_until(lambda: desktop.notifications_displayed() == 1, 15), app.stderr
    return app


def test_taking_the_break_from_the_tray_takes_the_notification_away(desktop, app_factory):
    app = _app_with_reminder_shown(desktop, app_factory, "withdraw")
    assert app.cli("break-now").returncode == 0
    assert desktop.wait_until(lambda: desktop.notifications_displayed() == 0, 10)


def test_notification_default_action_opens_the_break_window(desktop, app_factory):
    app = _app_with_reminder_shown(desktop, app_factory, "default-action")
    # What a click on the notification body does in dunst: invoke its "default" action.
    assert desktop.run("dunstctl", "action", "0").returncode == 0
    assert desktop.wait_until(lambda: app.windows_named("deskbreak — Quick test"), 10), app.stderr
    assert app.status()["state"] == "on_break"


def test_reminder_after_a_routine_check_comes_on_time(desktop, app_factory):
    """A sit limit longer than the 60 s poll: the first scheduled check must book the next."""
    desktop.close_notifications()
    app = app_factory("chain")
    write_config(app.home, 'sit_limit = "65s"\n')
    app.start()
    due = datetime.fromisoformat(app.status()["next_break_at"])
    assert desktop.wait_until(lambda: desktop.notifications_displayed() == 1, 90), app.stderr
    shown_at = datetime.now().astimezone()
    assert abs((shown_at - due).total_seconds()) < 3, (shown_at, due)
    assert app.status()["state"] == "due"
    assert [e["outcome"] for e in app.history()] == ["pending"]


def test_an_unusable_history_database_is_reported_and_the_app_still_runs(desktop, app_factory):
    app = app_factory("bad-db")
    (app.home / "history.sqlite3").mkdir(parents=True)  # e.g. a sync tool put a folder there
    app.start()
    status = app.status()
    assert status["state"] == "sitting"
    assert any("history.sqlite3" in p and "not saved" in p for p in status["problems"]), status
    done = app.cli("history")
    assert done.returncode == 1
    assert "history.sqlite3" in done.stderr and "Traceback" not in done.stderr
    assert app.stop() == 0
