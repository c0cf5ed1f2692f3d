"""Days of the week and times of day written the way people write them: "mon-fri", "16:00".

Every parser here is total: it returns a value or raises ValueError with a message that quotes
what was found (shortened) and says how to write it.
"""

from __future__ import annotations

import re
from datetime import time

from .problems import quoted

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", re.ASCII)
MAX_TEXT = 100


def parse_weekday(text: str) -> int:
    """A day name ("fri", "Friday") as date.weekday() (Monday is 0)."""
    word = text.strip().lower()
    for number, (short, full) in enumerate(zip(DAY_NAMES, _FULL, strict=True)):
        if word in (short, full):
            return number
    raise ValueError(f"{quoted(text)} is not a day of the week (write mon, tue, wed, thu, fri, sat or sun)")


def parse_days(text: str) -> frozenset[int]:
    """Days like "mon-fri", "mon,wed,fri", "mon-thu, sat" or "every day"; never empty."""
    if len(text) > MAX_TEXT:
        raise ValueError(f"{quoted(text)} is too long for a list of days")
    cleaned = text.strip().lower()
    if cleaned in ("every day", "everyday", "all", "daily"):
        return frozenset(range(7))
    days: set[int] = set()
    for part in cleaned.split(","):
        if "-" in part:
            first_text, _, last_text = part.partition("-")
            first, last = parse_weekday(first_text), parse_weekday(last_text)
            span = (last - first) % 7
            days.update((first + n) % 7 for n in range(span + 1))
        elif part.strip():
            days.add(parse_weekday(part))
    if not days:
        raise ValueError(f'{quoted(text)} names no day (write days like "mon-fri" or "mon,wed,fri")')
    return frozenset(days)


def format_days(days: frozenset[int]) -> str:
    """The shortest usual way to write `days`: "mon-fri", "every day", "mon,wed,fri"."""
    if len(days) == 7:
        return "every day"
    ordered = sorted(days)
    runs: list[list[int]] = []
    for day in ordered:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [
        f"{DAY_NAMES[r[0]]}-{DAY_NAMES[r[-1]]}" if len(r) > 2 else ",".join(DAY_NAMES[d] for d in r)
        for r in runs
    ]
    return ",".join(parts)


def parse_time_of_day(text: str) -> time:
    """A 24-hour time like "16:00" or "9:30"."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(f'{quoted(text)} is not a time of day (write a 24-hour time like "16:00")')
    return time(int(match.group(1)), int(match.group(2)))


def format_time_of_day(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"
