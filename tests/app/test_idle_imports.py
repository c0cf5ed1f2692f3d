"""What the tray app's start-up imports stays lean (issue 9: idle RSS within 1.10x of a bare tray).

Code only a window or a command needs is imported when it is first used: config_edit (tomlkit,
difflib) when the settings window or the welcome reads or writes config.toml, Qt's namespace
(`PySide6.QtCore.Qt`: ~1 MiB of enums, built on first access) when a window opens. Checked in a
fresh interpreter, since this test session has imported everything already.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

CODE = """
import json, sys
import PySide6.QtCore as core
import deskbreak.app.main
print(json.dumps({
    "modules": sorted(m for m in ("tomlkit", "difflib", "deskbreak.app.config_edit") if m in sys.modules),
    "qt_namespace": "Qt" in vars(core),
}))
"""


def test_the_app_module_imports_no_config_writer_and_builds_no_qt_namespace() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"modules": [], "qt_namespace": False}
