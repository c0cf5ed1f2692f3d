"""Re-read the user's files when they change, so edits apply without a restart."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Slot

SETTLE_MS = 300  # editors save in several steps (write temp, rename); react once, after the last


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class ConfigWatcher(QObject):
    """Watches config.toml and the routines folder (inotify and friends: no polling).

    The config file's folder is watched too, to see the file come back after a save by rename;
    where it is also the data folder (macOS, Windows, DESKBREAK_HOME) every history write
    touches it, so a change is passed on only when the files themselves changed."""

    def __init__(self, config_file: Path, routines_dir: Path, on_change: Callable[[], None]) -> None:
        super().__init__()
        self._config_file, self._routines_dir = config_file, routines_dir
        self._folder = str(config_file.parent)
        self._on_change = on_change
        self._seen = self._stamps()
        self.watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self._fire)
        self.watcher.fileChanged.connect(self._changed)
        self.watcher.directoryChanged.connect(self._changed)
        self._watch([config_file.parent, routines_dir, config_file])

    def _watch(self, paths: list[Path]) -> None:
        existing = set(self.watcher.files()) | set(self.watcher.directories())
        wanted = [str(p) for p in paths if p.exists() and str(p) not in existing]
        if wanted:
            self.watcher.addPaths(wanted)

    @Slot(str)
    def _changed(self, path: str) -> None:
        if path == self._folder and str(self._config_file) in self.watcher.files():
            # Another file in config.toml's folder: with DESKBREAK_HOME the history database
            # (its journal comes and goes at every write) and the log. config.toml's own edits,
            # a save by rename or a delete included, come through its file watch; the folder
            # matters only while there is no file to watch (deleted, not yet created).
            return
        self._timer.start()

    def _stamps(self) -> tuple[object, ...]:
        """What the user's files look like now: the config file, and each routine file."""
        try:
            names = sorted(os.listdir(self._routines_dir))
        except OSError:
            names = []
        routines = tuple((name, _stamp(self._routines_dir / name)) for name in names)
        try:
            config: object = self._config_file.read_bytes()  # a few KB; exact, whatever the clock
        except OSError:
            config = None
        return config, routines

    @Slot()
    def _fire(self) -> None:
        # A save by rename drops the watch on the old file: watch the new one again.
        self._watch([self._config_file, self._routines_dir])
        stamps = self._stamps()
        if stamps != self._seen:
            self._seen = stamps
            self._on_change()
