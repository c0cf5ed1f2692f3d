"""The per-day figures kept by triggers always equal the figures worked out again from the rows.

The `days` table is what the review reads; here it is checked against a recomputation in Python
after random sequences of everything the app (and an import or a hand edit) does to the rows,
and on calendars where the UTC day and the local day differ: DST changes and a timezone move.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbreak.core.player import PlayerResult
from deskbreak.core.policy import Outcome
from deskbreak.core.review import DaySummary, build_review
from deskbreak.core.streaks import DayMark, GoalSettings, counts_toward_goal
from deskbreak.storage import days
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect
from deskbreak.storage.event_log import AWAY_HOW, SITTING_ENDS

SAT_45 = timedelta(minutes=45)


def zone(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


CET, CEST, UTC0, EST = zone(1), zone(2), zone(0), zone(-5)


@pytest.fixture
def log() -> Iterator[BreakLog]:
    conn = connect(None)
    yield BreakLog(conn)
    conn.close()


def db(log: BreakLog) -> sqlite3.Connection:
    assert log.conn is not None
    return log.conn


# -- the figures worked out again in Python -----------------------------------------------


def recomputed(conn: sqlite3.Connection) -> dict[date, DaySummary]:
    """Each local day's figures from the rows, written independently of days.py's SQL."""
    found: dict[str, dict[str, float]] = {}

    def day(local_date: str) -> dict[str, float]:
        return found.setdefault(
            local_date,
            {"breaks": 0, "started": 0, "natural": 0, "movement": 0.0, "longest": 0.0, "reminders": 0},
        )

    rows = conn.execute(
        "SELECT local_date, outcome, steps_done, steps_total, started_at, reminded, active_seconds"
        " FROM breaks"
    ).fetchall()
    for local_date, outcome, done, total, started, reminded, active in rows:
        if local_date is None:
            continue  # a row on no day (an unreadable time)
        figures = day(local_date)
        finished = outcome in (Outcome.COMPLETED.value, Outcome.ENDED_EARLY.value)
        if finished and counts_toward_goal(outcome == Outcome.COMPLETED.value, done, total):
            figures["breaks"] += 1
        figures["started"] += started is not None
        figures["reminders"] += reminded == 1
        figures["movement"] += active or 0.0
    marks: dict[str, tuple[str, str, str]] = {}
    for uid, kind, local_date, at_utc, seconds, how in conn.execute(
        "SELECT uid, kind, local_date, at_utc, seconds, how FROM events"
    ).fetchall():
        figures = day(local_date)
        if kind == "natural_break":
            figures["natural"] += 1
        elif kind == "sitting" and seconds is not None:
            figures["longest"] = max(figures["longest"], seconds)
        elif kind == "rest_day":
            marks[local_date] = max(marks.get(local_date, ("", "", "")), (at_utc, uid, how))
    return {
        date.fromisoformat(d): DaySummary(
            breaks=int(f["breaks"]),
            breaks_started=int(f["started"]),
            natural_breaks=int(f["natural"]),
            movement_seconds=round(f["movement"], 6),
            longest_sitting_seconds=f["longest"],
            rest=d in marks and marks[d][2] == "rest",
            reminders=int(f["reminders"]),
        )
        for d, f in found.items()
    }


def kept(log: BreakLog) -> dict[date, DaySummary]:
    """What the review reads, with a day's row left at all zeros counted as no row."""
    empty = DaySummary()
    return {
        d: DaySummary(s.breaks, s.breaks_started, s.natural_breaks, round(s.movement_seconds, 6),
                      s.longest_sitting_seconds, s.rest, s.reminders)
        for d, s in log.events.day_summaries().items()
        if s != empty
    }  # fmt: skip


def assert_figures_agree(log: BreakLog) -> None:
    expected = {d: s for d, s in recomputed(db(log)).items() if s != DaySummary()}
    assert kept(log) == expected


# -- random sequences of everything that changes the rows -----------------------------------

OFFSETS = [1, 2, 0, -5, 5.5, 14, -12, 9.75]
REMINDER_ANSWERS = [Outcome.SNOOZED, Outcome.SKIPPED, Outcome.STEPPED_AWAY, Outcome.UNANSWERED]

