from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

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


@pytest.fixture(scope="session")
def pseudo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with deskbreak_eo.qm, the pseudo-translation ("⟦text⟧") of the whole catalogue."""
    from pseudo_translation import build_pseudo

    folder = tmp_path_factory.mktemp("pseudo-translation")
    build_pseudo(folder)
    return folder


@pytest.fixture
def pseudo_translated(qapp: QApplication, pseudo_folder: Path) -> Iterator[None]:
    """The pseudo-translation installed, as install_translator does it at start, for one test."""
    from deskbreak.ui.i18n import install_translator, remove_translators

    assert install_translator(qapp, "eo", pseudo_folder)
    yield
    remove_translators(qapp)
