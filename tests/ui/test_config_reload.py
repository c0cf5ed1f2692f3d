"""Editing config.toml while the app runs takes effect without a restart."""

from __future__ import annotations

from datetime import timedelta

from deskbreak.app.config_watch import ConfigWatcher
from deskbreak.app.configuration import load_configuration
from deskbreak.app.paths import Paths


def test_watcher_fires_once_after_an_edit_and_after_a_save_by_rename(qtbot, tmp_path):
    paths = Paths(tmp_path, tmp_path)
    load_configuration(paths)  # first run: writes config.toml and the routines folder
    calls: list[int] = []
    watcher = ConfigWatcher(paths.config_file, paths.routines_dir, lambda: calls.append(1))
    paths.config_file.write_text('sit_limit = "30m"\n')
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=3000)

    # Editors often write a temporary file and rename it over the original.
    temp = tmp_path / "config.toml.tmp"
    temp.write_text('sit_limit = "20m"\n')
    temp.replace(paths.config_file)
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=3000)
    paths.config_file.write_text('sit_limit = "25m"\n')
    qtbot.waitUntil(lambda: len(calls) == 3, timeout=3000)
    assert load_configuration(paths).settings.sit_limit == timedelta(minutes=25)
    del watcher


def test_new_routine_file_is_picked_up(qtbot, tmp_path):
    paths = Paths(tmp_path, tmp_path)
    load_configuration(paths)
    calls: list[int] = []
    watcher = ConfigWatcher(paths.config_file, paths.routines_dir, lambda: calls.append(1))
    (paths.routines_dir / "mine.toml").write_text(
        'title = "Mine"\n[[exercises]]\nname = "A"\nfocus = "rotation"\nduration = "20s"\ncues = ["x"]\n'
    )
    qtbot.waitUntil(lambda: calls != [], timeout=3000)
    paths.config_file.write_text('routine = "mine"\n')
    qtbot.waitUntil(lambda: len(calls) >= 2, timeout=3000)
    assert load_configuration(paths).routine.title == "Mine"
    del watcher


def test_other_files_in_the_folder_do_not_reload_but_a_new_config_file_does(qtbot, tmp_path):
    # With DESKBREAK_HOME the history database and its journal sit beside config.toml.
    paths = Paths(tmp_path, tmp_path)
    load_configuration(paths)
    calls: list[int] = []
    watcher = ConfigWatcher(paths.config_file, paths.routines_dir, lambda: calls.append(1))
    journal = tmp_path / "history.sqlite3-journal"
    for _ in range(3):
        journal.write_bytes(b"x")
        journal.unlink()
    qtbot.wait(600)  # twice the settle time
    assert calls == []

    paths.config_file.unlink()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=3000)
    paths.config_file.write_text('sit_limit = "35m"\n')  # created again: seen through the folder
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=3000)
    paths.config_file.write_text('sit_limit = "40m"\n')  # and watched as a file again
    qtbot.waitUntil(lambda: len(calls) == 3, timeout=3000)
    del watcher