pick = st.integers(0, 1000)
ops = st.one_of(
    st.tuples(st.just("wait"), st.floats(0, 30 * 3600, allow_nan=False)),
    st.tuples(st.just("move"), st.sampled_from(OFFSETS)),
    st.tuples(st.just("reminder")),
    st.tuples(st.just("answer"), pick, st.sampled_from(REMINDER_ANSWERS)),
    st.tuples(st.just("start"), pick, st.booleans()),
    st.tuples(
        # steps done around half of the total, where counting starts
        st.just("finish"), pick, st.booleans(), st.integers(0, 8), st.sampled_from([0, 0, -1, 1, 2]),
        st.floats(0, 900),
    ),
    st.tuples(st.just("whole_break"), pick, st.booleans(), st.sampled_from([0, 2, 4, 6, 3]),
              st.sampled_from([0, 0, -1, 1]), st.floats(0, 900)),
    st.tuples(st.just("feedback"), pick, st.sampled_from([None, "too_easy", "about_right", "too_hard"]),
              st.sampled_from([None, True, False])),
    st.tuples(st.just("sitting"), st.floats(0, 4 * 3600), st.sampled_from(SITTING_ENDS)),
    st.tuples(st.just("sitting_again"), pick, st.floats(0, 4 * 3600)),
    st.tuples(st.just("natural"), st.floats(0, 3600), st.sampled_from(AWAY_HOW)),
    st.tuples(st.just("rest"), st.integers(-3, 1), st.booleans()),
    st.tuples(st.just("checkin"), st.integers(0, 10), st.integers(0, 10)),
    st.tuples(st.just("edit_break"), pick, st.sampled_from(["outcome", "steps", "active", "day", "no_day"]),
              st.integers(0, 6)),
    st.tuples(st.just("edit_event"), pick, st.sampled_from(["seconds", "day", "how"]), st.integers(0, 6)),
    st.tuples(st.just("delete_break"), pick),
    st.tuples(st.just("delete_event"), pick),
)  # fmt: skip


