"""The sitting tracker on its own: when a stretch begins again after time away."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from deskbreak.core.sitting import SatDown, SittingTracker, SteppedAway

NINE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return NINE + timedelta(seconds=seconds)


def test_a_return_is_never_dated_inside_time_already_seen_away():
    """Away after a minute of idling; then the natural-break setting is raised to two minutes,
    so the same idling no longer counts as away. The stretch starts again when the user was last
    seen away, not back when the idling began (which the history already logs as time away)."""
    tracker = SittingTracker(timedelta(minutes=1), at(0))
    assert tracker.observe(at(60), 60.0) == [SteppedAway(at(0))]
    tracker.natural_break = timedelta(minutes=2)
    assert tracker.observe(at(90), 90.0) == [SatDown(at(60))]


def test_coming_back_between_two_looks_starts_the_stretch_at_the_first_input():
    tracker = SittingTracker(timedelta(minutes=1), at(0))
    tracker.observe(at(120), 120.0)
    assert tracker.observe(at(180), 15.0) == [SatDown(at(165))]
