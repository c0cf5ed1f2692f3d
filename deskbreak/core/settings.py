"""User settings: one table of specs drives validation, the config template and the docs.

Reading is forgiving and total: each bad value is reported as a Problem (file, line, key, what
was found, what is allowed, the default in use) and replaced by its default, so one typo never
stops the app, never discards the rest of the file and never makes us rewrite the user's file.
A syntax error keeps the settings in force (the defaults at start), with the line of the error.
"""

from __future__ import annotations

import textwrap
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import time, timedelta
from typing import Any

from .calendar_values import (
    DAY_NAMES,
    format_days,
    format_time_of_day,
)
from .durations import format_duration
from .problems import Problem, line_of, quoted, toml_error, without_bom
from .setting_help import DOES, explanation
from .setting_values import Refused, read_value
from .work_hours import WorkHours, format_work_hours

MAX_FILE_CHARS = 16_000_000  # a settings file is a few hundred bytes; past this it is not read
MAX_REPORTED_UNKNOWN = 10  # unknown keys reported one by one; the rest in one summary Problem


@dataclass(frozen=True)
class Settings:
    """Everything the user can set in config.toml."""

    sit_limit: timedelta = timedelta(minutes=45)
    snooze: timedelta = timedelta(minutes=5)
    natural_break: timedelta = timedelta(minutes=5)
    routine: str = "program"
    notifications: bool = True
    heads_up: bool = False
    max_reminders: int = 3
    sounds: bool = True
    daily_goal: int = 4
    work_days: frozenset[int] = frozenset(range(5))
    work_hours: WorkHours | None = WorkHours(time(9, 0), time(18, 0))  # None: "always"
    count_natural_breaks: bool = False
    weekly_checkin: bool = True
    checkin_day: int = 4  # date.weekday(): Friday
    checkin_time: time = time(16, 0)


DEFAULTS = Settings()


@dataclass(frozen=True)
class Spec:
    """One setting: its type and allowed range; what it does is in setting_help.py."""

    key: str
    type: str  # "duration", "text", "true/false", "whole number", "days", "day", "time of day", "hours"
    low: timedelta = timedelta()
    high: timedelta = timedelta()
    max_chars: int = 0
    least: int = 0  # whole numbers
    most: int = 0

    @property
    def does(self) -> str:
        """What the setting does, in English (the config template, the docs, the command line)."""
        return DOES[self.key]

    @property
    def explanation(self) -> str:
        """What the setting does in the user's language, for the settings window."""
        return explanation(self.key)

    @property
    def default(self) -> Any:
        return getattr(DEFAULTS, self.key)

    @property
    def allowed(self) -> str:
        if self.type == "duration":
            return f"{format_duration(self.low)}..{format_duration(self.high)}"
        if self.type == "text":
            return f"1 to {self.max_chars} characters"
        if self.type == "whole number":
            return f"{self.least} to {self.most}"
        if self.type == "days":
            return 'days like "mon-fri", "mon,wed,fri" or "every day"'
        if self.type == "day":
            return ", ".join(DAY_NAMES)
        if self.type == "time of day":
            return '24-hour time like "16:00"'
        if self.type == "hours":
            return 'hours like "09:00-18:00", or "always"'
        return "true or false"

    @property
    def toml_default(self) -> str:
        value = self.default
        if isinstance(value, timedelta):
            return f'"{format_duration(value)}"'
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, int) and self.type == "day":
            return f'"{DAY_NAMES[value]}"'
        if isinstance(value, int):
            return str(value)
        if isinstance(value, frozenset):
            return f'"{format_days(value)}"'
        if isinstance(value, time):
            return f'"{format_time_of_day(value)}"'
        if isinstance(value, WorkHours) or self.type == "hours":
            return f'"{format_work_hours(value)}"'
        return f'"{value}"'

    @property
    def shown_default(self) -> str:
        return self.toml_default.strip('"')