@dataclass
class Desk:
    """A fake clock (a UTC instant that never goes back, shown at the current offset) and a log."""

    log: BreakLog
    instant: datetime = datetime(2026, 3, 27, 7, 0, tzinfo=UTC)
    offset: timezone = CET
    reminders: list[int] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)
    sittings: list[datetime] = field(default_factory=list)
    rest_marks: dict[date, bool] = field(default_factory=dict)  # the latest mark made for each day

    def now(self) -> datetime:
        return self.instant.astimezone(self.offset)

    def apply(self, op: tuple[Any, ...]) -> None:
        kind, *args = op
        log, conn, now = self.log, db(self.log), self.now()
        if kind == "wait":
            self.instant += timedelta(seconds=float(args[0]))
        elif kind == "move":
            self.offset = zone(float(args[0]))
        elif kind == "reminder":
            self.reminders.append(log.reminder_shown(now, SAT_45))
        elif kind == "answer" and self.reminders:
            log.answer(self.reminders[int(args[0]) % len(self.reminders)], args[1], now)
        elif kind == "start":
            chosen = (
                self.reminders[int(args[0]) % len(self.reminders)] if self.reminders and args[1] else None
            )
            self.breaks.append(log.break_started(now, "quick-reset", reminder_id=chosen, sitting_for=SAT_45))
        elif kind == "whole_break":  # started (from a reminder, if any) and finished at once
            self.apply(("start", args[0], True))
            self.apply(("finish", len(self.breaks) - 1, *args[1:]))
        elif kind == "finish" and self.breaks:
            n, completed, total, around_half, active = args
            done = max(0, min(int(total), (int(total) + 1) // 2 + int(around_half)))
            result = PlayerResult(bool(completed), int(done), int(total), 0, timedelta(seconds=float(active)))
            log.break_finished(self.breaks[int(n) % len(self.breaks)], now, result)
        elif kind == "feedback" and self.breaks:
            n, feedback, pain = args
            log.break_feedback(self.breaks[int(n) % len(self.breaks)], feedback=feedback, pain=pain)
        elif kind == "sitting":
            start = now - timedelta(seconds=float(args[0]))
            self.sittings.append(start)
            log.events.sitting(start, now, str(args[1]))
        elif kind == "sitting_again" and self.sittings:
            start = self.sittings[int(args[0]) % len(self.sittings)]
            log.events.sitting(start, max(now, start) + timedelta(seconds=float(args[1])), "quit")
        elif kind == "natural":
            log.events.natural_break(now - timedelta(seconds=float(args[0])), now, str(args[1]))
        elif kind == "rest":
            day = now.date() + timedelta(days=int(args[0]))
            log.events.rest_day(day, now, bool(args[1]))
            self.rest_marks[day] = bool(args[1])
        elif kind == "checkin":
            week = "{}-W{:02d}".format(*now.isocalendar()[:2])
            log.events.check_in(now, week, int(args[0]), int(args[1]))
        elif kind == "edit_break":
            self.edit_break(conn, *args)
        elif kind == "edit_event":
            self.edit_event(conn, *args)
        elif kind == "delete_break":
            ids = [r[0] for r in conn.execute("SELECT id FROM breaks ORDER BY id")]
            if ids:
                conn.execute("DELETE FROM breaks WHERE id = ?", (ids[int(args[0]) % len(ids)],))
        elif kind == "delete_event":
            uids = [
                r[0] for r in conn.execute("SELECT uid FROM events WHERE kind != 'rest_day' ORDER BY uid")
            ]
            if uids:
                conn.execute("DELETE FROM events WHERE uid = ?", (uids[int(args[0]) % len(uids)],))

    def edit_break(self, conn: sqlite3.Connection, n: int, what: str, value: int) -> None:
        """A hand edit or an import changing a row behind the app's back."""
        ids = [r[0] for r in conn.execute("SELECT id FROM breaks ORDER BY id")]
        if not ids:
            return
        rid, v = ids[int(n) % len(ids)], int(value)
        outcomes = ["completed", "ended_early", "skipped", "pending", "snoozed", "unanswered", "stepped_away"]
        day = (self.now().date() - timedelta(days=v)).isoformat()
        sql, params = {
            "outcome": ("outcome = ?", (outcomes[v],)),
            "steps": ("steps_done = ?, steps_total = ?", (v, 6 - v)),
            "active": ("active_seconds = ?", (v * 33.3 if v else None,)),
            "day": ("local_date = ?", (day,)),
            "no_day": ("local_date = ?", (None,)),
        }[str(what)]
        conn.execute(f"UPDATE breaks SET {sql} WHERE id = ?", (*params, rid))

    def edit_event(self, conn: sqlite3.Connection, n: int, what: str, value: int) -> None:
        uids = [r[0] for r in conn.execute("SELECT uid FROM events WHERE kind != 'rest_day' ORDER BY uid")]
        if not uids:
            return
        uid, v = uids[int(n) % len(uids)], int(value)
        if what == "seconds":
            conn.execute("UPDATE events SET seconds = ? WHERE uid = ?", (v * 1000.0 if v else None, uid))
        elif what == "day":
            day = (self.now().date() - timedelta(days=v)).isoformat()
            conn.execute("UPDATE events SET local_date = ? WHERE uid = ?", (day, uid))
        else:
            conn.execute("UPDATE events SET how = ? WHERE uid = ?", ("idle" if v % 2 else "lock", uid))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ops, max_size=60))
def test_the_days_table_always_equals_the_figures_worked_out_from_the_rows(
    steps: list[tuple[object, ...]],
) -> None:
    conn = connect(None)
    try:
        desk = Desk(BreakLog(conn))
        for op in steps:
            desk.apply(op)
            assert desk.log.healthy, desk.log.problem
        assert_figures_agree(desk.log)
        # the latest rest-day mark made for a day is the one that holds
        summaries = desk.log.events.day_summaries()
        for day, rest in desk.rest_marks.items():
            assert summaries[day].rest is rest, day
        # the per-day table worked out from scratch is the same as the one kept by the triggers
        before = conn.execute(
            "SELECT * FROM days WHERE breaks + breaks_started + reminders + natural_breaks"
            " + movement_seconds + longest_sitting_seconds + rest > 0 ORDER BY 1"
        ).fetchall()
        days.rebuild(conn)
        after = conn.execute("SELECT * FROM days ORDER BY 1").fetchall()
        assert [r for r in after if any(r[1:])] == before
    finally:
        conn.close()


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([o.value for o in Outcome]),
    st.one_of(st.none(), st.integers(0, 12)),
    st.one_of(st.none(), st.integers(0, 12)),
)
def test_the_sql_rule_for_a_counted_break_is_counts_toward_goal(
    outcome: str, done: int | None, total: int | None
) -> None:
    conn = connect(None)
    try:
        conn.execute(
            "INSERT INTO breaks (at, reminded, outcome, steps_done, steps_total, uid, local_date)"
            " VALUES ('2026-03-02T10:00:00+01:00', 1, ?, ?, ?, 'u', '2026-03-02')",
            (outcome, done, total),
        )
        counted = conn.execute("SELECT breaks FROM days").fetchone()[0]
        finished = outcome in ("completed", "ended_early")
        assert counted == int(finished and counts_toward_goal(outcome == "completed", done, total))
    finally:
        conn.close()


