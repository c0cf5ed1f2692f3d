"""The private runtime folder (lock and command socket) is full: the app says where and why and
exits 2, instead of claiming another copy is "starting or stuck"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from storage_helpers import storage_helper

faulty_fs = storage_helper("faulty_fs")


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX mounts")
def test_a_full_runtime_folder_is_named_and_the_app_exits_2(tmp_path: Path) -> None:
    with faulty_fs.tmpfs(tmp_path / "run", 64) as runtime:
        runtime.chmod(0o700)
        faulty_fs.fill(runtime)
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        env.update(
            DESKBREAK_HOME=str(tmp_path / "home"), XDG_RUNTIME_DIR=str(runtime), QT_QPA_PLATFORM="offscreen"
        )
        done = subprocess.run(
            [sys.executable, "-m", "deskbreak"], env=env, capture_output=True, text=True, timeout=60
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == f"deskbreak: cannot create the lock file in {runtime}: no space left there"
