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
from .i18n import QT_TRANSLATE_NOOP, Context
from .player import PlayerResult
from .pose_data import PoseSpec, neutral_spec
from .routines import Focus, Routine


class CoachText(Context):
    """The translation context of the player's words."""


# The word for the movement itself, by what the exercise works on.
MOVE_WORDS = {
    Focus.EXTENSION: QT_TRANSLATE_NOOP("CoachText", "Lift and open"),
    Focus.ROTATION: QT_TRANSLATE_NOOP("CoachText", "Turn"),
    Focus.SIDE_BEND: QT_TRANSLATE_NOOP("CoachText", "Lean"),
    Focus.SHOULDER_BLADES: QT_TRANSLATE_NOOP("CoachText", "Squeeze"),
    Focus.RELEASE: QT_TRANSLATE_NOOP("CoachText", "Move"),
    Focus.BREATHING: QT_TRANSLATE_NOOP("CoachText", "Breathe in"),
    Focus.NECK: QT_TRANSLATE_NOOP("CoachText", "Move"),
}
RETURN_WORDS = {Focus.BREATHING: QT_TRANSLATE_NOOP("CoachText", "Breathe out")}
BACK_TO_START = QT_TRANSLATE_NOOP("CoachText", "Back to the start")

POSTURE_WORDS = {
    "seated": QT_TRANSLATE_NOOP("CoachText", "Seated"),
    "standing": QT_TRANSLATE_NOOP("CoachText", "Standing"),
    "wall": QT_TRANSLATE_NOOP("CoachText", "At a wall"),
    "doorway": QT_TRANSLATE_NOOP("CoachText", "In a doorway"),
    "floor": QT_TRANSLATE_NOOP("CoachText", "On the floor (needs space)"),
}
SIDE_WORDS = {
    "left": QT_TRANSLATE_NOOP("CoachText", "Left side"),
    "right": QT_TRANSLATE_NOOP("CoachText", "Right side"),
}
SWITCH_SIDES = QT_TRANSLATE_NOOP("CoachText", "Switch sides")  # no side known
SWITCH_WORDS = {
    "left": QT_TRANSLATE_NOOP("CoachText", "Switch to the left side"),
    "right": QT_TRANSLATE_NOOP("CoachText", "Switch to the right side"),
}


def posture_word(posture: str) -> str:
    """ "Seated", "At a wall", ... in the user's language; "" for a posture not known."""
    return CoachText.tr(POSTURE_WORDS[posture]) if posture in POSTURE_WORDS else ""


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


def _sentence(*parts: str) -> str:
    """ "Left side · rep 3 of 6": the parts that apply, joined, the first letter made a capital."""
    text = " · ".join(p for p in parts if p)
    return text[:1].upper() + text[1:]


def _side(side: str | None) -> str:
    """ "Left side", "Right side"; "" for an exercise without sides."""
    return CoachText.tr(SIDE_WORDS[side]) if side else ""


def _detail(coach: Coach, move: Move, seconds_left: float) -> str:
    segment, dose = coach.segment, move.dose
    side = _side(segment.side)
    if segment.phase is Phase.GET_READY:
        return CoachText.tr("Starting in {seconds}").format(seconds=int(seconds_left + 0.999))
    if segment.phase is Phase.SWITCH_SIDES:
        return CoachText.tr("Same movement, other side")
    if segment.phase is Phase.REST:
        return _sentence(
            side, CoachText.tr("set {set} of {sets} next").format(set=segment.set, sets=dose.sets)
        )
    if dose.hold is not None:
        how = CoachText.tr("hold {seconds} s").format(seconds=int(dose.hold.total_seconds()))
    else:
        how = CoachText.tr("rep {rep} of {reps}").format(rep=segment.rep, reps=dose.reps)
    sets = (
        CoachText.tr("set {set} of {sets}").format(set=segment.set, sets=dose.sets) if dose.sets > 1 else ""
    )
    return _sentence(side, how, sets)


def _instruction(
    segment_phase: Phase, focus: Focus, side: str | None, seconds: float, hold_dose: bool
) -> str:
    if segment_phase is Phase.GET_READY:
        return CoachText.tr("Get ready")
    if segment_phase is Phase.REST:
        return CoachText.tr("Release · rest") if hold_dose else CoachText.tr("Rest")
    if segment_phase is Phase.SWITCH_SIDES:
        return CoachText.tr(SWITCH_WORDS.get(side or "", SWITCH_SIDES))
    if segment_phase in (Phase.MOVE, Phase.RETURN):
        word = MOVE_WORDS[focus] if segment_phase is Phase.MOVE else RETURN_WORDS.get(focus, BACK_TO_START)
        return CoachText.tr("{movement} · {seconds} s").format(
            movement=CoachText.tr(word), seconds=int(seconds)
        )
    return CoachText.tr("Hold")


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
        count, unit = str(segment.rep), CoachText.tr("of {reps}").format(reps=move.dose.reps)
        ring = _through_set(coach, seconds - left)
    else:
        whole = int(left + 0.999)
        count, unit = str(whole), CoachText.tr("second(s)", "", whole)
    return Frame(
        exercise=segment.exercise,
        title=move.title,
        position=CoachText.tr("Exercise {number} of {count}").format(
            number=segment.exercise + 1, count=len(items)
        ),
        time_left=CoachText.tr("{time} left").format(time=clock_text(coach.routine_left(now))),
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
