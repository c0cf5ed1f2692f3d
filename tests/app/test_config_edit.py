"""Changing config.toml from the program: the user's file kept as written, every value checked
with the file reader's own words, hand edits never lost, and the file replaced whole or not at all."""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import replace
from datetime import time, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak import atomic_write
from deskbreak.app import config_edit
from deskbreak.app.config_edit import (
    ConfigFileError,
    SettingRefused,
    read_settings,
    read_value,
    set_value,
    set_values,
)
from deskbreak.app.config_file import load_settings
from deskbreak.app.configuration import load_configuration
from deskbreak.app.paths import Paths
from deskbreak.core import setting_values
from deskbreak.core.calendar_values import DAY_NAMES, format_days
from deskbreak.core.durations import format_duration
from deskbreak.core.settings import CONFIG_TEMPLATE, DEFAULTS, SPEC_BY_KEY, SPECS

HAND_WRITTEN = (
    "# my deskbreak settings\n"
    "\n"
    'snooze   =   "10m"   # long enough for a coffee\n'
    "notifications = true\n"
    "\n"
    "# a setting from a future version\n"
    'colour = "teal"\n'
    'routine = "quick-reset"\n'
    "\n"
    "[mine]\n"
    'note = "kept"\n'
)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config.toml"


def _first_run(config: Path) -> str:
    load_settings(config)  # writes the commented template, as the app does on its first start
    return config.read_text()


def test_setting_a_value_changes_that_line_and_nothing_else(config):
    config.write_text(HAND_WRITTEN)
    assert set_value(config, "snooze", "15m") is True
    expected = HAND_WRITTEN.replace('"10m"   # long', '"15m"   # long')
    assert config.read_text() == expected
    assert set_value(config, "notifications", "false")
    assert config.read_bytes() == expected.replace("= true", "= false").encode()


def test_crlf_line_ends_and_a_bom_are_kept(config):
    config.write_bytes(("\ufeff" + HAND_WRITTEN).replace("\n", "\r\n").encode())
    set_values(config, {"snooze": "15m", "sit_limit": "30m"})
    text = config.read_bytes().decode()
    assert text.startswith("\ufeff") and "\n" not in text.replace("\r\n", "")
    assert 'snooze   =   "15m"   # long enough for a coffee\r\n' in text
    assert load_settings(config)[0].sit_limit == timedelta(minutes=30)


def test_a_commented_template_line_is_set_where_it_stands(config):
    template = _first_run(config)
    set_value(config, "sit_limit", "30m")
    assert config.read_text() == template.replace('# sit_limit = "45m"', 'sit_limit = "30m"')
    set_value(config, "work_days", "mon,tue,wed,thu,fri,sat")
    assert config.read_text().count("\n") == template.count("\n")
    assert 'work_days = "mon-sat"' in config.read_text().splitlines()


def test_a_new_key_goes_after_the_top_level_keys_not_into_a_table(config):
    config.write_text(HAND_WRITTEN)
    set_value(config, "daily_goal", "6")
    text = config.read_text()
    assert text.index("daily_goal = 6") < text.index("[mine]")
    data = tomllib.loads(text)
    assert data["daily_goal"] == 6 and data["mine"] == {"note": "kept"} and data["colour"] == "teal"
    config.write_text('heads_up = true\n# no newline at the end: "x"')
    set_value(config, "daily_goal", "5")
    assert config.read_text() == 'heads_up = true\n# no newline at the end: "x"\ndaily_goal = 5\n'


def test_lookalike_comments_inside_a_string_or_a_table_are_left_alone(config):
    text = 'note = """\n# sit_limit = "1m"\n"""\n\n[other]\n# daily_goal = 9\n'
    config.write_text(text)
    set_values(config, {"sit_limit": "20m", "daily_goal": "7"})
    data = tomllib.loads(config.read_text())
    assert data["note"] == '# sit_limit = "1m"\n' and data["other"] == {}
    assert (data["sit_limit"], data["daily_goal"]) == ("20m", 7)
    assert config.read_text().endswith("[other]\n# daily_goal = 9\n")


def test_values_are_written_in_the_templates_form(config):
    _first_run(config)
    set_values(
        config,
        {
            "sit_limit": "1h 30m",
            "checkin_day": "Friday",
            "checkin_time": "9:30",
            "work_days": "every day",
            "work_hours": "8:00-16:30",
            "routine": '"quick-reset"',
            "heads_up": "true",
        },
    )
    lines = config.read_text().splitlines()
    for line in ('sit_limit = "1h30m"', 'checkin_day = "fri"', 'checkin_time = "09:30"', "heads_up = true"):
        assert line in lines
    assert 'work_days = "every day"' in lines and 'work_hours = "08:00-16:30"' in lines
    assert 'routine = "quick-reset"' in lines


