"""The history database failing while the app runs: the user is told where and why, reminders go
on, and every break recorded meanwhile is written once saving works again."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import timedelta

from fakes import FakeWakeups, make_controller
from PySide6.QtGui import QIcon

from deskbreak.storage.break_log import open_history
from deskbreak.ui.tray import Tray


def test_a_lost_data_folder_is_reported_and_nothing_recorded_is_lost(qtbot, routine, clock, tmp_path):
    path = tmp_path / "data" / "history.sqlite3"
    log = open_history(path, monotonic=clock.monotonic)
    tray = Tray(QIcon(), "5 min")
    messages: list[tuple[str, str]] = []
    tray.show_message = lambda title, body: messages.append((title, body))  # type: ignore[method-assign]
    wakeups = FakeWakeups()
    controller = make_controller(clock, routine, log, tray=tray, wakeups=wakeups)
    controller.tick()
    # The data folder disappears and a file takes its name: nothing can be written from here on.
    shutil.rmtree(path.parent)
    path.parent.write_text("not a folder")

    # Three reminders come and are snoozed while nothing can be written.
    for _ in range(3):
        while wakeups.requests[-1] > clock.now():
            clock.advance(wakeups.requests[-1] - clock.now())
        controller.tick()
        if controller.policy.phase.value == "due":
            tray.snooze.trigger()
        clock.advance(timedelta(minutes=45))
        controller.tick()
    problems = [str(p) for p in controller.problems]
    assert any(str(path) in p and "not a folder" in p for p in problems), problems
    assert tray.problems.isVisible()
    assert any("not a folder" in body for _, body in messages)
    waiting = log.waiting
    assert waiting >= 3
    assert controller.policy.phase.value in ("due", "snoozed", "sitting")  # still reminding

    path.parent.unlink()  # the folder can be made again
    clock.advance(timedelta(minutes=1))
    controller.tick()
    assert [p for p in controller.problems if str(path) in str(p)] == []
    controller.shutdown()
    assert log.close() == 0
    rows = sqlite3.connect(path).execute("SELECT outcome FROM breaks ORDER BY id").fetchall()
    assert len(rows) >= 3 and all(r[0] in ("snoozed", "unanswered", "pending") for r in rows)
    assert any("works again" in body for _, body in messages)
