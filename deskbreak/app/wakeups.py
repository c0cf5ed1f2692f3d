"""The one scheduled wake-up the app needs, on APScheduler's QtScheduler, run on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QTimer

JOB_ID = "next-check"


class Wakeups(Protocol):
    def at(self, when: datetime) -> None:
        """Call back at `when` (replacing any earlier request)."""
        ...

    def shutdown(self) -> None: ...


class SchedulerWakeups:
    """The next check (the due time of the next reminder, or the next idle poll) as a date job.

    The debug executor runs the job inside QtScheduler's own QTimer callback, i.e. on the GUI
    thread, so the callback may touch widgets. Misfires (the machine slept past the time) still
    run, once.
    """

    def __init__(self, callback: Callable[[], None]) -> None:
        from apscheduler.schedulers.qt import QtScheduler

        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        self._callback = callback
        self.scheduler = QtScheduler(
            executors={"default": {"type": "debug"}},
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
        )
        self.scheduler.start()

    def _run(self) -> None:
        # Run the callback after APScheduler has finished with this job: it removes a spent
        # one-off job when the job function returns, and the callback books the next check
        # under the same id, which would otherwise be removed with it.
        QTimer.singleShot(0, self._callback)

    def at(self, when: datetime) -> None:
        self.scheduler.add_job(self._run, "date", run_date=when, id=JOB_ID, replace_existing=True)

    def next_run(self) -> datetime | None:
        job = self.scheduler.get_job(JOB_ID)
        return job.next_run_time if job else None

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
