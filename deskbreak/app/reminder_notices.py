"""The reminder and the heads-up as desktop notifications (the tray icon shows a due break
whatever happens to them)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from ..core.durations import humanize
from ..core.effects import ShowHeadsUp, ShowReminder
from ..core.routines import Routine
from ..platform.notify import ACTION_DEFAULT, ACTION_SKIP, ACTION_SNOOZE, ACTION_START
from ..ui.i18n import translate
from . import views

log = logging.getLogger(__name__)


def remind(notifier: Any, event: ShowReminder, routine: Routine | None, snooze: timedelta) -> None:
    """The reminder with Start, Snooze and Skip; a repeat replaces the one before."""
    title, body = views.reminder_text(event.sitting_for, routine)
    actions = {
        ACTION_DEFAULT: translate("Reminder", "Start break"),
        ACTION_START: translate("Reminder", "Start break"),
        ACTION_SNOOZE: translate("Reminder", "Snooze {duration}").format(duration=humanize(snooze)),
        ACTION_SKIP: translate("Reminder", "Skip"),
    }
    if not notifier.show(title, body, actions):
        log.warning("no notification route worked; the tray icon shows the break is due")


def heads_up(notifier: Any, event: ShowHeadsUp, now: datetime) -> None:
    """A quiet notice, without buttons, a minute before the reminder."""
    body = translate("Reminder", "Finish what you are doing; the reminder comes at {time}.")
    notifier.show(
        translate("Reminder", "A break in a minute"),
        body.format(time=views.clock_time(event.due_at, now)),
        {},
    )
