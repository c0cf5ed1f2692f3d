"""The settings, welcome and about windows as a keyboard or screen-reader user meets them, and
under the desktop's light or dark theme and font: every control named, Tab reaches every control
in a loop, readable text in both palettes, and text set in the desktop's font."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QFont
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLabel, QWidget
from widget_checks import DARK, LIGHT, close, contrast, controls, rendered_colours

from deskbreak import __version__
from deskbreak.core.settings import SPECS
from deskbreak.ui.about_window import AboutWindow
from deskbreak.ui.settings_window import SettingsWindow, StartAtLogin
from deskbreak.ui.welcome_window import WelcomeWindow

VALUES = {spec.key: spec.shown_default for spec in SPECS}
ROUTINES = [("program", "The 6-week program"), ("quick-reset", "Quick reset")]


def _login() -> StartAtLogin:
    state = {"on": False}
    return StartAtLogin(lambda: state["on"], lambda on: state.update(on=on) or None)


def _settings() -> QWidget:
    return SettingsWindow(VALUES, lambda _: None, ROUTINES, _login())


def _welcome_first() -> QWidget:
    return WelcomeWindow(VALUES, lambda _: None, _login())


def _welcome_second() -> QWidget:
    window = WelcomeWindow(VALUES, lambda _: None, _login())
    window.next.click()
    return window


def _about() -> QWidget:
    return AboutWindow(
        __version__, [("Settings", Path("/tmp/c")), ("History", Path("/tmp/d"))], lambda _: None
    )


WINDOWS: dict[str, Callable[[], QWidget]] = {
    "settings": _settings,
    "welcome-1": _welcome_first,
    "welcome-2": _welcome_second,
    "about": _about,
}


@pytest.fixture(params=list(WINDOWS), ids=list(WINDOWS))
def shown(request, qtbot) -> Iterator[QWidget]:
    window = WINDOWS[request.param]()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    yield window


def _control(widget: QWidget | None) -> QWidget | None:
    """The control a focused part belongs to (a spin box for its text field)."""
    while widget is not None and isinstance(widget.parent(), QAbstractSpinBox):
        widget = widget.parentWidget()
    return widget


def _reachable_by_tab(window: QWidget) -> list[QWidget]:
    return [
        w
        for w in window.findChildren(QWidget)
        if w.isVisibleTo(window)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not isinstance(w.parent(), QAbstractSpinBox)
        and w.focusProxy() is None  # a tab widget hands focus to its tab bar
    ]


def _heard(widget: QWidget) -> str:
    """The name a screen reader reads for the widget (its accessible name, else its text)."""
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name).strip()


def test_a_screen_reader_hears_a_name_for_every_control(shown):
    own = [
        c
        for c in controls(shown)
        if c.window() is shown and not isinstance(c.parent(), QAbstractSpinBox)  # not a popup or a part
    ]
    assert own
    unnamed = [f"{type(c).__name__} {c.objectName()!r}" for c in own if not _heard(c)]
    assert unnamed == []


def test_tab_visits_every_control_once_and_comes_back_round(shown, qtbot):
    wanted = _reachable_by_tab(shown)
    assert wanted
    wanted[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: _control(QApplication.focusWidget()) is wanted[0])
    seen: list[QWidget] = []
    for _ in range(len(wanted) * 3):
        current = _control(QApplication.focusWidget())
        assert current is not None and current.window() is shown
        if seen and current is seen[0]:
            break
        if not seen or current is not seen[-1]:  # Tab walks a time field's hour, then its minutes
            seen.append(current)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    missed = [f"{type(w).__name__} {_heard(w)!r}" for w in wanted if w not in seen]
    assert missed == [] and len(seen) == len(set(map(id, seen)))
    assert _control(QApplication.focusWidget()) is seen[0]  # round again, not stuck in one control


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_the_desktop_palette_is_followed_with_readable_text(shown, colours):
    background, ink = rendered_colours(shown, colours)
    assert close(background, QColor(colours["window"])), background.name()
    assert contrast(background, ink) >= 7, (background.name(), ink.name())


def test_text_is_set_in_the_desktop_font(qtbot):
    before = QApplication.font()
    chosen = QFont(before)
    chosen.setFamily("DejaVu Serif")
    chosen.setPointSize(before.pointSize() + 5)
    QApplication.setFont(chosen)
    try:
        for name, make in WINDOWS.items():
            window = make()
            qtbot.addWidget(window)
            labels = [label for label in window.findChildren(QLabel) if label.text().strip()]
            assert labels, name
            for label in labels:
                font = label.font()
                assert font.family() == chosen.family(), (name, label.text()[:40], font.family())
                # notes may be a little smaller, but scaled from the desktop's size, not fixed
                assert font.pointSizeF() >= 0.85 * chosen.pointSizeF(), (name, label.text()[:40])
    finally:
        QApplication.setFont(before)
