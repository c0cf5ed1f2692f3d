"""Re-read the user's files when they change, so edits apply without a restart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Slot

SETTLE_MS = 300  # editors save in several steps (write temp, rename); react once, after the last


class ConfigWatcher(QObject):
    """Watches config.toml and the routines folder (inotify and friends: no polling)."""

    def __init__(self, config_file: Path, routines_dir: Path, on_change: Callable[[], None]) -> None:
        super().__init__()
        self._config_file = config_file
        self._folder = str(config_file.parent)
        self._on_change = on_change
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

    @Slot()
    def _fire(self) -> None:
        # A save by rename drops the watch on the old file: watch the new one again.
        self._watch([self._config_file])
        self._on_change()
