"""The tray app's memory around the weekly review, on a real X desktop with 5 years of history.

    python tests/bench/bench_review_memory.py [--cycles 5] [--first-window]

The review window and its data exist only while it is open. This reads the running app's
resident memory (VmRSS) after start-up, with the window open, and a few seconds after each
close, over several open/close cycles: what stays after closing is what the review costs all
day. A report, not a gate (exit 0; exit 2 when the desktop cannot start).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent / "desktop"):
    sys.path.insert(0, str(folder))

from app_runner import RunningApp, write_config  # noqa: E402
from generate_history import generate  # noqa: E402
from harness import DesktopError, DesktopSession  # noqa: E402

from deskbreak.storage.database import connect  # noqa: E402

TITLE = "deskbreak — Weekly review"
MIB = 1024 * 1024


def rss(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024 / MIB
    raise RuntimeError("no VmRSS")


def settle(seconds: float) -> None:
    time.sleep(seconds)  # a real process settling before a reading; not a test


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=5)
    parser.add_argument(
        "--first-window", dest="after_break", action="store_false", help="no break window before the review"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        write_config(home, "weekly_checkin = false\n")
        conn = connect(home / "history.sqlite3")
        events = generate(conn, years=5, per_day=60)
        conn.close()
        try:
            desk = DesktopSession(Path(tmp), size="1280x800x24").__enter__()
        except DesktopError as exc:
            print(f"desktop not available: {exc}")
            return 2
        app = RunningApp(desk, home).start()
        try:
            assert desk.wait_until(lambda: app.status()["state"] in ("sitting", "due"), 20), app.stderr
            assert app.process is not None
            pid = app.process.pid
            settle(5)
            print(f"{events:,} events in the history; tray app idle after start: {rss(pid):.1f} MiB")
            if args.after_break:
                # As in a real day: a break window has been open before (Qt's widget, font and
                # style machinery is then already in use, whatever the review costs on top).
                assert app.cli("break-now").returncode == 0
                assert desk.wait_until(lambda: app.windows_named("deskbreak — "), 10), app.stderr
                settle(2)
                [player] = app.windows_named("deskbreak — ")
                desk.xdotool("windowfocus", "--sync", player)
                desk.xdotool("key", "Escape")
                assert desk.wait_until(lambda: app.status()["state"] != "on_break", 10)
                settle(5)
                print(f"after one break window opened and closed: {rss(pid):.1f} MiB")
            before = rss(pid)
            print(f"before opening the review: {before:.1f} MiB")
            for cycle in range(1, args.cycles + 1):
                assert app.cli("review").returncode == 0
                assert desk.wait_until(lambda: app.windows_named(TITLE), 10), app.stderr
                settle(2)
                opened = rss(pid)
                [window] = app.windows_named(TITLE)
                desk.xdotool("windowfocus", "--sync", window)
                desk.xdotool("key", "Escape")
                assert desk.wait_until(lambda: not app.windows_named(TITLE), 10)
                settle(4)
                after = rss(pid)
                print(
                    f"cycle {cycle}: open {opened:.1f} MiB, after closing {after:.1f} MiB"
                    f" ({after - before:+.1f} MiB against before opening)"
                )
        finally:
            app.stop()
            desk.__exit__(None, None, None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
