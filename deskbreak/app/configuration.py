"""Everything read from the user's files at once: settings, the chosen routine, and the problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..bundled import builtin_routines_dir
from ..core.policy import PolicySettings
from ..core.problems import Problem, line_of, quoted
from ..core.routines import Routine
from ..core.settings import MAX_FILE_CHARS, Settings
from .config_file import load_settings, read_text
from .paths import Paths
from .routine_library import RoutineLibrary, load_library

PROGRAM = "program"  # the `routine` setting that lets the 6-week program choose
FALLBACK = "upper-back-basics"  # played when the program has nothing to offer


@dataclass(frozen=True)
class Configuration:
    settings: Settings
    routine: Routine | None
    problems: tuple[Problem, ...]
    library: RoutineLibrary = field(default_factory=RoutineLibrary)

    @property
    def follows_program(self) -> bool:
        return self.settings.routine == PROGRAM

    @property
    def policy(self) -> PolicySettings:
        s = self.settings
        return PolicySettings(
            s.sit_limit, s.snooze, s.natural_break, s.max_reminders, s.work_days, s.work_hours, s.heads_up
        )


def load_configuration(paths: Paths, last_good: Configuration | None = None) -> Configuration:
    """Settings, routine and problems from the user's files. Never raises.

    At start pass no last_good: whatever cannot be read falls back to the defaults. While running,
    pass the configuration in force: a config.toml that is not valid TOML (or cannot be read)
    keeps its settings, and a chosen routine whose file became unusable keeps its last good
    version; each with a Problem saying so. Single bad values still fall back to their defaults.
    """
    keep = last_good.settings if last_good is not None else None
    settings, problems = load_settings(paths.config_file, keep)
    library = load_library(builtin_routines_dir(), paths.routines_dir)
    wanted = FALLBACK if settings.routine == PROGRAM else settings.routine
    previous = last_good.routine if last_good is not None else None
    broken_file = library.broken.get(wanted)
    if previous is not None and previous.id == wanted and previous.source == broken_file:
        routine: Routine | None = previous
        library.problems.append(
            Problem(broken_file, f"keeping the last good version of the routine {quoted(wanted)} in force")
        )
    else:
        line = _routine_line(paths) if wanted not in library.routines else None
        routine = library.choose(wanted, str(paths.config_file), line)
    return Configuration(settings, routine, tuple(problems + library.problems), library)


def _routine_line(paths: Paths) -> int | None:
    """The line of `routine = ...` in config.toml, read only when the routine is not there."""
    try:
        return line_of(read_text(paths.config_file, MAX_FILE_CHARS), "routine", top_level=True)
    except (OSError, ValueError):
        return None
