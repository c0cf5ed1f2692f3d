"""`deskbreak stats`, `export`, `import` and `rest-day`: the history from the command line.

All four work whether or not the app runs. `stats` and `export` only read the file (read-only,
see storage/reading.py); `import` and `rest-day` write one short transaction, as the app does.
Nothing here imports Qt or the scheduler: `deskbreak stats` must start in a blink.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .cli_stats import database_path, fail, goal_rules

if TYPE_CHECKING:
    import argparse

    from .storage.break_log import BreakLog

FORMATS = ("csv", "json")


def _argparse() -> type[argparse.ArgumentTypeError]:
    import argparse

    return argparse.ArgumentTypeError


def _short(text: str) -> str:
    return repr(text if len(text) <= 20 else text[:20] + "…")


def week_arg(text: str) -> date:
    """`--week 2026-W47`: that week's Monday, or a usage error (exit status 2)."""
    from .core.review import parse_iso_week

    try:
        return parse_iso_week(text)
    except ValueError as exc:
        raise _argparse()(str(exc)) from None


def date_arg(text: str) -> date:
    """An ISO date like 2026-11-23, or a usage error."""
    try:
        if len(text.strip()) == 10:
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise _argparse()(f"{_short(text)} is not a date like 2026-11-23")


def past_date_arg(text: str) -> date:
    """A day that has begun: today or earlier."""
    day = date_arg(text)
    if day > date.today():
        raise _argparse()(f"{day.isoformat()} is in the future; a rest day is marked on the day or after")
    return day


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    stats = sub.add_parser("stats", help="this week's breaks, goal and streaks (works without the app)")
    stats.add_argument("--week", type=week_arg, metavar="YYYY-Www", help="another ISO week, e.g. 2026-W47")
    stats.add_argument("--json", action="store_true", help="machine-readable output")
    export = sub.add_parser("export", help="write the whole history as CSV or JSON")
    export.add_argument("--format", choices=FORMATS, help="csv or json (else from --output's extension)")
    export.add_argument("--since", type=date_arg, metavar="DATE", help="only days from DATE (YYYY-MM-DD) on")
    export.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE (whole or not at all) instead of the screen; - is the screen",
    )
    imp = sub.add_parser("import", help="merge an export (from this or another computer) into the history")
    imp.add_argument("file", type=Path, metavar="FILE")
    rest = sub.add_parser("rest-day", help="mark today (or DATE) as a rest day, or take the mark back")
    rest.add_argument("day", nargs="?", type=past_date_arg, metavar="DATE", help="YYYY-MM-DD (today)")
    rest.add_argument("--undo", action="store_true", help="take the rest-day mark back")


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except BrokenPipeError:  # `deskbreak export ... | head`: the reader had enough, that is fine
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    command = args.command
    if command == "stats":
        from .cli_stats import stats

        return stats(args.week, args.json)
    if command == "export":
        return export(args.format, args.since, args.output)
    if command == "import":
        return import_file(args.file)
    assert command == "rest-day"
    return rest_day(args.day, args.undo)


# -- export and import ----------------------------------------------------------------------------


def _write(fmt: str, records: Iterable[dict[str, object]], stream: IO[str]) -> int:
    from .storage.exchange import write_csv, write_json

    return write_csv(records, stream) if fmt == "csv" else write_json(records, stream)


def _atomic(path: Path, fmt: str, records: Iterator[dict[str, object]]) -> int:
    """Write the file whole or not at all: a temporary file beside it, renamed over it at the end."""
    from .atomic_write import replacing_text

    with replacing_text(path) as stream:
        return _write(fmt, records, stream)


