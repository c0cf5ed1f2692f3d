"""Desktop tests: a real Xvfb display, private session bus, dunst and trayer (see harness.py).

Every test here carries the ``desktop`` marker (deselect with ``-m "not desktop"``). Missing
programs skip these tests locally but fail them when CI=true or DESKBREAK_REQUIRE_DESKTOP=1,
so CI cannot pass by silently skipping the real-desktop checks.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # make `import harness` work in any pytest import mode
    sys.path.insert(0, str(HERE))

from harness import DesktopSession, missing_tools  # noqa: E402

INSTALL_HINT = "apt install xvfb dbus dunst trayer xdotool libnotify-bin x11-utils imagemagick"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests collected from this folder (the hook sees all items, so filter by path)."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.desktop)


def desktop_required() -> bool:
    """True in CI (CI=true) or when DESKBREAK_REQUIRE_DESKTOP=1: missing tools are a failure."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("DESKBREAK_REQUIRE_DESKTOP") == "1"


def require_desktop_tools() -> None:
    """Skip (or, when required, fail) the calling test if any desktop program is missing."""
    missing = missing_tools()
    if not missing:
        return
    message = f"desktop tools missing: {', '.join(missing)} ({INSTALL_HINT})"
    if desktop_required():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DesktopSession]:
    """One shared desktop for the whole run; tests must leave it as they found it."""
    require_desktop_tools()
    with DesktopSession(tmp_path_factory.mktemp("desktop")) as session:
        yield session


@pytest.fixture
def desktop_tools() -> None:
    """For tests that start their own DesktopSession: same skip/fail rule as ``desktop``."""
    require_desktop_tools()
