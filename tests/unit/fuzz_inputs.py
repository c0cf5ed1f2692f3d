"""Generators for fuzzing the parsers: durations, config.toml documents and routine files as
people (and cats on keyboards) write them. Used by test_fuzz_parsers.py."""

from __future__ import annotations

import string
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from hypothesis import strategies as st

from deskbreak.core.calendar_values import DAY_NAMES, format_days, format_time_of_day
from deskbreak.core.durations import format_duration, parse_duration
from deskbreak.core.routines import MAX_EXERCISES, Focus
from deskbreak.core.settings import SPECS
from deskbreak.core.work_hours import WorkHours

units = st.sampled_from(
    [
        "h",
        "m",
        "s",
        "H",
        "M",
        "S",
        "hr",
        "hrs",
        "hour",
        "hours",
        "min",
        "mins",
        "minute",
        "minutes",
        "sec",
        "secs",
        "second",
        "seconds",
        "d",
        "ms",
        "",
        "e3m",
    ]
)
numbers = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(0, 10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from(
        [
            "NaN",
            "nan",
            "inf",
            "-inf",
            "Infinity",
            "1e400",
            "-5",
            "- 5",
            "0",
            "00",
            ".5",
            "5.",
            "\u0664\u0665",
            "\uff14\uff15",
            "\u00b2",
            "\u2155",
            "1_000",
            "0x10",
            "9" * 30,
        ]
    ),
)
duration_like = st.lists(
    st.tuples(
        st.sampled_from(["", " ", "  ", "\t", "-", "+"]), numbers, st.sampled_from(["", " ", "\t"]), units
    ),
    min_size=1,
    max_size=5,
).map(lambda parts: "".join(sign + number + gap + unit for sign, number, gap, unit in parts))
duration_texts = st.one_of(
    duration_like,
    st.text(max_size=80),
    st.text(alphabet=string.digits + "hms .-+e", max_size=80),
    st.builds(lambda t, n: t * n, duration_like, st.integers(1, 200)),
    st.integers(0, 8 * 3600).map(lambda s: format_duration(timedelta(seconds=s))),
)


def _toml_string(text: str) -> str:
    escaped = "".join(
        {"\\": "\\\\", '"': '\\"'}.get(ch, ch) if ch >= " " and ch != "\x7f" else f"\\u{ord(ch):04x}"
        for ch in text
    )
    return f'"{escaped}"'