STANDARD_OUTPUT = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def export(fmt: str | None, since: date | None, output: Path | None) -> int:
    from .storage.database import StorageError
    from .storage.exchange import export_events, unplaced_rows
    from .storage.reading import open_for_reading

    if output is not None and str(output) in STANDARD_OUTPUT:
        output = None  # written as without --output: the "Exported" line would land in the file
    if fmt is None:
        fmt = output.suffix.lower().lstrip(".") if output is not None else ""
        if fmt not in FORMATS:
            print("deskbreak export: error: choose --format csv or --format json", file=sys.stderr)
            return 2
    try:
        conn = open_for_reading(database_path(), copy=True)  # a snapshot: the app never waits for us
    except StorageError as exc:
        return fail(str(exc))
    try:
        records = export_events(conn, since) if conn is not None else iter(())
        if output is None:
            if hasattr(sys.stdout, "reconfigure") and (sys.stdout.encoding or "").lower() != "utf-8":
                sys.stdout.reconfigure(encoding="utf-8")
            _write(fmt, records, sys.stdout)
            sys.stdout.flush()
        else:
            try:
                count = _atomic(output, fmt, records)
            except OSError as exc:
                return fail(f"{output}: cannot be written ({exc.strerror or exc}); nothing was exported")
            print(f"Exported {count:,} event{'' if count == 1 else 's'} to {output}.")
        left_out = unplaced_rows(conn) if conn is not None else 0
    finally:
        if conn is not None:
            conn.close()
    if left_out:
        print(
            f"deskbreak: {left_out:,} old entr{'y' if left_out == 1 else 'ies'} without a time zone "
            "(written before deskbreak kept one) could not be placed on a day and were left out.",
            file=sys.stderr,
        )
    return 0


def import_file(path: Path) -> int:
    import sqlite3

    from .storage.database import StorageError, connect
    from .storage.exchange import ImportRefused, import_events, read_export

    try:
        records = read_export(path)
    except ImportRefused as exc:
        return fail(f"{exc}. Nothing was imported.")
    database = database_path()
    try:
        conn = connect(database)
    except StorageError as exc:
        return fail(f"{exc}. Nothing was imported.")
    try:
        result = import_events(conn, records)
    except (ImportRefused, sqlite3.Error) as exc:
        return fail(f"{database}: the import could not be written ({exc}). Nothing was imported.")
    finally:
        conn.close()
    added, there = result.added, result.already_there
    extra = f", {result.updated:,} brought up to date" if result.updated else ""
    if result.in_progress:
        extra += f", {result.in_progress:,} still in progress there, left out"
    print(f"Imported {added:,} event{'' if added == 1 else 's'} ({there:,} already there{extra}).")
    return 0


# -- rest days ------------------------------------------------------------------------------------


def _after_last_mark(log: BreakLog, day: date) -> datetime:
    """Now, or a second after the day's latest mark: the latest mark wins, and marks are kept to
    the second, so a mark and its undo within one second must not tie."""
    from .storage.rows import parse_time

    now = datetime.now().astimezone()
    row = log.store.read(
        lambda c: c.execute(
            "SELECT max(at_utc) FROM events WHERE kind = 'rest_day' AND local_date = ?", (day.isoformat(),)
        ).fetchone()
    )
    last = parse_time(str(row[0]).replace("Z", "+00:00")) if row and row[0] else None
    return max(now, (last + timedelta(seconds=1)).astimezone()) if last is not None else now


def rest_day(day: date | None, undo: bool) -> int:
    from .storage.break_log import BreakLog
    from .storage.database import StorageError, connect

    today = date.today()
    day = day or today
    named = (
        f"{day:%A} {day.day} {day:%B} {day.year}" if day != today else f"Today ({day:%A} {day.day} {day:%B})"
    )
    try:
        log = BreakLog(connect(database_path()))
    except StorageError as exc:
        return fail(str(exc))
    try:
        summary = log.events.day_summaries(day, day).get(day)
        marked = bool(summary and summary.rest)
        if marked != undo:
            print(f"{named} is {'already' if marked else 'not'} marked as a rest day; nothing to do.")
            return 0
        log.events.rest_day(day, _after_last_mark(log, day), rest=not undo)
        if not log.healthy:
            return fail(f"{log.problem or 'the history could not be written'}")
    finally:
        log.close()
    if undo:
        print(f"{named} is no longer a rest day: it counts toward your goal and streak again.")
    else:
        print(f"{named} is marked as a rest day: it neither breaks nor extends your streak.")
        if day.weekday() not in goal_rules().work_days:
            print("(It is not one of your working days anyway.)")
    return 0