# -- hand-computed calendars --------------------------------------------------------------


def completed_break(log: BreakLog, when: datetime, active: float = 120.0) -> int:
    rid = log.break_started(when, "quick-reset", reminder_id=None, sitting_for=SAT_45)
    log.break_finished(
        rid, when + timedelta(minutes=3), PlayerResult(True, 4, 4, 0, timedelta(seconds=active))
    )
    return rid


def test_spring_forward_keeps_both_sides_of_the_missing_hour_on_the_same_day(log: BreakLog) -> None:
    # Sunday 29 March 2026 in Berlin: 02:00 +01:00 jumps to 03:00 +02:00
    completed_break(log, datetime(2026, 3, 28, 23, 30, tzinfo=CET))  # Saturday night
    completed_break(log, datetime(2026, 3, 29, 1, 30, tzinfo=CET))
    completed_break(log, datetime(2026, 3, 29, 3, 30, tzinfo=CEST))  # one real hour later
    log.events.natural_break(
        datetime(2026, 3, 29, 1, 50, tzinfo=CET), datetime(2026, 3, 29, 3, 10, tzinfo=CEST)
    )
    log.events.sitting(
        datetime(2026, 3, 29, 0, 30, tzinfo=CET), datetime(2026, 3, 29, 3, 30, tzinfo=CEST), "break"
    )
    log.reminder_shown(datetime(2026, 3, 29, 23, 59, tzinfo=CEST), SAT_45)  # 21:59 UTC
    log.reminder_shown(datetime(2026, 3, 30, 0, 30, tzinfo=CEST), SAT_45)  # 22:30 UTC on the 29th
    assert log.events.day_summaries() == {
        date(2026, 3, 28): DaySummary(1, 1, 0, 120.0, 0.0, False, 0),
        # 00:30 +01:00 to 03:30 +02:00 is two hours of sitting, not three
        date(2026, 3, 29): DaySummary(2, 2, 1, 240.0, 7200.0, False, 1),
        date(2026, 3, 30): DaySummary(0, 0, 0, 0.0, 0.0, False, 1),
    }
    assert_figures_agree(log)


def test_fall_back_keeps_the_repeated_hour_on_its_day(log: BreakLog) -> None:
    # Sunday 25 October 2026 in Berlin: 03:00 +02:00 falls back to 02:00 +01:00
    completed_break(log, datetime(2026, 10, 25, 0, 30, tzinfo=CEST))  # 22:30 UTC on the 24th
    completed_break(log, datetime(2026, 10, 25, 2, 30, tzinfo=CEST))
    completed_break(log, datetime(2026, 10, 25, 2, 30, tzinfo=CET))  # the same clock time, an hour later
    log.events.sitting(
        datetime(2026, 10, 25, 2, 0, tzinfo=CEST), datetime(2026, 10, 25, 2, 0, tzinfo=CET), "lock"
    )
    completed_break(log, datetime(2026, 10, 25, 23, 30, tzinfo=CET))  # 22:30 UTC on the 25th
    completed_break(log, datetime(2026, 10, 26, 0, 30, tzinfo=CET))  # 23:30 UTC on the 25th
    assert log.events.day_summaries() == {
        date(2026, 10, 25): DaySummary(4, 4, 0, 480.0, 3600.0, False, 0),
        date(2026, 10, 26): DaySummary(1, 1, 0, 120.0, 0.0, False, 0),
    }
    assert_figures_agree(log)


