from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from deskbreak.core.clock import FakeClock
from deskbreak.core.routines import Exercise, Focus, Routine


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=UTC))


@pytest.fixture
def routine() -> Routine:
    """Three exercises, the second on both sides: four timed steps of 10 s, 20 s, 20 s, 15 s."""
    return Routine(
        id="test",
        title="Test routine",
        summary="",
        exercises=(
            Exercise("Extension", Focus.EXTENSION, timedelta(seconds=10), ("Sit tall.",)),
            Exercise("Rotation", Focus.ROTATION, timedelta(seconds=20), ("Turn.",), sides=True),
            Exercise(
                "Squeeze", Focus.SHOULDER_BLADES, timedelta(seconds=15), ("Squeeze.",), caution="Gently."
            ),
        ),
        source="test.toml",
    )
