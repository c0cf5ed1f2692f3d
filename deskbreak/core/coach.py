"""The coached routine: what to do each second, from the exercises' doses. Pure; a fake clock drives it.

A routine becomes a timeline of segments. Each exercise starts with a "get ready" moment (its
name, posture and first cue, so nobody starts mid-count). Then come its sides, each with its
sets, each with its repetitions. A repetition is paced by the tempo as move, hold and return; a
hold is one counted stretch. Between sets there is a short rest (let go, then start the next
set), and between the two sides of a one-sided exercise a side-switch prompt.

Controls: pause/resume, next (skip the rest of this exercise), back (restart this exercise, or
go to the previous one at its very start), "this hurts" (ends this exercise, flags pain, and
names it so it can be skipped in future; pressed just as an exercise follows on from the one
before, it is that one which hurt), end. Time is monotonic seconds handed in by the caller;
nothing here reads a clock.

An exercise counts as done once its last segment has run out, even when it was skipped before
and come back to: it is then no longer "skipped", and `completed` means every exercise was done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .dose import Dose
from .exercises import GET_READY

SWITCH_SIDES = 3.0  # seconds to change sides
REST = 3.0  # seconds to let go between two sets
HURT_GRACE = 3.0  # "this hurts" this soon into an exercise's count is about the one just finished
BACK_RESTARTS_AFTER = 3.0  # "back" this far into an exercise restarts it; sooner, goes to the one before


class Phase(StrEnum):
    GET_READY = "get_ready"
    MOVE = "move"
    HOLD = "hold"
    RETURN = "return"
    SWITCH_SIDES = "switch_sides"
    REST = "rest"  # between sets: let go and rest


PROMPTS = (Phase.GET_READY, Phase.SWITCH_SIDES, Phase.REST)  # no movement counted: nothing to do


@dataclass(frozen=True)
class Move:
    """One exercise of the routine as it is coached: its id, title and dose."""

    id: str
    title: str
    dose: Dose


@dataclass(frozen=True)
class Segment:
    exercise: int  # index into the routine's moves
    phase: Phase
    seconds: float
    side: str | None = None  # "left", "right" or None
    set: int = 1  # for a rest, the set that follows it
    rep: int = 0  # 1-based while repetitions are counted; 0 for holds and prompts


def timeline(moves: tuple[Move, ...]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for index, move in enumerate(moves):
        dose = move.dose
        segments.append(Segment(index, Phase.GET_READY, GET_READY.total_seconds()))
        sides: tuple[str | None, ...] = ("left", "right") if dose.per_side else (None,)
        for n, side in enumerate(sides):
            if n:
                segments.append(Segment(index, Phase.SWITCH_SIDES, SWITCH_SIDES, side))
            for set_number in range(1, dose.sets + 1):
                if set_number > 1:
                    segments.append(Segment(index, Phase.REST, REST, side, set_number))
                if dose.hold is not None:
                    segments.append(Segment(index, Phase.HOLD, dose.hold.total_seconds(), side, set_number))
                    continue
                for rep in range(1, (dose.reps or 0) + 1):
                    for phase, seconds in zip(
                        (Phase.MOVE, Phase.HOLD, Phase.RETURN), dose.tempo, strict=False
                    ):
                        if seconds:
                            segments.append(Segment(index, phase, float(seconds), side, set_number, rep))
    return tuple(segments)


@dataclass
class CoachResult:
    completed: bool
    exercises_done: int  # reached their last segment
    exercises_total: int
    skipped: list[str] = field(default_factory=list)  # ids skipped with "next" and not done after all
    hurt: list[str] = field(default_factory=list)  # ids "this hurts" was pressed for (done or not)
    active_seconds: float = 0.0  # time spent moving or holding, pauses left out
    done: list[str] = field(default_factory=list)  # ids done (reached their last segment)

    @property
    def pain(self) -> bool:
        return bool(self.hurt)

    @property
    def left_out(self) -> list[str]:
        """Ids skipped or stopped because they hurt, and not done after all."""
        seen = dict.fromkeys(self.skipped + self.hurt)
        return [ident for ident in seen if ident not in self.done]


class Coach:
    def __init__(self, moves: tuple[Move, ...], now: float) -> None:
        if not moves:
            raise ValueError("a routine needs at least one exercise")
        self.moves = moves
        self.segments = timeline(moves)
        self.index = 0  # the current segment
        self.started = now  # when the current segment began (moved on by pauses)
        self.paused_at: float | None = None
        self.finished = False
        self._last = now
        self._done: set[int] = set()
        self._came_from: int | None = None  # the exercise under way before this one began
        self.result = CoachResult(False, 0, len(moves))

    # -- where we are -------------------------------------------------------------------

    @property
    def segment(self) -> Segment:
        return self.segments[min(self.index, len(self.segments) - 1)]

    @property
    def move(self) -> Move:
        return self.moves[self.segment.exercise]

    def remaining(self, now: float) -> float:
        """Seconds left in the current segment."""
        at = self.paused_at if self.paused_at is not None else now
        return max(0.0, self.segment.seconds - max(0.0, at - self.started))

    def _first(self, exercise: int) -> int:
        """The index of an exercise's first segment (its get-ready)."""
        return next(i for i, s in enumerate(self.segments) if s.exercise == exercise)

    def into_exercise(self, now: float) -> float:
        """Seconds since the current exercise began (its get-ready included, pauses left out)."""
        first = self._first(self.segment.exercise)
        done = sum(s.seconds for s in self.segments[first : self.index])
        return done + self.segment.seconds - self.remaining(now)

    def routine_left(self, now: float) -> float:
        later = sum(s.seconds for s in self.segments[self.index + 1 :])
        return 0.0 if self.finished else self.remaining(now) + later

    def position(self) -> str:
        """E.g. "exercise 2 of 5"."""
        return f"exercise {self.segment.exercise + 1} of {len(self.moves)}"

    # -- time passing ----------------------------------------------------------------------

    def tick(self, now: float) -> None:
        if self.finished or self.paused_at is not None:
            self._last = max(self._last, now)
            return
        while not self.finished:
            segment = self.segment
            end = self.started + segment.seconds
            upto = min(now, end)
            if segment.phase not in PROMPTS:
                self.result.active_seconds += max(0.0, upto - max(self._last, self.started))
            self._last = max(self._last, upto)
            if now < end:
                break
            self.started = end
            self._advance()
        self._last = max(self._last, now)

    def _advance(self) -> None:
        current = self.segment.exercise
        self.index += 1
        if self.index >= len(self.segments) or self.segments[self.index].exercise != current:
            self._mark_done(current)
            self._came_from = current
        if self.index >= len(self.segments):
            self._finish()

    def _mark_done(self, exercise: int) -> None:
        """Done after all: an exercise skipped earlier and come back to is no longer skipped."""
        self._done.add(exercise)
        ident = self.moves[exercise].id
        result = self.result
        result.exercises_done = len(self._done)
        result.done = [m.id for n, m in enumerate(self.moves) if n in self._done]
        if ident in result.skipped and ident in result.done:
            result.skipped.remove(ident)

    def _finish(self) -> None:
        self.finished = True
        self.index = len(self.segments) - 1
        self.result.completed = len(self._done) == len(self.moves)

    # -- what the user does ------------------------------------------------------------------

    def pause(self, now: float) -> None:
        if not self.finished and self.paused_at is None:
            self.tick(now)
            self.paused_at = now

    def resume(self, now: float) -> None:
        if self.paused_at is not None:
            self.started += max(0.0, now - self.paused_at)
            self._last = max(self._last, now)
            self.paused_at = None

    def _jump(self, exercise: int, now: float) -> None:
        self._came_from = self.segment.exercise
        if exercise >= len(self.moves):
            self._finish()
            return
        self.index = self._first(exercise)
        self.started = now if self.paused_at is None else self.paused_at
        self._last = max(self._last, now)

    def next(self, now: float) -> None:
        """Skip the rest of this exercise."""
        self._leave(self.result.skipped, now)

    def back(self, now: float) -> None:
        """Restart this exercise; at its very start, go to the one before."""
        if self.finished:
            return
        self.tick(now)
        current = self.segment.exercise
        into = self.into_exercise(now)
        self._jump(max(0, current - 1) if into < BACK_RESTARTS_AFTER else current, now)

    def hurts(self, now: float) -> int | None:
        """ "This hurts": flags the exercise it is about and returns its index (None once finished).

        Usually that is the exercise under way, which ends now; the routine goes on to the next.
        But pressed while the next exercise gets ready, or in the first seconds of its count,
        right after the one before ran out (or was skipped), it is the one before that hurt: that
        one is flagged and the current one starts again from its get-ready, not skipped. Pressed
        just as the routine ran out, it is the last exercise's.
        """
        if self.finished:
            return None
        self.tick(now)
        if self.finished:
            last = len(self.moves) - 1
            self._name(self.result.hurt, last)
            return last
        current = self.segment.exercise
        ready = self.segments[self._first(current)].seconds
        if current > 0 and self._came_from == current - 1 and self.into_exercise(now) < ready + HURT_GRACE:
            self._name(self.result.hurt, current - 1)
            self._jump(current, now)  # pressed again, it is about this one
            return current - 1
        self._leave(self.result.hurt, now)
        return current

    def _name(self, names: list[str], exercise: int) -> None:
        ident = self.moves[exercise].id
        if ident not in names and not (names is self.result.skipped and exercise in self._done):
            names.append(ident)

    def _leave(self, names: list[str], now: float) -> None:
        """Leave the exercise under way for the next one, naming it (once) in `names`."""
        if self.finished:
            return
        self.tick(now)
        if self.finished:
            return
        current = self.segment.exercise
        self._name(names, current)
        self._jump(current + 1, now)

    def end(self, now: float) -> CoachResult:
        if not self.finished:
            self.tick(now)
            if not self.finished:
                self._finish()
        return self.result
