"""The settings window: every setting, shown as the file says, written back in the file's own
words once the user pauses, without clobbering a hand edit or an edit not yet written."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTime

from deskbreak.core.settings import SPECS
from deskbreak.ui.settings_fields import DaysField, DurationField, HoursField
from deskbreak.ui.settings_window import GROUPS, SettingsWindow, StartAtLogin

ROUTINES = [("program", "The 6-week program"), ("quick-reset", "Quick reset")]


class Store:
    """config.toml as the window sees it: values in file form; what was saved, and a refusal."""

    def __init__(self, **values: str) -> None:
        self.values = {spec.key: spec.shown_default for spec in SPECS} | values
        self.saved: list[dict[str, str]] = []
        self.refuse: str | None = None

    def save(self, changes: dict[str, str]) -> str | None:
        self.saved.append(changes)
        if self.refuse is None:
            self.values |= changes
        return self.refuse


@pytest.fixture
def store():
    return Store()


@pytest.fixture
def window(qtbot, store):
    w = SettingsWindow(store.values, store.save, ROUTINES)
    qtbot.addWidget(w)
    return w


def test_every_setting_is_in_exactly_one_group_and_each_control_has_a_name(window):
    keys = [key for _, rows in GROUPS for key, _, _ in rows]
    assert sorted(keys) == sorted(spec.key for spec in SPECS) and len(keys) == len(set(keys))
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Schedule",
        "Breaks and routines",
        "Goals",
        "Notifications",
        "Startup",
    ]
    for key, field in window.fields.items():
        assert field.accessibleName(), key
        assert field.accessibleDescription() == next(s.does for s in SPECS if s.key == key)


def test_it_shows_what_the_file_says(qtbot):
    store = Store(sit_limit="1h30m", work_days="mon,wed,fri", work_hours="always", routine="quick-reset")
    w = SettingsWindow(store.values, store.save, ROUTINES)
    qtbot.addWidget(w)
    assert isinstance(w.fields["sit_limit"], DurationField) and w.fields["sit_limit"].box.value() == 90
    days = w.fields["work_days"]
    assert isinstance(days, DaysField)
    assert [b.isChecked() for b in days.buttons] == [True, False, True, False, True, False, False]
    hours = w.fields["work_hours"]
    assert isinstance(hours, HoursField) and hours.always.isChecked() and not hours.start.isEnabled()
    assert w.fields["routine"].text() == "quick-reset"
    assert store.saved == []  # showing values writes nothing


def test_an_edit_is_written_in_file_form_once_the_user_pauses(window, store, qtbot):
    box = window.fields["sit_limit"].box
    box.setValue(4)  # typing "45": 4 first...
    box.setValue(45)  # ...then 45
    assert store.saved == []  # nothing yet: not a 4-minute limit on the way
    qtbot.waitUntil(lambda: store.saved != [], timeout=3000)
    assert store.saved == [{"sit_limit": "45m"}]
    window.fields["work_hours"].always.setChecked(True)
    window.fields["checkin_time"].box.setTime(QTime(9, 30))
    window.flush()
    assert store.saved[-1] == {"work_hours": "always", "checkin_time": "09:30"}


def test_a_refused_value_is_said_plainly(window, store):
    store.refuse = "config.toml: sit_limit: 500m is out of range"
    window.fields["sit_limit"].box.setValue(30)
    window.flush()
    assert window.problem.text() == store.refuse
    store.refuse = None
    window.fields["sit_limit"].box.setValue(31)
    window.flush()
    assert window.problem.text() == ""


def test_a_hand_edit_while_open_shows_up_but_an_edit_not_yet_written_is_kept(window, store):
    window.fields["snooze"].box.setValue(12)  # being edited, not written yet
    window.refresh(store.values | {"snooze": "3m", "daily_goal": "6"})  # the file changed by hand
    assert window.fields["daily_goal"].box.value() == 6
    assert window.fields["snooze"].box.value() == 12
    window.flush()
    assert store.saved == [{"snooze": "12m"}]  # daily_goal was not written back


def test_the_last_working_day_cannot_be_switched_off(qtbot):
    store = Store(work_days="wed")
    w = SettingsWindow(store.values, store.save, ROUTINES)
    qtbot.addWidget(w)
    days = w.fields["work_days"]
    assert isinstance(days, DaysField)
    days.buttons[2].click()
    assert days.buttons[2].isChecked()
    days.buttons[0].click()
    w.flush()
    assert store.saved == [{"work_days": "mon,wed"}]


def test_closing_writes_what_is_pending_and_escape_closes(window, store, qtbot):
    window.show()
    window.fields["daily_goal"].box.setValue(7)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()
    assert store.saved == [{"daily_goal": "7"}]


def test_start_at_login_is_set_and_a_failure_is_said_and_undone(qtbot, store):
    state = {"on": False, "trouble": None}

    def set_enabled(on: bool) -> str | None:
        if state["trouble"] is None:
            state["on"] = on
        return state["trouble"]

    w = SettingsWindow(store.values, store.save, ROUTINES, StartAtLogin(lambda: state["on"], set_enabled))
    qtbot.addWidget(w)
    w.login.setChecked(True)
    assert state["on"] is True
    state["trouble"] = "cannot write ~/.config/autostart/deskbreak.desktop (read-only)"
    w.login.setChecked(False)
    assert w.problem.text().startswith("cannot write") and w.login.isChecked() and state["on"] is True


def test_without_start_at_login_support_the_box_is_off_and_says_why(window):
    assert not window.login.isEnabled()


def test_each_number_says_its_range_and_the_box_keeps_to_it(window):
    from PySide6.QtWidgets import QLabel

    notes = " ".join(label.text() for label in window.findChildren(QLabel))
    assert "From 1 min to 8 h (under a minute: in config.toml)." in notes  # sit limit
    assert notes.count("From 1 min to 2 h.") == 2  # snooze, natural break
    assert "From 1 to 10." in notes and "From 1 to 20." in notes  # reminders, daily goal
    box = window.fields["sit_limit"].box  # type: ignore[attr-defined]
    box.setValue(10_000)
    assert box.value() == 8 * 60


def test_a_file_value_under_a_minute_shows_as_it_is_and_stays_until_minutes_are_chosen(qtbot):
    store = Store(sit_limit="30s")
    w = SettingsWindow(store.values, store.save, ROUTINES)
    qtbot.addWidget(w)
    field = w.fields["sit_limit"]
    assert field.box.text() == "30 s" and field.text() == "30s"  # type: ignore[attr-defined]
    w.flush()
    assert store.saved == []  # opening and closing writes nothing
    field.box.stepUp()  # type: ignore[attr-defined]
    assert field.text() == "1m"
    field.box.stepDown()  # type: ignore[attr-defined]
    assert field.text() == "30s"  # back to what the file had, not "0 min"
    w.flush()
    w.refresh(store.values | {"sit_limit": "45m"})  # a hand edit to whole minutes
    assert field.box.minimum() == 1 and field.box.text() == "45 min"  # type: ignore[attr-defined]


def test_unticking_any_hour_offers_an_office_day(qtbot):
    store = Store(work_hours="always")
    w = SettingsWindow(store.values, store.save, ROUTINES)
    qtbot.addWidget(w)
    hours = w.fields["work_hours"]
    assert isinstance(hours, HoursField) and hours.start.time() == QTime(9, 0)
    hours.always.setChecked(False)
    w.flush()
    assert store.saved == [{"work_hours": "09:00-17:00"}]
