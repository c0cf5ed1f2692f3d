"""Durations written the way people write them: "45m", "1h30m", "90s", "1h 15m".

parse_duration is total: whatever it is given (any text, any length, any object), it either
returns a timedelta between 0 and MAX_DURATION or raises DurationError with a message that
quotes what was found (shortened) and shows how to write a duration. Nothing else escapes.
"""

from __future__ import annotations

import re
from datetime import timedelta

from .i18n import Context
from .problems import quoted

MAX_TEXT = 64  # longer than any duration anyone writes ("1 hour 30 minutes 15 seconds" is 28)
MAX_DURATION = timedelta(days=365)  # the parser's own ceiling; each setting has a tighter range

_PART = re.compile(
    r"[ \t]*([0-9]+(?:\.[0-9]+)?)[ \t]*"
    r"(hours?|hrs|hr|h|minutes?|mins|min|m|seconds?|secs|sec|s)(?![a-z])[ \t]*",
    re.I | re.ASCII,
)
_BARE_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)
_NEGATIVE = re.compile(r"-[ \t]*[0-9]", re.ASCII)
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}
HOW = 'write a duration like "45m", "1h30m" or "90s"'


class DurationError(ValueError):
    """A duration that cannot be read; the message quotes the text and says how to write one."""


def parse_duration(text: str) -> timedelta:
    """Read "1h30m"-style text; a bare number is refused because its unit would be a guess."""
    if not isinstance(text, str):
        raise DurationError(f'must be text in quotes, like "45m"; {HOW}')
    if len(text) > 4 * MAX_TEXT:  # before any other work on the text: a 10 MB string stops here
        raise DurationError(f"{quoted(text)} is too long to be a duration; {HOW}")
    cleaned = text.strip(" \t\r\n")
    if not cleaned:
        raise DurationError(f"is empty; {HOW}")
    if len(cleaned) > MAX_TEXT:
        raise DurationError(f"{quoted(text)} is too long to be a duration; {HOW}")
    if _NEGATIVE.match(cleaned):
        raise DurationError(f"{quoted(cleaned)} is negative; {HOW}")
    if any(ch.isdigit() and not ch.isascii() for ch in cleaned):
        raise DurationError(f"{quoted(cleaned)} uses digits other than 0-9; {HOW}")
    if _BARE_NUMBER.fullmatch(cleaned):
        raise DurationError(f'{quoted(cleaned)} has no unit; write e.g. "{cleaned}m" or "{cleaned}s"')
    pos = 0
    seconds = 0.0
    while pos < len(cleaned):
        match = _PART.match(cleaned, pos)
        if match is None:
            raise DurationError(f"{quoted(cleaned)} is not a duration; {HOW}")
        seconds += float(match.group(1)) * _UNIT_SECONDS[match.group(2)[0].lower()]
        pos = match.end()
    # At most 64 characters of digits: finite (< 1e64 * 3600), but possibly far beyond what
    # timedelta can hold (OverflowError), so the ceiling is checked on the float first.
    if not seconds <= MAX_DURATION.total_seconds():
        raise DurationError(f"{quoted(cleaned)} is far too long (more than a year)")
    return timedelta(seconds=seconds)


def format_duration(value: timedelta) -> str:
    """The inverse of parse_duration for whole seconds: 5400 s -> "1h30m"."""
    seconds = int(round(value.total_seconds()))
    if seconds == 0:
        return "0s"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h" if hours else "", f"{minutes}m" if minutes else "", f"{secs}s" if secs else ""]
    return "".join(parts)


class Durations(Context):
    """The translation context of durations in words."""


def humanize(value: timedelta) -> str:
    """Short reading for menus and tooltips: "under a minute", "12 min", "1 h 05 min" (in the
    user's language once the app has installed a translator: core/i18n.py)."""
    minutes = int(value.total_seconds() // 60)
    if minutes < 1:
        return Durations.tr("under a minute")
    if minutes < 60:
        return Durations.tr("%n min", "", minutes)
    hours, minutes = divmod(minutes, 60)
    return Durations.tr("{hours} h {minutes} min").format(hours=hours, minutes=f"{minutes:02d}")
