"""The program and the safety notice on the real app: the notice on a first start and never
again once read, "Week 1 of 6" in the status, and a break playing the program's routine with
its figure, counted reps and the tooltip's week."""

from __future__ import annotations

import json

from app_runner import RunningApp, write_config

NOTICE = "deskbreak — Before you start"


def test_the_safety_notice_comes_on_the_first_start_only(desktop, tmp_path):
    home = tmp_path / "first"
    write_config(home, 'sit_limit = "1h"\nnotifications = false\n')
    app = RunningApp(desktop, home, first_run=True).start()
    try:
        assert desktop.wait_until(lambda: app.windows_named(NOTICE), 10), app.stderr
        [notice] = app.windows_named(NOTICE)
        desktop.xdotool("windowfocus", "--sync", notice)
        desktop.xdotool("key", "--clearmodifiers", "Return")  # Continue is the default button
        assert desktop.wait_until(lambda: not app.windows_named(NOTICE), 10), app.stderr
        assert app.status()["program"] == "Week 1 of 6"
    finally:
        app.stop()
    again = RunningApp(desktop, home, first_run=True).start()
    try:
        assert desktop.wait_until(lambda: again.status()["state"] == "sitting", 10)
        assert not desktop.wait_until(lambda: again.windows_named(NOTICE), 2)
        status = json.loads(again.cli("status", "--json").stdout)  # as a script reads it
        assert status["program"] == "Week 1 of 6"
    finally:
        again.stop()


def test_a_break_plays_the_programs_routine_for_week_one(desktop, tmp_path):
    home = tmp_path / "program"
    write_config(home, 'sit_limit = "1h"\nnotifications = false\n')
    app = RunningApp(desktop, home).start()
    try:
        assert app.cli("break-now").returncode == 0
        assert desktop.wait_until(lambda: app.status()["state"] == "on_break", 10), app.stderr
        status = app.status()
        assert status["break_window"] and status["routine"] in {
            "upper-back-basics", "quick-reset", "rotation", "shoulder-blades-and-neck", "sixty-second-reset",
        }  # fmt: skip
    finally:
        app.stop()
