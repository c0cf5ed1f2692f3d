"""The first-run welcome: what deskbreak does, then the few settings that shape a day (sit limit,
working days and hours, daily goal, start at login). The safety notice follows it.

Skippable: "Skip" keeps the defaults and counts as done, like "Start"; closing the window any
other way leaves it to come back at the next start. Reopenable from the tray. Takes plain data
and callables only (the same `save` as the settings window), so the app decides where it goes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.settings import SPEC_BY_KEY
from .i18n import QT_TRANSLATE_NOOP
from .safety_blocks import SoftLabel, bullets, heading
from .settings_fields import Field, make_field
from .settings_window import StartAtLogin

WHAT_IT_DOES = (
    QT_TRANSLATE_NOOP(
        "WelcomeWindow",
        "It notices long stretches of sitting from your keyboard and mouse and reminds you to move: "
        "a reminder waits while you are in a call, a window is fullscreen or do-not-disturb is on, "
        "and nothing counts outside your working hours.",
    ),
    QT_TRANSLATE_NOOP(
        "WelcomeWindow",
        "A break is a short guided routine, two to five minutes, that moves the upper back: bending, "
        "turning and side-bending it, and working the shoulder blades. Moving it regularly may ease "
        "the stiffness long sitting brings.",
    ),
    QT_TRANSLATE_NOOP(
        "WelcomeWindow",
        "It keeps every break in a history on this computer only, so you can see your weeks and "
        "whether the habit holds. Meaningful change takes weeks of regular practice.",
    ),
)
NOT_A_CLINICIAN = QT_TRANSLATE_NOOP(
    "WelcomeWindow",
    "It does not diagnose or treat anything; the safety notice after this says when to see a clinician.",
)
DAY_KEYS = (
    ("sit_limit", QT_TRANSLATE_NOOP("WelcomeWindow", "Remind me after sitting for")),
    ("work_days", QT_TRANSLATE_NOOP("WelcomeWindow", "I work on")),
    ("work_hours", QT_TRANSLATE_NOOP("WelcomeWindow", "Between")),
    ("daily_goal", QT_TRANSLATE_NOOP("WelcomeWindow", "Breaks a day I aim for")),
)


class WelcomeWindow(QDialog):
    """Emits `finished_welcome` on Start or Skip (then the app shows the safety notice)."""

    finished_welcome = Signal()

    def __init__(
        self,
        values: Mapping[str, str],
        save: Callable[[dict[str, str]], str | None],
        start_at_login: StartAtLogin | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to deskbreak"))
        self.setAccessibleName(self.tr("Welcome to deskbreak"))
        self._save = save
        self._edits: dict[str, str] = {}
        self.start_at_login = start_at_login
        self.pages = QStackedWidget()
        self.pages.addWidget(self._about_page())
        self.pages.addWidget(self._day_page(values))
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.skip = QPushButton(self.tr("Skip"))
        self.skip.setAccessibleDescription(self.tr("Keep the usual settings and start"))
        self.back = QPushButton(self.tr("Back"))
        self.next = QPushButton(self.tr("Next"))
        self.next.setDefault(True)
        self.skip.clicked.connect(self._skip)
        self.back.clicked.connect(lambda: self._go(0))
        self.next.clicked.connect(self._forward)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        em = self.fontMetrics().height()
        layout.setContentsMargins(em, em, em, em * 3 // 4)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self._go(0)
        self.resize(560, 460)

    def _about_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(heading(self.tr("Welcome to deskbreak"), 1.5))
        column.addWidget(
            SoftLabel(self.tr("deskbreak lives in the system tray and helps you break up long sitting."))
        )
        column.addWidget(bullets(tuple(self.tr(t) for t in WHAT_IT_DOES), self.tr("What deskbreak does")))
        column.addWidget(SoftLabel(self.tr(NOT_A_CLINICIAN)))
        column.addStretch(1)
        return page

    def _day_page(self, values: Mapping[str, str]) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(heading(self.tr("Your working day"), 1.5))
        column.addWidget(
            SoftLabel(self.tr("You can change all of this later under Settings in the tray menu."))
        )
        form = QFormLayout()
        self.fields: dict[str, Field] = {}
        for key, title in DAY_KEYS:
            spec, title = SPEC_BY_KEY[key], self.tr(title)
            field = make_field(spec, "", [])
            field.set_text(values.get(key, spec.shown_default))
            field.setAccessibleName(title)
            field.setAccessibleDescription(spec.explanation)
            field.edited.connect(lambda text, key=key: self._edits.__setitem__(key, text))
            label = QLabel(title)
            label.setBuddy(field)
            form.addRow(label, field)
            self.fields[key] = field
        column.addLayout(form)
        self.login = QCheckBox(self.tr("Start deskbreak when I log in"))
        self.login.setAccessibleName(self.tr("Start at login"))
        self.login.setChecked(start_at_login_default(self.start_at_login))
        self.login.setEnabled(self.start_at_login is not None)
        column.addWidget(self.login)
        column.addStretch(1)
        return page

    def _go(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        last = index == self.pages.count() - 1
        self.back.setVisible(index > 0)
        self.next.setText(self.tr("Start") if last else self.tr("Next"))
        self.next.setAccessibleDescription(
            self.tr("Save these and start") if last else self.tr("The next page")
        )
        self.next.setFocus()  # Return goes on (Skip is a deliberate Tab or click away)

    def _forward(self) -> None:
        if self.pages.currentIndex() < self.pages.count() - 1:
            self._go(self.pages.currentIndex() + 1)
            return
        trouble = self._save(dict(self._edits)) if self._edits else None
        if self.start_at_login is not None and self.login.isChecked() != self.start_at_login.enabled():
            trouble = self.start_at_login.set_enabled(self.login.isChecked()) or trouble
        if trouble:
            self.problem.setText(trouble)  # said, and the window stays: nothing is lost
            return
        self._done()

    def _skip(self) -> None:
        self._done()

    def _done(self) -> None:
        self.finished_welcome.emit()
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.reject()  # not finished: it comes back at the next start
            return
        super().keyPressEvent(event)


def start_at_login_default(start_at_login: StartAtLogin | None) -> bool:
    """Offered ticked on first run (a tray app is meant to start with the session), unless it
    cannot be set up here."""
    return start_at_login is not None
