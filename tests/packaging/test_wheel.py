"""The wheel carries resources/: installed alone in a fresh venv, the app starts and loads a routine."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # Build from a clean copy: a stale build/ folder in the checkout must not leak into the wheel.
    source = tmp_path_factory.mktemp("src") / "deskbreak"
    shutil.copytree(
        ROOT, source, ignore=shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__")
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        timeout=300,
    )
    [built] = out.glob("deskbreak-*.whl")
    return built


def test_wheel_contains_routines_icons_and_desktop_file(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "deskbreak/resources/routines/upper-back-basics.toml" in names
    assert "deskbreak/resources/icons/deskbreak.svg" in names
    assert "deskbreak/resources/deskbreak.desktop" in names
    assert "deskbreak/resources/safety.toml" in names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_wheel_starts_offscreen_and_loads_a_routine(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        check=True,
        timeout=120,
    )
    # The dependencies come from this environment's site-packages, added after the venv's own,
    # so `deskbreak` itself can only be the wheel's copy (no editable hook is loaded from there).
    site = Path(sysconfig.get_paths()["purelib"])
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "DESKBREAK_HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    where = subprocess.run(
        [str(python), "-c", "import deskbreak.bundled as b; print(b.resources_dir())"],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert where.startswith(str(venv)), where

    app = subprocess.Popen(
        [str(python), "-m", "deskbreak"], env=env, cwd=tmp_path, stderr=subprocess.PIPE, text=True
    )
    try:
        status = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and app.poll() is None:
            done = subprocess.run(
                [str(python), "-m", "deskbreak", "status", "--json"],
                env=env, cwd=tmp_path, capture_output=True, text=True,
            )  # fmt: skip
            if done.returncode == 0:
                status = json.loads(done.stdout)
                break
            time.sleep(0.1)  # polling a real process, not simulating time
        assert status is not None, app.stderr.read() if app.poll() is not None else "no answer"
        assert status["routine"] == "upper-back-basics"
        assert status["problems"] == []
        quit_app = subprocess.run([str(python), "-m", "deskbreak", "quit"], env=env, cwd=tmp_path)
        assert quit_app.returncode == 0
        assert app.wait(15) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        assert app.stderr is not None
        app.stderr.close()