SPECS: tuple[Spec, ...] = (
    Spec("sit_limit", "duration", low=timedelta(seconds=1), high=timedelta(hours=8)),
    Spec("snooze", "duration", low=timedelta(minutes=1), high=timedelta(hours=2)),
    Spec("natural_break", "duration", low=timedelta(minutes=1), high=timedelta(hours=2)),
    Spec("routine", "text", max_chars=100),
    Spec("notifications", "true/false"),
    Spec("heads_up", "true/false"),
    Spec("max_reminders", "whole number", least=1, most=10),
    Spec("sounds", "true/false"),
    Spec("daily_goal", "whole number", least=1, most=20),
    Spec("work_days", "days"),
    Spec("work_hours", "hours"),
    Spec("count_natural_breaks", "true/false"),
    Spec("weekly_checkin", "true/false"),
    Spec("checkin_day", "day"),
    Spec("checkin_time", "time of day"),
)
SPEC_BY_KEY = {spec.key: spec for spec in SPECS}
_KNOWN = ", ".join(sorted(SPEC_BY_KEY))


def _template() -> str:
    lines = [
        "# deskbreak settings. Edit freely: deskbreak changes this file only when you ask (the",
        "# settings window, `deskbreak config set`), keeping your comments and layout.",
        '# Durations are written like "45m", "1h30m" or "90s".',
        "# A line starting with # is a comment; remove the # to change a setting.",
    ]
    for spec in SPECS:
        lines.append("")
        lines.extend(textwrap.wrap(spec.does, 96, initial_indent="# ", subsequent_indent="# "))
        lines.append(f"# Allowed: {spec.allowed}. Default: {spec.shown_default}.")
        lines.append(f"# {spec.key} = {spec.toml_default}")
    return "\n".join(lines) + "\n"


CONFIG_TEMPLATE = _template()


def reference_table() -> str:
    """The settings as a Markdown table, for docs/configuration.md (a test keeps them equal)."""
    rows = ["| Key | Type | Default | Allowed | What it does |", "|---|---|---|---|---|"]
    for spec in SPECS:
        does = spec.does.replace(" next to this file", " next to config.toml")
        rows.append(f"| `{spec.key}` | {spec.type} | `{spec.toml_default}` | {spec.allowed} | {does} |")
    return "\n".join(rows) + "\n"


def settings_from_mapping(
    data: Mapping[str, Any], file: str, text: str = ""
) -> tuple[Settings, list[Problem]]:
    """Settings from parsed TOML; unknown keys and bad values are reported, defaults used instead.

    `text` is the file's text, used only to find the line each problem is on.
    """
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    unknown: list[str] = []
    for key, raw in data.items():
        spec = SPEC_BY_KEY.get(key)
        if spec is None:
            unknown.append(key)
            continue
        try:
            values[key] = read_value(spec, raw)
        except Refused as exc:
            message = f"{exc}; allowed {spec.allowed}; using the default {spec.shown_default}"
            problems.append(Problem(file, message, key, line_of(text, key, top_level=True)))
    for key in unknown[:MAX_REPORTED_UNKNOWN]:
        line = line_of(text, key, top_level=True) if len(key) <= 100 else None
        name = key if len(key) <= 40 and key.isprintable() else quoted(key)
        problems.append(Problem(file, f"unknown setting, ignored (known settings: {_KNOWN})", name, line))
    if len(unknown) > MAX_REPORTED_UNKNOWN:
        more = len(unknown) - MAX_REPORTED_UNKNOWN
        problems.append(Problem(file, f"{more} more unknown settings, ignored (known settings: {_KNOWN})"))
    return replace(DEFAULTS, **values), problems


def parse_settings(text: str, file: str, keep: Settings | None = None) -> tuple[Settings, list[Problem]]:
    """Settings from the text of config.toml. Never raises.

    A file that is not TOML at all gives `keep` (the settings in force while running) or, at start,
    the defaults, and one Problem with the line of the error. A UTF-8 BOM and CRLF ends are fine.
    """
    fallback = DEFAULTS if keep is None else keep
    using = "using all defaults" if keep is None else "keeping the settings in force"
    if len(text) > MAX_FILE_CHARS:
        message = f"is too large ({len(text):,} characters; at most {MAX_FILE_CHARS:,}); {using}"
        return fallback, [Problem(file, message)]
    text = without_bom(text)
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError, OverflowError) as exc:
        message, line = toml_error(exc, text)
        return fallback, [Problem(file, f"not valid TOML: {message}; {using}", line=line)]
    return settings_from_mapping(data, file, text)
