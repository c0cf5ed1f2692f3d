"""The settings window: every setting, grouped the way people think of them, in effect at once.

It edits config.toml through `save` (the app writes the file, keeping the user's comments and
layout, and the running app reloads it as after a hand edit): there is no Apply button. An edit
is written once the user pauses (SETTLE_MS), or leaves the field, so typing "45" never sets a
4-minute limit on the way. A hand edit of the file while the window is open comes in through
`refresh`, and changes every field except one with an edit not yet written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.settings import SPEC_BY_KEY
from .i18n import QT_TRANSLATE_NOOP
from .settings_fields import DurationField, Field, make_field

SETTLE_MS = 700
# (tab, [(key, title, what a check box says)]); every setting of core/settings.py is in one tab.
GROUPS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        QT_TRANSLATE_NOOP("SettingsWindow", "Schedule"),
        (
            ("sit_limit", QT_TRANSLATE_NOOP("SettingsWindow", "Remind after sitting for"), ""),
            ("snooze", QT_TRANSLATE_NOOP("SettingsWindow", "Snooze for"), ""),
            ("natural_break", QT_TRANSLATE_NOOP("SettingsWindow", "Away this long is a break"), ""),
            ("max_reminders", QT_TRANSLATE_NOOP("SettingsWindow", "Remind at most"), ""),
            ("work_days", QT_TRANSLATE_NOOP("SettingsWindow", "Working days"), ""),
            ("work_hours", QT_TRANSLATE_NOOP("SettingsWindow", "Working hours"), ""),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("SettingsWindow", "Breaks and routines"),
        (
            ("routine", QT_TRANSLATE_NOOP("SettingsWindow", "Routine"), ""),
            (
                "sounds",
                QT_TRANSLATE_NOOP("SettingsWindow", "Sounds"),
                QT_TRANSLATE_NOOP("SettingsWindow", "Play sound cues during a routine"),
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("SettingsWindow", "Goals"),
        (
            ("daily_goal", QT_TRANSLATE_NOOP("SettingsWindow", "Breaks a day"), ""),
            (
                "count_natural_breaks",
                QT_TRANSLATE_NOOP("SettingsWindow", "Natural breaks"),
                QT_TRANSLATE_NOOP("SettingsWindow", "Count time away toward the goal"),
            ),
            (
                "weekly_checkin",
                QT_TRANSLATE_NOOP("SettingsWindow", "Weekly check-in"),
                QT_TRANSLATE_NOOP("SettingsWindow", "Ask how my back has been each week"),
            ),
            ("checkin_day", QT_TRANSLATE_NOOP("SettingsWindow", "Check-in day"), ""),
            ("checkin_time", QT_TRANSLATE_NOOP("SettingsWindow", "Check-in time"), ""),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("SettingsWindow", "Notifications"),
        (
            (
                "notifications",
                QT_TRANSLATE_NOOP("SettingsWindow", "Reminders"),
                QT_TRANSLATE_NOOP("SettingsWindow", "Show a notification when a break is due"),
            ),
            (
                "heads_up",
                QT_TRANSLATE_NOOP("SettingsWindow", "Heads-up"),
                QT_TRANSLATE_NOOP("SettingsWindow", "A quiet notice a minute before"),
            ),
        ),
    ),
)


UNITS = {
    "max_reminders": QT_TRANSLATE_NOOP("SettingsWindow", " times"),
    "daily_goal": QT_TRANSLATE_NOOP("SettingsWindow", " breaks"),
}


def _note(text: str) -> QLabel:
    """A setting's explanation: smaller, in the palette's own text colour (full contrast)."""
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


class StartAtLogin:
    """How the window reads and sets "start at login" (platform/autostart.py does the work)."""

    def __init__(self, enabled: Callable[[], bool], set_enabled: Callable[[bool], str | None]) -> None:
        self.enabled, self.set_enabled = enabled, set_enabled


class SettingsWindow(QWidget):
    closed = Signal()

    def __init__(
        self,
        values: Mapping[str, str],
        save: Callable[[dict[str, str]], str | None],
        routines: list[tuple[str, str]],
        start_at_login: StartAtLogin | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("deskbreak settings"))
        self.setAccessibleName(self.tr("deskbreak settings"))
        self._save = save
        self._pending: dict[str, str] = {}
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self.flush)
        self.fields: dict[str, Field] = {}
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings groups"))
        for title, rows in GROUPS:
            self.tabs.addTab(self._page(rows, routines, self.tr(title)), self.tr(title))
        self.start_at_login = start_at_login
        self.tabs.addTab(self._startup_page(start_at_login), self.tr("Startup"))
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("problem"))
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.refresh(values)
        self.fields["sit_limit"].setFocus()  # the setting people come for first
        self.resize(640, 600)

    def _page(
        self, rows: tuple[tuple[str, str, str], ...], routines: list[tuple[str, str]], name: str
    ) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, title, switch in rows:
            spec = SPEC_BY_KEY[key]
            title = self.tr(title)
            field = make_field(spec, self.tr(switch) if switch else "", routines)
            if key in UNITS:
                field.box.setSuffix(self.tr(UNITS[key]))  # type: ignore[attr-defined]  # a NumberField
            field.setAccessibleName(title)
            field.setAccessibleDescription(spec.explanation)
            field.edited.connect(lambda text, key=key: self._edited(key, text))
            label = QLabel(title)
            label.setBuddy(field)
            help_text = _note(" ".join(filter(None, (spec.explanation, self._range(field)))))
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 6)
            column.addWidget(field)
            column.addWidget(help_text)
            form.addRow(label, holder)
            self.fields[key] = field
        scroll = QScrollArea()
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setAccessibleName(name)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the settings; focus scrolls to them
        return scroll

    def _range(self, field: Field) -> str:
        """ "From 1 min to 8 h." for a field with a spin box; the file may hold finer values."""
        if isinstance(field, DurationField):
            low, high = self._minutes(field.lowest), self._minutes(field.box.maximum())
            if field.spec.low < timedelta(minutes=1):
                return self.tr("From {low} to {high} (under a minute: in config.toml).").format(
                    low=low, high=high
                )
            return self.tr("From {low} to {high}.").format(low=low, high=high)
        box = getattr(field, "box", None)
        if not isinstance(box, QSpinBox):
            return ""
        return self.tr("From {low} to {high}.").format(low=box.minimum(), high=box.maximum())

    def _minutes(self, minutes: int) -> str:
        if minutes >= 60 and minutes % 60 == 0:
            return self.tr("%n h", "", minutes // 60)
        return self.tr("%n min", "", minutes)

    def _startup_page(self, start_at_login: StartAtLogin | None) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.login = QCheckBox(self.tr("Start deskbreak when I log in"))
        self.login.setAccessibleName(self.tr("Start at login"))
        if start_at_login is None:
            self.login.setEnabled(False)
            note = self.tr("Starting at login cannot be set up on this system.")
        else:
            self.login.setChecked(start_at_login.enabled())
            self.login.toggled.connect(self._login_toggled)
            note = self.tr(
                "deskbreak starts in the tray when you log in; turning it off removes what it added."
            )
        help_text = _note(note)
        column.addWidget(self.login)
        column.addWidget(help_text)
        column.addStretch(1)
        return page

    def _login_toggled(self, on: bool) -> None:
        assert self.start_at_login is not None
        trouble = self.start_at_login.set_enabled(on)
        if trouble:
            self.problem.setText(trouble)
            self.login.blockSignals(True)
            self.login.setChecked(self.start_at_login.enabled())
            self.login.blockSignals(False)
        else:
            self.problem.setText("")

    # -- writing ------------------------------------------------------------------------------

    def _edited(self, key: str, text: str) -> None:
        self._pending[key] = text
        self._timer.start()

    def flush(self) -> None:
        """Write the edits not yet written (also when the window closes or loses a field)."""
        self._timer.stop()
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        trouble = self._save(pending)
        self.problem.setText(trouble or "")

    def refresh(self, values: Mapping[str, str]) -> None:
        """The file as it is now (at opening, and after a hand edit): every field shows it, except
        one holding an edit not yet written."""
        for key, field in self.fields.items():
            if key not in self._pending:
                field.set_text(values.get(key, SPEC_BY_KEY[key].shown_default))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape or event.matches(QKeySequence.StandardKey.Close):
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.flush()
        self.closed.emit()
        super().closeEvent(event)
