"""A folder above the history that cannot be entered (permission denied) while the app runs: the
write is kept in memory with a message saying so, nothing raises, and it lands once the folder
can be entered again. Run as an ordinary user (root enters any folder): a child process drops to
`nobody` when the suite runs as root."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

SCRIPT = textwrap.dedent(
    """
    import os, sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from deskbreak.core.policy import Outcome
    from deskbreak.storage.break_log import open_history
    import deskbreak.core.history, deskbreak.core.player, deskbreak.storage.trouble  # before dropping
    base = Path(sys.argv[1])
    if os.geteuid() == 0:  # root enters any folder: be an ordinary user (the Python files are read)
        os.setgroups([]); os.setgid(65534); os.setuid(65534)
    (base / "a").mkdir()
    log = open_history(base / "a" / "data" / "history.sqlite3", reopen_every=0.0)
    now = datetime.now(timezone.utc)
    first = log.reminder_shown(now, timedelta(minutes=45))
    os.chmod(base / "a", 0o000)
    log.answer(first, Outcome.SKIPPED, now)
    second = log.reminder_shown(now, timedelta(minutes=50))
    print("PROBLEM", log.problem)
    os.chmod(base / "a", 0o755)
    log.retry()
    print("AFTER", log.problem, log.waiting)
    print("ROWS", [(r.id, r.outcome.value) for r in log.recent(10)])
    print("LOST", log.close())
    """
)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_folder_that_cannot_be_entered_is_named_and_nothing_is_lost() -> None:
    # Outside pytest's own (0700) temporary folders, so that `nobody` can reach it.
    base = Path(tempfile.mkdtemp(prefix="deskbreak-perm-"))
    base.chmod(0o777)
    try:
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(base)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=Path(__file__).resolve().parents[2],
        )
    finally:
        if (base / "a").exists():
            (base / "a").chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)
    assert done.returncode == 0, done.stderr
    out = dict(line.split(" ", 1) for line in done.stdout.strip().splitlines())
    assert f"the folder {base / 'a' / 'data'} cannot be opened (permission denied)" in out["PROBLEM"]
    assert "2 events wait" in out["PROBLEM"]
    assert out["AFTER"] == "None 0"
    assert out["ROWS"] == "[(2, 'pending'), (1, 'skipped')]"
    assert out["LOST"] == "0"
