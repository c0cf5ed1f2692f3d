"""One editor per kind of setting, each speaking the file's own words ("45m", "mon-fri").

A field shows a value written the way config.toml writes it and reports an edit the same way
(`edited`), so the settings window never needs to know what a field holds. A value the field
cannot show exactly (a hand-written "90s" in a minutes box) is shown as near as it can be and
is only written back once the user changes it.
"""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import QTime, Signal, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QWidget,
)

from ..core.calendar_values import DAY_NAMES, format_days, parse_days, parse_time_of_day
from ..core.durations import format_duration, parse_duration
from ..core.settings import Spec
from ..core.work_hours import WorkHours, format_work_hours, parse_work_hours
from .i18n import QT_TRANSLATE_NOOP, translate

DAY_LABELS = (
    QT_TRANSLATE_NOOP("DaysField", "Mon"),
    QT_TRANSLATE_NOOP("DaysField", "Tue"),
    QT_TRANSLATE_NOOP("DaysField", "Wed"),
    QT_TRANSLATE_NOOP("DaysField", "Thu"),
    QT_TRANSLATE_NOOP("DaysField", "Fri"),
    QT_TRANSLATE_NOOP("DaysField", "Sat"),
    QT_TRANSLATE_NOOP("DaysField", "Sun"),
)
FULL_DAYS = (
    QT_TRANSLATE_NOOP("DaysField", "Monday"),
    QT_TRANSLATE_NOOP("DaysField", "Tuesday"),
    QT_TRANSLATE_NOOP("DaysField", "Wednesday"),
    QT_TRANSLATE_NOOP("DaysField", "Thursday"),
    QT_TRANSLATE_NOOP("DaysField", "Friday"),
    QT_TRANSLATE_NOOP("DaysField", "Saturday"),
    QT_TRANSLATE_NOOP("DaysField", "Sunday"),
)


class Field(QWidget):
    """The editor of one setting; `edited` carries the new value in file form."""

    edited = Signal(str)

    def __init__(self, spec: Spec) -> None:
        super().__init__()
        self.spec = spec
        self._showing = False  # set_text() is not an edit
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)

    def _use(self, box: QWidget, signal: SignalInstance) -> None:
        """`box` is this field's one control; `signal` says it changed."""
        box.setAccessibleName(self.spec.key.replace("_", " "))
        signal.connect(self._changed)
        self.row.addWidget(box)
        self.row.addStretch(1)
        self.setFocusProxy(box)

    def set_text(self, text: str) -> None:
        self._showing = True
        try:
            self._show(text)
        except ValueError:
            self._show(self.spec.shown_default)  # a value the file reader refuses: its default
        finally:
            self._showing = False

    def _show(self, text: str) -> None:
        raise NotImplementedError

    def text(self) -> str:
        raise NotImplementedError

    def _changed(self, *_: object) -> None:
        if not self._showing:
            self.edited.emit(self.text())


