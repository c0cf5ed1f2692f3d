"""`deskbreak config path | get | set`: what scripts see, the exit statuses, and a running app's
watcher picking up a change made from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from datetime import timedelta

import pytest

from deskbreak import atomic_write
from deskbreak.app.config_watch import ConfigWatcher
from deskbreak.app.configuration import load_configuration
from deskbreak.app.paths import resolve_paths
from deskbreak.cli import EPILOG, main
from deskbreak.core.settings import DEFAULTS, SPECS, settings_from_mapping


@pytest.fixture
def config():
    return resolve_paths().config_file  # inside this test's DESKBREAK_HOME


def test_path_prints_where_the_file_is_without_creating_it(config, capsys):
    assert main(["config", "path"]) == 0
    assert capsys.readouterr().out == f"{config}\n" and not config.exists()


def test_get_prints_the_value_in_force_as_typed(config, capsys):
    assert main(["config", "get", "sit_limit"]) == 0
    assert capsys.readouterr().out == "45m\n"
    assert main(["config", "set", "sit_limit", "1h 30m"]) == 0
    assert capsys.readouterr().out == 'sit_limit = "1h30m"\n'
    assert main(["config", "get", "sit_limit"]) == 0
    assert capsys.readouterr().out == "1h30m\n"
    assert main(["config", "set", "sit_limit", "90m"]) == 0
    assert capsys.readouterr().out == 'sit_limit = "1h30m" (unchanged)\n'


def test_get_without_a_key_lists_every_setting_as_toml_the_app_reads_alike(config, capsys):
    main(["config", "set", "work_days", "mon,wed,fri"])
    main(["config", "set", "heads_up", "true"])
    capsys.readouterr()
    assert main(["config", "get"]) == 0
    out = capsys.readouterr().out
    assert [line.split(" = ")[0] for line in out.splitlines()] == [spec.key for spec in SPECS]
    settings, problems = settings_from_mapping(tomllib.loads(out), "stdout")
    assert problems == [] and settings == load_configuration(resolve_paths()).settings != DEFAULTS


def test_a_refused_value_in_the_file_is_said_on_stderr_and_the_default_printed(config, capsys):
    config.parent.mkdir(parents=True)
    config.write_text('sit_limit = "0s"\n')
    assert main(["config", "get", "sit_limit"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "45m\n"
    assert captured.err == (
        f'deskbreak config get: {config}:1: sit_limit: "0s" is too short; allowed 1s..8h; '
        "using the default 45m\n"
    )


def test_a_bad_value_or_key_exits_2_naming_the_file_and_writes_nothing(config, capsys):
    assert main(["config", "set", "daily_goal", "40"]) == 2
    assert capsys.readouterr().err == (
        f"deskbreak config set: {config}: daily_goal: 40 is out of range; allowed 1 to 20\n"
    )
    assert main(["config", "set", "sitlimit", "30m"]) == 2
    assert "did you mean sit_limit?" in capsys.readouterr().err
    assert main(["config", "get", "dailygoal"]) == 2
    assert "did you mean daily_goal?" in capsys.readouterr().err
    assert not config.exists()


def test_a_syntax_error_or_a_failed_write_exits_1_and_leaves_the_file(config, capsys, monkeypatch):
    config.parent.mkdir(parents=True)
    config.write_text('heads_up = true\nsnooze = "5m\n')
    assert main(["config", "set", "sit_limit", "30m"]) == 1
    err = capsys.readouterr().err
    assert (
        err.startswith(f"deskbreak config set: {config}:2: not valid TOML") and "nothing was written" in err
    )
    assert main(["config", "get", "sit_limit"]) == 1
    config.write_text("heads_up = true\n")

    def no_rename(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_write.os, "replace", no_rename)
    assert main(["config", "set", "sit_limit", "30m"]) == 1
    assert "cannot be written (No space left on device); it is unchanged" in capsys.readouterr().err
    assert config.read_text() == "heads_up = true\n" and os.listdir(config.parent) == ["config.toml"]


@pytest.mark.parametrize("argv", [["config"], ["config", "set", "sit_limit"], ["config", "list"]])
def test_a_wrong_command_line_is_a_usage_error(argv, capsys):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2 and "usage: deskbreak config" in capsys.readouterr().err


@pytest.mark.parametrize("command", [[], ["path"], ["get"], ["set"]])
def test_each_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["config", *command, "--help"])
    out = capsys.readouterr().out
    assert exited.value.code == 0 and out.startswith("usage: deskbreak config")
    if command in (["get"], ["set"]):
        assert "sit_limit             1s..8h (default 45m)" in out
    assert "config path | get [KEY] | set KEY VALUE" in EPILOG


def test_the_installed_command_exits_with_the_documented_statuses(config):
    def run(*argv):
        return subprocess.run(
            [sys.executable, "-m", "deskbreak", "config", *argv], capture_output=True, text=True, timeout=60
        )

    done = run("set", "snooze", "10m")
    assert (done.returncode, done.stdout, done.stderr) == (0, 'snooze = "10m"\n', "")
    assert run("set", "snooze", "3h").returncode == 2
    assert run("get", "snooze").stdout == "10m\n"


def test_config_set_takes_effect_in_a_running_apps_watcher(config, qtbot):
    paths = resolve_paths()
    load_configuration(paths)  # first run: the commented template
    calls: list[int] = []
    watcher = ConfigWatcher(paths.config_file, paths.routines_dir, lambda: calls.append(1))
    assert main(["config", "set", "sit_limit", "20m"]) == 0
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=3000)
    assert load_configuration(paths).settings.sit_limit == timedelta(minutes=20)
    # The rename replaced the watched file: the next change is seen too.
    assert main(["config", "set", "sit_limit", "25m"]) == 0
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=3000)
    assert load_configuration(paths).settings.sit_limit == timedelta(minutes=25)
    assert main(["config", "set", "sit_limit", "25m"]) == 0  # unchanged: not written, no reload
    watcher._fire()  # what any change signal leads to, after the settle time
    assert calls == [1, 1]
    del watcher
