"""The weekly review on a real desktop: months of history, the window opened from a second
process, `stats` agreeing with what the history holds while the app runs, and Escape closing it."""

from __future__ import annotations

import json
from datetime import date

import pytest
from app_runner import RunningApp, write_config
from seed_history import seed

from deskbreak.core.review import goal_settings
from deskbreak.core.settings import DEFAULTS
from deskbreak.storage.break_log import open_history
from deskbreak.storage.reading import open_for_reading
from deskbreak.storage.review_data import load_review


@pytest.fixture
def app(desktop, tmp_path):
    running = RunningApp(desktop, tmp_path / "home")
    yield running
    running.stop()
    desktop.close_notifications()


def test_the_review_opens_from_the_command_line_and_stats_agree(desktop, app):
    # Goals on weekdays (what the seeded history and the expected figures assume), counting at
    # any hour; on a weekend the app is outside working days, and that is fine here.
    write_config(app.home, 'work_days = "mon-fri"\nwork_hours = "always"\nweekly_checkin = false\n')
    log = open_history(app.home / "history.sqlite3")
    seed(log, date.today(), weeks=14)
    assert log.close() == 0
    app.start()
    assert desktop.wait_until(lambda: app.status()["state"] in ("sitting", "due", "paused"), 15), app.stderr

    done = app.cli("review")
    assert done.returncode == 0, done.stderr
    assert "Weekly review opened" in done.stdout
    assert desktop.wait_until(lambda: app.windows_named("deskbreak — Weekly review"), 10), app.stderr
    desktop.screenshot(app.home / "review.png")

    # While the app runs (and holds the file), stats reads the same figures the history holds.
    stats = app.cli("stats", "--json")
    assert stats.returncode == 0, stats.stderr
    figures = json.loads(stats.stdout)
    conn = open_for_reading(app.home / "history.sqlite3")
    assert conn is not None
    try:
        expected = load_review(conn, date.today(), goal_settings(DEFAULTS), save=False)
    finally:
        conn.close()
    assert figures["current_streak"] == expected.streak.current > 0
    assert figures["best_streak"] == expected.streak.best
    assert [d["breaks"] for d in figures["days"]] == [d.summary.breaks for d in expected.week.days]

    # Escape closes it; the app carries on, and it opens again on request.
    [window] = app.windows_named("deskbreak — Weekly review")
    desktop.xdotool("windowfocus", "--sync", window)
    desktop.xdotool("key", "Escape")
    assert desktop.wait_until(lambda: not app.windows_named("deskbreak — Weekly review"), 10)
    assert app.status()["state"] in ("sitting", "due")
    assert app.cli("review").returncode == 0
    assert desktop.wait_until(lambda: app.windows_named("deskbreak — Weekly review"), 10)
