"""Everything read from the user's files at once: settings, the chosen routine, and the problems."""

from __future__ import annotations

from dataclasses import dataclass

from ..bundled import builtin_routines_dir
from ..core.policy import PolicySettings
from ..core.problems import Problem
from ..core.routines import Routine
from ..core.settings import Settings
from .config_file import load_settings
from .paths import Paths
from .routine_library import load_library


@dataclass(frozen=True)
class Configuration:
    settings: Settings
    routine: Routine | None
    problems: tuple[Problem, ...]

    @property
    def policy(self) -> PolicySettings:
        return PolicySettings(self.settings.sit_limit, self.settings.snooze, self.settings.natural_break)


def load_configuration(paths: Paths) -> Configuration:
    settings, problems = load_settings(paths.config_file)
    library = load_library(builtin_routines_dir(), paths.routines_dir)
    routine = library.choose(settings.routine, str(paths.config_file))
    return Configuration(settings, routine, tuple(problems + library.problems))
