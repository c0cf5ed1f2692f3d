"""The `deskbreak` command: run the tray app (default) or talk to the running one."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

from . import __version__

EXIT_NOT_RUNNING = 3
HISTORY_LIMIT = (1, 100_000)  # the range of `history --limit N`

EPILOG = f"""\
Set DESKBREAK_HOME to keep settings and history in one folder of your choice.

history --limit N: N is a whole number from {HISTORY_LIMIT[0]} to {HISTORY_LIMIT[1]:,} (default 20).

history, stats, export, import, rest-day and config work whether or not the app runs:
  stats [--week 2026-W47] [--json]  a week day by day (this week unless given), the days
      that met your goal, your current and best streak and the freezes held and used
  export --format csv|json [--since DATE] [--output FILE]  every event, oldest first;
      FILE is written whole or not at all (docs/history-format.md describes the fields)
  import FILE  merge an export (CSV or JSON, from this or another computer) by event id:
      events already there are skipped, so importing a file twice changes nothing; a file
      with any bad record is refused whole and nothing is written
  rest-day [DATE] [--undo]  mark today or DATE (YYYY-MM-DD, not in the future) as a rest
      day, which neither breaks nor extends a streak; --undo takes the mark back
  config path | get [KEY] | set KEY VALUE  where config.toml is, a setting's value in force
      (all without KEY), or change one: checked as the app checks the file, only that line
      changes, and a running app applies it at once

These need the running app: break-now, snooze [DURATION], skip, pause, resume, settings,
review, quit, and status:
  status [--json | --format text|json|waybar] [--follow [--wait]]  the state in words
      ("Next break at 14:45 (in 7 min)"), JSON (ISO times) or a waybar module's JSON;
      --follow prints a line now, one per change and one each minute of sitting, until
      Ctrl+C (exit 0) or the app quits (exit 3; --wait waits for it instead)

exit status:
  0  done (also when deskbreak was already running and was asked to show itself, and
     when `status --follow` is interrupted or its reader goes away)
  1  it could not be done: the history cannot be read or written, an import was
     refused (the message names the line or record and the field), an export file
     cannot be written, config.toml cannot be read or written or is not valid TOML
     (config get/set; it is left unchanged), the running app refused the command,
     nothing to snooze or skip (no reminder is due), a pause during a break, or another
     deskbreak holds the lock but does not answer
  2  wrong command line (unknown command or option, --limit out of range, a bad
     --week, --since or DATE, a rest day in the future, a pause or snooze length out
     of range, an unknown setting or a value config set refuses), or the tray app
     cannot start here (no display)
  3  the command needs the running app and deskbreak is not running (or, for
     `status --follow`, it quit)
