"""config.toml: forgiving reading, one Problem per mistake, naming the file and the key."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import timedelta

import pytest

from deskbreak.core.problems import Problem
from deskbreak.core.settings import CONFIG_TEMPLATE, DEFAULTS, Settings, parse_settings

FILE = "/home/ada/.config/deskbreak/config.toml"


def test_an_empty_file_gives_the_defaults() -> None:
    assert parse_settings("", FILE) == (DEFAULTS, [])


def test_the_defaults_are_the_documented_ones() -> None:
    assert (
        Settings(
            sit_limit=timedelta(minutes=45),
            snooze=timedelta(minutes=5),
            natural_break=timedelta(minutes=5),
            routine="upper-back-basics",
            notifications=True,
        )
        == DEFAULTS
    )


def test_every_setting_is_read() -> None:
    text = """
sit_limit = "1h"
snooze = "10m"
natural_break = "3m"
routine = "  quick-reset "
notifications = false
"""
    settings, problems = parse_settings(text, FILE)
    assert problems == []
    assert settings == Settings(
        timedelta(hours=1), timedelta(minutes=10), timedelta(minutes=3), "quick-reset", False
    )


def test_a_syntax_error_gives_all_defaults_and_one_problem_naming_the_file() -> None:
    settings, problems = parse_settings('sit_limit = "30m"\nsnooze = 10m\n', FILE)
    assert settings == DEFAULTS  # even the valid line above the error is not half-applied
    assert len(problems) == 1
    assert problems[0].file == FILE
    assert problems[0].key is None
    assert str(problems[0]).startswith(FILE + ": ")
    assert "TOML" in problems[0].message and "default" in problems[0].message


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("sit_limit = 45", "sit_limit"),
        ('sit_limit = "forty"', "sit_limit"),
        ('snooze = "10"', "snooze"),
        ("natural_break = true", "natural_break"),
        ('routine = ""', "routine"),
        ("routine = 3", "routine"),
        ('notifications = "yes"', "notifications"),
        ("notifications = 1", "notifications"),
        ("[sit_limit]\nminutes = 45", "sit_limit"),
    ],
)
def test_a_bad_value_falls_back_to_that_keys_default_and_names_file_and_key(line: str, key: str) -> None:
    others = 'snooze = "7m"\n' if key != "snooze" else 'sit_limit = "50m"\n'
    settings, problems = parse_settings(others + line + "\n", FILE)

    assert [(p.file, p.key) for p in problems] == [(FILE, key)]
    assert getattr(settings, key) == getattr(DEFAULTS, key)
    # the other, valid setting still applies
    if key == "snooze":
        assert settings.sit_limit == timedelta(minutes=50)
    else:
        assert settings.snooze == timedelta(minutes=7)
    assert str(problems[0]).startswith(f"{FILE}: {key}: ")
    assert "default" in problems[0].message


def test_an_unknown_key_is_reported_and_the_rest_still_applies() -> None:
    settings, problems = parse_settings('sit_limt = "30m"\nsnooze = "2m"\n', FILE)
    assert settings == Settings(snooze=timedelta(minutes=2))
    assert [(p.file, p.key) for p in problems] == [(FILE, "sit_limt")]
    assert "unknown" in problems[0].message
    assert "sit_limit" in problems[0].message  # the message lists the real names


def test_several_mistakes_give_one_problem_each() -> None:
    text = 'sit_limit = "x"\nsnooze = "9h"\ncolour = "blue"\nnotifications = "no"\n'
    settings, problems = parse_settings(text, FILE)
    assert settings == DEFAULTS
    assert sorted(p.key or "" for p in problems) == ["colour", "notifications", "sit_limit", "snooze"]


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('sit_limit = "0s"', "sit_limit"),
        ('sit_limit = "8h1s"', "sit_limit"),
        ('snooze = "0m"', "snooze"),
        ('snooze = "2h1m"', "snooze"),
        ('natural_break = "0s"', "natural_break"),
        ('natural_break = "3h"', "natural_break"),
    ],
)
def test_an_out_of_range_duration_falls_back_to_the_default(line: str, key: str) -> None:
    settings, problems = parse_settings(line, FILE)
    assert settings == DEFAULTS
    assert [(p.file, p.key) for p in problems] == [(FILE, key)]
    assert "outside" in problems[0].message


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ('sit_limit = "1s"', "sit_limit", timedelta(seconds=1)),
        ('sit_limit = "8h"', "sit_limit", timedelta(hours=8)),
        ('snooze = "2h"', "snooze", timedelta(hours=2)),
        ('natural_break = "1s"', "natural_break", timedelta(seconds=1)),
    ],
)
def test_the_range_limits_themselves_are_allowed(line: str, key: str, value: timedelta) -> None:
    settings, problems = parse_settings(line, FILE)
    assert problems == []
    assert getattr(settings, key) == value


def test_the_template_as_written_gives_the_defaults() -> None:
    assert parse_settings(CONFIG_TEMPLATE, FILE) == (DEFAULTS, [])


def test_the_template_with_every_setting_uncommented_parses_to_exactly_the_defaults() -> None:
    setting_line = re.compile(r"^# (\w+ = .*)$", re.M)
    uncommented = setting_line.sub(r"\1", CONFIG_TEMPLATE)
    keys = re.findall(r"^(\w+) = ", uncommented, re.M)

    assert sorted(keys) == sorted(f.name for f in fields(Settings))  # every setting is documented
    assert parse_settings(uncommented, FILE) == (DEFAULTS, [])


def test_a_problem_reads_as_file_key_message() -> None:
    assert str(Problem("a.toml", "is wrong", "snooze")) == "a.toml: snooze: is wrong"
    assert str(Problem("a.toml", "is wrong")) == "a.toml: is wrong"
