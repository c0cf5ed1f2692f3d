"""The routines on offer: the built-in ones plus the user's own folder (theirs win on a name clash)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.problems import Problem
from ..core.routines import Routine, RoutineError, parse_routine

USER_FOLDER_README = """\
Put your own routines here as .toml files; the file name (without .toml) is the routine's name,
which you can choose with `routine = "..."` in config.toml. A file with the same name as a
built-in routine replaces it. The format, with one [[exercises]] table per exercise:

title = "My routine"
summary = "What it is for, in one line."

[[exercises]]
name = "Seated thoracic extension"
focus = "extension"    # extension, rotation, side-bend, shoulder-blades, release or breathing
duration = "40s"       # per side when sides = true
sides = false
cues = ["First cue.", "Second cue."]
"""


@dataclass
class RoutineLibrary:
    routines: dict[str, Routine] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def choose(self, wanted: str, source: str) -> Routine | None:
        """The routine named in the settings, or the default one with a Problem saying so."""
        if wanted in self.routines:
            return self.routines[wanted]
        fallback = self.routines.get("upper-back-basics") or next(iter(self.routines.values()), None)
        available = ", ".join(sorted(self.routines)) or "none"
        using = f"; using {fallback.id}" if fallback else ""
        self.problems.append(
            Problem(source, f"no routine named {wanted!r} (available: {available}){using}", "routine")
        )
        return fallback


def _load_folder(folder: Path, library: RoutineLibrary) -> None:
    for file in sorted(folder.glob("*.toml")):
        try:
            text = file.read_text(encoding="utf-8")
            library.routines[file.stem] = parse_routine(text, file.stem, str(file))
        except RoutineError as exc:
            library.problems.append(exc.problem)
        except (OSError, UnicodeDecodeError) as exc:
            library.problems.append(Problem(str(file), f"cannot be read ({exc}); skipped"))


def load_library(builtin_dir: Path, user_dir: Path) -> RoutineLibrary:
    library = RoutineLibrary()
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
