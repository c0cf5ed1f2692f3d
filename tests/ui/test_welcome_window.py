"""The first-run welcome: two pages, what it does and the working day; Start saves what was
changed and sets up start at login; Skip keeps the defaults; Escape leaves it for next time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from deskbreak.core.settings import SPECS
from deskbreak.ui.settings_window import StartAtLogin
from deskbreak.ui.welcome_window import WelcomeWindow


class Login:
    def __init__(self, trouble: str | None = None) -> None:
        self.on, self.trouble = False, trouble

    def set(self, on: bool) -> str | None:
        if self.trouble is None:
            self.on = on
        return self.trouble


@pytest.fixture
def parts(qtbot):
    saved: list[dict[str, str]] = []
    login = Login()
    values = {spec.key: spec.shown_default for spec in SPECS}
    window = WelcomeWindow(
        values, lambda c: saved.append(c) or None, StartAtLogin(lambda: login.on, login.set)
    )
    qtbot.addWidget(window)
    done: list[bool] = []
    window.finished_welcome.connect(lambda: done.append(True))
    return window, saved, login, done


def test_next_then_start_saves_only_what_changed_and_sets_up_start_at_login(parts):
    window, saved, login, done = parts
    assert window.pages.currentIndex() == 0 and window.next.text() == "Next" and window.back.isHidden()
    window.next.click()
    assert window.next.text() == "Start" and not window.back.isHidden()
    window.fields["sit_limit"].box.setValue(50)
    window.fields["daily_goal"].box.setValue(6)
    assert window.login.isChecked()  # offered ticked
    window.next.click()
    assert saved == [{"sit_limit": "50m", "daily_goal": "6"}]
    assert login.on and done == [True] and not window.isVisible()


def test_skip_keeps_the_defaults_and_counts_as_done(parts):
    window, saved, login, done = parts
    window.skip.click()
    assert saved == [] and not login.on and done == [True]


def test_escape_leaves_it_for_next_time(parts, qtbot):
    window, saved, _, done = parts
    window.show()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible() and done == [] and saved == []


def test_a_failure_is_said_and_the_window_stays(qtbot):
    login = Login(trouble="cannot write the autostart entry: read-only folder")
    values = {spec.key: spec.shown_default for spec in SPECS}
    window = WelcomeWindow(values, lambda c: None, StartAtLogin(lambda: login.on, login.set))
    qtbot.addWidget(window)
    window.show()
    window.next.click()
    window.next.click()
    assert window.isVisible() and "read-only" in window.problem.text()


def test_without_start_at_login_support_the_box_is_off(qtbot):
    window = WelcomeWindow({}, lambda c: None, None)
    qtbot.addWidget(window)
    assert not window.login.isEnabled() and not window.login.isChecked()
    assert window.fields["work_hours"].text() == "09:00-18:00"  # defaults when the file says nothing
