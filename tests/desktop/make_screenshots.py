"""Make the README screenshots from the real app on a real (virtual) desktop.

    python tests/desktop/make_screenshots.py [--out resources/screenshots]

Starts Xvfb + trayer + dunst (harness.py), runs deskbreak with a short sit limit, and captures
the reminder with the break window, and the tray menu with the recent-breaks window.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from app_runner import RunningApp, write_config  # noqa: E402
from harness import DesktopSession  # noqa: E402

ROOT = HERE.parents[1]


def _settle(seconds: float) -> None:
    time.sleep(seconds)  # a real desktop settling before a screenshot; not a test


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, DesktopSession(Path(tmp), size="1100x640x24") as desk:
        desk.run("xsetroot", "-solid", "#3b4252")
        app = RunningApp(desk, Path(tmp) / "home")
        write_config(app.home, 'sit_limit = "2s"\n')
        app.start()
        try:
            assert desk.wait_until(lambda: desk.notifications_displayed() >= 1, 15), app.stderr
            # Open the window without answering the reminder, so both are in one picture.
            desk.close_notifications()
            app.cli("break-now")
            assert desk.wait_until(lambda: app.windows_named("deskbreak — "), 10)
            desk.run(
                "notify-send",
                "-a",
                "deskbreak",
                "-i",
                str(ROOT / "resources/icons/deskbreak.svg"),
                "Time for an upper-back break",
                "You have been sitting for 52 min. Upper-back basics takes about 3 min.",
            )
            _settle(8)  # into the second step, so the countdown and progress show
            desk.screenshot(args.out / "break-and-reminder.png")

            desk.close_notifications()
            app.stop()
            # A fresh start with a break due, so the menu shows its snooze and skip entries.
            app = RunningApp(desk, Path(tmp) / "home2")
            write_config(app.home, 'sit_limit = "2s"\n')
            app.start()
            assert desk.wait_until(lambda: app.status()["state"] == "due", 15), app.stderr
            desk.close_notifications()
            tray = app.status()["tray"]["geometry"]
            x, y = tray[0] + tray[2] // 2, tray[1] + tray[3] // 2
            desk.xdotool("mousemove", str(x), str(y))
            desk.xdotool("click", "3")
            _settle(1.5)
            desk.screenshot(args.out / "tray-menu.png")
            desk.xdotool("key", "Escape")
        finally:
            app.stop()
    for png in sorted(args.out.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
