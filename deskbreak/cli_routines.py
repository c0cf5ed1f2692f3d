"""`deskbreak routines list [--json]` and `deskbreak routines check PATH`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .core.coach_view import coached_length
from .core.durations import format_duration

if TYPE_CHECKING:
    from .app.routine_library import RoutineLibrary
    from .core.routines import Routine

EXIT_INVALID = 1


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    routines = sub.add_parser("routines", help="the routines on offer, or check a routine or exercise file")
    what = routines.add_subparsers(dest="routines_command", metavar="list|check", required=True)
    listing = what.add_parser("list", help="every routine: id, title, minutes, level, postures, exercises")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    check = what.add_parser("check", help="validate a routine or exercise file; exit 1 with the problems")
    check.add_argument("path", type=Path, metavar="PATH")


def _library() -> RoutineLibrary:
    from .app.paths import resolve_paths
    from .app.routine_library import load_library
    from .bundled import builtin_routines_dir

    return load_library(builtin_routines_dir(), resolve_paths().routines_dir)


def _row(rid: str, routine: Routine) -> dict[str, object]:
    count = len(routine.exercises)
    ids = routine.exercise_ids or ("",) * count
    postures = routine.postures or ("",) * count
    return {
        "id": rid,
        "title": routine.title,
        "minutes": round(coached_length(routine).total_seconds() / 60, 1),  # as played, get-ready included
        "level": routine.level or None,
        "postures": sorted({p for p in postures if p}),
        "source": routine.source,
        "exercises": [
            {"id": eid or None, "title": ex.name, "posture": posture or None}
            for eid, ex, posture in zip(ids, routine.exercises, postures, strict=True)
        ],
    }


def list_routines(as_json: bool) -> int:
    library = _library()
    routines = sorted(library.routines.items())
    try:
        if as_json:
            print(json.dumps([_row(rid, r) for rid, r in routines], indent=2, ensure_ascii=False))
        else:
            for rid, routine in routines:
                postures = ", ".join(sorted(set(routine.postures))) or "—"
                level = routine.level or "—"
                length = format_duration(coached_length(routine))
                print(f"{rid}: {routine.title} · {length} · {level} · {postures}")
                ids = routine.exercise_ids or ("",) * len(routine.exercises)
                for eid, exercise in zip(ids, routine.exercises, strict=True):
                    print(f"    {exercise.name}" + (f" ({eid})" if eid else ""))
    except BrokenPipeError:  # `| head`: the reader has what it wanted
        sys.stderr.close()
        return 0
    for problem in library.problems:
        print(f"deskbreak: {problem}", file=sys.stderr)
    return 0


def check_file(path: Path) -> int:
    """Validate one file: an exercise (it has a [dose]) or a routine of either form."""
    from .app.config_file import read_text
    from .core.exercises import parse_exercise
    from .core.routines import MAX_FILE_CHARS, RoutineError

    try:
        text = read_text(path, MAX_FILE_CHARS)
    except (OSError, ValueError) as exc:
        print(f"deskbreak: {path}: cannot be read ({exc})", file=sys.stderr)
        return EXIT_INVALID
    library = _library()
    try:
        if "[dose]" in text:
            exercise = parse_exercise(text, path.stem, str(path))
            print(f"{path}: a valid exercise ({exercise.title}; {exercise.dose.describe()}).")
        else:
            from .app.routine_library import read_routine

            routine = read_routine(text, path, library.exercises)
            print(f"{path}: a valid routine ({routine.title}; {format_duration(coached_length(routine))}).")
    except RoutineError as exc:
        print(f"deskbreak: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return 0


def run(args: argparse.Namespace) -> int:
    if args.routines_command == "list":
        return list_routines(args.json)
    return check_file(args.path)
