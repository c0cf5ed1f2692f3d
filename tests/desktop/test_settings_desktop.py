"""Settings and the first run on the real app under Xvfb with trayer and dunst: the welcome and
then the safety notice on a first start; the settings window, opened from the command line or by
starting deskbreak again, changing the sit limit changes the next reminder time."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from app_runner import RunningApp, write_config

WELCOME = "Welcome to deskbreak"
NOTICE = "deskbreak — Before you start"
SETTINGS = "deskbreak settings"


def _next_break(app: RunningApp) -> datetime:
    return datetime.fromisoformat(str(app.status()["next_break_at"]))


def test_a_first_start_shows_the_welcome_then_the_safety_notice_and_neither_again(desktop, tmp_path):
    home = tmp_path / "first"
    write_config(home, "notifications = false\n")
    app = RunningApp(desktop, home, first_run=True).start()
    try:
        assert desktop.wait_until(lambda: app.windows_named(WELCOME), 10), app.stderr
        assert not app.windows_named(NOTICE)  # one thing at a time
        [welcome] = app.windows_named(WELCOME)
        desktop.xdotool("windowfocus", "--sync", welcome)
        desktop.xdotool("key", "--clearmodifiers", "Return")  # Next
        desktop.xdotool("key", "--clearmodifiers", "Return")  # Start
        assert desktop.wait_until(lambda: not app.windows_named(WELCOME), 10), app.stderr
        entry = home / "xdg-config" / "autostart" / "deskbreak.desktop"  # start at login was offered ticked
        assert entry.exists() and "X-Deskbreak-Autostart=true" in entry.read_text()
        assert desktop.wait_until(lambda: app.windows_named(NOTICE), 10), app.stderr
        [notice] = app.windows_named(NOTICE)
        desktop.xdotool("windowfocus", "--sync", notice)
        desktop.xdotool("key", "--clearmodifiers", "Return")  # Continue
        assert desktop.wait_until(lambda: not app.windows_named(NOTICE), 10), app.stderr
        assert app.status()["program"] == "Week 1 of 6"
    finally:
        app.stop()
    again = RunningApp(desktop, home, first_run=True).start()
    try:
        assert desktop.wait_until(lambda: again.status()["state"] == "sitting", 10)
        assert not desktop.wait_until(lambda: again.windows_named(WELCOME) or again.windows_named(NOTICE), 2)
        status = json.loads(again.cli("status", "--json").stdout)  # as a script reads it
        assert status["program"] == "Week 1 of 6"
    finally:
        again.stop()


def test_the_settings_window_changes_the_next_reminder_time(desktop, tmp_path):
    home = tmp_path / "settings"
    write_config(home, '# my own note, kept\nsit_limit = "1h"\nnotifications = false\n')
    app = RunningApp(desktop, home).start()
    try:
        first = _next_break(app)
        opened = app.cli("settings")
        assert opened.returncode == 0 and "Settings window opened" in opened.stdout
        assert desktop.wait_until(lambda: app.windows_named(SETTINGS), 10), app.stderr
        [window] = app.windows_named(SETTINGS)
        desktop.xdotool("windowfocus", "--sync", window)
        desktop.xdotool("key", "--clearmodifiers", "ctrl+a")  # the sit limit has the focus
        desktop.xdotool("type", "--delay", "40", "20")
        desktop.xdotool("key", "--clearmodifiers", "Tab")
        assert desktop.wait_until(lambda: _next_break(app) < first, 10), app.stderr
        assert first - _next_break(app) == timedelta(minutes=40)  # from 1 h to 20 min of sitting
        text = (home / "config.toml").read_text()
        assert "# my own note, kept" in text and 'sit_limit = "20m"' in text
        # Starting deskbreak again brings the running copy's settings forward, not a second copy.
        assert app.cli(timeout=30).returncode == 0
        assert desktop.wait_until(lambda: len(app.windows_named(SETTINGS)) == 1, 5)
        desktop.xdotool("windowfocus", "--sync", window)
        desktop.xdotool("key", "--clearmodifiers", "Escape")
        assert desktop.wait_until(lambda: not app.windows_named(SETTINGS), 10), app.stderr
    finally:
        app.stop()
