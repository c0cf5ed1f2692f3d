"""The weekly review over hand-computed calendars: week card, heatmap, check-ins, ISO weeks, summary."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreak.core.review import (
    HEATMAP_WEEKS,
    CheckIn,
    DaySummary,
    build_review,
    checkin_points,
    goal_settings,
    iso_week_label,
    parse_iso_week,
    summary_line,
)
from deskbreak.core.settings import Settings
from deskbreak.core.streaks import DayMark, GoalSettings, week_start

GOAL = GoalSettings(daily_goal=4)
WITH_NATURAL = GoalSettings(daily_goal=4, count_natural_breaks=True)
TODAY = date(2026, 11, 26)  # Thursday of ISO week 48 (Monday 23 November)
THIS_MONDAY = date(2026, 11, 23)
LAST_MONDAY = date(2026, 11, 16)  # week 47, the first week with history


def d(day: int) -> date:
    """A day of November 2026."""
    return date(2026, 11, day)


def seeded() -> dict[date, DaySummary]:
    """Two weeks of history, figures worked out by hand in the tests below."""
    return {
        # week 47
        d(16): DaySummary(breaks=4, breaks_started=5, movement_seconds=300, longest_sitting_seconds=3000),
        d(17): DaySummary(breaks=2, breaks_started=2, movement_seconds=120, longest_sitting_seconds=4000),
        d(18): DaySummary(breaks=5, breaks_started=5, movement_seconds=400),
        d(19): DaySummary(rest=True),
        d(20): DaySummary(breaks=4, breaks_started=4, movement_seconds=200, natural_breaks=1),
        # week 48
        d(23): DaySummary(
            breaks=4, breaks_started=4, movement_seconds=360, natural_breaks=2, longest_sitting_seconds=3600
        ),
        d(24): DaySummary(
            breaks=3, breaks_started=4, movement_seconds=200, natural_breaks=2, longest_sitting_seconds=5400
        ),
        d(25): DaySummary(breaks=6, breaks_started=6, movement_seconds=500, longest_sitting_seconds=1800),
        d(26): DaySummary(breaks=1, breaks_started=1, movement_seconds=60, longest_sitting_seconds=2700),
        d(28): DaySummary(breaks=2, breaks_started=2, movement_seconds=100),  # Saturday: a day off
    }


def test_this_weeks_figures_day_by_day() -> None:
    review = build_review(seeded(), [], TODAY, GOAL, since=LAST_MONDAY)
    week = review.week
    assert week.monday == THIS_MONDAY and week.label == "2026-W48"
    assert [f.day for f in week.days] == [d(n) for n in range(23, 30)]
    assert [f.mark for f in week.days] == [
        DayMark.MET,
        DayMark.MISSED,  # 3 of 4
        DayMark.MET,
        DayMark.PENDING,  # today, 1 of 4 so far
        DayMark.UNTRACKED,  # tomorrow
        DayMark.OFF,
        DayMark.OFF,
    ]
    assert [f.goal_met for f in week.days] == [True, False, True, False, False, False, False]
    assert [f.goal for f in week.days] == [4, 4, 4, 4, 4, 0, 0]
    assert [f.score for f in week.days] == [4, 3, 6, 1, 0, 2, 0]  # natural breaks do not count


def test_this_weeks_totals_and_the_change_since_last_week() -> None:
    week = build_review(seeded(), [], TODAY, GOAL, since=LAST_MONDAY).week
    t = week.totals
    assert t.breaks == 4 + 3 + 6 + 1 + 2
    assert t.movement_seconds == 360 + 200 + 500 + 60 + 100
    assert t.natural_breaks == 4
    assert t.longest_sitting_seconds == 5400
    assert (t.days_met, t.working_days) == (2, 5)
    p = week.previous
    assert (p.breaks, p.movement_seconds, p.natural_breaks, p.longest_sitting_seconds) == (15, 1020, 1, 4000)
    assert (p.days_met, p.working_days) == (3, 4)  # Thursday 19 was a rest day
    assert week.breaks_change == 16 - 15
    assert week.movement_change_seconds == 1220 - 1020


def test_the_streak_seen_in_the_review() -> None:
    review = build_review(seeded(), [], TODAY, GOAL, since=LAST_MONDAY)
    # Mon 16 met, Tue 17 missed, Wed 18 met, Thu 19 rest, Fri 20 met, Mon 23 met (3),
    # Tue 24 missed, Wed 25 met (1), today pending
    assert (review.streak.current, review.streak.best, review.streak.today_pending) == (1, 3, True)
    assert (review.streak.week_met, review.streak.week_working_days) == (2, 5)


def test_counting_natural_breaks_changes_which_days_met_the_goal() -> None:
    off = build_review(seeded(), [], TODAY, GOAL, since=LAST_MONDAY)
    on = build_review(seeded(), [], TODAY, WITH_NATURAL, since=LAST_MONDAY)
    tuesday_off, tuesday_on = off.week.days[1], on.week.days[1]
    assert (tuesday_off.score, tuesday_off.goal_met) == (3, False)
    assert (tuesday_on.score, tuesday_on.goal_met) == (5, True)
    assert on.week.totals.days_met == 3
    # with them counted the streak runs unbroken from Wed 18 (Fri 20 had 4 anyway)
    assert (on.streak.current, on.streak.best) == (5, 5)
    assert on.week.days[3].mark is DayMark.PENDING  # today: 1 break, no natural ones yet


def test_goal_settings_follow_the_users_settings() -> None:
    settings = Settings(daily_goal=6, work_days=frozenset({0, 2, 4}), count_natural_breaks=True)
    assert goal_settings(settings) == GoalSettings(6, frozenset({0, 2, 4}), True)
    review = build_review(seeded(), [], TODAY, goal_settings(settings), since=LAST_MONDAY)
    assert [f.mark for f in review.week.days] == [
        DayMark.MET,  # 4 + 2 natural = 6
        DayMark.OFF,
        DayMark.MET,
        DayMark.OFF,
        DayMark.UNTRACKED,
        DayMark.OFF,
        DayMark.OFF,
    ]


def test_the_heatmap_is_52_full_weeks_ending_with_this_week() -> None:
    review = build_review(seeded(), [], TODAY, GOAL, since=LAST_MONDAY)
    heat = review.heatmap
    assert len(heat) == HEATMAP_WEEKS * 7 == 364
    assert heat[0].day == date(2025, 12, 1) and heat[0].day.weekday() == 0
    assert heat[-1].day == date(2026, 11, 29)  # this week's Sunday
    assert [f.day for f in heat[-7:]] == [f.day for f in review.week.days]
    assert all(b.day - a.day == timedelta(days=1) for a, b in zip(heat, heat[1:], strict=False))
    share = {f.day: f.share for f in heat}
    assert share[d(23)] == 1.0
    assert share[d(24)] == 0.75
    assert share[d(25)] == 1.0  # 6 of 4 is capped at the full goal
    assert share[d(26)] == 0.25
    assert share[d(27)] == 0.0  # tomorrow
    assert share[d(28)] == 0.0  # a day off has no goal, however many breaks
    assert share[d(19)] == 0.0  # a rest day
    assert share[d(17)] == 0.5
    marks = {f.day: f.mark for f in heat}
    assert marks[d(13)] is DayMark.UNTRACKED  # before the history began: not missed
    assert marks[d(19)] is DayMark.REST


def test_a_week_in_the_past_picked_with_week_of() -> None:
    review = build_review(seeded(), [], TODAY, GOAL, week_of=d(19), since=LAST_MONDAY)
    week = review.week
    assert week.monday == LAST_MONDAY and week.label == "2026-W47"
    assert [f.mark for f in week.days] == [
        DayMark.MET,
        DayMark.MISSED,
        DayMark.MET,
        DayMark.REST,
        DayMark.MET,
        DayMark.OFF,
        DayMark.OFF,
    ]
    t = week.totals
    assert (t.breaks, t.movement_seconds, t.natural_breaks, t.longest_sitting_seconds) == (15, 1020, 1, 4000)
    assert (t.days_met, t.working_days) == (3, 4)
    assert (week.previous.breaks, week.previous.days_met) == (0, 0)
    # the heatmap, streak and "today" are still as of today
    assert review.today == TODAY
    assert review.heatmap[-1].day == date(2026, 11, 29)
    assert review.streak.current == 1


def test_the_future_rest_day_of_this_week_has_no_goal() -> None:
    days = {**seeded(), d(27): DaySummary(rest=True)}
    week = build_review(days, [], TODAY, GOAL, since=LAST_MONDAY).week
    assert week.days[4].mark is DayMark.REST and week.days[4].goal == 0
    assert week.totals.working_days == 4


# -- ISO weeks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2025, 12, 29), "2026-W01"),  # Monday before New Year belongs to 2026's week 1
        (date(2026, 1, 1), "2026-W01"),
        (date(2026, 12, 27), "2026-W52"),
        (date(2026, 12, 28), "2026-W53"),
        (date(2026, 12, 31), "2026-W53"),
        (date(2027, 1, 1), "2026-W53"),
        (date(2027, 1, 3), "2026-W53"),  # Sunday: still the last week of 2026
        (date(2027, 1, 4), "2027-W01"),
        (date(2026, 3, 2), "2026-W10"),
    ],
)
def test_iso_week_labels_across_the_year_boundary(day: date, label: str) -> None:
    assert iso_week_label(day) == label


@pytest.mark.parametrize(
    ("text", "monday"),
    [
        ("2026-W53", date(2026, 12, 28)),
        ("2026-W01", date(2025, 12, 29)),
        ("2027-W01", date(2027, 1, 4)),
        ("2026-W47", date(2026, 11, 16)),
        (" 2026-w5 ", date(2026, 1, 26)),  # spaces, lower case, one digit
    ],
)
def test_parse_iso_week(text: str, monday: date) -> None:
    assert parse_iso_week(text) == monday


@pytest.mark.parametrize(
    "text",
    ["", "2026", "2026-53", "W53", "2027-W53", "2026-W00", "2026-W54", "26-W01", "2026-W1x", "2026-W-1",
     "2026-W01-W02", "next week", "２０２６-W01", "0000-W01"],
)  # fmt: skip
def test_parse_iso_week_rejects_garbage_naming_the_input(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_iso_week(text)
    assert repr(text.strip()) in str(info.value)


def test_a_long_bad_week_is_shortened_in_the_message() -> None:
    with pytest.raises(ValueError, match="not an ISO week") as info:
        parse_iso_week("x" * 500)
    assert len(str(info.value)) < 100


@given(st.text())
def test_any_text_gives_a_monday_or_a_value_error(text: str) -> None:
    try:
        monday = parse_iso_week(text)
    except ValueError:
        return
    assert monday.weekday() == 0
    assert re.fullmatch(r"\d{4}-W\d+", text.strip(), flags=re.IGNORECASE)


@given(st.from_regex(r"\A\d{4}-[wW]\d{1,3}\Z"))
def test_week_shaped_text_gives_a_monday_or_a_value_error(text: str) -> None:
    try:
        monday = parse_iso_week(text)
    except ValueError as exc:
        assert repr(text) in str(exc)
        return
    assert monday.weekday() == 0
    assert iso_week_label(monday).split("-W") == [text[:4], f"{int(text[6:]):02d}"]


@given(st.dates())
def test_label_and_parse_round_trip_for_any_date(day: date) -> None:
    label = iso_week_label(day)
    assert parse_iso_week(label) == week_start(day)
    assert iso_week_label(parse_iso_week(label)) == label


def test_a_week_53_review_is_labelled_for_the_year_it_belongs_to() -> None:
    review = build_review({}, [], date(2027, 1, 6), GOAL, week_of=date(2027, 1, 1))
    assert review.week.monday == date(2026, 12, 28)
    assert review.week.label == "2026-W53"
    assert build_review({}, [], date(2027, 1, 6), GOAL).week.label == "2027-W01"


# -- check-ins ----------------------------------------------------------------------------

ZONE = timezone(timedelta(hours=1))


def checkin(week: str, day: date, hh: int, stiffness: int, pain: int) -> CheckIn:
    return CheckIn(week, datetime(day.year, day.month, day.day, hh, tzinfo=ZONE), stiffness, pain)


def test_check_in_points_mark_changes_of_two_points_and_keep_the_latest_per_week() -> None:
    items = [
        checkin("2026-W48", d(27), 16, 3, 6),
        checkin("2026-W47", d(20), 17, 2, 4),  # the later answer for week 47 ...
        checkin("2026-W45", d(6), 16, 5, 4),
        checkin("2026-W47", d(20), 16, 9, 9),  # ... replaces this one
        checkin("2026-W46", d(13), 16, 4, 4),
    ]
    points = build_review(seeded(), items, TODAY, GOAL, since=LAST_MONDAY).checkins
    assert [p.checkin.week for p in points] == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    assert [(p.checkin.stiffness, p.checkin.low_back_pain) for p in points] == [
        (5, 4),
        (4, 4),
        (2, 4),
        (3, 6),
    ]
    assert [(p.stiffness_change, p.pain_change) for p in points] == [(None, None), (-1, 0), (-2, 0), (1, 2)]
    assert [p.marked for p in points] == [False, False, True, True]
    # adherence: the share of that week's working days that met the goal
    assert [p.adherence for p in points] == [0.0, 0.0, 3 / 4, 2 / 5]


def test_a_one_point_change_is_not_marked_and_a_two_point_rise_is() -> None:
    points = checkin_points(
        [checkin("2026-W46", d(13), 16, 6, 6), checkin("2026-W47", d(20), 16, 7, 5),
         checkin("2026-W48", d(27), 16, 9, 5)]
    )  # fmt: skip
    assert [p.marked for p in points] == [False, False, True]
    assert [p.adherence for p in points] == [0.0, 0.0, 0.0]  # no figures handed in


def test_the_latest_check_in_of_a_week_is_by_when_it_was_given_not_by_list_order() -> None:
    late = checkin("2026-W47", d(21), 9, 1, 1)  # answered on Saturday
    early = checkin("2026-W47", d(20), 16, 8, 8)
    for order in ([late, early], [early, late]):
        (point,) = checkin_points(order)
        assert point.checkin is late


def test_no_check_ins_no_points() -> None:
    assert build_review(seeded(), [], TODAY, GOAL).checkins == ()


# -- the Monday summary -------------------------------------------------------------------


def monday_review(days: dict[date, DaySummary], since: date) -> str:
    return summary_line(build_review(days, [], THIS_MONDAY, GOAL, since=since))


def test_the_summary_line_on_a_monday() -> None:
    # As of Monday 23 (met, so today counts): Mon 16 (1), Tue 17 missed (0), Wed 18 (1),
    # Thu 19 rest, Fri 20 (2), Mon 23 (3); best 3.
    assert monday_review(seeded(), LAST_MONDAY) == (
        "Last week you met your goal on 3 of 4 working days. Current streak: 3 days (best 3)."
    )


def test_the_summary_line_says_one_day() -> None:
    days = {d(20): DaySummary(breaks=4)}
    assert monday_review(days, d(16)) == (
        "Last week you met your goal on 1 of 5 working days. Current streak: 1 day (best 1)."
    )


def test_the_summary_line_with_no_streak() -> None:
    days = {d(16): DaySummary(breaks=4), d(20): DaySummary(breaks=1)}
    assert monday_review(days, d(16)) == (
        "Last week you met your goal on 1 of 5 working days. Current streak: 0 days (best 1)."
    )


def test_the_summary_line_with_a_single_working_day_last_week() -> None:
    # Monday to Thursday marked rest: one working day was left
    days = {d(n): DaySummary(rest=True) for n in (16, 17, 18, 19)}
    days[d(20)] = DaySummary(breaks=1)
    assert monday_review(days, d(16)) == (
        "Last week you met your goal on 0 of 1 working day. Current streak: 0 days (best 0)."
    )


def test_a_check_in_with_an_unreadable_week_does_not_stop_the_review() -> None:
    # a hand-edited or imported check-in: the review still opens, without that point
    items = [checkin("2026-W47", d(20), 16, 4, 4), checkin("week 48?", d(27), 16, 1, 1)]
    points = build_review(seeded(), items, TODAY, GOAL, since=LAST_MONDAY).checkins
    assert [p.checkin.week for p in points] == ["2026-W47"]