"""


def _limit(text: str) -> int:
    """`--limit N`: a whole number in HISTORY_LIMIT, or a usage error (exit status 2)."""
    import argparse

    low, high = HISTORY_LIMIT
    shown = text if len(text) <= 20 else text[:20] + "…"
    try:
        value = int(text.strip(), 10) if len(text) <= 20 and text.strip().isascii() else None
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {high:,}, not {shown!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="deskbreak",
        description="Breaks up long sitting with short upper-back mobility routines.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"deskbreak {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="start the tray app (the default)")
    sub.add_parser("break-now", help="open the break window in the running app")
    sub.add_parser("review", help="open the weekly review in the running app")
    sub.add_parser("quit", help="quit the running app")
    sub.add_parser("settings", help="open the settings window in the running app")
    history = sub.add_parser("history", help="list logged breaks (works without the app running)")
    history.add_argument("--json", action="store_true", help="machine-readable output")
    history.add_argument(
        "--limit", type=_limit, default=20, metavar="N", help="at most N entries, 1 to 100,000 (20)"
    )
    from . import cli_answer, cli_config, cli_desktop, cli_history, cli_pause, cli_routines, cli_status

    cli_status.add_parsers(sub)
    cli_answer.add_parsers(sub)
    cli_history.add_parsers(sub)
    cli_routines.add_parsers(sub)
    cli_pause.add_parsers(sub)
    cli_config.add_parsers(sub)
    cli_desktop.add_parsers(sub)
    return parser


def _ask(command: str, **extra: Any) -> dict[str, object] | None:
    from .app.ipc import NotRunning, send_command
    from .app.paths import resolve_paths

    try:
        return send_command(resolve_paths().server_name, command, **extra)
    except NotRunning:
        print("deskbreak is not running (start it with `deskbreak`).", file=sys.stderr)
        return None
    except TimeoutError as exc:
        print(f"deskbreak: {exc}", file=sys.stderr)
        return None
    except (OSError, ValueError) as exc:  # the runtime folder not ours, a cut-off or broken reply
        print(f"deskbreak: cannot reach the running app ({exc})", file=sys.stderr)
        return None


def _history(as_json: bool, limit: int) -> int:
    from .app.paths import resolve_paths
    from .app.views import history_text
    from .storage.break_log import BreakLog
    from .storage.database import StorageError, connect

    database = resolve_paths().database
    try:
        empty = os.stat(database).st_size == 0  # a file the app is only now creating
    except FileNotFoundError:
        empty = True
    except OSError as exc:  # e.g. a folder above it we may not enter
        print(f"deskbreak: {database} cannot be read ({exc.strerror})", file=sys.stderr)
        return 1
    if empty:
        print("[]" if as_json else "No breaks logged yet.")
        return 0
    try:
        conn = connect(database)
    except (StorageError, OSError) as exc:
        print(f"deskbreak: {exc}", file=sys.stderr)
        return 1
    try:
        records = BreakLog(conn).recent(max(0, limit))
    finally:
        conn.close()
    if as_json:
        import json

        print(json.dumps([r.to_json() for r in records], indent=2))
    else:
        print(history_text(records, datetime.now().astimezone()))
    return 0


def _run_app() -> int:
    """The tray app; an error it did not expect ends it with one line and a log, not a traceback."""
    from .app.main import run_app

    try:
        return run_app()
    except Exception:
        sys.excepthook(*sys.exc_info())
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if args_in in ([], ["run"]):
        # The tray app itself: nothing to parse, so argparse is not loaded into a process that
        # stays resident all day. The scheduler stack (asyncio, ssl: the bulk of our imports) is
        # loaded first: start-up then reuses the memory its import freed instead of growing the
        # heap around it, which keeps ~4 MiB less resident for the whole day (tests/bench).
        # Before it, PySide6's check of each import is made to leave no source lines behind.
        from .platform.memory import lighter_pyside_imports

        lighter_pyside_imports()
        import apscheduler.schedulers.qt  # noqa: F401

        return _run_app()
    args = _parser().parse_args(args_in)
    command = args.command or "run"
    if command == "run":
        return _run_app()
    if command == "history":
        return _history(args.json, args.limit)
    if command == "status" and args.follow:
        from .cli_follow import follow

        return follow(args)
    if command == "status":
        from .cli_status import run as run_status

        return run_status(args, _ask)
    if command in ("snooze", "skip"):
        from .cli_answer import run as run_answer

        return run_answer(args, _ask)
    if command in ("stats", "export", "import", "rest-day"):
        from .cli_history import run

        return run(args)
    if command == "routines":
        from .cli_routines import run as run_routines

        return run_routines(args)
    if command == "config":
        from .cli_config import run as run_config

        return run_config(args)
    if command in ("pause", "resume"):
        from .cli_pause import run as run_pause

        return run_pause(args, _ask)
    if command in ("install-desktop-entry", "autostart"):
        from .cli_desktop import run as run_desktop

        return run_desktop(args)
    reply = _ask(command)
    if reply is None:
        return EXIT_NOT_RUNNING
    if not reply.get("ok"):
        print(f"deskbreak: {reply.get('error')}", file=sys.stderr)
        return 1
    if command == "break-now":
        print("Break window opened." if reply.get("opened") else "No routine to play; see the tray menu.")
    elif command == "review":
        print("Weekly review opened.")
    elif command == "settings":
        print("Settings window opened.")
    elif command == "quit":
        print("deskbreak is quitting.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
