"""What the player shows at a moment of a coached routine, as plain data (no Qt).

The break window draws this and nothing else, so every word and number on screen is tested
here with a fake clock: the big instruction ("Turn", "Hold", "Back to the start"), the count
in the ring, "Rep 3 of 6 · set 1 of 2", the side, "Exercise 2 of 5", the time left, and the
short rest between sets ("Release · rest", "Set 2 of 3 next").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from .coach import Coach, Move, Phase, timeline
from .dose import Dose
from .exercises import LibraryExercise
from .player import PlayerResult
from .pose_data import PoseSpec, neutral_spec
from .routines import Focus, Routine

# The word for the movement itself, by what the exercise works on.
MOVE_WORDS = {
    Focus.EXTENSION: "Lift and open",
    Focus.ROTATION: "Turn",
    Focus.SIDE_BEND: "Lean",
    Focus.SHOULDER_BLADES: "Squeeze",
    Focus.RELEASE: "Move",
    Focus.BREATHING: "Breathe in",
    Focus.NECK: "Move",
}
RETURN_WORDS = {Focus.BREATHING: "Breathe out"}

POSTURE_WORDS = {
    "seated": "Seated",
    "standing": "Standing",
    "wall": "At a wall",
    "doorway": "In a doorway",
    "floor": "On the floor (needs space)",
}


@dataclass(frozen=True)
class Coached:
    """One exercise of a routine with what the player needs besides its dose."""

    move: Move
    focus: Focus
    posture: str  # seated, standing, wall, doorway, floor ("" when unknown)
    cues: tuple[str, ...]
    breathing: str = ""
    feel: str = ""
    easier: str = ""
    caution: str = ""
    pose: PoseSpec | None = None  # the animated figure ([pose] in the exercise file)


def coached(routine: Routine, library: Mapping[str, LibraryExercise] | None = None) -> tuple[Coached, ...]:
    """A routine's exercises as the coach plays them, with breathing, feel and the easier variant
    from the library. An older routine file (exercises written out with a duration) plays each
    as one timed hold."""
    items = []
    library = library or {}
    for number, exercise in enumerate(routine.exercises):
        dose = (
            routine.doses[number]
            if number < len(routine.doses)
            else Dose(hold=exercise.duration, per_side=exercise.sides)
        )
        ident = routine.exercise_ids[number] if number < len(routine.exercise_ids) else exercise.name
        posture = routine.postures[number] if number < len(routine.postures) else ""
        cues = tuple(c for c in exercise.cues if not c.startswith("Dose: "))
        known = library.get(ident)
        items.append(
            Coached(
                Move(ident, exercise.name, dose),
                exercise.focus,
                posture,
                cues,
                breathing=known.breathing if known else "",
                feel=known.feel if known else "",
                easier=known.easier if known else "",
                caution=exercise.caution or "",
                pose=known.pose if known else neutral_spec(posture or "seated"),
            )
        )
    return tuple(items)


def coached_length(routine: Routine) -> timedelta:
    """How long the routine takes as coached: get-ready moments and side switches included."""
    moves = tuple(c.move for c in coached(routine))
    return timedelta(seconds=sum(s.seconds for s in timeline(moves))) if moves else timedelta()


def player_result(coach: Coach) -> PlayerResult:
    """The coach's result in the form the break log keeps (an exercise counts as a step)."""
    r = coach.result
    return PlayerResult(
        completed=r.completed,
        steps_done=r.exercises_done,
        steps_total=r.exercises_total,
        steps_skipped=len(r.left_out),  # an exercise done after all is not skipped
        active=timedelta(seconds=round(r.active_seconds, 3)),
        pain=r.pain,
        hurt=tuple(r.hurt),
    )


def clock_text(seconds: float) -> str:
    whole = int(seconds + 0.999)  # 0.2 s left still shows 0:01; 0:00 only when done
    return f"{whole // 60}:{whole % 60:02d}"


