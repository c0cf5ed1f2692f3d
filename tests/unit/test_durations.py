"""Durations as people write them in config.toml and routine files."""

from __future__ import annotations

from datetime import timedelta

import pytest

from deskbreak.core.durations import DurationError, format_duration, humanize, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("45m", 45 * 60),
        ("90s", 90),
        ("1h", 3600),
        ("1h30m", 5400),
        ("1h 15m", 4500),
        ("  2m 30s  ", 150),
        ("1.5h", 5400),
        ("45M", 45 * 60),
        ("5 m", 300),
        ("0s", 0),
    ],
)
def test_durations_people_write_are_read(text: str, seconds: int) -> None:
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("5min", 300), ("2hours", 7200), ("30sec", 30), ("1hr", 3600), ("45 minutes", 2700)],
)
def test_spelled_out_units_are_read(text: str, seconds: int) -> None:
    assert parse_duration(text) == timedelta(seconds=seconds)


def test_a_bare_number_is_refused_with_a_hint_about_the_unit() -> None:
    with pytest.raises(DurationError) as info:
        parse_duration("45")
    assert '"45m"' in str(info.value) and "no unit" in str(info.value)


@pytest.mark.parametrize("text", ["forty", "45 m x", "-5m", "1h30", "m", "45m,", "1d"])
def test_garbage_is_refused_with_an_example_of_the_format(text: str) -> None:
    with pytest.raises(DurationError) as info:
        parse_duration(text)
    assert text.strip() in str(info.value)
    assert "45m" in str(info.value)


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(DurationError, match="empty"):
        parse_duration(text)


def test_a_number_that_is_not_text_is_refused() -> None:
    with pytest.raises(DurationError):
        parse_duration(45)  # type: ignore[arg-type]


def test_duration_errors_are_value_errors() -> None:
    assert issubclass(DurationError, ValueError)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0s"), (5, "5s"), (300, "5m"), (2700, "45m"), (3600, "1h"), (5400, "1h30m"), (3661, "1h1m1s")],
)
def test_format_duration(seconds: int, text: str) -> None:
    assert format_duration(timedelta(seconds=seconds)) == text


def test_format_then_parse_gives_back_the_same_duration() -> None:
    for seconds in range(0, 9 * 3600, 37):
        value = timedelta(seconds=seconds)
        assert parse_duration(format_duration(value)) == value


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "under a minute"),
        (59, "under a minute"),
        (60, "1 min"),
        (12 * 60 + 59, "12 min"),
        (59 * 60, "59 min"),
        (60 * 60, "1 h 00 min"),
        (65 * 60, "1 h 05 min"),
        (125 * 60, "2 h 05 min"),
    ],
)
def test_humanize(seconds: int, text: str) -> None:
    assert humanize(timedelta(seconds=seconds)) == text
