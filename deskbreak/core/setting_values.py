"""Reading one setting's value by its type: a duration, text, true/false, a whole number, days
of the week, a day, a time of day. Each either gives the value or raises Refused with what was
found and what is wrong; settings.py adds the file, line, allowed range and default in use."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Protocol

from .calendar_values import parse_days, parse_time_of_day, parse_weekday
from .durations import DurationError, parse_duration
from .problems import kind, quoted, shown
from .work_hours import parse_work_hours


class Spec(Protocol):
    """What a setting's value is checked against (settings.Spec)."""

    @property
    def type(self) -> str: ...
    @property
    def low(self) -> timedelta: ...
    @property
    def high(self) -> timedelta: ...
    @property
    def max_chars(self) -> int: ...
    @property
    def least(self) -> int: ...
    @property
    def most(self) -> int: ...


class Refused(ValueError):
    """A value that cannot be used; the message says what was found and what is wrong."""


def wrong_type(raw: Any, expected: str) -> Refused:
    if isinstance(raw, list | dict):
        return Refused(f"found {shown(raw)}, not {expected}")
    return Refused(f"{shown(raw)} is {kind(raw)}, not {expected}")


def read_value(spec: Spec, raw: Any) -> Any:
    if spec.type == "duration":
        if not isinstance(raw, str):
            raise wrong_type(raw, 'a duration in quotes like "45m"')
        try:
            value = parse_duration(raw)
        except DurationError as exc:
            raise Refused(str(exc)) from None
        if value < spec.low:
            raise Refused(f"{quoted(raw)} is too short")
        if value > spec.high:
            raise Refused(f"{quoted(raw)} is too long")
        return value
    if spec.type == "text":
        if not isinstance(raw, str):
            raise wrong_type(raw, "text in quotes")
        text = raw.strip()
        if not text:
            raise Refused(f"{quoted(raw)} is empty")
        if len(text) > spec.max_chars:
            raise Refused(f"{quoted(raw)} is too long")
        if not text.isprintable():
            raise Refused(f"{quoted(raw)} contains control characters")
        return text
    if spec.type == "whole number":
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise wrong_type(raw, "a whole number without quotes")
        if not spec.least <= raw <= spec.most:
            raise Refused(f"{raw} is out of range")
        return raw
    if spec.type in ("days", "day", "time of day"):
        if not isinstance(raw, str):
            raise wrong_type(raw, "text in quotes")
        read = {"days": parse_days, "day": parse_weekday, "time of day": parse_time_of_day}[spec.type]
        try:
            return read(raw)
        except ValueError as exc:
            raise Refused(str(exc)) from None
    if spec.type == "hours":
        if not isinstance(raw, str):
            raise wrong_type(raw, 'text in quotes like "09:00-18:00" or "always"')
        try:
            return parse_work_hours(raw)
        except ValueError as exc:
            raise Refused(str(exc)) from None
    if not isinstance(raw, bool):
        raise wrong_type(raw, "true or false (without quotes)")
    return raw
