"""The program on the real app: a break playing the program's routine with its figure, counted
reps and the tooltip's week. (The first start's welcome and safety notice: test_settings_desktop.)"""

from __future__ import annotations

from app_runner import RunningApp, write_config

NOTICE = "deskbreak — Before you start"


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
