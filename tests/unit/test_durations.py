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


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("9999999999999999999999h", "far too long"),
        ("8761h", "far too long"),
        ("-5m", "negative"),
        ("- 5m", "negative"),
        ("NaN", "not a duration"),
        ("inf", "not a duration"),
        ("-inf", "not a duration"),
        ("1e400m", "not a duration"),
        ("1e3s", "not a duration"),
        ("\u0664\u0665m", "digits other than 0-9"),  # Arabic-Indic 45
        ("\uff14\uff15m", "digits other than 0-9"),  # full-width 45
        ("45m\x00", "not a duration"),
        ("1" * 65 + "s", "too long to be a duration"),
    ],
)
def test_absurd_durations_raise_only_duration_error_quoting_the_text(text: str, says: str) -> None:
    with pytest.raises(DurationError) as info:
        parse_duration(text)
    assert says in str(info.value)
    assert len(str(info.value)) < 200


def test_the_longest_duration_read_is_a_year() -> None:
    assert parse_duration("8760h") == timedelta(days=365)
    assert parse_duration("0000000000000000000000000000000000000000000000000000000001h") == timedelta(hours=1)


def test_a_10_mb_string_is_refused_quickly_with_a_short_message() -> None:
    import time

    huge = "1h" * 5_000_000
    started = time.perf_counter()
    with pytest.raises(DurationError) as info:
        parse_duration(huge)
    assert time.perf_counter() - started < 0.5
    assert "10,000,000 characters" in str(info.value) and len(str(info.value)) < 200


def test_control_characters_are_escaped_in_the_message() -> None:
    with pytest.raises(DurationError) as info:
        parse_duration("4\n5\x1bm")
    assert "\\n" in str(info.value) and "\\x1b" in str(info.value) and "\x1b" not in str(info.value)
