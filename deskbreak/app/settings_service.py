"""The settings window, the first-run welcome and About, as the app opens them.

Both edit config.toml through app/config_edit.py (comments and layout kept, written atomically,
a hand edit made meanwhile kept); the running app's config watcher then applies the change as it
does after a hand edit, and `reloaded()` shows the file as it is now in an open window. One
window of each at a time; asking again brings the open one forward.

First run: a new user (the safety notice never read) gets the welcome, then the safety notice;
someone who used deskbreak before the welcome existed is not shown it. Finishing or skipping the
welcome is remembered in the history's app state; closing it otherwise brings it back next time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot

if TYPE_CHECKING:
    from ..storage.break_log import BreakLog
    from ..ui.settings_window import StartAtLogin
    from .program_service import ProgramService

WELCOME_KEY = "welcome"  # app_state: "done" once the welcome was finished or skipped
PROGRAM_CHOICE = ("program", "The 6-week program (a routine picked for each break)")


def system_start_at_login() -> StartAtLogin | None:
    """Start at login as this OS does it (platform/autostart.py); a failure is said in words."""
    from ..platform.autostart import AutostartError, create_autostart
    from ..ui.settings_window import StartAtLogin

    try:
        autostart = create_autostart()
    except (AutostartError, OSError):
        return None

    def enabled() -> bool:
        try:
            return autostart.enabled()
        except (AutostartError, OSError):
            return False

    def set_enabled(on: bool) -> str | None:
        try:
            autostart.enable() if on else autostart.disable()
        except (AutostartError, OSError) as exc:
            return str(exc)
        return None

    return StartAtLogin(enabled, set_enabled)


def _open_folder(path: Path) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    path.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class SettingsService(QObject):
    def __init__(
        self,
        config_file: Path,
        break_log: BreakLog,
        program: ProgramService,
        start_at_login: Callable[[], StartAtLogin | None] = system_start_at_login,
    ) -> None:
        super().__init__()
        self.config_file = config_file
        self.log = break_log
        self.program = program
        self.start_at_login = start_at_login
        self.settings_window: Any = None
        self.welcome_window: Any = None
        self.about_window: Any = None

    # -- what the windows read and write ---------------------------------------------------

    # config_edit (tomlkit, difflib) is imported when a window first reads or writes the file,
    # and Qt's namespace (~1 MiB of enums once built) when one opens: the tray idles without both.

    def values(self) -> dict[str, str]:
        from .config_edit import ConfigFileError, read_settings

        try:
            return read_settings(self.config_file).values
        except ConfigFileError:
            return {}  # a file that cannot be read: the windows show the defaults

    def save(self, changes: dict[str, str]) -> str | None:
        """Write `changes`; the problem in words, or None when written."""
        from .config_edit import ConfigFileError, SettingRefused, set_values

        try:
            set_values(self.config_file, changes)
        except (SettingRefused, ConfigFileError) as exc:
            return str(exc)
        return None

    def routines(self) -> list[tuple[str, str]]:
        library = self.program.config.library
        mine = sorted((rid, routine.title) for rid, routine in library.routines.items())
        return [PROGRAM_CHOICE, *mine]

    # -- windows ---------------------------------------------------------------------------

    @Slot()
    def open_settings(self) -> None:
        if self._bring_forward(self.settings_window):
            return
        from ..ui.settings_window import SettingsWindow

        window = SettingsWindow(self.values(), self.save, self.routines(), self.start_at_login())
        window.destroyed.connect(self._settings_gone)
        self.settings_window = window
        self._show(window)

    def _settings_gone(self, _: object = None) -> None:
        self.settings_window = None

    def reloaded(self) -> None:
        """config.toml changed (by hand, or by us): an open window shows it as it is now."""
        if self.settings_window is not None:
            self.settings_window.refresh(self.values())

    @Slot()
    def first_run(self) -> None:
        """The welcome for a new user, then the safety notice (until each is done)."""
        done = self.log.value(WELCOME_KEY) == "done"
        if not done and self.program._load() and self.program.profile.safety_seen:
            self.log.set_value(WELCOME_KEY, "done")  # used deskbreak before the welcome existed
            done = True
        if done:
            self.program.first_run()
        else:
            self.open_welcome()

    @Slot()
    def open_welcome(self) -> None:
        if self._bring_forward(self.welcome_window):
            return
        from ..ui.welcome_window import WelcomeWindow

        window = WelcomeWindow(self.values(), self.save, self.start_at_login())
        window.finished_welcome.connect(lambda: self.log.set_value(WELCOME_KEY, "done"))
        window.finished.connect(lambda _: self.program.first_run())  # then the safety notice
        window.destroyed.connect(self._welcome_gone)
        self.welcome_window = window
        self._show(window)

    def _welcome_gone(self, _: object = None) -> None:
        self.welcome_window = None

    @classmethod
    def _bring_forward(cls, window: Any) -> bool:
        if window is None:
            return False
        cls._show(window)
        return True

    @staticmethod
    def _show(window: Any) -> None:
        from PySide6.QtCore import Qt  # Qt's namespace (~1 MiB of enums): only once a window opens

        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.show()
        window.raise_()
        window.activateWindow()

    @Slot()
    def open_about(self, folders: list[tuple[str, Path]]) -> None:
        if self._bring_forward(self.about_window):
            return
        from .. import __version__
        from ..ui.about_window import AboutWindow

        window = AboutWindow(__version__, folders, _open_folder)
        window.destroyed.connect(self._about_gone)
        self.about_window = window
        self._show(window)

    def _about_gone(self, _: object = None) -> None:
        self.about_window = None

    def close(self) -> None:
        for window in (self.settings_window, self.welcome_window, self.about_window):
            if window is not None:
                window.close()