def toml_value(value: Any) -> str:
    """A Python value as TOML (what tomllib would give back), for generated documents."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(repr(value), repr(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_string(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise AssertionError(value)


scalars = st.one_of(
    duration_texts,
    st.text(max_size=20),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.booleans(),
    st.sampled_from(
        [datetime(1979, 5, 27, 7, 32, tzinfo=UTC), datetime(2026, 1, 1), date(2026, 2, 28), time(7, 30)]
    ),
)
toml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=4,
)
known_keys = st.sampled_from([spec.key for spec in SPECS])
any_keys = st.one_of(
    known_keys, st.text(max_size=30), st.text(alphabet=string.ascii_lowercase + "_", max_size=15)
)


@st.composite
def in_range(draw: st.DrawFn, key: str) -> Any:
    """A value that is valid for the setting: it must be applied as written."""
    spec = next(s for s in SPECS if s.key == key)
    if spec.type == "duration":
        seconds = draw(st.integers(int(spec.low.total_seconds()), int(spec.high.total_seconds())))
        return format_duration(timedelta(seconds=seconds))
    if spec.type == "text":
        return draw(st.text(alphabet=string.ascii_letters + "-_", min_size=1, max_size=spec.max_chars))
    if spec.type == "whole number":
        return draw(st.integers(spec.least, spec.most))
    if spec.type == "days":
        return format_days(draw(st.frozensets(st.integers(0, 6), min_size=1)))
    if spec.type == "day":
        return draw(st.sampled_from(DAY_NAMES))
    if spec.type == "time of day":
        return format_time_of_day(draw(st.times()))
    if spec.type == "hours":
        start, end = draw(st.times()), draw(st.times())
        if (start.hour, start.minute) == (end.hour, end.minute):
            return "always"
        return f"{format_time_of_day(start)}-{format_time_of_day(end)}"
    return draw(st.booleans())


def applied(key: str, raw: Any) -> Any:
    """What a valid raw value must become, worked out without the settings parser."""
    spec = next(s for s in SPECS if s.key == key)
    if spec.type == "duration":
        return parse_duration(raw)
    if spec.type == "days":
        return frozenset(i for i, name in enumerate(DAY_NAMES) if name in _expand(raw))
    if spec.type == "day":
        return DAY_NAMES.index(raw)
    if spec.type == "time of day":
        hours, minutes = raw.split(":")
        return time(int(hours), int(minutes))
    if spec.type == "hours":
        if raw == "always":
            return None
        start, end = (time(int(p[:2]), int(p[3:])) for p in raw.split("-"))
        return WorkHours(start, end)
    return raw


def _expand(days: str) -> set[str]:
    if days == "every day":
        return set(DAY_NAMES)
    names: set[str] = set()
    for part in days.split(","):
        first, _, last = part.partition("-")
        names.update(DAY_NAMES[DAY_NAMES.index(first) : DAY_NAMES.index(last or first) + 1])
    return names


@st.composite
def config_documents(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A TOML document of settings (some valid, some not) and the values known to be valid."""
    lines: list[str] = []
    valid: dict[str, Any] = {}
    used: set[str] = set()
    for _ in range(draw(st.integers(0, 6))):
        key = draw(any_keys)
        if key in used:
            continue
        used.add(key)
        if key in {s.key for s in SPECS} and draw(st.booleans()):
            value = draw(in_range(key))
            valid[key] = value
        else:
            value = draw(toml_values)
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["", "# a comment", "   ", "\t# note"])))
        lines.append(f"{_toml_string(key)} = {toml_value(value)}")
    if draw(st.booleans()):
        lines.append(f"[{_toml_string(draw(st.text(max_size=10).filter(lambda t: t not in used)))}]")
        lines.append(f"{_toml_string(draw(any_keys))} = {toml_value(draw(toml_values))}")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + newline.join(lines) + draw(st.sampled_from(["", newline])), valid


def mutate(text: str, data: st.DataObject) -> str:
    """The text with a few characters inserted, removed or replaced: a half-typed edit."""
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, len(text)))
        action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = data.draw(st.text(alphabet="\"[]={},\n\r#\\ .'-x9", min_size=1, max_size=3))
        if action == "insert":
            text = text[:pos] + chunk + text[pos:]
        elif action == "delete":
            text = text[:pos] + text[pos + len(chunk) :]
        else:
            text = text[:pos] + chunk + text[pos + len(chunk) :]
    return text


@st.composite
def routine_documents(draw: st.DrawFn) -> str:
    """A routine file: mostly well formed, each field now and then missing, mistyped or absurd."""

    def field(key: str, valid: st.SearchStrategy[Any], required: bool = True) -> str | None:
        roll = draw(st.integers(0, 39))
        if roll == 0 or (roll < 8 and not required):
            return None
        value = draw(toml_values) if roll == 1 else draw(valid)
        return f"{key} = {toml_value(value)}"

    texts = st.text(min_size=1, max_size=85)
    lines = [field("title", texts), field("summary", st.text(max_size=305), required=False)]
    if draw(st.integers(0, 39)) == 0:
        lines.append(f"{_toml_string(draw(st.text(max_size=10)))} = {toml_value(draw(toml_values))}")
    exercises: list[list[str | None]] = []
    for _ in range(draw(st.integers(0, 3))):
        exercises.append(
            [
                field("name", texts),
                field("focus", st.sampled_from([f.value for f in Focus])),
                field("duration", st.integers(0, 310).map(lambda s: f"{s}s")),
                field("cues", st.lists(st.text(min_size=1, max_size=305), min_size=1, max_size=11)),
                field("sides", st.booleans(), required=False),
                field("caution", st.text(max_size=305), required=False),
                field("cue", toml_values) if draw(st.integers(0, 39)) == 0 else None,
            ]
        )
    exercises *= draw(st.sampled_from([1, 1, 1, 2, 10, MAX_EXERCISES // 3 + 1]))  # up to past the caps
    for exercise in exercises:
        lines += ["[[exercises]]", *exercise]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(line for line in lines if line is not None) + newline
    return draw(st.sampled_from(["", "\ufeff"])) + text
