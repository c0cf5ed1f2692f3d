"""Playing a routine: the current step, its countdown, pause, skip and end.

Driven by a monotonic time in seconds, so a wall-clock change mid-break changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from .routines import Routine, Step


@dataclass(frozen=True)
class PlayerResult:
    """How a break ended, for the log."""

    completed: bool
    steps_done: int
    steps_total: int
    steps_skipped: int
    active: timedelta


class RoutinePlayer:
    """Steps through a routine; `tick(now)` advances steps whose time is up."""

    def __init__(self, routine: Routine, now: float) -> None:
        self.routine = routine
        self.steps: tuple[Step, ...] = routine.steps
        self.index = 0
        self.skipped = 0
        self.done = 0  # steps that ran their full time
        self._step_started = now
        self._paused_at: float | None = None
        self._paused_total = 0.0  # pause time within the current step
        self._active_before = 0.0  # active seconds in finished steps
        self.result: PlayerResult | None = None

    @property
    def finished(self) -> bool:
        return self.result is not None

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def current(self) -> Step:
        return self.steps[min(self.index, len(self.steps) - 1)]

    def _elapsed_in_step(self, now: float) -> float:
        until = self._paused_at if self._paused_at is not None else now
        return max(0.0, until - self._step_started - self._paused_total)

    def remaining(self, now: float) -> float:
        """Seconds left in the current step."""
        if self.finished:
            return 0.0
        return max(0.0, self.current.duration.total_seconds() - self._elapsed_in_step(now))

    def active_seconds(self, now: float) -> float:
        if self.result is not None:
            return self.result.active.total_seconds()
        return self._active_before + self._elapsed_in_step(now)

    def tick(self, now: float) -> bool:
        """Advance past steps whose time is up; True if the step changed or the routine ended."""
        changed = False
        while not self.finished and not self.paused and self.remaining(now) <= 0:
            step_end = self._step_started + self._paused_total + self.current.duration.total_seconds()
            self.done += 1
            self._next_step(step_end, self.current.duration.total_seconds())
            changed = True
        return changed

    def _next_step(self, at: float, active_in_step: float) -> None:
        self._active_before += active_in_step
        self.index += 1
        if self.index >= len(self.steps):
            # Reaching the end counts as completing it, unless every step was skipped.
            self._finish(completed=self.done > 0)
            return
        self._step_started = at
        self._paused_total = 0.0

    def _finish(self, *, completed: bool) -> None:
        self._paused_at = None
        self.result = PlayerResult(
            completed=completed,
            steps_done=self.done,
            steps_total=len(self.steps),
            steps_skipped=self.skipped,
            active=timedelta(seconds=round(self._active_before, 3)),
        )

    def pause(self, now: float) -> None:
        if not self.finished and self._paused_at is None:
            self._paused_at = now

    def resume(self, now: float) -> None:
        if self._paused_at is not None:
            self._paused_total += now - self._paused_at
            self._paused_at = None

    def toggle_pause(self, now: float) -> None:
        if self.paused:
            self.resume(now)
        else:
            self.pause(now)

    def skip(self, now: float) -> None:
        """Move on from the step on screen now; skipping the last one finishes the routine."""
        if self.finished:
            return
        self.skipped += 1
        active = min(self._elapsed_in_step(now), self.current.duration.total_seconds())
        was_paused = self.paused
        self.resume(now)
        self._next_step(now, active)
        if was_paused and not self.finished:
            self._paused_at = now

    def end(self, now: float) -> PlayerResult:
        """Stop early: counts the steps fully done so far."""
        self.tick(now)  # steps whose time ran out before the user pressed End count as done
        if self.result is None:
            self._active_before += self._elapsed_in_step(now)
            self._finish(completed=False)
        assert self.result is not None
        return self.result