def test_a_timezone_move_mid_week_puts_each_event_on_the_local_day_it_happened(log: BreakLog) -> None:
    # Monday 2 to Wednesday 4 March 2026 in Berlin, then Thursday and Friday in New York
    for day in (2, 3, 4):
        completed_break(log, datetime(2026, 3, day, 10, 0, tzinfo=CET))
        completed_break(log, datetime(2026, 3, day, 23, 30, tzinfo=CET))  # 22:30 UTC, same day
    log.events.natural_break(datetime(2026, 3, 4, 0, 15, tzinfo=CET), datetime(2026, 3, 4, 0, 30, tzinfo=CET))
    completed_break(log, datetime(2026, 3, 5, 9, 0, tzinfo=EST))  # 14:00 UTC
    completed_break(log, datetime(2026, 3, 5, 23, 30, tzinfo=EST))  # 04:30 UTC on Friday
    log.events.natural_break(
        datetime(2026, 3, 5, 22, 0, tzinfo=EST), datetime(2026, 3, 5, 22, 20, tzinfo=EST)
    )
    log.events.sitting(
        datetime(2026, 3, 5, 21, 0, tzinfo=EST), datetime(2026, 3, 5, 23, 30, tzinfo=EST), "break"
    )
    completed_break(log, datetime(2026, 3, 6, 0, 30, tzinfo=EST))  # 05:30 UTC on Friday
    completed_break(log, datetime(2026, 3, 6, 20, 0, tzinfo=EST))  # 01:00 UTC on Saturday
    log.events.rest_day(date(2026, 3, 6), datetime(2026, 3, 6, 23, 0, tzinfo=EST))  # 04:00 UTC Saturday

    figures = log.events.day_summaries()
    assert figures == {
        date(2026, 3, 2): DaySummary(2, 2, 0, 240.0, 0.0, False, 0),
        date(2026, 3, 3): DaySummary(2, 2, 0, 240.0, 0.0, False, 0),
        date(2026, 3, 4): DaySummary(2, 2, 1, 240.0, 0.0, False, 0),
        date(2026, 3, 5): DaySummary(2, 2, 1, 240.0, 9000.0, False, 0),
        date(2026, 3, 6): DaySummary(2, 2, 0, 240.0, 0.0, True, 0),
    }
    assert date(2026, 3, 7) not in figures
    assert log.events.first_day() == date(2026, 3, 2)
    assert_figures_agree(log)
    # in the review, with a goal of 2: Monday to Thursday met, Friday rested
    review = build_review(figures, [], date(2026, 3, 7), GoalSettings(daily_goal=2))
    assert [f.mark for f in review.week.days[:5]] == [DayMark.MET] * 4 + [DayMark.REST]


def test_a_sitting_stretch_logged_at_quit_and_again_later_is_one_row(log: BreakLog) -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=CET)
    first = log.events.sitting(start, start + timedelta(minutes=40), "quit")
    assert log.events.day_summaries()[date(2026, 3, 2)].longest_sitting_seconds == 2400.0
    # after a restart the same stretch goes on and ends with a break
    again = log.events.sitting(start, start + timedelta(minutes=70), "break")
    assert again == first
    assert db(log).execute("SELECT count(*), max(how) FROM events WHERE kind = 'sitting'").fetchone() == (
        1,
        "break",
    )
    assert log.events.day_summaries()[date(2026, 3, 2)].longest_sitting_seconds == 4200.0
    # logged a third time with a shorter end (a late write of the quit): the latest write holds
    log.events.sitting(start, start + timedelta(minutes=20), "quit")
    assert log.events.day_summaries()[date(2026, 3, 2)].longest_sitting_seconds == 1200.0
    # the same instant written at another offset is the same stretch
    log.events.sitting(start.astimezone(UTC0), start + timedelta(minutes=50), "lock")
    assert db(log).execute("SELECT count(*) FROM events WHERE kind = 'sitting'").fetchone()[0] == 1
    assert_figures_agree(log)


def test_another_stretch_is_its_own_row_and_the_longest_one_counts(log: BreakLog) -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=CET)
    log.events.sitting(start, start + timedelta(minutes=50), "break")
    log.events.sitting(start + timedelta(hours=1), start + timedelta(hours=2, minutes=30), "natural_break")
    log.events.sitting(start + timedelta(hours=3), start + timedelta(hours=3, minutes=10), "lock")
    assert db(log).execute("SELECT count(*) FROM events WHERE kind = 'sitting'").fetchone()[0] == 3
    assert log.events.day_summaries()[date(2026, 3, 2)].longest_sitting_seconds == 5400.0


