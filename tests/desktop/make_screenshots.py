"""Make the README screenshots from the real app on a real (virtual) desktop.

    python tests/desktop/make_screenshots.py [--out resources/screenshots]

Starts Xvfb + trayer + dunst (harness.py) and runs deskbreak with three months of history (written
through the app's own log, tests/desktop/seed_history.py) as it is after a restart 52 minutes
into a sitting stretch. Every picture is a state the app is really in: the reminder it sends, the
tray menu while the break is due, the routine player once the break is taken, and the weekly
review it opens afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from app_runner import RunningApp, write_config  # noqa: E402
from harness import DesktopSession  # noqa: E402
from seed_history import seed  # noqa: E402

ROOT = HERE.parents[1]


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
    since = now - timedelta(minutes=52)
    log.save_state(SavedState(Phase.SITTING, since, since + timedelta(minutes=45), now, since))
    assert log.close() == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp, DesktopSession(Path(tmp), size="1100x640x24") as desk:
        if shutil.which("xsetroot"):  # x11-xserver-utils: a calm background, if it is there
            desk.run("xsetroot", "-solid", "#3b4252")
        home = Path(tmp) / "home"
        write_config(home, "weekly_checkin = false\n")
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

            # 3. Taking the break answers the reminder: the routine player, into its second step.
            assert app.cli("break-now").returncode == 0
            assert desk.wait_until(lambda: app.windows_named("deskbreak — "), 10)
            _settle(52)
            desk.screenshot(args.out / "break-window.png")

            # 4. The weekly review, opened from the command line once the break is ended.
            [player] = app.windows_named("deskbreak — ")
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
        finally:
            app.stop()
    for png in sorted(args.out.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
