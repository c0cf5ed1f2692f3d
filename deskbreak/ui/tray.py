"""The tray icon and its menu."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, SignalInstance, Slot
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from .i18n import QT_TRANSLATE_NOOP, english_plural
from .tray_art import ArtKey, TrayArt, art_key
from .view_data import TrayView

SNOOZES = (
    (QT_TRANSLATE_NOOP("Tray", "For 10 minutes"), 10),
    (QT_TRANSLATE_NOOP("Tray", "For 15 minutes"), 15),
    (QT_TRANSLATE_NOOP("Tray", "For 30 minutes"), 30),
    (QT_TRANSLATE_NOOP("Tray", "For an hour"), 60),
)
PAUSES = (
    (QT_TRANSLATE_NOOP("Tray", "For 30 minutes"), "30m"),
    (QT_TRANSLATE_NOOP("Tray", "For an hour"), "1h"),
    (QT_TRANSLATE_NOOP("Tray", "Until tomorrow"), "tomorrow"),
    (QT_TRANSLATE_NOOP("Tray", "Until I resume"), "resume"),
)


class Tray(QObject):
    """QSystemTrayIcon plus its menu; every menu entry is a signal for the controller."""

    break_requested = Signal()
    snooze_requested = Signal()
    snooze_for_requested = Signal(int)  # minutes
    skip_requested = Signal()
    history_requested = Signal()
    review_requested = Signal()
    settings_requested = Signal()
    routines_requested = Signal()
    pause_requested = Signal(str)  # "30m", "1h", "tomorrow" or "resume" (no end)
    resume_requested = Signal()
    safety_requested = Signal()
    problems_requested = Signal()
    welcome_requested = Signal()
    about_requested = Signal()
    quit_requested = Signal()
    menu_opened = Signal()

    def __init__(self, icon: QIcon, snooze_label: str) -> None:
        """`icon` is the app's icon (for messages); the live tray icon is drawn (tray_art.py)."""
        super().__init__()
        self._icon = icon
        self.art = TrayArt()
        self._shown: ArtKey | None = None  # the picture on show: a new one is set only on change
        self.icon = QSystemTrayIcon()
        self.menu = QMenu()
        self.headline = self.menu.addAction("deskbreak")
        self.headline.setEnabled(False)
        self.menu.addSeparator()
        self.take_break = self._add(self.tr("Take a break now"), self.break_requested)
        self.routines = self._add(self.tr("Choose a routine…"), self.routines_requested)
        self.snooze = self._add(
            self.tr("Snooze {duration}").format(duration=snooze_label), self.snooze_requested
        )
        self.snooze_menu = self.menu.addMenu(self.tr("Snooze for"))
        for text, minutes in SNOOZES:
            action = self.snooze_menu.addAction(self.tr(text))
            action.triggered.connect(lambda _=False, m=minutes: self.snooze_for_requested.emit(m))
        self.skip = self._add(self.tr("Skip this break"), self.skip_requested)
        self.pause_menu = self.menu.addMenu(self.tr("Pause"))
        for text, choice in PAUSES:
            action = self.pause_menu.addAction(self.tr(text))
            action.triggered.connect(lambda _=False, c=choice: self.pause_requested.emit(c))
        self.resume = self._add(self.tr("Resume"), self.resume_requested)
        self.menu.addSeparator()
        self.review = self._add(self.tr("Weekly review…"), self.review_requested)
        self.program_menu = self.menu.addMenu(self.tr("Program"))
        self.program_menu.menuAction().setVisible(False)  # shown once the program is loaded
        self.history = self._add(self.tr("Recent breaks…"), self.history_requested)
        self.settings = self._add(self.tr("Settings…"), self.settings_requested)
        self.safety = self._add(self.tr("Safety notice…"), self.safety_requested)
        self.problems = self._add(self.tr("Problems with your files…"), self.problems_requested)
        self.menu.addSeparator()
        self.welcome = self._add(self.tr("Welcome…"), self.welcome_requested)
        self.about = self._add(self.tr("About deskbreak…"), self.about_requested)
        self.quit = self._add(self.tr("Quit deskbreak"), self.quit_requested)
        self.icon.setContextMenu(self.menu)
        self.menu.aboutToShow.connect(self.menu_opened)
        self.icon.activated.connect(self._activated)
        self.render(TrayView("deskbreak", "deskbreak", due=False, problems=0))

    def _add(self, text: str, signal: SignalInstance) -> QAction:
        action = self.menu.addAction(text)
        action.triggered.connect(signal)
        return action

    @Slot(QSystemTrayIcon.ActivationReason)
    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            # A left click refreshes the tooltip's figures; the menu is on the right button.
            self.menu_opened.emit()

    def render(self, view: TrayView) -> None:
        if view.tooltip != self.icon.toolTip():
            self.icon.setToolTip(view.tooltip)
        self.headline.setText(view.headline)
        self.take_break.setEnabled(not view.on_break)
        self.routines.setEnabled(not view.on_break)
        self.pause_menu.menuAction().setVisible(not view.paused)
        self.pause_menu.setEnabled(not view.on_break)
        self.resume.setVisible(view.paused)
        self.snooze.setEnabled(view.due)
        self.snooze_menu.setEnabled(view.due)
        self.skip.setEnabled(view.due)
        self.problems.setVisible(view.problems > 0)
        problems = self.tr("%n problem(s) with your files…", "", view.problems)
        self.problems.setText(english_plural(problems, view.problems))
        key = art_key(view.look, view.progress)
        if key != self._shown:  # most checks change only the tooltip's minutes: no redraw
            self.icon.setIcon(self.art.icon(key))
            self._shown = key

    @property
    def shown(self) -> ArtKey | None:
        """The look and ring step on show."""
        return self._shown

    def describe(self) -> dict[str, object]:
        """Whether the icon really sits in a tray, for `deskbreak status --json`."""
        rect = self.icon.geometry()
        return {
            "available": QSystemTrayIcon.isSystemTrayAvailable(),
            "visible": self.icon.isVisible(),
            "geometry": [rect.x(), rect.y(), rect.width(), rect.height()],
        }

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def show_message(self, title: str, body: str) -> None:
        self.icon.showMessage(title, body, self._icon, 15_000)