def test_the_latest_rest_day_mark_wins(log: BreakLog) -> None:
    monday = date(2026, 3, 2)
    completed_break(log, datetime(2026, 3, 2, 10, tzinfo=CET))
    log.events.rest_day(monday, datetime(2026, 3, 2, 18, tzinfo=CET), True)
    assert log.events.day_summaries()[monday].rest is True
    log.events.rest_day(monday, datetime(2026, 3, 3, 9, tzinfo=CET), False)  # unmarked the next day
    assert log.events.day_summaries()[monday].rest is False
    log.events.rest_day(monday, datetime(2026, 3, 4, 9, tzinfo=CET), True)
    assert log.events.day_summaries()[monday].rest is True
    assert log.events.day_summaries()[monday].breaks == 1  # the break is still there
    assert_figures_agree(log)


def test_an_unmarked_rest_day_is_a_working_day_again_in_the_review(log: BreakLog) -> None:
    tuesday = date(2026, 3, 3)
    completed_break(log, datetime(2026, 3, 2, 10, tzinfo=CET))
    log.events.rest_day(tuesday, datetime(2026, 3, 3, 8, tzinfo=CET), True)
    goal = GoalSettings(daily_goal=1)
    review = build_review(log.events.day_summaries(), [], date(2026, 3, 4), goal)
    assert review.week.days[1].mark is DayMark.REST and review.week.days[1].goal == 0
    assert review.streak.current == 1

    log.events.rest_day(tuesday, datetime(2026, 3, 3, 17, tzinfo=CET), False)
    assert log.events.day_summaries()[tuesday].rest is False
    review = build_review(log.events.day_summaries(), [], date(2026, 3, 4), goal)
    assert review.week.days[1].mark is DayMark.MISSED and review.week.days[1].goal == 1
    assert review.streak.current == 0


def test_marking_and_unmarking_within_the_same_second_ends_with_the_last_click(log: BreakLog) -> None:
    # the review's toggle clicked twice quickly: the clock reads the same second both times
    monday = date(2026, 3, 2)
    for n in range(12):
        first = datetime(2026, 3, 2, 18, 0, n, 200_000, tzinfo=CET)
        log.events.rest_day(monday, first, True)
        log.events.rest_day(monday, first + timedelta(microseconds=500_000), False)
        assert log.events.day_summaries()[monday].rest is False, n
        log.events.rest_day(monday, first + timedelta(microseconds=600_000), True)
        assert log.events.day_summaries()[monday].rest is True, n
    assert_figures_agree(log)


def test_a_break_moved_to_another_day_or_to_no_day_moves_its_figures(log: BreakLog) -> None:
    rid = completed_break(log, datetime(2026, 3, 2, 10, tzinfo=CET))
    conn = db(log)
    conn.execute("UPDATE breaks SET local_date = '2026-03-01' WHERE id = ?", (rid,))
    assert log.events.day_summaries()[date(2026, 3, 1)].breaks == 1
    assert log.events.day_summaries()[date(2026, 3, 2)].breaks == 0
    conn.execute("UPDATE breaks SET local_date = NULL WHERE id = ?", (rid,))  # e.g. an unreadable time
    assert log.events.day_summaries()[date(2026, 3, 1)].breaks == 0
    conn.execute("UPDATE breaks SET local_date = '2026-03-02' WHERE id = ?", (rid,))  # repaired
    assert log.events.day_summaries()[date(2026, 3, 2)].breaks == 1
    assert_figures_agree(log)


def test_check_ins_are_read_back_in_order(log: BreakLog) -> None:
    log.events.check_in(datetime(2026, 3, 6, 16, tzinfo=CET), "2026-W10", 4, 3, "  stiff after the drive  ")
    log.events.check_in(datetime(2026, 3, 13, 16, tzinfo=EST), "2026-W11", 2, 3)
    found = log.events.checkins()
    assert [(c.week, c.stiffness, c.low_back_pain, c.note) for c in found] == [
        ("2026-W10", 4, 3, "stiff after the drive"),
        ("2026-W11", 2, 3, ""),
    ]
    assert found[1].at == datetime(2026, 3, 13, 16, tzinfo=EST)
    assert log.events.checked_in_weeks() == {"2026-W10", "2026-W11"}
    # a check-in is no break: its day is in the history, with nothing counted
    assert set(log.events.day_summaries().values()) == {DaySummary()}
    data = (
        db(log)
        .execute("SELECT data FROM events WHERE kind = 'checkin' ORDER BY at_utc LIMIT 1")
        .fetchone()[0]
    )
    assert json.loads(data)["week"] == "2026-W10"
    with pytest.raises(ValueError, match="11"):
        log.events.check_in(datetime(2026, 3, 6, 16, tzinfo=CET), "2026-W10", 11, 0)
