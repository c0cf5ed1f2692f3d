"""No display: one clear line and exit status 2, never a Qt abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from deskbreak.platform.display import missing_display


def never(_: object) -> bool:
    return False


def always(_: object) -> bool:
    return True


def test_an_answering_x_server_is_enough():
    assert missing_display({"DISPLAY": ":0"}, "linux", x_answers=always, exists=never) is None


def test_a_wayland_socket_is_enough(tmp_path):
    env = {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path)}
    seen: list[Path] = []
    assert missing_display(env, "linux", x_answers=never, exists=lambda p: seen.append(p) or True) is None
    assert seen == [tmp_path / "wayland-0"]


@pytest.mark.parametrize("qpa", ["offscreen", "minimal", "offscreen:fontengine=freetype"])
def test_headless_qt_platforms_need_nothing(qpa):
    assert missing_display({"QT_QPA_PLATFORM": qpa}, "linux", x_answers=never, exists=never) is None


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_are_not_asked(platform):
    assert missing_display({}, platform, x_answers=never, exists=never) is None


def test_nothing_at_all_says_what_is_missing():
    message = missing_display({}, "linux", x_answers=never, exists=never)
    assert message is not None
    assert "DISPLAY is not set" in message and "WAYLAND_DISPLAY is not set" in message
    assert "\n" not in message


def test_a_display_that_does_not_answer_is_named():
    message = missing_display(
        {"DISPLAY": ":77", "QT_QPA_PLATFORM": "xcb"}, "linux", x_answers=never, exists=never
    )
    assert message is not None and "no X server answers at DISPLAY=':77'" in message
    assert "Wayland" not in message  # xcb was asked for explicitly


def _run_app(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deskbreak"], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("display", [None, ":987"])
def test_the_real_app_without_a_display_exits_2_with_one_line(tmp_path, display):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["DESKBREAK_HOME"] = str(tmp_path / "home")
    if display:
        env["DISPLAY"] = display
    done = _run_app(env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "needs a graphical desktop session" in lines[0]
    assert "Traceback" not in done.stderr
