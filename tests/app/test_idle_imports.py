"""What the tray app's start-up imports stays lean (issue 9: idle RSS within 1.10x of a bare tray).

Code only a window or a command needs is imported when it is first used (LATER): config_edit
(tomlkit, difflib) when the settings window or the welcome reads or writes config.toml, the
windows and the postpone checks when first needed, Qt's namespace
(`PySide6.QtCore.Qt`: ~1 MiB of enums, built on first access) when a window opens. Checked in a
fresh interpreter, since this test session has imported everything already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

LATER = (
    "tomlkit",  # the config writer: when a window writes settings
    "difflib",
    "deskbreak.app.config_edit",
    "deskbreak.platform.autostart",  # start at login: when settings or the welcome open
    "deskbreak.ui.settings_window",
    "deskbreak.ui.welcome_window",
    "deskbreak.ui.about_window",
    "deskbreak.ui.break_window",  # the break window: when a break starts
    "deskbreak.ui.review_window",
    "deskbreak.platform.postpone",  # postpone checks: when a reminder falls due
    "deskbreak.platform.inhibitors",  # inhibit checks: when idle is first as long as a break
    "deskbreak.platform.fullscreen_x11",
    "deskbreak.platform.in_call_linux",
    "deskbreak.platform.do_not_disturb",
    "deskbreak.platform.session_lock_windows",  # Windows only: the factory imports it there
)
CODE = f"""
import json, sys
import PySide6.QtCore as core
import deskbreak.app.main
print(json.dumps({{
    "modules": sorted(m for m in {LATER!r} if m in sys.modules),
    "qt_namespace": "Qt" in vars(core),
}}))
"""


def test_the_app_module_leaves_occasional_modules_and_the_qt_namespace_for_later() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"modules": [], "qt_namespace": False}
