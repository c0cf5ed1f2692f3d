"""The routines on offer: the built-in ones plus the user's own folder (theirs win on a name clash)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..core.durations import format_duration
from ..core.exercises import LibraryExercise, parse_exercise
from ..core.problems import Problem, quoted, without_bom
from ..core.routine_refs import names_library_exercises, parse_routine_refs
from ..core.routines import (
    MAX_CUES,
    MAX_EXERCISES,
    MAX_FILE_CHARS,
    MAX_ROUTINE,
    MAX_STEP,
    MIN_STEP,
    TEXT_LIMITS,
    Routine,
    RoutineError,
    parse_routine,
)
from .config_file import read_text

USER_FOLDER_README = """\
Put your own routines here as .toml files; the file name (without .toml) is the routine's name,
which you can choose with `routine = "..."` in config.toml. A file with the same name as a
built-in routine replaces it. The format, with one [[exercises]] table per exercise:

title = "My routine"
summary = "What it is for, in one line."

[[exercises]]
name = "Seated thoracic extension"
focus = "extension"    # extension, rotation, side-bend, shoulder-blades, neck, release or breathing
duration = "40s"       # per side when sides = true
sides = false
cues = ["First cue.", "Second cue."]
caution = "Optional: when to be careful or skip it."

A routine can also name deskbreak's own exercises by id instead of writing them out (the ids
are listed by `deskbreak routines list`), and change a dose for this routine:

title = "My standing break"
summary = "Out of the chair for two minutes."
exercises = ["standing-rotation", {{ id = "wall-angels", reps = 6 }}, "chin-tucks"]

`deskbreak routines check FILE` checks a file before you use it.

Limits: a title and each name up to {title} characters; 1 to {exercises} exercises; each lasts
{step} (per side with sides = true); 1 to {cues} cues of up to {cue} characters each; a whole
routine at most {total}. A file that breaks a rule is skipped and the problem is shown in the
tray's Problems entry, naming the file, the line and the field.
""".format(
    title=TEXT_LIMITS["title"],
    exercises=MAX_EXERCISES,
    step=f"{format_duration(MIN_STEP)}..{format_duration(MAX_STEP)}",
    cues=MAX_CUES,
    cue=TEXT_LIMITS["cue"],
    total=format_duration(MAX_ROUTINE),
)


@dataclass
class RoutineLibrary:
    routines: dict[str, Routine] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken: dict[str, str] = field(default_factory=dict)  # routine name -> its unusable file
    exercises: dict[str, LibraryExercise] = field(default_factory=dict)  # the exercise library

    def choose(self, wanted: str, source: str, line: int | None = None) -> Routine | None:
        """The routine named in the settings, or the default one with a Problem saying so."""
        if wanted in self.routines:
            return self.routines[wanted]
        fallback = self.routines.get("upper-back-basics") or next(iter(self.routines.values()), None)
        using = f"; using {fallback.id}" if fallback else ""
        if wanted in self.broken:
            file = self.broken[wanted]
            message = f"the routine {quoted(wanted)} cannot be used (see the problem in {file})"
        else:
            available = ", ".join(sorted(self.routines)) or "none"
            message = f"no routine named {quoted(wanted)} (available: {available})"
        self.problems.append(Problem(source, message + using, "routine", line))
        return fallback


def read_routine(text: str, file: Path, exercises: dict[str, LibraryExercise]) -> Routine:
    """A routine file of either form: exercises named from the library, or written out in full."""
    try:
        data = tomllib.loads(without_bom(text))
    except (tomllib.TOMLDecodeError, RecursionError, ValueError, OverflowError):
        data = {}  # the parser below reports the syntax error with its line
    if names_library_exercises(data):
        return parse_routine_refs(text, file.stem, str(file), exercises)
    return parse_routine(text, file.stem, str(file))


def _files(folder: Path, library: RoutineLibrary) -> list[Path]:
    try:
        return sorted(folder.glob("*.toml"))
    except OSError as exc:
        library.problems.append(Problem(str(folder), f"cannot be listed ({exc.strerror or exc})"))
        return []


def load_exercises(folder: Path, library: RoutineLibrary) -> None:
    """The exercise library (a broken file is reported and skipped; the rest load)."""
    for file in _files(folder, library):
        try:
            text = read_text(file, MAX_FILE_CHARS)
            library.exercises[file.stem] = parse_exercise(text, file.stem, str(file))
        except RoutineError as exc:
            library.problems.append(replace(exc.problem, message=exc.problem.message + "; skipped"))
        except (ValueError, OSError) as exc:
            library.problems.append(Problem(str(file), f"cannot be used ({exc}); skipped"))


def _load_folder(folder: Path, library: RoutineLibrary) -> None:
    for file in _files(folder, library):
        try:
            text = read_text(file, MAX_FILE_CHARS)
            library.routines[file.stem] = read_routine(text, file, library.exercises)
            library.broken.pop(file.stem, None)
            continue
        except RoutineError as exc:
            library.problems.append(replace(exc.problem, message=exc.problem.message + "; skipped"))
        except ValueError as exc:
            library.problems.append(Problem(str(file), f"{exc}; skipped"))
        except OSError as exc:
            library.problems.append(Problem(str(file), f"cannot be read ({exc.strerror or exc}); skipped"))
        library.broken[file.stem] = str(file)


def load_library(builtin_dir: Path, user_dir: Path) -> RoutineLibrary:
    """Built-in routines, then the user's (theirs win; a broken one is skipped, the rest load)."""
    library = RoutineLibrary()
    load_exercises(builtin_dir.parent / "exercises", library)
    _load_folder(builtin_dir, library)
    try:
        user_dir.mkdir(parents=True, exist_ok=True)
        readme = user_dir / "README.txt"
        if not readme.exists():
            readme.write_text(USER_FOLDER_README, encoding="utf-8")
    except OSError:
        pass  # a read-only config folder still lets us read what is there
    if user_dir.is_dir():
        _load_folder(user_dir, library)
    return library