def test_reading_gives_values_as_typed_defaults_and_the_files_problems(config):
    assert read_value(config, "sit_limit") == "45m" and not config.exists()
    config.write_text('sit_limit = "0s"\nheads_up = true\ncheckin_day = "Friday"\n')
    reading = read_settings(config)
    assert reading.values["sit_limit"] == "45m" and reading.values["heads_up"] == "true"
    assert reading.literals["checkin_day"] == '"fri"' and reading.values["daily_goal"] == "4"
    assert [p.key for p in reading.problems] == ["sit_limit"]
    assert reading.problems[0] == load_settings(config)[1][0]
    assert list(reading.values) == [spec.key for spec in SPECS]
    with pytest.raises(SettingRefused, match="did you mean sit_limit"):
        read_value(config, "sit_limt")


@pytest.mark.parametrize(
    ("key", "typed", "in_file"),
    [
        ("sit_limit", "0s", '"0s"'),
        ("sit_limit", "45", '"45"'),
        ("sit_limit", "9h", '"9h"'),
        ("snooze", "soon", '"soon"'),
        ("notifications", "maybe", '"maybe"'),
        ("daily_goal", "40", "40"),
        ("max_reminders", "2.5", "2.5"),
        ("work_days", "someday", '"someday"'),
        ("work_hours", "09:00-09:00", '"09:00-09:00"'),
        ("checkin_time", "25:00", '"25:00"'),
        ("routine", "   ", '"   "'),
    ],
)
def test_a_bad_value_is_refused_with_the_words_loading_the_file_gives(config, key, typed, in_file):
    config.write_text(f"{key} = {in_file}\n")
    problem = load_settings(config)[1][0]
    config.write_text(HAND_WRITTEN)
    with pytest.raises(SettingRefused) as refused:
        set_value(config, key, typed)
    assert refused.value.key == problem.key == key
    assert problem.message.startswith(refused.value.reason + "; using the default")
    assert str(refused.value) == f"{key}: {refused.value.reason}"
    assert config.read_text() == HAND_WRITTEN


def test_an_unknown_key_names_close_matches_and_nothing_is_written(config):
    config.write_text(HAND_WRITTEN)
    with pytest.raises(SettingRefused, match=r"did you mean daily_goal\?"):
        set_values(config, {"sit_limit": "30m", "dailygoal": "5"})
    with pytest.raises(SettingRefused, match="known settings: checkin_day"):
        set_value(config, "volume", "3")
    assert config.read_text() == HAND_WRITTEN


def test_a_file_with_a_syntax_error_is_refused_and_never_overwritten(config):
    broken = HAND_WRITTEN.replace("notifications = true", "notifications = = true")
    config.write_text(broken)
    with pytest.raises(ConfigFileError) as error:
        set_value(config, "sit_limit", "30m")
    assert str(error.value).startswith(f"{config}:4: not valid TOML")
    assert "nothing was written" in str(error.value)
    assert config.read_text() == broken
    with pytest.raises(ConfigFileError, match=":4: not valid TOML"):
        read_settings(config)


def test_a_failed_rename_leaves_the_file_intact_and_no_temporary_file(config, monkeypatch):
    config.write_text(HAND_WRITTEN)
    before = sorted(os.listdir(config.parent))

    def no_rename(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic_write.os, "replace", no_rename)
    with pytest.raises(ConfigFileError, match="cannot be written .Permission denied.; it is unchanged"):
        set_value(config, "sit_limit", "30m")
    assert config.read_text() == HAND_WRITTEN
    assert sorted(os.listdir(config.parent)) == before


def test_file_mode_and_a_symlinked_file_are_kept(config, tmp_path):
    real = tmp_path / "dotfiles" / "deskbreak.toml"
    real.parent.mkdir()
    real.write_text(HAND_WRITTEN)
    real.chmod(0o640)
    config.symlink_to(real)
    set_value(config, "sit_limit", "30m")
    assert config.is_symlink() and (real.stat().st_mode & 0o777) == 0o640
    assert 'sit_limit = "30m"' in real.read_text()


def test_the_same_value_again_does_not_touch_the_file(config):
    config.write_text('sit_limit = "0h45m"\n')
    inode = config.stat().st_ino
    assert set_value(config, "sit_limit", "45m") is False
    assert set_values(config, {"sit_limit": "45m", "snooze": "5m"}) == ["snooze"]
    assert config.read_text() == 'sit_limit = "0h45m"\nsnooze = "5m"\n' and config.stat().st_ino != inode


def test_a_missing_file_is_created_from_the_template(tmp_path):
    config = tmp_path / "new" / "config.toml"
    set_value(config, "daily_goal", "6")
    assert config.read_text() == CONFIG_TEMPLATE.replace("# daily_goal = 4", "daily_goal = 6")


