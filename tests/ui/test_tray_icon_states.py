"""The tray icon tells the state at a glance: a teal ring filling while counting, amber once a break
is due (or waits for a call to end), red once the reminder has come again unanswered, and an
empty ring again once it has been given up on. Read from the icon's own pixels."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from fakes import make_controller
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon

from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect
from deskbreak.ui.tray import Tray
from deskbreak.ui.tray_art import PALETTES, UNITS, Rings
from deskbreak.ui.view_data import TrayLook

RING = {  # the ring's colour at six o'clock, and in the body's colour, for each state
    "empty": (PALETTES[TrayLook.SITTING].track, PALETTES[TrayLook.SITTING].body),
    "filling": (PALETTES[TrayLook.SITTING].fill, PALETTES[TrayLook.SITTING].body),
    "due": (PALETTES[TrayLook.DUE].fill, PALETTES[TrayLook.DUE].body),
    "overdue": (PALETTES[TrayLook.OVERDUE].fill, PALETTES[TrayLook.OVERDUE].body),
}


@pytest.fixture
def parts(qtbot, routine, clock):
    tray = Tray(QIcon(), "5 min")
    controller = make_controller(clock, routine, BreakLog(connect(None)), tray=tray)
    return controller, tray


def _near(color: QColor, expected: str) -> bool:
    want = QColor(expected)
    return all(abs(a - b) <= 24 for a, b in zip(color.getRgb()[:3], want.getRgb()[:3], strict=True))


def shown(tray: Tray, degrees: float = 180) -> str:
    """Which state the icon on show is in, from its 22 px picture."""
    image = tray.icon.icon().pixmap(QSize(22, 22), 1.0).toImage()
    rings = Rings.at(image.width())
    scale = image.width() / UNITS

    def pixel(radius: float) -> QColor:
        x = image.width() / 2 + radius * scale * math.sin(math.radians(degrees))
        y = image.height() / 2 - radius * scale * math.cos(math.radians(degrees))
        return image.pixelColor(int(x), int(y))

    ring, body = pixel((rings.fill + rings.body) / 2), pixel(rings.body * 0.85)
    [name] = [name for name, (r, b) in RING.items() if _near(ring, r) and _near(body, b)]
    return name


def test_a_new_icon_shows_an_empty_ring(parts):
    _, tray = parts
    assert shown(tray) == "empty"


def test_filling_then_due_then_overdue_then_empty_again_when_given_up(parts, clock):
    controller, tray = parts
    seen = []
    for minute in range(0, 62):
        controller.tick()
        seen.append((minute, shown(tray)))
        clock.advance(timedelta(minutes=1))
    changes = [
        (m, name)
        for (m, name), (_, before) in zip(seen, [(None, None), *seen], strict=False)
        if name != before
    ]
    assert changes == [
        (0, "empty"),
        (23, "filling"),  # the ring reaches six o'clock half way to the limit (22.5 min)
        (45, "due"),  # the reminder
        (50, "overdue"),  # shown again after the snooze length, still unanswered
        (60, "empty"),  # after the third, logged unanswered: counting again from nothing
    ]


def test_answering_brings_the_empty_ring_back(parts, clock):
    controller, tray = parts
    for minutes in (0, 45, 6):  # 9:00, the reminder at 9:45, again at 9:51
        clock.advance(timedelta(minutes=minutes))
        controller.tick()
    assert shown(tray) == "overdue"
    controller.skip()
    assert shown(tray) == "empty"


def test_a_reminder_waiting_for_a_call_shows_the_due_ring_without_interrupting(parts, clock):
    controller, tray = parts
    controller.hold = lambda: "in a call"
    controller.tick()
    clock.advance(timedelta(minutes=46))
    controller.tick()
    assert controller.lifecycle.reminder is None  # nothing popped up
    assert shown(tray) == "due"
    assert "waits until your call ends" in tray.icon.toolTip()
    # Nothing to snooze or skip yet: the reminder has not been shown.
    assert not tray.snooze.isEnabled() and not tray.skip.isEnabled()


def test_snooze_for_a_chosen_length_from_the_submenu(parts, clock):
    controller, tray = parts
    controller.tick()
    assert not tray.snooze_menu.isEnabled()
    clock.advance(timedelta(minutes=45))
    controller.tick()
    assert tray.snooze_menu.isEnabled()
    [quarter] = [a for a in tray.snooze_menu.actions() if a.text() == "For 15 minutes"]
    quarter.trigger()
    status = controller.status()
    assert status["state"] == "snoozed"
    assert status["next_break_at"].startswith("2026-11-23T10:00")  # 9:45 + 15 min
    assert not tray.snooze_menu.isEnabled()