@dataclass(frozen=True)
class Frame:
    """Everything on the player page at one moment."""

    exercise: int  # index into the routine
    title: str
    position: str  # "Exercise 2 of 5"
    time_left: str  # "3:10 left"
    phase: Phase
    instruction: str  # the big line: "Get ready", "Turn", "Hold", "Back to the start", ...
    detail: str  # under it: "Rep 3 of 6 · set 1 of 2" or "Left side · hold 20 s"
    count: str  # in the ring: seconds left, or the rep number
    unit: str  # under the count: "seconds" or "of 6"
    ring: float  # 0..1, how much of this part has gone
    side: str | None
    fraction: float  # 0..1 through the current segment (for the figure)
    hold_dose: bool
    paused: bool
    finished: bool


def _detail(coach: Coach, move: Move, seconds_left: float) -> str:
    segment, dose = coach.segment, move.dose
    side = f"{segment.side.capitalize()} side" if segment.side else ""
    sets = f"set {segment.set} of {dose.sets}" if dose.sets > 1 else ""
    if segment.phase is Phase.GET_READY:
        return f"Starting in {int(seconds_left + 0.999)}"
    if segment.phase is Phase.SWITCH_SIDES:
        return "Same movement, other side"
    if segment.phase is Phase.REST:
        text = " · ".join(p for p in (side, f"set {segment.set} of {dose.sets} next") if p)
        return text[0].upper() + text[1:]
    if dose.hold is not None:
        how = f"hold {int(dose.hold.total_seconds())} s"
    else:
        how = f"rep {segment.rep} of {dose.reps}"
    text = " · ".join(p for p in (side, how, sets) if p)
    return text[0].upper() + text[1:]


def _instruction(
    segment_phase: Phase, focus: Focus, side: str | None, seconds: float, hold_dose: bool
) -> str:
    if segment_phase is Phase.GET_READY:
        return "Get ready"
    if segment_phase is Phase.REST:
        return "Release · rest" if hold_dose else "Rest"
    if segment_phase is Phase.SWITCH_SIDES:
        return f"Switch to the {side} side" if side else "Switch sides"
    if segment_phase is Phase.MOVE:
        return f"{MOVE_WORDS[focus]} · {int(seconds)} s"
    if segment_phase is Phase.RETURN:
        return f"{RETURN_WORDS.get(focus, 'Back to the start')} · {int(seconds)} s"
    return "Hold"


def _through_set(coach: Coach, into_segment: float) -> float:
    """How far through the current set of repetitions (the ring fills rep by rep)."""
    here = coach.segment
    same = [
        (i, s.seconds)
        for i, s in enumerate(coach.segments)
        if (s.exercise, s.side, s.set) == (here.exercise, here.side, here.set) and s.rep
    ]
    total = sum(seconds for _, seconds in same)
    done = sum(seconds for i, seconds in same if i < coach.index) + into_segment
    return min(1.0, max(0.0, done / total)) if total else 0.0


def frame(coach: Coach, items: tuple[Coached, ...], now: float) -> Frame:
    segment = coach.segment
    item = items[segment.exercise]
    move = item.move
    left = coach.remaining(now)
    seconds = segment.seconds
    gone = 1.0 if coach.finished else (1.0 - left / seconds if seconds else 1.0)
    hold_dose = move.dose.hold is not None
    ring = min(1.0, max(0.0, gone))
    if segment.phase in (Phase.MOVE, Phase.HOLD, Phase.RETURN) and not hold_dose:
        count, unit = str(segment.rep), f"of {move.dose.reps}"
        ring = _through_set(coach, seconds - left)
    else:
        whole = int(left + 0.999)
        count, unit = str(whole), "second" if whole == 1 else "seconds"
    return Frame(
        exercise=segment.exercise,
        title=move.title,
        position=f"Exercise {segment.exercise + 1} of {len(items)}",
        time_left=f"{clock_text(coach.routine_left(now))} left",
        phase=segment.phase,
        instruction=_instruction(segment.phase, item.focus, segment.side, seconds, hold_dose),
        detail=_detail(coach, move, left),
        count=count,
        unit=unit,
        ring=1.0 if coach.finished else ring,
        side=segment.side,
        fraction=min(1.0, max(0.0, gone)),
        hold_dose=hold_dose,
        paused=coach.paused_at is not None,
        finished=coach.finished,
    )


def first_side(coach: Coach) -> str | None:
    """The side the get-ready moment leads into (so the figure shows it before the count)."""
    for segment in coach.segments[coach.index :]:
        if segment.exercise != coach.segment.exercise:
            return None
        if segment.side:
            return segment.side
    return None
