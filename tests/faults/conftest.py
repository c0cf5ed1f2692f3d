"""Fault-injection tests: the real app in real processes (see runner.py and README.md).

Each run draws a fresh random seed (printed, and named in every failure); set
DESKBREAK_FAULT_SEED=<n> to replay a run exactly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # make `import runner` work in any pytest import mode
    sys.path.insert(0, str(HERE))

from runner import FaultApp, fault_seed  # noqa: E402


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """These tests read /proc and send SIGKILL: Linux only."""
    if sys.platform.startswith("linux"):
        return
    skip = pytest.mark.skip(reason="fault injection needs Linux (/proc, SIGKILL, Unix sockets)")
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(skip)


@pytest.fixture
def seed() -> int:
    return fault_seed()


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., FaultApp]]:
    """Build FaultApps on fresh homes; every one is stopped (by its PID) at the end of the test."""
    made: list[FaultApp] = []

    def make(name: str = "home", **kwargs: object) -> FaultApp:
        app = FaultApp.prepare(tmp_path / name, **kwargs)  # type: ignore[arg-type]
        made.append(app)
        return app

    yield make
    for app in made:
        app.close()
