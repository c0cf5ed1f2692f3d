"""Make the README screenshots from the real app on a real (virtual) desktop.

    python tests/desktop/make_screenshots.py [--out resources/screenshots]

Starts Xvfb + trayer + dunst (harness.py) and runs deskbreak with three months of history (written
through the app's own log, tests/desktop/seed_history.py) as it is after a restart 52 minutes
into a sitting stretch. Every picture is a state the app is really in: the reminder it sends, the
tray menu while the break is due, the routine chooser opened from that menu, the break player
mid-exercise once the break is taken (the routine the program picks that day, photographed
mid-movement with reps already counted; the moment is worked out from the routine's timeline
in screenshot_widgets.py), and the weekly review it opens afterwards. The safety notice comes
from a second run of the app with a fresh home, as on a first start.

The dark break window is the one picture not taken from the running app: under Xvfb there is
no dark desktop theme for the app to follow. It is the app's own BreakWindow built in this
process on the same Xvfb display (xcb), with a dark QPalette set on the QApplication as a dark
theme would hand it over (Breeze Dark's colours), the same routine, header, footer and size as
the app's window, and a FakeClock moved to the same moment of the routine
(screenshot_widgets.py). Only the palette differs: the app itself sets none.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from app_runner import RunningApp, write_config  # noqa: E402
from harness import DesktopSession  # noqa: E402
from screenshot_widgets import moment_mid_movement, render_break_window_dark, routine_as_played  # noqa: E402
from seed_history import seed  # noqa: E402

ROOT = HERE.parents[1]
PLAYER = "deskbreak — "  # the break window's title starts so; the routine's title follows
CHOOSER = "deskbreak — Choose a routine"
NOTICE = "deskbreak — Before you start"
WELCOME = "Welcome to deskbreak"
SETTINGS = "deskbreak settings"


def _settle(seconds: float) -> None:
    time.sleep(seconds)  # a real desktop settling before a screenshot; not a test


def _sitting_for_52_minutes(home: Path) -> None:
    """A history whose last run was tracking 52 minutes of sitting a few seconds ago, as after
    a restart mid-morning: the app carries the stretch on and reminds a minute after its start."""
    from deskbreak.core.policy import Phase, SavedState
    from deskbreak.storage.break_log import open_history

    now = datetime.now().astimezone()
    log = open_history(home / "history.sqlite3")
    seed(log, now.date(), weeks=13)
    # the 6-week program started three weeks ago, as the review and the break window then show
    from deskbreak.core.program import ProgramState
    from deskbreak.core.weeks import week_start

    log.set_value("program", ProgramState(week_start(now.date()) - timedelta(weeks=3)).encode())
    since = now - timedelta(minutes=52)
    log.save_state(SavedState(Phase.SITTING, since, since + timedelta(minutes=45), now, since))
    assert log.close() == 0


def _open_from_tray_menu(desk: DesktopSession, app: RunningApp, downs: int) -> None:
    """Right-click the tray icon and pick the menu entry `downs` steps down (the keyboard way)."""
    tray = app.status()["tray"]["geometry"]
    desk.xdotool("mousemove", str(tray[0] + tray[2] // 2), str(tray[1] + tray[3] // 2))
    desk.xdotool("click", "3")
    _settle(1)
    for _ in range(downs):
        desk.xdotool("key", "Down")
    desk.xdotool("key", "Return")


def _window_size(desk: DesktopSession, window: str) -> tuple[int, int]:
    shape = desk.run("xdotool", "getwindowgeometry", "--shell", window).stdout
    values = dict(line.split("=", 1) for line in shape.split())
    return int(values["WIDTH"]), int(values["HEIGHT"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.png"):
        old.unlink()
    # 720 px high: the break window (at least 600 x 700) fits whole.
    with tempfile.TemporaryDirectory() as tmp, DesktopSession(Path(tmp), size="1100x720x24") as desk:
        if shutil.which("xsetroot"):  # x11-xserver-utils: a calm background, if it is there
            desk.run("xsetroot", "-solid", "#3b4252")
        home = Path(tmp) / "home"
        # Goals on weekdays as the seeded history assumes; reminders at any hour (on a weekend
        # the app is outside working days and the reminder picture cannot be taken).
        write_config(home, 'work_days = "mon-fri"\nwork_hours = "always"\nweekly_checkin = false\n')
        _sitting_for_52_minutes(home)
        app = RunningApp(desk, home).start()
        try:
            # 1. The reminder, as the app sends it, with the tray icon showing a break is due.
            assert desk.wait_until(lambda: app.status()["state"] == "due", 90), app.stderr
            assert desk.wait_until(lambda: desk.notifications_displayed() >= 1, 10), app.stderr
            _settle(1)
            desk.screenshot(args.out / "reminder.png")

            # 2. The tray menu while the break is due (Snooze and Skip enabled).
            desk.close_notifications()
            tray = app.status()["tray"]["geometry"]
            x, y = tray[0] + tray[2] // 2, tray[1] + tray[3] // 2
            desk.xdotool("mousemove", str(x), str(y))
            desk.xdotool("click", "3")
            _settle(1.5)
            desk.screenshot(args.out / "tray-menu.png")
            desk.xdotool("key", "Escape")
            _settle(0.5)

            # 3. "Choose a routine…" (second entry of the menu), with the program's pick marked.
            _open_from_tray_menu(desk, app, downs=2)
            assert desk.wait_until(lambda: app.windows_named(CHOOSER), 10), app.stderr
            _settle(1)
            [chooser] = app.windows_named(CHOOSER)
            desk.window_screenshot(chooser, args.out / "routine-chooser.png")
            desk.xdotool("windowfocus", "--sync", chooser)
            desk.xdotool("key", "Escape")
            assert desk.wait_until(lambda: not app.windows_named(CHOOSER), 10), app.stderr

            # 4. Taking the break answers the reminder: the player mid-movement, reps counted.
            assert app.cli("break-now").returncode == 0
            assert desk.wait_until(lambda: app.windows_named(PLAYER), 10), app.stderr
            opened = time.monotonic()
            status = app.status()
            played = routine_as_played(home, status["routine"])
            at = moment_mid_movement(played)
            [player] = app.windows_named(PLAYER)
            size = _window_size(desk, player)
            _settle(max(0.0, opened + at - time.monotonic()))
            desk.window_screenshot(player, args.out / "break-window.png")

            # 5. The weekly review, opened from the command line once the break is ended.
            desk.xdotool("windowfocus", "--sync", player)
            desk.xdotool("key", "Escape")
            assert desk.wait_until(lambda: app.status()["state"] != "on_break", 10), app.stderr
            desk.close_notifications()
            assert app.cli("review").returncode == 0
            assert desk.wait_until(lambda: app.windows_named("deskbreak — Weekly review"), 10)
            desk.close_notifications()
            [review] = app.windows_named("deskbreak — Weekly review")
            desk.xdotool("windowfocus", "--sync", review)
            desk.xdotool("key", "alt+Left")  # back to last week: a whole week to look at
            _settle(2)
            desk.window_screenshot(review, args.out / "weekly-review.png")
            desk.xdotool("key", "Escape")

            # 6. The settings window, as `deskbreak settings` (or Settings… in the menu) opens it.
            assert app.cli("settings").returncode == 0
            assert desk.wait_until(lambda: app.windows_named(SETTINGS), 10), app.stderr
            _settle(1)
            [settings] = app.windows_named(SETTINGS)
            desk.window_screenshot(settings, args.out / "settings.png")
        finally:
            app.stop()

        # 7. The same moment of the same break in a dark palette (in this process; see above).
        render_break_window_dark(
            desk.display, played, at, status["program"], args.out / "break-window-dark.png", size=size
        )

        # 8. A first start: the welcome's two pages, then the safety notice.
        first = Path(tmp) / "first"
        write_config(first, "weekly_checkin = false\nnotifications = false\n")
        app = RunningApp(desk, first, first_run=True).start()
        try:
            assert desk.wait_until(lambda: app.windows_named(WELCOME), 10), app.stderr
            _settle(1)
            [welcome] = app.windows_named(WELCOME)
            desk.window_screenshot(welcome, args.out / "welcome.png")
            desk.xdotool("windowfocus", "--sync", welcome)
            desk.xdotool("key", "Return")  # Next
            _settle(1.5)
            assert app.windows_named(WELCOME), app.stderr
            desk.window_screenshot(welcome, args.out / "welcome-day.png")
            desk.xdotool("key", "Return")  # Start
            assert desk.wait_until(lambda: app.windows_named(NOTICE), 10), app.stderr
            _settle(1)
            [notice] = app.windows_named(NOTICE)
            desk.window_screenshot(notice, args.out / "safety-notice.png")
        finally:
            app.stop()
    # 9. The tray icon's looks, drawn by the app's own code (tests/tools/tray_icon_sheet.py).
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "tools" / "tray_icon_sheet.py"),
            str(args.out / "tray-icons.png"),
        ],
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    for png in sorted(args.out.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
