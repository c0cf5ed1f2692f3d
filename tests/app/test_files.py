"""The user's files: config.toml on first run, the routine folder, and where everything lives."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from deskbreak.app.config_file import load_settings
from deskbreak.app.paths import resolve_paths
from deskbreak.app.routine_library import load_library
from deskbreak.bundled import builtin_routines_dir
from deskbreak.core.settings import DEFAULTS

GOOD = """title = "Mine"
[[exercises]]
name = "Reach"
focus = "extension"
duration = "30s"
cues = ["Reach up."]
"""


def test_first_run_writes_commented_defaults_and_never_touches_the_file_again(tmp_path):
    config = tmp_path / "nested" / "config.toml"
    settings, problems = load_settings(config)
    assert settings == DEFAULTS and problems == []
    text = config.read_text()
    assert '# sit_limit = "45m"' in text and "never rewrites" in text
    config.write_text('sit_limit = "1h30m"\n')
    before = config.stat().st_mtime_ns
    settings, problems = load_settings(config)
    assert settings.sit_limit == timedelta(hours=1, minutes=30) and problems == []
    assert config.read_text() == 'sit_limit = "1h30m"\n'
    assert config.stat().st_mtime_ns == before


def test_unreadable_config_gives_defaults_and_names_the_file(tmp_path):
    config = tmp_path / "config.toml"
    config.write_bytes(b'sit_limit = "\xff\xfe"\n')
    settings, [problem] = load_settings(config)
    assert settings == DEFAULTS
    assert str(config) in str(problem) and "UTF-8" in str(problem)


def test_user_routines_load_beside_builtins_and_broken_ones_are_reported(tmp_path):
    user = tmp_path / "routines"
    user.mkdir()
    (user / "mine.toml").write_text(GOOD)
    (user / "upper-back-basics.toml").write_text(GOOD.replace("Mine", "My basics"))
    (user / "broken.toml").write_text("title = \n")
    library = load_library(builtin_routines_dir(), user)
    assert {"mine", "quick-reset", "deep-mobility", "upper-back-basics"} <= set(library.routines)
    assert library.routines["upper-back-basics"].title == "My basics"  # the user's copy wins
    assert "broken" not in library.routines
    [problem] = library.problems
    assert str(user / "broken.toml") in str(problem) and "not valid TOML" in str(problem)
    assert (user / "README.txt").exists()


def test_asking_for_an_unknown_routine_falls_back_and_says_so(tmp_path):
    library = load_library(builtin_routines_dir(), tmp_path / "routines")
    routine = library.choose("nope", "/cfg/config.toml")
    assert routine is not None and routine.id == "upper-back-basics"
    [problem] = library.problems
    assert "'nope'" in str(problem) and "/cfg/config.toml" in str(problem) and "quick-reset" in str(problem)


def test_builtin_routines_are_valid_and_short(tmp_path):
    library = load_library(builtin_routines_dir(), tmp_path / "routines")
    assert library.problems == []
    for routine in library.routines.values():
        assert timedelta(minutes=2) <= routine.total <= timedelta(minutes=5), routine.id


def test_deskbreak_home_holds_config_data_and_the_ipc_name(tmp_path):
    paths = resolve_paths({"DESKBREAK_HOME": str(tmp_path)})
    assert paths.config_file == tmp_path / "config.toml"
    assert paths.database == tmp_path / "history.sqlite3"
    assert paths.routines_dir == tmp_path / "routines"
    other = resolve_paths({"DESKBREAK_HOME": str(tmp_path / "other")})
    assert paths.server_name != other.server_name


def test_without_override_the_platform_user_dirs_are_used(monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", "/x/config")
    monkeypatch.setenv("XDG_DATA_HOME", "/x/data")
    paths = resolve_paths({})
    if os.name == "posix" and not Path("/System").exists():  # Linux/BSD: XDG
        assert paths.config_dir == Path("/x/config/deskbreak")
        assert paths.data_dir == Path("/x/data/deskbreak")
