"""When the weekly check-in is asked and the Monday summary shown, on local wall-clock times."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from deskbreak.core.checkin_schedule import checkin_due, latest_slot, next_slot, slot, summary_due

FRIDAY, SUNDAY, MONDAY = 4, 6, 0
FOUR_PM = time(16, 0)
WEEKDAYS = frozenset(range(5))
USED_SINCE = date(2026, 1, 5)  # deskbreak has history from well before the weeks below


def t(day: int, hh: int, mm: int = 0) -> datetime:
    """A local wall-clock time in November 2026: t(27, 16) is Friday 27 November at 16:00."""
    return datetime(2026, 11, day, hh, mm)


# -- the check-in -------------------------------------------------------------------------


def test_not_due_on_friday_a_minute_before_the_slot_and_due_for_this_week_at_it() -> None:
    # Friday 27 November 2026 is in ISO week 48; at 15:59 the latest slot is last week's,
    # which has been answered.
    assert checkin_due(t(27, 15, 59), FRIDAY, FOUR_PM, {"2026-W47"}, USED_SINCE) is None
    assert checkin_due(t(27, 16, 0), FRIDAY, FOUR_PM, {"2026-W47"}, USED_SINCE) == "2026-W48"
    assert checkin_due(t(27, 23, 59), FRIDAY, FOUR_PM, {"2026-W47"}, USED_SINCE) == "2026-W48"


def test_a_week_answered_or_put_off_is_not_asked_again() -> None:
    for closed in ({"2026-W48"}, {"2026-W47", "2026-W48"}):
        assert checkin_due(t(27, 16, 0), FRIDAY, FOUR_PM, closed, USED_SINCE) is None
        assert checkin_due(t(28, 10, 0), FRIDAY, FOUR_PM, closed, USED_SINCE) is None
        assert checkin_due(t(29, 23, 59), FRIDAY, FOUR_PM, closed, USED_SINCE) is None
    # once the next Friday's slot passes, the new week is asked
    assert checkin_due(datetime(2026, 12, 4, 16), FRIDAY, FOUR_PM, {"2026-W48"}, USED_SINCE) == "2026-W49"


def test_the_app_off_on_friday_evening_asks_last_weeks_check_in_on_monday_morning() -> None:
    # Off from Friday 15:00 to Monday 30 November 09:00: the slot passed while it was off.
    monday = datetime(2026, 11, 30, 9, 0)
    assert checkin_due(monday, FRIDAY, FOUR_PM, {"2026-W47"}, USED_SINCE) == "2026-W48"
    assert latest_slot(monday, FRIDAY, FOUR_PM) == t(27, 16)
    # ... and all week long until the next Friday at 16:00
    assert checkin_due(datetime(2026, 12, 4, 15, 59), FRIDAY, FOUR_PM, set(), USED_SINCE) == "2026-W48"


def test_a_week_before_deskbreak_was_in_use_is_never_asked_about() -> None:
    # Installed on Saturday 28 November, after Friday's slot: no week 48 check-in.
    assert checkin_due(t(28, 10), FRIDAY, FOUR_PM, set(), date(2026, 11, 28)) is None
    assert checkin_due(datetime(2026, 11, 30, 9), FRIDAY, FOUR_PM, set(), date(2026, 11, 28)) is None
    # nothing in the history at all
    assert checkin_due(t(28, 10), FRIDAY, FOUR_PM, set(), None) is None
    # in use from the slot's own day: asked
    assert checkin_due(t(28, 10), FRIDAY, FOUR_PM, set(), date(2026, 11, 27)) == "2026-W48"
    # the week after is asked as usual
    assert checkin_due(datetime(2026, 12, 4, 16), FRIDAY, FOUR_PM, set(), date(2026, 11, 28)) == "2026-W49"


def test_a_check_in_time_just_before_midnight() -> None:
    late = time(23, 59)
    assert checkin_due(t(27, 23, 58), FRIDAY, late, {"2026-W47"}, USED_SINCE) is None
    assert checkin_due(t(27, 23, 59), FRIDAY, late, {"2026-W47"}, USED_SINCE) == "2026-W48"
    assert checkin_due(t(28, 0, 0), FRIDAY, late, {"2026-W47"}, USED_SINCE) == "2026-W48"


def test_a_check_in_time_at_midnight_is_the_start_of_its_day() -> None:
    midnight = time(0, 0)
    assert checkin_due(t(26, 23, 59), FRIDAY, midnight, {"2026-W47"}, USED_SINCE) is None
    assert checkin_due(t(27, 0, 0), FRIDAY, midnight, {"2026-W47"}, USED_SINCE) == "2026-W48"


def test_a_sunday_late_evening_slot_belongs_to_the_week_it_ends() -> None:
    at = time(23, 30)
    # Sunday 29 November 2026 is the last day of ISO week 48
    assert checkin_due(t(29, 23, 29), SUNDAY, at, {"2026-W47"}, USED_SINCE) is None
    assert checkin_due(t(29, 23, 30), SUNDAY, at, {"2026-W47"}, USED_SINCE) == "2026-W48"
    # Monday just after midnight is a new week, but the latest slot is still Sunday's
    monday = datetime(2026, 11, 30, 0, 5)
    assert latest_slot(monday, SUNDAY, at) == t(29, 23, 30)
    assert checkin_due(monday, SUNDAY, at, {"2026-W47"}, USED_SINCE) == "2026-W48"
    assert next_slot(monday, SUNDAY, at) == datetime(2026, 12, 6, 23, 30)


def test_a_sunday_slot_across_the_year_boundary_is_asked_for_week_53() -> None:
    # 2026 has 53 ISO weeks: W53 is Monday 28 December 2026 to Sunday 3 January 2027.
    assert checkin_due(datetime(2027, 1, 3, 20), SUNDAY, time(20), set(), USED_SINCE) == "2026-W53"
    assert checkin_due(datetime(2027, 1, 4, 9), SUNDAY, time(20), set(), USED_SINCE) == "2026-W53"
    assert checkin_due(datetime(2027, 1, 4, 9), SUNDAY, time(20), {"2026-W53"}, USED_SINCE) is None
    assert checkin_due(datetime(2027, 1, 10, 20), SUNDAY, time(20), {"2026-W53"}, USED_SINCE) == "2027-W01"


def test_a_monday_morning_slot_on_monday_before_it_is_last_weeks() -> None:
    at = time(9, 0)
    assert latest_slot(datetime(2026, 11, 30, 8, 59), MONDAY, at) == datetime(2026, 11, 23, 9)
    assert latest_slot(datetime(2026, 11, 30, 9, 0), MONDAY, at) == datetime(2026, 11, 30, 9)


def test_the_slot_of_a_week() -> None:
    assert slot(date(2026, 11, 23), FRIDAY, FOUR_PM) == t(27, 16)
    assert slot(date(2026, 11, 23), SUNDAY, time(0, 0)) == t(29, 0)


def test_next_slot_is_strictly_after_now_even_exactly_at_a_slot() -> None:
    assert next_slot(t(27, 16, 0), FRIDAY, FOUR_PM) == datetime(2026, 12, 4, 16)
    assert next_slot(t(27, 15, 59), FRIDAY, FOUR_PM) == t(27, 16)
    assert next_slot(t(23, 0, 0), FRIDAY, FOUR_PM) == t(27, 16)


moments = st.datetimes(min_value=datetime(2000, 1, 3), max_value=datetime(2099, 12, 1))
clock_times = st.times().map(lambda v: v.replace(microsecond=0))


@given(moments, st.integers(0, 6), clock_times)
def test_slots_around_now_are_a_week_apart_on_the_configured_day_and_time(
    now: datetime, day: int, at: time
) -> None:
    latest, following = latest_slot(now, day, at), next_slot(now, day, at)
    assert latest <= now < following
    assert following - latest == timedelta(weeks=1)
    assert following - now <= timedelta(weeks=1)
    for found in (latest, following):
        assert (found.weekday(), found.time()) == (day, at)


@given(moments, st.integers(0, 6), clock_times)
def test_the_week_asked_about_is_the_iso_week_of_the_latest_slot(now: datetime, day: int, at: time) -> None:
    week = checkin_due(now, day, at, set(), date.min)
    when = latest_slot(now, day, at)
    year, number, _ = when.isocalendar()
    assert week == f"{year}-W{number:02d}"
    assert checkin_due(now, day, at, {week}, date.min) is None


# -- DST: the slot is on the wall clock ---------------------------------------------------

BERLIN_WINTER, BERLIN_SUMMER = timezone(timedelta(hours=1)), timezone(timedelta(hours=2))


def wall(moment: datetime) -> datetime:
    """What the app hands in: the local time with the zone dropped."""
    return moment.replace(tzinfo=None)


def test_spring_forward_sunday_neither_moves_nor_repeats_the_slot() -> None:
    # 2026-03-29 in Berlin: 02:00 +01:00 jumps to 03:00 +02:00. A Sunday 02:30 slot (a time
    # that does not exist that night) is due from the first moment after it on the wall clock.
    at = time(2, 30)
    before = datetime(2026, 3, 29, 1, 59, tzinfo=BERLIN_WINTER)
    after = datetime(2026, 3, 29, 3, 0, tzinfo=BERLIN_SUMMER)  # one real minute later
    assert checkin_due(wall(before), SUNDAY, at, {"2026-W12"}, USED_SINCE) is None
    assert checkin_due(wall(after), SUNDAY, at, {"2026-W12"}, USED_SINCE) == "2026-W13"
    assert checkin_due(wall(after), SUNDAY, at, {"2026-W12", "2026-W13"}, USED_SINCE) is None
    # the regular Friday 16:00 slot of that week was on winter time, the next on summer time:
    # both at 16:00 on the clock, exactly one calendar week apart
    friday = datetime(2026, 3, 27, 16, 0)
    assert next_slot(friday, FRIDAY, FOUR_PM) == datetime(2026, 4, 3, 16, 0)
    assert next_slot(wall(after), SUNDAY, at) == datetime(2026, 4, 5, 2, 30)


def test_fall_back_sunday_does_not_ask_twice_in_the_repeated_hour() -> None:
    # 2026-10-25 in Berlin: 03:00 +02:00 falls back to 02:00 +01:00, so 02:30 happens twice.
    at = time(2, 30)
    first = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN_SUMMER)
    second = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN_WINTER)
    assert checkin_due(wall(first), SUNDAY, at, {"2026-W42"}, USED_SINCE) == "2026-W43"
    # answered at the first 02:30: the second 02:30 is the same slot, not another one
    assert latest_slot(wall(second), SUNDAY, at) == latest_slot(wall(first), SUNDAY, at)
    assert checkin_due(wall(second), SUNDAY, at, {"2026-W42", "2026-W43"}, USED_SINCE) is None
    assert checkin_due(wall(second + timedelta(minutes=20)), SUNDAY, at, {"2026-W43"}, USED_SINCE) is None


# -- the Monday summary -------------------------------------------------------------------

MON_30 = date(2026, 11, 30)  # Monday of ISO week 49


def on(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm))


def test_the_summary_comes_on_monday_from_six_in_the_morning() -> None:
    assert summary_due(on(MON_30, 5, 59), WEEKDAYS, "2026-W48") is None
    assert summary_due(on(MON_30, 6, 0), WEEKDAYS, "2026-W48") == "2026-W49"
    assert summary_due(on(MON_30, 6, 0), WEEKDAYS, None) == "2026-W49"  # never shown before


def test_the_summary_is_shown_once_a_week() -> None:
    for when in (on(MON_30, 6), on(MON_30, 18), on(MON_30 + timedelta(days=1), 9), on(date(2026, 12, 4), 17)):
        assert summary_due(when, WEEKDAYS, "2026-W49") is None
    assert summary_due(on(date(2026, 12, 7), 6), WEEKDAYS, "2026-W49") == "2026-W50"


def test_the_app_first_running_on_tuesday_shows_it_then() -> None:
    assert summary_due(on(MON_30 + timedelta(days=1), 9), WEEKDAYS, "2026-W48") == "2026-W49"


def test_when_monday_is_not_a_working_day_the_summary_comes_on_tuesday() -> None:
    tuesday_to_friday = frozenset({1, 2, 3, 4})
    assert summary_due(on(MON_30, 9), tuesday_to_friday, "2026-W48") is None
    assert summary_due(on(MON_30 + timedelta(days=1), 5, 59), tuesday_to_friday, "2026-W48") is None
    assert summary_due(on(MON_30 + timedelta(days=1), 6), tuesday_to_friday, "2026-W48") == "2026-W49"


def test_the_summary_never_comes_on_a_day_off() -> None:
    for day in (date(2026, 11, 28), date(2026, 11, 29)):  # Saturday, Sunday
        assert summary_due(on(day, 12), WEEKDAYS, "2026-W47") is None
    assert summary_due(on(MON_30, 12), frozenset(), None) is None


def test_a_custom_morning() -> None:
    assert summary_due(on(MON_30, 8, 59), WEEKDAYS, None, morning=time(9)) is None
    assert summary_due(on(MON_30, 9), WEEKDAYS, None, morning=time(9)) == "2026-W49"


def test_the_summary_in_the_first_week_of_a_year_with_53_weeks_before_it() -> None:
    assert summary_due(on(date(2026, 12, 28), 6), WEEKDAYS, "2026-W52") == "2026-W53"
    assert summary_due(on(date(2027, 1, 4), 6), WEEKDAYS, "2026-W53") == "2027-W01"


def test_the_spring_forward_monday_is_a_normal_monday() -> None:
    # the night of Sunday 29 March 2026 lost an hour; Monday 30 March at 06:00 on the clock
    monday = datetime(2026, 3, 30, 6, 0, tzinfo=BERLIN_SUMMER)
    assert summary_due(wall(monday - timedelta(minutes=1)), WEEKDAYS, "2026-W13") is None
    assert summary_due(wall(monday), WEEKDAYS, "2026-W13") == "2026-W14"


@given(moments, st.sets(st.integers(0, 6)))
def test_the_summary_is_due_only_on_working_days_after_the_morning_and_then_only_once(
    now: datetime, work_days: set[int]
) -> None:
    week = summary_due(now, work_days, None)
    if now.weekday() not in work_days or now.time() < time(6):
        assert week is None
    else:
        assert week is not None
        assert summary_due(now, work_days, week) is None
