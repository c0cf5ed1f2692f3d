"""Carrying out the lifecycle's effects: writing the history, showing or withdrawing the
reminder, opening, raising and closing the break window, notes on its last page, the heads-up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Protocol

from ..core.effects import (
    BreakCounted,
    CloseWindow,
    Effect,
    NoRoutine,
    OpenWindow,
    RaiseWindow,
    ShowHeadsUp,
    ShowReminder,
    WithdrawReminder,
)
from ..core.policy import BreakPolicy
from ..core.routines import Routine
from ..ui.i18n import translate
from ..ui.tray import Tray
from . import views
from .break_routines import BreakRoutines
from .break_windows import BreakWindows
from .history_writer import HistoryWriter
from .reminder_notices import remind


class Parts(Protocol):
    """What carrying out an effect needs of the controller."""

    history: HistoryWriter
    notifications: bool
    notifier: Any
    routines: BreakRoutines
    policy: BreakPolicy
    playing: Routine | None
    windows: BreakWindows
    notes_after_break: Callable[[datetime], list[str]]
    tray: Tray


def carry_out(c: Parts, effect: Effect, now: datetime) -> None:
    """What one of the lifecycle's effects does: the history, the notification, the window, the tray."""
    c.history.apply(effect)
    if isinstance(effect, ShowReminder):
        if c.notifications:
            remind(c.notifier, effect, c.routines.offer(), c.policy.settings.snooze)
    elif isinstance(effect, WithdrawReminder):
        c.notifier.withdraw()
        c.routines.offered = None  # answered, snoozed or skipped: the next one picks anew
    elif isinstance(effect, OpenWindow):
        assert c.playing is not None
        c.windows.open(effect.token, c.playing)
    elif isinstance(effect, RaiseWindow):
        c.windows.raise_(effect.token)
    elif isinstance(effect, CloseWindow):
        c.windows.close(effect.token)
    elif isinstance(effect, BreakCounted) and effect.next_due is not None:
        for line in (*c.notes_after_break(now), views.next_break_note(effect, now)):
            c.windows.note(effect.token, line)
    elif isinstance(effect, ShowHeadsUp) and c.notifications:
        when = views.clock_time(effect.due_at, now)
        c.notifier.show(
            translate("Notices", "A break in a minute"),
            translate("Notices", "Finish what you are doing; the reminder comes at {when}.").format(
                when=when
            ),
            {},
        )
    elif isinstance(effect, NoRoutine):
        c.tray.show_message(
            "deskbreak", translate("Notices", "No routine could be loaded; see Problems in the menu.")
        )
