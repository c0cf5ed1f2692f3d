"""When a pause asked for in the tray or on the command line ends, in local wall-clock time."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from ..core.durations import DurationError, parse_duration
from ..core.policy import UNTIL_RESUMED

LONGEST = timedelta(hours=24)


def tomorrow_morning(now: datetime) -> datetime:
    """Local midnight at the start of tomorrow, in the system's time zone rules (a DST change
    overnight is taken into account)."""
    tomorrow = now.astimezone().date() + timedelta(days=1)
    return datetime.combine(tomorrow, time()).astimezone()


def pause_end(choice: str, now: datetime) -> datetime:
    """ "30m", "1h" or any duration up to a day; "tomorrow"; "resume" (no end). ValueError with a
    message for the user otherwise."""
    if choice == "tomorrow":
        return tomorrow_morning(now)
    if choice == "resume":
        return UNTIL_RESUMED
    try:
        length = parse_duration(choice)
    except DurationError as exc:
        raise ValueError(f"{choice!r} is not a pause length like 30m or 1h ({exc})") from None
    if not timedelta(minutes=1) <= length <= LONGEST:
        raise ValueError(f"{choice!r}: a pause lasts from 1 minute to 24 hours (or --until-tomorrow)")
    return now + length