def test_a_hand_edit_made_while_the_window_is_open_is_kept(config):
    _first_run(config)
    shown = read_settings(config).values  # the window opens with these
    text = config.read_text().replace('# snooze = "5m"', 'snooze = "20m"  # hand edit')
    config.write_text(text)  # meanwhile, in an editor
    changed = dict(shown, sit_limit="30m")
    set_values(config, {k: v for k, v in changed.items() if shown[k] != v})
    assert config.read_text() == text.replace('# sit_limit = "45m"', 'sit_limit = "30m"')


def test_an_edit_landing_between_read_and_write_is_merged(config, monkeypatch):
    config.write_text(HAND_WRITTEN)
    real_read, calls = config_edit._read, []

    def read_racing_an_editor(path):
        calls.append(path)
        if len(calls) == 2:  # the check just before the write: an editor saved meanwhile
            config.write_text(config.read_text().replace('"quick-reset"', '"standing-reset"'))
        return real_read(path)

    monkeypatch.setattr(config_edit, "_read", read_racing_an_editor)
    set_value(config, "snooze", "15m")
    data = tomllib.loads(config.read_text())
    assert (data["routine"], data["snooze"]) == ("standing-reset", "15m") and len(calls) == 4


def _typed(spec_type: str, draw: st.DrawFn, key: str) -> str:
    spec = SPEC_BY_KEY[key]
    if spec_type == "duration":
        seconds = draw(st.integers(int(spec.low.total_seconds()), int(spec.high.total_seconds())))
        return draw(st.sampled_from([format_duration(timedelta(seconds=seconds)), f"{seconds}s"]))
    if spec_type == "text":
        text = draw(st.text(st.characters(codec="utf-8"), min_size=1, max_size=100))
        return text if text.strip().isprintable() and text.strip() and text[0] not in "\"'" else "mine"
    if spec_type == "true/false":
        return draw(st.sampled_from(["true", "false"]))
    if spec_type == "whole number":
        return str(draw(st.integers(spec.least, spec.most)))
    if spec_type == "days":
        days = draw(st.lists(st.sampled_from(DAY_NAMES), min_size=1, unique=True))
        return draw(
            st.sampled_from([",".join(days), format_days(frozenset(DAY_NAMES.index(d) for d in days))])
        )
    if spec_type == "day":
        return draw(st.sampled_from([*DAY_NAMES, "Friday", "SUNDAY"]))
    moment = draw(st.builds(time, st.integers(0, 23), st.integers(0, 59)))
    if spec_type == "time of day":
        return f"{moment.hour}:{moment.minute:02d}"
    return draw(
        st.sampled_from(["always", f"{moment:%H:%M}-{(moment.hour + 1) % 24:02d}:{moment.minute:02d}"])
    )


@st.composite
def _changes(draw: st.DrawFn) -> list[tuple[str, str]]:
    keys = draw(st.lists(st.sampled_from([s.key for s in SPECS]), min_size=1, max_size=6))
    return [(key, _typed(SPEC_BY_KEY[key].type, draw, key)) for key in keys]


@settings(max_examples=60, deadline=None)
@given(_changes())
def test_any_valid_sets_on_the_first_run_template_keep_the_file_and_give_what_was_set(changes):
    with tempfile.TemporaryDirectory() as folder:
        paths = Paths(Path(folder), Path(folder))
        load_configuration(paths)  # the first-run template
        expected: dict[str, object] = {}
        for key, typed in changes:
            set_value(paths.config_file, key, typed)
            tomllib.loads(paths.config_file.read_text())  # parses after every step
            spec = SPEC_BY_KEY[key]
            raw = tomllib.loads(f"v = {typed}")["v"] if spec.type in ("true/false", "whole number") else typed
            expected[key] = setting_values.read_value(spec, raw)  # what the file reader makes of it
        text = paths.config_file.read_text()
        assert load_configuration(paths).settings == replace(DEFAULTS, **expected)
    set_lines = tuple(f"{key} = " for key in expected)
    commented = tuple(f"# {key} = " for key in expected)
    kept = [line for line in text.splitlines() if not line.startswith(set_lines)]
    assert kept == [line for line in CONFIG_TEMPLATE.splitlines() if not line.startswith(commented)]


def test_an_edit_that_would_touch_anything_else_is_not_written(config, monkeypatch):
    config.write_text(HAND_WRITTEN)

    def careless_edit(text, values, data):
        return text.replace('colour = "teal"\n', "") + 'sit_limit = "30m"\n'

    monkeypatch.setattr(config_edit, "_edit", careless_edit)
    with pytest.raises(ConfigFileError, match="without touching other lines; it is unchanged"):
        set_value(config, "sit_limit", "30m")
    assert config.read_text() == HAND_WRITTEN
