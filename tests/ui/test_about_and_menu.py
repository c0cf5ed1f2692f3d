"""The tray menu as issue 10 lists it, and the About window: version and data folders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from deskbreak import __version__
from deskbreak.ui.about_window import AboutWindow
from deskbreak.ui.tray import Tray


def test_the_menu_offers_everything_in_order(qtbot):
    tray = Tray(QIcon(), "5 min")
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == [
        "deskbreak",
        "Take a break now",
        "Choose a routine…",
        "Snooze 5 min",
        "Snooze for",
        "Skip this break",
        "Pause",
        "Resume",
        "Weekly review…",
        "Program",
        "Recent breaks…",
        "Settings…",
        "Safety notice…",
        "0 problems with your files…",  # hidden while there are none
        "Welcome…",
        "About deskbreak…",
        "Quit deskbreak",
    ]
    assert not tray.problems.isVisible()
    fired: list[str] = []
    tray.settings_requested.connect(lambda: fired.append("settings"))
    tray.welcome_requested.connect(lambda: fired.append("welcome"))
    tray.about_requested.connect(lambda: fired.append("about"))
    for action in (tray.settings, tray.welcome, tray.about):
        action.trigger()
    assert fired == ["settings", "welcome", "about"]


def test_about_shows_the_version_and_opens_each_folder(qtbot, tmp_path):
    opened: list[Path] = []
    folders = [("Settings", tmp_path / "config"), ("History", tmp_path / "data")]
    window = AboutWindow(__version__, folders, opened.append)
    qtbot.addWidget(window)
    assert __version__ in window.version.text()
    for button in window.open_buttons:
        button.click()
    assert opened == [tmp_path / "config", tmp_path / "data"]
    names = [b.accessibleName() for b in window.open_buttons]
    assert names == ["Open the settings folder", "Open the history folder"]
