"""Where the user is in the six-week program, from the day they started and how breaks felt.

Weeks count from the start date (a clock set back counts as day 0; any gap is fine). Feedback
after breaks steers it: while the latest feedback is "too hard", the user goes back to the end
of the previous stage and stays there (no advancing by date) until a break feels about right or
easy. After SUGGEST_AFTER "too easy" in a row on a stage, moving on is suggested; advance()
records that the user accepted. Everything takes dates as arguments; nothing reads the clock.

The state is one small JSON value; decode() is total (anything unreadable gives a fresh start).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from .i18n import QT_TRANSLATE_NOOP, Context
from .profile import Profile
from .program_schedule import MAINTENANCE, WEEKS, Track, first_week, maintenance_index, stage_of_week

KEY = "program"  # the name of the stored value
SUGGEST_AFTER = 2  # "too easy" in a row on one stage before moving on is suggested
MAX_ADVANCES = 12  # accepted suggestions kept (more than the stages there are)


class Rating(StrEnum):
    TOO_EASY = "too_easy"
    ABOUT_RIGHT = "about_right"
    TOO_HARD = "too_hard"


@dataclass(frozen=True)
class Feedback:
    """How a break felt, on the day it was taken (oldest first when several share a day)."""

    day: date
    rating: Rating


@dataclass(frozen=True)
class ProgramState:
    started: date
    track: Track = Track.STANDARD
    advanced: tuple[date, ...] = ()  # days the user accepted moving on to the next stage
    extra: dict[str, object] = field(default_factory=dict, compare=False)  # kept for newer versions

    def encode(self) -> str:
        data = {
            **self.extra,
            "started": self.started.isoformat(),
            "track": self.track.value,
            "advanced": [d.isoformat() for d in self.advanced],
        }
        return json.dumps(data, sort_keys=True)


def default_track(profile: Profile) -> Track:
    """Gentle for anyone new to exercise or with a declared caution, else standard."""
    return Track.GENTLE if profile.cares else Track.STANDARD


def start(today: date, profile: Profile) -> ProgramState:
    return ProgramState(today, default_track(profile))


def restart(state: ProgramState, today: date) -> ProgramState:
    """Week 1 again from today, on the same track."""
    return ProgramState(today, state.track, (), state.extra)


def switch_track(state: ProgramState, track: Track) -> ProgramState:
    """The other track, keeping the weeks done (the stage follows the new track's schedule)."""
    return replace(state, track=track)


def advance(state: ProgramState, today: date) -> ProgramState:
    """The user accepted moving on: from today they are at the start of the next stage."""
    return replace(state, advanced=(*state.advanced, today)[-MAX_ADVANCES:])


def _day(value: object) -> date | None:
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def decode(text: str | None, today: date, profile: Profile | None = None) -> ProgramState:
    """The stored state, or a fresh start today (on the profile's default track) if unreadable."""
    fresh = start(today, profile or Profile())
    try:
        data = json.loads(text) if text else None
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        return fresh
    started = _day(data.get("started"))
    if started is None:
        return fresh
    raw_track = data.get("track")
    track = Track(raw_track) if raw_track in {t.value for t in Track} else fresh.track
    raw = data.get("advanced")
    days = sorted(d for d in (_day(v) for v in (raw if isinstance(raw, list) else [])) if d is not None)
    extra = {k: v for k, v in data.items() if k not in ("started", "track", "advanced")}
    return ProgramState(started, track, tuple(days[-MAX_ADVANCES:]), extra)


PROGRAM_COMPLETE = QT_TRANSLATE_NOOP("ProgramText", "Program complete · keeping it up")
WEEK_OF = QT_TRANSLATE_NOOP("ProgramText", "Week {week} of {weeks}")


class ProgramText(Context):
    """The translation context of the program's words ("Week 3 of 6")."""


@dataclass(frozen=True)
class Progress:
    """Where the user is today."""

    track: Track
    week: int  # 1..WEEKS, or MAINTENANCE
    stage: int  # index into the track's stages (program_schedule); the last is maintenance
    held: bool = False  # the latest feedback was "too hard": staying put
    suggest_move_on: bool = False  # recent breaks on this stage felt too easy

    @property
    def maintenance(self) -> bool:
        return self.week == MAINTENANCE

    @property
    def label(self) -> str:
        """ "Week 3 of 6", or "Program complete · keeping it up" after week 6 (translated)."""
        return self._label(ProgramText.tr)

    @property
    def english_label(self) -> str:
        """The label in English whatever the app's language: `deskbreak status` and its JSON."""
        return self._label(str)

    def _label(self, words: Callable[[str], str]) -> str:
        if self.maintenance:
            return words(PROGRAM_COMPLETE)
        return words(WEEK_OF).format(week=self.week, weeks=WEEKS)

    @property
    def message(self) -> str | None:
        """A line for the break window when feedback changed the pace, else None."""
        if self.held and self.track is Track.STANDARD:
            return ProgramText.tr(
                "Staying with easier routines until a break feels about right. "
                "The gentle track may suit you better."
            )
        if self.held:
            return ProgramText.tr("Staying with easier routines until a break feels about right.")
        if self.suggest_move_on:
            return ProgramText.tr("Recent breaks felt easy. Move on to the next stage?")
        return None


def _stage_of_day(track: Track, counted: int) -> int:
    return stage_of_week(track, min(counted // 7 + 1, MAINTENANCE))


def progress(state: ProgramState, today: date, feedback: Sequence[Feedback] = ()) -> Progress:
    """Replays feedback and accepted suggestions from the start day to today (only those dated
    in that span count: older ones belong to an earlier start, later ones to a clock set back)."""
    track = state.track
    events: list[tuple[date, int, Rating | None]] = [
        (f.day, 0, f.rating) for f in feedback if state.started <= f.day <= today
    ]
    events += [(d, 1, None) for d in state.advanced if state.started <= d <= today]
    events.sort(key=lambda e: (e[0], e[1]))  # stable: feedback in the order given, then advances
    counted, held, here = 0, False, state.started  # counted: program days done
    easy_run, run_stage = 0, 0
    for day, _, rating in events:
        if not held:
            counted += (day - here).days
        here = day
        stage = _stage_of_day(track, counted)
        if stage != run_stage:
            easy_run, run_stage = 0, stage
        if rating is None:
            following = min(stage + 1, maintenance_index(track))
            counted, held = max(counted, (first_week(track, following) - 1) * 7), False
        elif rating is Rating.TOO_HARD:
            if not held and stage > 0:
                counted = (first_week(track, stage) - 1) * 7 - 1  # the last day of the stage before
            held = True
        else:
            held = False
        easy_run = easy_run + 1 if rating is Rating.TOO_EASY else 0
        run_stage = _stage_of_day(track, counted)
    if not held:
        counted += max(0, (today - here).days)
    week = min(counted // 7 + 1, MAINTENANCE)
    stage = stage_of_week(track, week)
    suggest = not held and week != MAINTENANCE and stage == run_stage and easy_run >= SUGGEST_AFTER
    return Progress(track, week, stage, held, suggest)


def week(state: ProgramState, today: date, feedback: Sequence[Feedback] = ()) -> int:
    """The program week today: 1..6, or MAINTENANCE (7) once the six weeks are done."""
    return progress(state, today, feedback).week
