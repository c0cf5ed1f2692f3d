"""User settings: defaults, the commented file we write on first run, and validation.

Reading is forgiving: each bad value is reported as a Problem and replaced by its default,
so one typo never stops the app and never makes us rewrite the user's file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import timedelta
from typing import Any

from .durations import DurationError, format_duration, parse_duration
from .problems import Problem


@dataclass(frozen=True)
class Settings:
    """Everything the user can set in config.toml."""

    sit_limit: timedelta = timedelta(minutes=45)
    snooze: timedelta = timedelta(minutes=5)
    natural_break: timedelta = timedelta(minutes=5)
    routine: str = "upper-back-basics"
    notifications: bool = True


DEFAULTS = Settings()

_DURATION_LIMITS: dict[str, tuple[timedelta, timedelta]] = {
    "sit_limit": (timedelta(seconds=1), timedelta(hours=8)),
    "snooze": (timedelta(seconds=1), timedelta(hours=2)),
    "natural_break": (timedelta(seconds=1), timedelta(hours=2)),
}

CONFIG_TEMPLATE = f"""\
# deskbreak settings. Edit freely: deskbreak never rewrites this file.
# Durations are written like "45m", "1h30m" or "90s".
# A line starting with # is a comment; remove the # to change a setting.

# How long you may sit before deskbreak reminds you to move.
# sit_limit = "{format_duration(DEFAULTS.sit_limit)}"

# "Snooze" postpones a reminder by this long.
# snooze = "{format_duration(DEFAULTS.snooze)}"

# Being away from the keyboard and mouse this long counts as a break on its own.
# natural_break = "{format_duration(DEFAULTS.natural_break)}"

# Which routine a break plays: a built-in one (upper-back-basics, quick-reset, deep-mobility)
# or the file name, without .toml, of one of your own in the routines folder next to this file.
# routine = "{DEFAULTS.routine}"

# Show desktop notifications when a break is due (the tray icon changes either way).
# notifications = {str(DEFAULTS.notifications).lower()}
"""


def _duration(value: Any) -> timedelta:
    if not isinstance(value, str):
        raise DurationError(f'must be text in quotes, like "45m" (got {value!r})')
    return parse_duration(value)


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a non-empty text in quotes (got {value!r})")
    return value.strip()


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false (got {value!r})")
    return value


_READERS: dict[str, Callable[[Any], Any]] = {
    "sit_limit": _duration,
    "snooze": _duration,
    "natural_break": _duration,
    "routine": _text,
    "notifications": _flag,
}


def settings_from_mapping(data: Mapping[str, Any], file: str) -> tuple[Settings, list[Problem]]:
    """Settings from parsed TOML; unknown keys and bad values are reported, defaults used instead."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    known = {f.name for f in fields(Settings)}
    for key, raw in data.items():
        if key not in known:
            problems.append(Problem(file, f"unknown setting (known: {', '.join(sorted(known))})", key))
            continue
        try:
            value = _READERS[key](raw)
        except ValueError as exc:
            problems.append(Problem(file, f"{exc}; using the default", key))
            continue
        if key in _DURATION_LIMITS:
            low, high = _DURATION_LIMITS[key]
            if not low <= value <= high:
                problems.append(
                    Problem(
                        file,
                        f"{raw!r} is outside {format_duration(low)}..{format_duration(high)};"
                        " using the default",
                        key,
                    )
                )
                continue
        values[key] = value
    return replace(DEFAULTS, **values), problems


def parse_settings(text: str, file: str) -> tuple[Settings, list[Problem]]:
    """Settings from the text of config.toml; a syntax error gives the defaults and one Problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return DEFAULTS, [Problem(file, f"not valid TOML ({exc}); using all defaults")]
    return settings_from_mapping(data, file)
