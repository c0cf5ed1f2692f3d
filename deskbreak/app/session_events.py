"""The desktop session's own events, carried to the controller: the screen locking and
unlocking (platform/session_lock.py) and the machine going to sleep and waking
(platform/sleep_watch.py, logind's PrepareForSleep)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

if TYPE_CHECKING:
    from .controller import Controller


class SessionEvents(QObject):
    def __init__(self, controller: Controller) -> None:
        super().__init__(controller)
        self.controller = controller
        self._paused_for_sleep: int | None = None  # the break window paused as the machine slept

    @Slot()
    def locked(self) -> None:
        """The screen locked: a running break ends (its window reports how far it got)."""
        c = self.controller
        now = c.clock.now()
        token = c.lifecycle.window
        if c.lifecycle.on_break and token is not None:
            c.windows.close(token)
        c.run_effects(c.lifecycle.session_locked(now), now)

    @Slot()
    def unlocked(self) -> None:
        self.controller.lifecycle.session_unlocked()

    @Slot()
    def sleeping(self) -> None:
        """The machine is about to suspend: take stock now, and save it in case it never wakes.
        A routine under way is paused, so it does not run on by itself through the sleep."""
        c = self.controller
        c.tick()
        now = c.clock.now()
        c.lifecycle.going_to_sleep(now)
        c.history.save_state(c.policy.saved(now), c.policy.settings.natural_break, force=True)
        window = c.windows.get(c.lifecycle.window) if c.lifecycle.on_break else None
        if window is not None and window.coach.paused_at is None:
            window.toggle_pause()
            self._paused_for_sleep = c.lifecycle.window

    @Slot()
    def woke(self) -> None:
        """Back from a suspend: the time asleep counts as away at once, not at the next check
        (a break slept through ends); after a sleep too short for that, the routine goes on."""
        c = self.controller
        c.lifecycle.woke(c.clock.now())
        c.tick()
        token, self._paused_for_sleep = self._paused_for_sleep, None
        ours = c.lifecycle.on_break and token is not None and token == c.lifecycle.window
        window = c.windows.get(token) if ours else None
        if window is not None and window.coach.paused_at is not None:
            window.toggle_pause()
