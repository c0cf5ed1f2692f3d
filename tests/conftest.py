"""Shared test setup: Qt runs offscreen in-process; no test touches the real user's folders.

Before anything imports platformdirs, HOME and the XDG folders point into one private temporary
folder for the whole session, and XDG_RUNTIME_DIR at a 0700 folder in it; every test also gets
its own DESKBREAK_HOME (an autouse fixture). Subprocesses inherit all of this through os.environ.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Times shown to users are local; pin the zone so expectations like "09:45" hold everywhere.
os.environ["TZ"] = "UTC"
time.tzset()

SESSION_ROOT = Path(tempfile.mkdtemp(prefix="dbtest-"))  # short: sockets live under XDG_RUNTIME_DIR
atexit.register(shutil.rmtree, SESSION_ROOT, ignore_errors=True)
for variable, folder in {
    "HOME": "home",
    "XDG_CONFIG_HOME": "home/.config",
    "XDG_DATA_HOME": "home/.local/share",
    "XDG_STATE_HOME": "home/.local/state",
    "XDG_CACHE_HOME": "home/.cache",
    "XDG_RUNTIME_DIR": "run",
    "APPDATA": "home/AppData/Roaming",  # Windows
    "LOCALAPPDATA": "home/AppData/Local",
}.items():
    path = SESSION_ROOT / folder
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)
    os.environ[variable] = str(path)


@pytest.fixture(autouse=True)
def deskbreak_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own DESKBREAK_HOME (not created: the app makes it, as for a new user)."""
    home = tmp_path_factory.mktemp("deskbreak-home") / "home"
    monkeypatch.setenv("DESKBREAK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def english_core() -> Iterator[None]:
    """The core speaks English again after each test, even one that failed with a translator in."""
    yield
    from deskbreak.core.i18n import use_translator

    use_translator(None)