class DurationField(Field):
    """Minutes in a spin box (durations in the file may also be hours or seconds). A value under
    a minute, which only the file can hold (for trying deskbreak out), shows as it is ("30 s")
    below 1 min, and stays what it was until the user picks a number of minutes."""

    def __init__(self, spec: Spec) -> None:
        super().__init__(spec)
        self.box = QSpinBox()
        self.lowest = max(1, int(spec.low.total_seconds() // 60))
        self.box.setRange(self.lowest, int(spec.high.total_seconds() // 60))
        self.box.setSuffix(self.tr(" min"))
        self._under_a_minute = ""  # the file's value when it is under a minute
        self._use(self.box, self.box.valueChanged)

    def _show(self, text: str) -> None:
        seconds = parse_duration(text).total_seconds()
        if seconds < 60:
            self._under_a_minute = format_duration(timedelta(seconds=seconds))
            self.box.setMinimum(0)  # the 0 step shows the file's value, not "0 min"
            self.box.setSpecialValueText(self.tr("{seconds} s").format(seconds=round(seconds)))
            self.box.setValue(0)
            return
        self._under_a_minute = ""
        self.box.setSpecialValueText("")
        self.box.setMinimum(self.lowest)
        self.box.setValue(max(self.lowest, round(seconds / 60)))

    def text(self) -> str:
        if self.box.value() == 0 and self._under_a_minute:
            return self._under_a_minute
        return format_duration(timedelta(minutes=self.box.value()))


class NumberField(Field):
    def __init__(self, spec: Spec) -> None:
        super().__init__(spec)
        self.box = QSpinBox()
        self.box.setRange(spec.least, spec.most)
        self._use(self.box, self.box.valueChanged)

    def _show(self, text: str) -> None:
        self.box.setValue(int(text))

    def text(self) -> str:
        return str(self.box.value())


class SwitchField(Field):
    def __init__(self, spec: Spec, label: str) -> None:
        super().__init__(spec)
        self.box = QCheckBox(label)
        self.box.toggled.connect(self._changed)
        self.row.addWidget(self.box)
        self.setFocusProxy(self.box)

    def _show(self, text: str) -> None:
        self.box.setChecked(text.strip().lower() == "true")

    def text(self) -> str:
        return "true" if self.box.isChecked() else "false"


class ChoiceField(Field):
    """One of a list: (file value, what the user reads)."""

    def __init__(self, spec: Spec, choices: list[tuple[str, str]]) -> None:
        super().__init__(spec)
        self.box = QComboBox()
        for value, label in choices:
            self.box.addItem(label, value)
        self._use(self.box, self.box.currentIndexChanged)

    def _show(self, text: str) -> None:
        index = self.box.findData(text.strip().lower() if self.spec.type == "day" else text.strip())
        if index < 0:  # a value no longer offered (a routine file removed): shown as it is
            self.box.addItem(text.strip(), text.strip())
            index = self.box.count() - 1
        self.box.setCurrentIndex(index)

    def text(self) -> str:
        return str(self.box.currentData())


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())


class TimeField(Field):
    def __init__(self, spec: Spec) -> None:
        super().__init__(spec)
        self.box = QTimeEdit()
        self.box.setDisplayFormat("HH:mm")
        self._use(self.box, self.box.timeChanged)

    def _show(self, text: str) -> None:
        self.box.setTime(_qtime(parse_time_of_day(text)))

    def text(self) -> str:
        return _time(self.box.time()).strftime("%H:%M")


class DaysField(Field):
    """Seven toggle buttons, Monday first; at least one stays on."""

    def __init__(self, spec: Spec) -> None:
        super().__init__(spec)
        self.buttons: list[QToolButton] = []
        for label, full in zip(DAY_LABELS, FULL_DAYS, strict=True):
            button = QToolButton()
            button.setText(self.tr(label))
            button.setCheckable(True)
            button.setAccessibleName(self.tr(full))
            button.toggled.connect(self._toggled)
            self.row.addWidget(button)
            self.buttons.append(button)
        self.row.addStretch(1)
        self.setFocusProxy(self.buttons[0])

    def _toggled(self, _: bool) -> None:
        if not self._showing and not any(b.isChecked() for b in self.buttons):
            self.sender().setChecked(True)  # type: ignore[attr-defined]  # no day at all: refused
            return
        self._changed()

    def _show(self, text: str) -> None:
        days = parse_days(text)
        for number, button in enumerate(self.buttons):
            button.setChecked(number in days)

    def text(self) -> str:
        return format_days(frozenset(n for n, b in enumerate(self.buttons) if b.isChecked()))


class HoursField(Field):
    """From, to, or any hour."""

    def __init__(self, spec: Spec) -> None:
        super().__init__(spec)
        self.always = QCheckBox(self.tr("Any hour"))
        # What unticking "Any hour" offers first when the file says "always": an office day.
        self.start, self.end = QTimeEdit(QTime(9, 0)), QTimeEdit(QTime(17, 0))
        for box, name in (
            (self.start, self.tr("working hours start")),
            (self.end, self.tr("working hours end")),
        ):
            box.setDisplayFormat("HH:mm")
            box.setAccessibleName(name)
            box.timeChanged.connect(self._changed)
        self.always.toggled.connect(self._always)
        self.row.addWidget(self.start)
        self.row.addWidget(self._dash())
        self.row.addWidget(self.end)
        self.row.addWidget(self.always)
        self.row.addStretch(1)
        self.setFocusProxy(self.start)

    @staticmethod
    def _dash() -> QWidget:
        from PySide6.QtWidgets import QLabel

        return QLabel(translate("HoursField", "to"))

    def _always(self, on: bool) -> None:
        self.start.setEnabled(not on)
        self.end.setEnabled(not on)
        self._changed()

    def _show(self, text: str) -> None:
        hours = parse_work_hours(text)
        self.always.setChecked(hours is None)
        if hours is not None:
            self.start.setTime(_qtime(hours.start))
            self.end.setTime(_qtime(hours.end))

    def text(self) -> str:
        if self.always.isChecked():
            return format_work_hours(None)
        start, end = _time(self.start.time()), _time(self.end.time())
        if start == end:  # the file refuses an empty day: an hour's span is the least
            end = time((end.hour + 1) % 24, end.minute)
        return format_work_hours(WorkHours(start, end))


def make_field(spec: Spec, switch_label: str, routines: list[tuple[str, str]]) -> Field:
    """The editor for `spec`; `routines` are the (id, title) a break can play."""
    if spec.type == "duration":
        return DurationField(spec)
    if spec.type == "whole number":
        return NumberField(spec)
    if spec.type == "true/false":
        return SwitchField(spec, switch_label)
    if spec.type == "day":
        days = [(name, translate("DaysField", full)) for name, full in zip(DAY_NAMES, FULL_DAYS, strict=True)]
        return ChoiceField(spec, days)
    if spec.type == "time of day":
        return TimeField(spec)
    if spec.type == "days":
        return DaysField(spec)
    if spec.type == "hours":
        return HoursField(spec)
    return ChoiceField(spec, routines)
