"""The user's files: config.toml on first run, the routine folder, and where everything lives."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from deskbreak.app.config_file import load_settings
from deskbreak.app.paths import resolve_paths
from deskbreak.app.routine_library import load_library
from deskbreak.bundled import builtin_routines_dir
from deskbreak.core.exercises import GET_READY
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
    assert '# sit_limit = "45m"' in text and "changes this file only when you ask" in text
    config.write_text('sit_limit = "1h30m"\n')
    before = config.stat().st_mtime_ns
    settings, problems = load_settings(config)
    assert settings.sit_limit == timedelta(hours=1, minutes=30) and problems == []
    assert config.read_text() == 'sit_limit = "1h30m"\n'
    assert config.stat().st_mtime_ns == before


def test_unreadable_config_gives_defaults_and_names_the_file(tmp_path):
    config = tmp_path / "config.toml"
    config.write_bytes(b'# mine\nsit_limit = "\xff\xfe"\n')
    settings, [problem] = load_settings(config)
    assert settings == DEFAULTS
    assert (
        str(problem)
        == f"{config}: is not UTF-8 text (byte 0xff on line 2); save it as UTF-8; using all defaults"
    )


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
    assert str(problem).startswith(f"{user / 'broken.toml'}:1: not valid TOML")
    assert str(problem).endswith("; skipped")
    assert (user / "README.txt").exists()
    assert "1 to 30 exercises" in (user / "README.txt").read_text()


def test_asking_for_an_unknown_routine_falls_back_and_says_so(tmp_path):
    library = load_library(builtin_routines_dir(), tmp_path / "routines")
    routine = library.choose("nope", "/cfg/config.toml")
    assert routine is not None and routine.id == "upper-back-basics"
    [problem] = library.problems
    assert '"nope"' in str(problem) and "/cfg/config.toml" in str(problem) and "quick-reset" in str(problem)


def test_builtin_routines_are_valid_and_short(tmp_path):
    library = load_library(builtin_routines_dir(), tmp_path / "routines")
    assert library.problems == []
    for routine in library.routines.values():
        with_get_ready = routine.total + GET_READY * len(routine.exercises)
        assert timedelta(minutes=1) <= with_get_ready <= timedelta(minutes=5), routine.id


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


def test_user_files_with_a_bom_and_crlf_line_ends_are_read(tmp_path):
    config = tmp_path / "config.toml"
    config.write_bytes('\ufeffsit_limit = "1h"\r\nsnooze = "2m"\r\n'.encode())
    settings, problems = load_settings(config)
    assert (settings.sit_limit, settings.snooze, problems) == (timedelta(hours=1), timedelta(minutes=2), [])
    user = tmp_path / "routines"
    user.mkdir()
    (user / "mine.toml").write_bytes(("\ufeff" + GOOD).replace("\n", "\r\n").encode())
    library = load_library(builtin_routines_dir(), user)
    assert library.problems == [] and library.routines["mine"].title == "Mine"


def test_one_broken_routine_is_skipped_with_its_line_and_the_rest_load(tmp_path):
    user = tmp_path / "routines"
    user.mkdir()
    (user / "a.toml").write_text(GOOD)
    (user / "b.toml").write_text(GOOD.replace('"30s"', '"0s"'))
    (user / "c.toml").write_bytes(GOOD.encode().replace(b"Reach up.", b"Reach \xff up."))
    (user / "d.toml").mkdir()  # a folder with a routine's name cannot be read
    library = load_library(builtin_routines_dir(), user)
    assert {"a", "deep-mobility"} <= set(library.routines) and not {"b", "c", "d"} & set(library.routines)
    messages = [str(p) for p in library.problems]
    assert (
        messages[0]
        == f'{user / "b.toml"}:5: exercise 1 (Reach), duration: "0s" is too short; allowed 1s..5m; skipped'
    )
    assert (
        messages[1]
        == f"{user / 'c.toml'}: is not UTF-8 text (byte 0xff on line 6); save it as UTF-8; skipped"
    )
    assert messages[2].startswith(f"{user / 'd.toml'}: cannot be read")
    library.choose("b", "/cfg/config.toml", 4)
    assert str(library.problems[-1]) == (
        f'/cfg/config.toml:4: routine: the routine "b" cannot be used '
        f"(see the problem in {user / 'b.toml'}); "
        "using upper-back-basics"
    )


def _paths(tmp_path):
    from deskbreak.app.paths import Paths

    return Paths(tmp_path, tmp_path)


def test_at_start_a_syntax_error_gives_the_defaults_with_its_line(tmp_path):
    from deskbreak.app.configuration import load_configuration

    paths = _paths(tmp_path)
    paths.config_file.write_text('sit_limit = "30m"\nsnooze = 5m\n')
    config = load_configuration(paths)
    assert config.settings == DEFAULTS
    [problem] = config.problems
    assert str(problem).startswith(f"{paths.config_file}:2: not valid TOML")
    assert str(problem).endswith("using all defaults")


def test_while_running_a_broken_config_keeps_the_settings_in_force(tmp_path):
    from deskbreak.app.configuration import load_configuration

    paths = _paths(tmp_path)
    paths.config_file.write_text('sit_limit = "30m"\nroutine = "quick-reset"\n')
    good = load_configuration(paths)
    assert good.problems == () and good.settings.sit_limit == timedelta(minutes=30)

    paths.config_file.write_text('sit_limit = "20m\n')  # half-saved
    kept = load_configuration(paths, last_good=good)
    assert kept.settings == good.settings and kept.routine == good.routine
    [problem] = kept.problems
    assert problem.line == 1 and "keeping the settings in force" in str(problem)

    paths.config_file.write_bytes(b'sit_limit = "\xff"\n')
    assert load_configuration(paths, last_good=good).settings == good.settings

    # a single bad value is not a broken file: that key falls back to its default, the rest apply
    paths.config_file.write_text('sit_limit = "0s"\nroutine = "quick-reset"\n')
    fresh = load_configuration(paths, last_good=good)
    assert fresh.settings.sit_limit == DEFAULTS.sit_limit and fresh.routine.id == "quick-reset"
    [problem] = fresh.problems
    assert problem.line == 1 and "using the default 45m" in str(problem)


def test_while_running_a_broken_routine_file_keeps_its_last_good_version(tmp_path):
    from deskbreak.app.configuration import load_configuration

    paths = _paths(tmp_path)
    paths.config_file.write_text('routine = "mine"\n')
    paths.routines_dir.mkdir()
    mine = paths.routines_dir / "mine.toml"
    mine.write_text(GOOD)
    good = load_configuration(paths)
    assert good.routine.title == "Mine"

    mine.write_text(GOOD.replace("Reach up.", ""))
    kept = load_configuration(paths, last_good=good)
    assert kept.routine == good.routine
    assert [p.file for p in kept.problems] == [str(mine), str(mine)]
    assert kept.problems[0].line == 6 and "keeping the last good version" in str(kept.problems[1])

    # at start there is no last good version: the default routine, and the config line that chose it
    fresh = load_configuration(paths)
    assert fresh.routine.id == "upper-back-basics"
    assert str(fresh.problems[-1]).startswith(
        f'{paths.config_file}:1: routine: the routine "mine" cannot be used'
    )
