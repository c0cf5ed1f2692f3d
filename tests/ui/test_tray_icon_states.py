"""The tray icon tells the state at a glance: plain while counting, a dot once a break is due (or
waits for a call to end), a red badge once the reminder has come again unanswered, and plain once
it has been given up on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fakes import make_controller

from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect
from deskbreak.ui.icons import load_icon
from deskbreak.ui.tray import Tray


@pytest.fixture
def icons(qtbot):
    return {name: load_icon(name) for name in ("deskbreak", "deskbreak-due", "deskbreak-overdue")}


@pytest.fixture
def parts(icons, routine, clock):
    tray = Tray(icons["deskbreak"], icons["deskbreak-due"], "5 min", icons["deskbreak-overdue"])
    controller = make_controller(clock, routine, BreakLog(connect(None)), tray=tray)
    return controller, tray


def shown(tray: Tray, icons) -> str:
    key = tray.icon.icon().cacheKey()
    [name] = [name for name, icon in icons.items() if icon.cacheKey() == key]
    return name


def test_the_icons_are_three_different_pictures(icons):
    images = {name: icon.pixmap(22, 22).toImage() for name, icon in icons.items()}
    assert all(not image.isNull() for image in images.values())
    assert len({bytes(image.constBits()) for image in images.values()}) == 3


def test_plain_then_due_then_overdue_then_plain_again_when_given_up(parts, clock, icons):
    controller, tray = parts
    seen = []
    for minute in range(0, 62):
        controller.tick()
        seen.append((minute, shown(tray, icons)))
        clock.advance(timedelta(minutes=1))
    changes = [
        (m, name)
        for (m, name), (_, before) in zip(seen, [(None, None), *seen], strict=False)
        if name != before
    ]
    assert changes == [
        (0, "deskbreak"),
        (45, "deskbreak-due"),  # the reminder
        (50, "deskbreak-overdue"),  # shown again after the snooze length, still unanswered
        (60, "deskbreak"),  # after the third, logged unanswered: counting again
    ]


def test_answering_brings_the_plain_icon_back(parts, clock, icons):
    controller, tray = parts
    for minutes in (0, 45, 6):  # 9:00, the reminder at 9:45, again at 9:51
        clock.advance(timedelta(minutes=minutes))
        controller.tick()
    assert shown(tray, icons) == "deskbreak-overdue"
    controller.skip()
    assert shown(tray, icons) == "deskbreak"


def test_a_reminder_waiting_for_a_call_shows_the_due_dot_without_interrupting(parts, clock, icons):
    controller, tray = parts
    controller.hold = lambda: "in a call"
    controller.tick()
    clock.advance(timedelta(minutes=46))
    controller.tick()
    assert controller.lifecycle.reminder is None  # nothing popped up
    assert shown(tray, icons) == "deskbreak-due"
    assert "waits until your call ends" in tray.icon.toolTip()
    # Nothing to snooze or skip yet: the reminder has not been shown.
    assert not tray.snooze.isEnabled() and not tray.skip.isEnabled()
