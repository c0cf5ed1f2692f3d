"""No test reads or writes the real user's folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from deskbreak.app.paths import resolve_paths

pwd = pytest.importorskip("pwd", reason="the session folders are redirected through XDG")
REAL_HOME = Path(pwd.getpwuid(os.getuid()).pw_dir)
SESSION_ROOT = Path(os.environ["XDG_RUNTIME_DIR"]).parent  # set up by tests/conftest.py


def test_the_session_folders_are_temporary_and_not_the_real_home() -> None:
    assert SESSION_ROOT.name.startswith("dbtest-")
    for variable in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = Path(os.environ[variable])
        assert SESSION_ROOT in folder.parents and REAL_HOME not in folder.parents, variable


def test_each_test_has_its_own_deskbreak_home(deskbreak_home: Path) -> None:
    paths = resolve_paths()
    assert paths.config_dir == paths.data_dir == deskbreak_home
    assert deskbreak_home.parent.name.startswith("deskbreak-home")
    assert REAL_HOME not in deskbreak_home.parents


def test_without_deskbreak_home_the_user_dirs_are_the_session_temp_ones() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DESKBREAK_HOME"}
    paths = resolve_paths(env)
    for folder in (paths.config_dir, paths.data_dir, platformdirs.user_cache_path("deskbreak")):
        assert SESSION_ROOT in folder.parents, folder
    assert Path.home() == SESSION_ROOT / "home"
    assert paths.lock_file.parent == SESSION_ROOT / "run"
    assert (SESSION_ROOT / "run").stat().st_mode & 0o077 == 0


def test_a_subprocess_sees_the_same_isolated_folders() -> None:
    code = "from deskbreak.app.paths import resolve_paths; print(resolve_paths().data_dir)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert Path(out.strip()) == Path(os.environ["DESKBREAK_HOME"]).resolve()
