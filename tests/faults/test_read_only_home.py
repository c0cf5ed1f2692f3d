"""The real app started on a read-only data folder (a read-only bind mount as root, chmod else):
it starts, says which folder and why (never "already running"), keeps reminding and running
breaks, and writes every one of them once the folder is writable again."""

from __future__ import annotations

import time
from collections.abc import Callable

from runner import FaultApp, wait_until
from storage_helpers import storage_helper

faulty_fs = storage_helper("faulty_fs")


def test_a_read_only_data_folder_loses_nothing(make_app: Callable[..., FaultApp]) -> None:
    app = make_app("home")
    with faulty_fs.switchable_folder(app.home) as switch:
        switch.read_only()
        app.start()
        status = app.status()
        problems = " ".join(status["problems"])
        assert str(app.home) in problems and "read-only" in problems, status
        assert "already running" not in problems + app.stderr
        # Reminders and breaks go on.
        assert wait_until(lambda: app.status()["state"] == "due", 20), app.status()
        assert app.ask("break-now").get("opened")
        assert wait_until(lambda: app.status()["state"] != "on_break", 20), app.status()
        assert wait_until(lambda: app.status()["state"] == "due", 20), app.status()
        assert app.ask("break-now").get("opened")
        assert wait_until(lambda: app.status()["state"] != "on_break", 20), app.status()

        switch.writable()
        began = time.monotonic()
        # Retried at the next checks (the file is tried again at most every 30 s).
        assert wait_until(lambda: not app.status()["problems"], 150), (app.status(), app.stderr)
        print(f"\n[faults] read-only home: written {time.monotonic() - began:.1f} s after it became writable")
        history = app.history()
        breaks = [e for e in history if e["started_at"]]
        assert len(breaks) >= 2, history
        assert all(e["outcome"] in ("completed", "ended_early", "pending") for e in breaks), history
        assert [e for e in breaks if e["outcome"] == "completed"], history
        assert app.stop() == 0, app.stderr
        assert "Traceback" not in app.stderr
