"""The controller: feeds events into the break lifecycle and carries out the effects it returns.

All decisions live in core.lifecycle (a pure state machine with a written table of states and
events); this class only turns Qt signals into lifecycle events and effects into log writes,
windows, notifications and the tray.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from ..core.clock import Clock
from ..core.durations import humanize
from ..core.effects import Effect
from ..core.lifecycle import BreakLifecycle
from ..core.policy import BreakPolicy, Phase
from ..core.problems import Problem
from ..core.routines import Routine
from ..platform.idle import IdleMonitor
from ..platform.notify import ACTION_DEFAULT, ACTION_SKIP, ACTION_SNOOZE, ACTION_START
from ..storage.break_log import BreakLog
from ..ui.tray import Tray
from . import views
from .break_routines import BreakRoutines
from .break_windows import BreakWindows
from .configuration import Configuration
from .effect_actions import carry_out
from .history_writer import HistoryWriter
from .info_windows import InfoWindows
from .pausing import pause_end
from .wakeups import Wakeups

if TYPE_CHECKING:
    from ..core.player import PlayerResult
    from ..ui.break_window import BreakWindow
    from ..ui.history_window import HistoryWindow

log = logging.getLogger(__name__)


def _routine_shape(routine: Routine | None) -> tuple[Any, int]:
    """How long the routine takes as coached, and its exercises (each counts as a step)."""
    if routine is None:
        return None, 0
    from ..core.coach_view import coached_length  # when a break starts, not at start-up

    return coached_length(routine), len(routine.exercises)


class Controller(QObject):
    """Owns the running state; the widgets, the notifier and the CLI only ask it to do things."""

    break_window_opened = Signal(object)  # BreakWindow
    quit_requested = Signal()
    window_closed = Signal()
    status_changed = Signal()  # after every check and action; followers are told if it differs

    def __init__(
        self,
        *,
        clock: Clock,
        policy: BreakPolicy,
        break_log: BreakLog,
        routine: Routine | None,
        idle: IdleMonitor,
        notifier: Any,
        tray: Tray,
        wakeups: Wakeups,
        problems: list[Problem],
        notifications: bool = True,
        footer: str = "",
        screen_awake: Any = None,
    ) -> None:
        super().__init__()
        self.clock = clock
        self.policy = policy
        # The routine's length as coached is worked out when a break starts (take_break); until
        # then the lifecycle only needs to know there is one.
        self.lifecycle = BreakLifecycle(policy, routine.total if routine else None, 0)
        self.history = HistoryWriter(break_log, problems, tray.show_message)
        self.log = break_log
        self.routines = BreakRoutines(routine)
        self.playing = routine  # the routine of the break window opened last
        self.history.routine_id = routine.id if routine else ""
        self.notes_after_break: Callable[[datetime], list[str]] = lambda now: []  # e.g. today's goal
        self.program_label: Callable[[], str] = str  # e.g. "Week 3 of 6", for the tooltip
        self.program_status: Callable[[], str] = str  # the same in English, for `deskbreak status`
        self.hold: Callable[[], str | None] | None = None  # why a due reminder waits (a call, ...)
        self.watching: Callable[[], bool | None] | None = None  # an idle inhibitor (a video) is held
        self.idle = idle
        self.notifier = notifier
        self.tray = tray
        self.wakeups = wakeups
        self.problems = problems
        self.notifications = notifications
        self.windows = BreakWindows(clock, footer)
        self.screen_awake = screen_awake  # kept from blanking while a break runs (or None)
        self._idle_seconds: float | None = None
        self.info = InfoWindows(clock, self.history, problems)

        self.windows.ended.connect(self._window_ended)
        self.windows.closed.connect(self._window_gone)
        self.windows.opened.connect(self.break_window_opened)
        self.windows.feedback.connect(self.history.break_feedback)
        tray.break_requested.connect(lambda: self.take_break())
        tray.snooze_requested.connect(self.snooze)
        tray.snooze_for_requested.connect(lambda minutes: self.snooze(timedelta(minutes=minutes)))
        tray.pause_requested.connect(self.pause)
        tray.resume_requested.connect(self.resume)
        tray.skip_requested.connect(self.skip)
        tray.menu_opened.connect(self.refresh_tray)
        tray.quit_requested.connect(self.quit_requested)
        tray.history_requested.connect(self.info.show_history)
        tray.problems_requested.connect(self.info.show_problems)
        notifier.action_invoked.connect(self.on_notification_action)

    @property
    def history_window(self) -> HistoryWindow | None:
        return self.info.history_window

    @property
    def window(self) -> BreakWindow | None:
        """The break window the controller owns (running, or showing its last page)."""
        return self.windows.get(self.lifecycle.window)

    # -- the heartbeat ----------------------------------------------------------------

    @Slot()
    def tick(self) -> None:
        """One check: idle time, the lifecycle's events, and the next check booked whatever happens."""
        now = self.clock.now()
        effects: list[Effect] = []
        try:
            lifecycle, monotonic = self.lifecycle, self.clock.monotonic()
            result, ending = None, False
            if lifecycle.on_break:
                token = lifecycle.window or 0
                ending = lifecycle.break_over(now, monotonic) is not None  # overran, or slept through
                if ending:
                    result = self.windows.current_result(token)
                elif not self.windows.visible(token):  # the window went away without telling us
                    effects += lifecycle.window_closed(token, now, self.windows.current_result(token))
                    self.windows.close(token)
            if lifecycle.on_break or lifecycle.reminder is not None:
                # While a break or reminder is open, a crash should close it near its real end.
                self.log.heartbeat(now)
            self.log.retry()  # writes what waited in memory, once the file can be written again
            # Idle time is not read during a break, unless this check ends it: a break left
            # paused on an empty desk must not bring a reminder to nobody.
            self._idle_seconds = None if lifecycle.on_break and not ending else self.idle.idle_seconds()
            effects += lifecycle.tick(
                now,
                self._idle_seconds,
                monotonic,
                break_result=result,
                hold=self.hold,
                watching=self.watching,
            )
        finally:
            # Whatever failed above, the effects so far are carried out and the next check is
            # booked: a tray app must not go quiet.
            self.run_effects(effects, now)

    def run_effects(self, effects: Iterable[Effect], now: datetime) -> None:
        try:
            for effect in effects:
                self._carry_out(effect, now)
        finally:
            self._after_change(now)

    def _carry_out(self, effect: Effect, now: datetime) -> None:
        carry_out(self, effect, now)

    def _after_change(self, now: datetime) -> None:
        self.wakeups.at(self.lifecycle.next_wakeup(now, self._idle_seconds))
        if self.screen_awake is not None and self.lifecycle.on_break:
            self.screen_awake.hold()
        elif self.screen_awake is not None:
            self.screen_awake.release()
        self.history.sync_problem()
        self.history.save_state(self.policy.saved(now), every=self.policy.settings.natural_break / 2)
        self.refresh_tray()
        self.status_changed.emit()

    # -- what the user asks for -------------------------------------------------------

    @Slot(str)
    def on_notification_action(self, action: str) -> None:
        if action in (ACTION_START, ACTION_DEFAULT):
            self.take_break()
        elif action == ACTION_SNOOZE:
            self.snooze()
        elif action == ACTION_SKIP:
            self.skip()

    def take_break(self, routine: Routine | None = None) -> BreakWindow | None:
        """Open the break window, from any state (or bring the running one forward), playing
        `routine`, or the one the reminder offered, or the program's pick."""
        now = self.clock.now()
        if not self.lifecycle.on_break:
            self.playing = self.routines.for_break(routine)
            self.lifecycle.routine_length, self.lifecycle.routine_steps = _routine_shape(self.playing)
            self.history.routine_id = self.playing.id if self.playing else ""
        self.run_effects(self.lifecycle.request_break(now), now)
        return self.window if self.lifecycle.on_break else None

    @Slot()
    def snooze(self, length: timedelta | None = None) -> bool:
        """Snooze a due reminder (for `length`, else the setting); False if none was due."""
        now = self.clock.now()
        effects = self.lifecycle.snooze(now, length)
        self.run_effects(effects, now)
        return bool(effects)

    @Slot()
    def skip(self) -> bool:
        now = self.clock.now()
        effects = self.lifecycle.skip(now)
        self.run_effects(effects, now)
        return bool(effects)

    @Slot(str)
    def pause(self, choice: str) -> datetime | None:
        """Pause ("30m", "1h", any duration up to a day, "tomorrow", "resume" for no end); the
        end, or None if nothing was paused (a break is under way). ValueError for a bad choice."""
        now = self.clock.now()
        until = pause_end(choice, now)
        self.run_effects(self.lifecycle.pause(now, until), now)
        return until if self.policy.phase is Phase.PAUSED else None

    @Slot()
    def resume(self) -> None:
        now = self.clock.now()
        self.run_effects(self.lifecycle.resume(now), now)

    @Slot(int, object)
    def _window_ended(self, token: int, result: PlayerResult) -> None:
        now = self.clock.now()
        self.run_effects(self.lifecycle.break_ended(token, now, result), now)

    @Slot(int, object)
    def _window_gone(self, token: int, result: PlayerResult | None) -> None:
        now = self.clock.now()
        self.run_effects(self.lifecycle.window_closed(token, now, result), now)
        self.window_closed.emit()

    def apply_configuration(self, config: Configuration, extra_problems: list[Problem]) -> None:
        """The user edited their files: new settings, routine and problems take effect now."""
        now = self.clock.now()
        # A break under way keeps the length of the routine it plays.
        shape = _routine_shape(self.playing if self.lifecycle.on_break else config.routine)
        effects = self.lifecycle.settings_changed(config.policy, *shape, now)
        self.routines.configured = config.routine
        if not self.lifecycle.on_break:
            self.history.routine_id = config.routine.id if config.routine else ""
        self.notifications = config.settings.notifications
        self.problems[:] = [*config.problems, *extra_problems]
        self.tray.snooze.setText(
            self.tray.tr("Snooze {duration}").format(duration=humanize(config.settings.snooze))
        )
        if config.problems:
            self.tray.show_message("deskbreak: a problem with your files", str(config.problems[0]))
        self.run_effects(effects, now)

    @Slot()
    def refresh_tray(self) -> None:
        now = self.clock.now()
        status = self.policy.status(now)
        limit = self.policy.settings.sit_limit
        self.tray.render(views.tray_view(status, now, len(self.problems), self.program_label(), limit))

    def status(self) -> dict[str, Any]:
        now = self.clock.now()
        return {
            **views.status_json(
                self.policy.status(now), self.playing, self.problems, self._idle_seconds, self.idle.name
            ),
            "sit_limit_seconds": int(self.policy.settings.sit_limit.total_seconds()),
            "break_window": self.windows.visible(self.lifecycle.window),
            "program": self.program_status(),  # the command line's words: English
            "tray": self.tray.describe(),
        }

    def shutdown(self) -> None:
        """Quitting: a running break is logged with how far it got, a due reminder unanswered."""
        self.info.close()
        now = self.clock.now()
        token = self.lifecycle.window
        if self.lifecycle.on_break and token is not None:
            self.windows.close(token)  # reports the real result before the lifecycle stops
        effects = self.lifecycle.quit(now)
        try:
            for effect in effects:
                self._carry_out(effect, now)
        finally:
            self.windows.close_all()
            self.history.save_state(
                self.policy.saved(now), every=self.policy.settings.natural_break, force=True
            )
            self.wakeups.shutdown()
            self.notifier.withdraw()
