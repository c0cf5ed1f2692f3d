"""What the tray app loads at start stays small: windows and tools used now and then load when
first needed (the idle memory target, tests/bench/bench_idle.py)."""

from __future__ import annotations

import subprocess
import sys

LATER = (
    "tomlkit",  # the config writer: when a window writes settings
    "deskbreak.app.config_edit",
    "deskbreak.platform.autostart",  # start at login: when settings or the welcome open
    "deskbreak.ui.settings_window",
    "deskbreak.ui.welcome_window",
    "deskbreak.ui.about_window",
    "deskbreak.ui.break_window",  # the break window: when a break starts
    "deskbreak.ui.review_window",
    "deskbreak.platform.fullscreen_x11",  # postpone checks: when a reminder falls due
    "deskbreak.platform.in_call_linux",
    "deskbreak.platform.do_not_disturb",
)


def test_the_tray_app_modules_leave_occasional_ones_for_later():
    code = f"import sys, deskbreak.app.main;print([m for m in {LATER!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
