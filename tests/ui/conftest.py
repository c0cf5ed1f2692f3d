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


@pytest.fixture
def library_routine(tmp_path):
    """The shipped "upper-back-basics" routine with the exercise library it names."""
    from deskbreak.app.routine_library import load_library
    from deskbreak.bundled import builtin_routines_dir

    library = load_library(builtin_routines_dir(), tmp_path / "user-routines")
    return library.routines["upper-back-basics"], library.exercises
