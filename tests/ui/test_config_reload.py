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


def test_a_history_write_in_the_same_folder_is_not_a_change_of_settings(qtbot, tmp_path):
    """On macOS and Windows the config and data folders are one: each history write (its journal
    comes and goes) touches the folder the watcher needs; only a real edit reloads."""
    paths = Paths(tmp_path, tmp_path)
    load_configuration(paths)
    calls: list[int] = []
    watcher = ConfigWatcher(paths.config_file, paths.routines_dir, lambda: calls.append(1))
    from deskbreak.storage.database import connect

    conn = connect(tmp_path / "history.sqlite3")
    conn.execute("INSERT INTO app_state (key, value) VALUES ('x', 'y')")
    watcher._fire()  # what the folder's change signal leads to, after the settle time
    assert calls == []
    text = paths.config_file.read_text()
    assert '# sit_limit = "45m"' in text
    paths.config_file.write_text(text.replace('# sit_limit = "45m"', 'sit_limit = "30m"'))
    watcher._fire()
    assert calls == [1]
    # The same size, within the same second: told apart by what it says.
    paths.config_file.write_text(text.replace('# sit_limit = "45m"', 'sit_limit = "40m"'))
    watcher._fire()
    assert calls == [1, 1]
    conn.close()


def test_a_deleted_config_file_is_seen_coming_back_and_watched_again(qtbot, tmp_path):
    paths = Paths(tmp_path, tmp_path)
    load_configuration(paths)
    calls: list[int] = []
    watcher = ConfigWatcher(paths.config_file, paths.routines_dir, lambda: calls.append(1))
    paths.config_file.unlink()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=3000)
    paths.config_file.write_text('sit_limit = "35m"\n')  # created again: seen through the folder
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=3000)
    paths.config_file.write_text('sit_limit = "40m"\n')  # and watched as a file again
    qtbot.waitUntil(lambda: len(calls) == 3, timeout=3000)
    del watcher
