"""The fields of a history export (docs/history-format.md) and the check every imported record passes.

A record is a flat dict: the common fields (`id`, `kind`, `at`, `date`, `utc_offset_minutes`) and
the fields of its kind. `check_record` turns what a file holds (JSON values, or CSV cell text)
into the canonical record, or raises ImportRefused naming the place and the field; canonical
records written out and read back are equal.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta

from ..core.policy import Outcome
from ..core.review import iso_week_label, parse_iso_week

FORMAT_NAME = "deskbreak-history"
FORMAT_VERSION = 1

COMMON_FIELDS = ("id", "kind", "at", "date", "utc_offset_minutes")
BREAK_FIELDS = (
    "reminded",
    "outcome",
    "sitting_seconds",
    "answered_at",
    "started_at",
    "ended_at",
    "routine",
    "steps_done",
    "steps_total",
    "steps_skipped",
    "active_seconds",
    "feedback",
    "pain",
)
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "reminder": BREAK_FIELDS,
    "break": BREAK_FIELDS,
    "sitting": ("ended_at", "seconds", "ended_by"),
    "natural_break": ("ended_at", "seconds", "how"),
    "postponed": ("ended_at", "seconds", "reason"),
    "checkin": ("week", "stiffness", "low_back_pain", "note"),
    "rest_day": ("rest",),
}
KINDS = tuple(KIND_FIELDS)
# Columns added to format 1 later (with the `postponed` kind): a CSV file from an older
# deskbreak does not have them, and is still read.
LATER_FIELDS = ("reason",)
ALL_FIELDS: tuple[str, ...] = tuple(
    dict.fromkeys(COMMON_FIELDS + tuple(f for fields in KIND_FIELDS.values() for f in fields))
)

# Kept in step with storage.event_log and storage.schema_v2 (a test checks they agree).
SITTING_ENDS = ("break", "natural_break", "lock", "suspend", "quit", "pause")
AWAY_HOW = ("idle", "lock", "suspend")
WAIT_REASONS = ("call", "fullscreen", "do_not_disturb", "other")
FEEDBACK = ("too_easy", "about_right", "too_hard")
MAX_NOTE = 500
MAX_ROUTINE = 200
MAX_SECONDS = 1_000_000_000.0
MAX_STEPS = 100_000
MAX_OFFSET_MINUTES = 18 * 60
YEARS = (1971, 9998)  # instants stay convertible to UTC and back
MAX_SHOWN = 40


class ImportRefused(ValueError):
    """A file or record that is not imported; the message names the file, the place and the field."""


class _Bad(ValueError):
    """A value that does not fit; the message says what was expected."""


def shown(value: object, from_text: bool) -> str:
    """A value as the user wrote it, short: CSV cells quoted, JSON values as JSON."""
    text = f'"{value}"' if from_text else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 2] + "…" + text[-1:]


# -- value checks: (value, from_text) -> canonical value; _Bad(expected) when it does not fit --------

_INT_TEXT = re.compile(r"[+-]?[0-9]{1,12}")
_NUMBER_TEXT = re.compile(r"[+-]?([0-9]{1,15}(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?")
Check = Callable[[object, bool], object]


def _uuid(value: object, from_text: bool) -> str:
    if isinstance(value, str) and len(value) <= 45:
        try:
            return str(uuid.UUID(value))
        except ValueError:
            pass
    raise _Bad("a UUID like 1b4e28ba-2fa1-41d2-883f-0016d3cca427")


def _instant(value: object, from_text: bool) -> datetime:
    expected = "a date and time with its UTC offset, like 2026-11-23T09:00:00+01:00"
    if not isinstance(value, str) or len(value) > 40:
        raise _Bad(expected)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(expected) from None
    offset = moment.utcoffset()
    if offset is None or offset.total_seconds() % 60:
        raise _Bad(expected + " (whole minutes)")
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise _Bad(f"a date and time in the years {YEARS[0]} to {YEARS[1]}")
    return moment


def _instant_text(value: object, from_text: bool) -> str:
    return _instant(value, from_text).isoformat()


def _date(value: object, from_text: bool) -> str:
    if isinstance(value, str) and len(value) == 10:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if YEARS[0] <= day.year <= YEARS[1]:
                return day.isoformat()
    raise _Bad("a date like 2026-11-23")


def _whole(low: int, high: int) -> Check:
    def check(value: object, from_text: bool) -> int:
        if from_text and isinstance(value, str) and _INT_TEXT.fullmatch(value.strip()):
            value = int(value.strip())
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        raise _Bad(f"a whole number {low} to {high:,}")

    return check


def _seconds(value: object, from_text: bool) -> float:
    if from_text and isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
        value = float(value.strip())
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if math.isfinite(number) and 0 <= number <= MAX_SECONDS:
            return number
    raise _Bad(f"a number of seconds from 0 to {MAX_SECONDS:,.0f}")


def _bool(value: object, from_text: bool) -> bool:
    if from_text and isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if isinstance(value, bool):
        return value
    raise _Bad("true or false")


def _choice(*allowed: str) -> Check:
    def check(value: object, from_text: bool) -> str:
        if isinstance(value, str) and value in allowed:
            return value
        raise _Bad("one of " + ", ".join(allowed))

    return check


def _text(limit: int) -> Check:
    def check(value: object, from_text: bool) -> str:
        if isinstance(value, str) and len(value) <= limit and "\x00" not in value:
            return value
        raise _Bad(f"text of at most {limit} characters")

    return check


def _week(value: object, from_text: bool) -> str:
    if isinstance(value, str) and len(value) <= 10:
        try:
            monday = parse_iso_week(value)
        except ValueError:
            pass
        else:
            if YEARS[0] <= monday.year <= YEARS[1]:
                return iso_week_label(monday)
    raise _Bad("an ISO week like 2026-W47")


# name -> (check, may be empty)
FIELDS: dict[str, tuple[Check, bool]] = {
    "id": (_uuid, False),
    "kind": (_choice(*KINDS), False),
    "at": (_instant_text, False),
    "date": (_date, False),
    "utc_offset_minutes": (_whole(-MAX_OFFSET_MINUTES, MAX_OFFSET_MINUTES), False),
    "reminded": (_bool, False),
    "outcome": (_choice(*(o.value for o in Outcome)), False),
    "sitting_seconds": (_seconds, True),
    "answered_at": (_instant_text, True),
    "started_at": (_instant_text, True),
    "ended_at": (_instant_text, True),
    "routine": (_text(MAX_ROUTINE), True),
    "steps_done": (_whole(0, MAX_STEPS), True),
    "steps_total": (_whole(0, MAX_STEPS), True),
    "steps_skipped": (_whole(0, MAX_STEPS), True),
    "active_seconds": (_seconds, True),
    "feedback": (_choice(*FEEDBACK), True),
    "pain": (_bool, False),
    "seconds": (_seconds, True),
    "ended_by": (_choice(*SITTING_ENDS), False),
    "how": (_choice(*AWAY_HOW), False),
    "reason": (_choice(*WAIT_REASONS), False),
    "week": (_week, False),
    "stiffness": (_whole(0, 10), False),
    "low_back_pain": (_whole(0, 10), False),
    "note": (_text(MAX_NOTE), False),
    "rest": (_bool, False),
}


def _field(raw: Mapping[str, object], name: str, where: str, from_text: bool) -> object:
    check, optional = FIELDS[name]
    value = raw.get(name)
    if from_text and value == "" and name != "note":  # an empty note is "", any other empty cell None
        value = None
    if value is None:
        if optional:
            return None
        raise ImportRefused(f'{where}: "{name}" is missing')
    try:
        return check(value, from_text)
    except _Bad as exc:
        raise ImportRefused(f'{where}: "{name}" must be {exc}, not {shown(value, from_text)}') from None


def check_record(raw: Mapping[str, object], where: str, from_text: bool = False) -> dict[str, object]:
    """The canonical record, or ImportRefused naming `where` and the field.

    `from_text`: the values are CSV cells (text; an empty cell is an empty field, and the cells
    of fields that belong to other kinds must be empty).
    """
    kind = str(_field(raw, "kind", where, from_text))
    allowed = COMMON_FIELDS + KIND_FIELDS[kind]
    for name, value in raw.items():
        if name in allowed:
            continue
        if name not in FIELDS:
            raise ImportRefused(f'{where}: "{name}" is not a field deskbreak knows')
        if not (from_text and value == "") and value is not None:
            article = "an" if kind[0] in "aeiou" else "a"
            raise ImportRefused(
                f'{where}: "{name}" does not apply to {article} {kind} record; leave it empty'
            )
    record = {name: _field(raw, name, where, from_text) for name in allowed}
    moment = datetime.fromisoformat(str(record["at"]))
    offset = moment.utcoffset() or timedelta()
    if int(offset.total_seconds()) != 60 * int(str(record["utc_offset_minutes"])):
        raise ImportRefused(
            f'{where}: "utc_offset_minutes" is {record["utc_offset_minutes"]}, but "at" has the offset '
            f"{int(offset.total_seconds()) // 60} minutes"
        )
    if kind != "rest_day" and record["date"] != moment.date().isoformat():
        raise ImportRefused(
            f'{where}: "date" is {record["date"]}, but "at" is on {moment.date().isoformat()}'
        )
    if kind == "break" and record["started_at"] is None:
        raise ImportRefused(f'{where}: "started_at" is missing (a break has a start; else it is a reminder)')
    if kind == "reminder" and record["started_at"] is not None:
        raise ImportRefused(
            f'{where}: "started_at" must be empty for a reminder (with a start it is a break)'
        )
    return record
