"""Durations written the way people write them: "45m", "1h30m", "90s", "1h 15m"."""

from __future__ import annotations

import re
from datetime import timedelta

_PART = re.compile(
    r"\s*(\d+(?:\.\d+)?)\s*(hours?|hrs|hr|h|minutes?|mins|min|m|seconds?|secs|sec|s)(?![a-z])\s*", re.I
)
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}


class DurationError(ValueError):
    """A duration that cannot be read; the message says how to write one."""


def parse_duration(text: str) -> timedelta:
    """Read "1h30m"-style text; a bare number is refused because its unit would be a guess."""
    if not isinstance(text, str):
        raise DurationError(f'expected text like "45m", got {text!r}')
    cleaned = text.strip()
    if not cleaned:
        raise DurationError('is empty; write a duration like "45m", "1h30m" or "90s"')
    pos = 0
    total = 0.0
    while pos < len(cleaned):
        match = _PART.match(cleaned, pos)
        if match is None:
            if re.fullmatch(r"\d+(\.\d+)?", cleaned):
                raise DurationError(f'"{cleaned}" has no unit; write e.g. "{cleaned}m" or "{cleaned}s"')
            raise DurationError(f'"{cleaned}" is not a duration like "45m", "1h30m" or "90s"')
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2)[0].lower()]
        pos = match.end()
    return timedelta(seconds=total)


def format_duration(value: timedelta) -> str:
    """The inverse of parse_duration for whole seconds: 5400 s -> "1h30m"."""
    seconds = int(round(value.total_seconds()))
    if seconds == 0:
        return "0s"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h" if hours else "", f"{minutes}m" if minutes else "", f"{secs}s" if secs else ""]
    return "".join(parts)


def humanize(value: timedelta) -> str:
    """Short reading for menus and tooltips: "under a minute", "12 min", "1 h 05 min"."""
    minutes = int(value.total_seconds() // 60)
    if minutes < 1:
        return "under a minute"
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
