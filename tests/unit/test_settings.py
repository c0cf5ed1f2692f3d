"""config.toml: forgiving reading, one Problem per mistake, naming the file and the key."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import timedelta

import pytest

from deskbreak.core.problems import Problem
from deskbreak.core.settings import CONFIG_TEMPLATE, DEFAULTS, SPEC_BY_KEY, SPECS, Settings, parse_settings

FILE = "/home/ada/.config/deskbreak/config.toml"


def test_an_empty_file_gives_the_defaults() -> None:
    assert parse_settings("", FILE) == (DEFAULTS, [])


def test_the_defaults_are_the_documented_ones() -> None:
    assert (
        Settings(
            sit_limit=timedelta(minutes=45),
            snooze=timedelta(minutes=5),
            natural_break=timedelta(minutes=5),
            routine="program",
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


def test_a_syntax_error_gives_all_defaults_and_one_problem_naming_the_file_and_line() -> None:
    settings, problems = parse_settings('sit_limit = "30m"\nsnooze = 10m\n', FILE)
    assert settings == DEFAULTS  # even the valid line above the error is not half-applied
    assert len(problems) == 1
    assert (problems[0].file, problems[0].line, problems[0].key) == (FILE, 2, None)
    assert str(problems[0]).startswith(FILE + ":2: not valid TOML")
    assert "column" in problems[0].message and "using all defaults" in problems[0].message


def test_a_syntax_error_while_running_keeps_the_settings_in_force() -> None:
    in_force = Settings(sit_limit=timedelta(minutes=20))
    settings, [problem] = parse_settings('sit_limit = "30m"\n\n\nsnooze = = "2m"\n', FILE, in_force)
    assert settings == in_force
    assert problem.line == 4 and "keeping the settings in force" in str(problem)


def test_a_bom_and_crlf_line_ends_are_accepted_and_lines_still_count() -> None:
    text = '\ufeff# mine\r\nsit_limit = "30m"\r\nsnooze = "0s"\r\n'
    settings, [problem] = parse_settings(text, FILE)
    assert settings.sit_limit == timedelta(minutes=30)
    assert str(problem) == f'{FILE}:3: snooze: "0s" is too short; allowed 1m..2h; using the default 5m'


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
    assert problems[0].line == 2
    assert str(problems[0]).startswith(f"{FILE}:2: {key}: ")
    default = str(getattr(DEFAULTS, key)).lower() if key == "notifications" else None
    assert problems[0].message.endswith(f"using the default {default or SPEC_BY_KEY[key].shown_default}")
    assert "allowed " in problems[0].message


def test_an_unknown_key_is_reported_and_the_rest_still_applies() -> None:
    settings, problems = parse_settings('sit_limt = "30m"\nsnooze = "2m"\n', FILE)
    assert settings == Settings(snooze=timedelta(minutes=2))
    assert [(p.file, p.key, p.line) for p in problems] == [(FILE, "sit_limt", 1)]
    assert "unknown" in problems[0].message
    assert "sit_limit" in problems[0].message  # the message lists the real names


def test_several_mistakes_give_one_problem_each() -> None:
    text = 'sit_limit = "x"\nsnooze = "9h"\ncolour = "blue"\nnotifications = "no"\n'
    settings, problems = parse_settings(text, FILE)
    assert settings == DEFAULTS
    assert sorted(p.key or "" for p in problems) == ["colour", "notifications", "sit_limit", "snooze"]
    assert sorted(p.line or 0 for p in problems) == [1, 2, 3, 4]


def test_a_bad_key_in_the_middle_never_discards_the_rest() -> None:
    text = 'sit_limit = "30m"\nsnooze = 3\n"natural_break" = "7m"\nnotifications = false\n'
    settings, [problem] = parse_settings(text, FILE)
    assert settings == Settings(
        timedelta(minutes=30), DEFAULTS.snooze, timedelta(minutes=7), notifications=False
    )
    assert str(problem) == (
        f'{FILE}:2: snooze: 3 is a number, not a duration in quotes like "45m"; allowed 1m..2h; '
        "using the default 5m"
    )


@pytest.mark.parametrize(
    ("value", "found"),
    [
        ('"9999999999999999999999h"', '"9999999999999999999999h" is far too long'),
        ('"0s"', '"0s" is too short'),
        ('"-5m"', '"-5m" is negative'),
        ('"NaN"', '"NaN" is not a duration'),
        ('"inf"', '"inf" is not a duration'),
        ('"1e400m"', '"1e400m" is not a duration'),
        ("nan", "nan is a number"),
        ("inf", "inf is a number"),
        ("1e400", "inf is a number"),
        ("99999999999999999999999999999999999", "a 35-digit number is a number"),
        ("[1, 2]", "found an array of 2 items"),
        ("{ minutes = 45 }", "found a table"),
        ("true", "true is true/false"),
        ("1979-05-27", "1979-05-27 is a date or time"),
        ('"\u0664\u0665m"', '"\u0664\u0665m" uses digits other than 0-9'),
    ],
)
def test_absurd_sit_limits_are_explained_and_the_default_used(value: str, found: str) -> None:
    settings, [problem] = parse_settings(f'snooze = "7m"\nsit_limit = {value}\n', FILE)
    assert settings == Settings(snooze=timedelta(minutes=7))
    assert str(problem).startswith(f"{FILE}:2: sit_limit: {found}")
    assert str(problem).endswith("; allowed 1s..8h; using the default 45m")


def test_a_10_mb_value_gives_a_short_message() -> None:
    huge = "4" * 10_000_000
    settings, problems = parse_settings(f'sit_limit = "{huge}m"\nroutine = "{"r" * 101}"\n', FILE)
    assert settings == DEFAULTS
    assert [(p.key, p.line) for p in problems] == [("sit_limit", 1), ("routine", 2)]
    assert all(len(str(p)) < 300 for p in problems)
    assert "too long; allowed 1 to 100 characters" in str(problems[1])
    assert "10,000,001 characters" in str(problems[0])


def test_many_unknown_keys_are_summed_up() -> None:
    text = "".join(f"key{n} = {n}\n" for n in range(1000)) + 'snooze = "3m"\n'
    settings, problems = parse_settings(text, FILE)
    assert settings.snooze == timedelta(minutes=3)
    assert len(problems) == 11 and "990 more unknown settings" in str(problems[-1])


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('sit_limit = "0s"', "sit_limit"),
        ('sit_limit = "8h1s"', "sit_limit"),
        ('snooze = "0m"', "snooze"),
        ('snooze = "2h1m"', "snooze"),
        ('snooze = "59s"', "snooze"),
        ('natural_break = "59s"', "natural_break"),
        ('natural_break = "3h"', "natural_break"),
    ],
)
def test_an_out_of_range_duration_falls_back_to_the_default(line: str, key: str) -> None:
    settings, problems = parse_settings(line, FILE)
    assert settings == DEFAULTS
    assert [(p.file, p.key) for p in problems] == [(FILE, key)]
    assert "too short" in problems[0].message or "too long" in problems[0].message
    assert f"allowed {SPEC_BY_KEY[key].allowed};" in problems[0].message


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ('sit_limit = "1s"', "sit_limit", timedelta(seconds=1)),
        ('sit_limit = "8h"', "sit_limit", timedelta(hours=8)),
        ('snooze = "2h"', "snooze", timedelta(hours=2)),
        ('snooze = "1m"', "snooze", timedelta(minutes=1)),
        ('natural_break = "1m"', "natural_break", timedelta(minutes=1)),
        ('natural_break = "2h"', "natural_break", timedelta(hours=2)),
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


def test_the_template_states_each_settings_range_and_default() -> None:
    for spec in SPECS:
        assert (
            f"# Allowed: {spec.allowed}. Default: {spec.shown_default}.\n# {spec.key} = " in CONFIG_TEMPLATE
        )


def test_a_problem_reads_as_file_line_key_message() -> None:
    assert str(Problem("a.toml", "is wrong", "snooze")) == "a.toml: snooze: is wrong"
    assert str(Problem("a.toml", "is wrong")) == "a.toml: is wrong"
    assert str(Problem("a.toml", "is wrong", "snooze", 7)) == "a.toml:7: snooze: is wrong"
    assert str(Problem("a.toml", "is wrong", line=3)) == "a.toml:3: is wrong"


def test_huge_integers_in_any_base_are_reported_with_their_line_not_raised():
    from deskbreak.core.routines import RoutineError, parse_routine

    for literal in ("0x" + "f" * 4000, "0o" + "7" * 5000, "0b" + "1" * 15000):
        text = f'snooze = "10m"\nsit_limit = {literal}\n'
        settings, [problem] = parse_settings(text, "config.toml")
        assert settings.snooze == timedelta(minutes=10)  # the rest of the file still applies
        assert problem.line == 2 and problem.key == "sit_limit" and "digits" in str(problem)
        routine = (
            'title = "T"\nsummary = "s"\n[[exercises]]\nname = "n"\nfocus = "extension"\n'
            f'duration = {literal}\ncues = ["c"]\n'
        )
        try:
            parse_routine(routine, "t", "t.toml")
        except RoutineError as exc:
            assert "t.toml:6" in str(exc) and "digits" in str(exc)
        else:  # pragma: no cover
            raise AssertionError("a huge duration number was accepted")


def test_a_huge_decimal_integer_is_a_syntax_problem_on_its_line():
    text = 'snooze = "10m"\n\nsit_limit = ' + "9" * 5000 + "\n"
    settings, [problem] = parse_settings(text, "config.toml")
    assert problem.line == 3 and "more than 4,300 digits" in str(problem)
    assert settings == DEFAULTS
