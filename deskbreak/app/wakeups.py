"""The one scheduled wake-up the app needs, on APScheduler's QtScheduler, run on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Protocol

from PySide6.QtCore import QTimer

JOB_ID = "next-check"


class Wakeups(Protocol):
    def at(self, when: datetime) -> None:
        """Call back at `when` (replacing any earlier request)."""
        ...

    def weekly(self, job_id: str, day: int, at: time, callback: Callable[[], None]) -> None:
        """Call back every week on `day` (Monday is 0) at `at`, local time (replacing `job_id`)."""
        ...

    def cancel(self, job_id: str) -> None: ...

    def shutdown(self) -> None: ...


class SchedulerWakeups:
    """The next check (the due time of the next reminder, or the next idle poll) as a date job.

    The debug executor runs the job inside QtScheduler's own QTimer callback, i.e. on the GUI
    thread, so the callback may touch widgets. Misfires (the machine slept past the time) still
    run, once.
    """

    # The scheduler waits for a wall-clock time: set the clock back an hour and a check booked
    # a minute ahead comes an hour late. A plain timer on the monotonic clock, armed for the same
    # delay plus this slack, runs the check anyway.
    backstop_slack_ms = 5_000

    def __init__(self, callback: Callable[[], None]) -> None:
        from apscheduler.schedulers.qt import QtScheduler

        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        self._callback = callback
        self.scheduler = QtScheduler(
            executors={"default": {"type": "debug"}},
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
        )
        self.scheduler.start()
        self._backstop = QTimer()
        self._backstop.setSingleShot(True)
        self._backstop.timeout.connect(self._late)

    def _run(self) -> None:
        # Run the callback after APScheduler has finished with this job: it removes a spent
        # one-off job when the job function returns, and the callback books the next check
        # under the same id, which would otherwise be removed with it.
        self._backstop.stop()
        QTimer.singleShot(0, self._callback)

    def _late(self) -> None:
        """The scheduler did not run the check in time (the wall clock was set back): run it."""
        QTimer.singleShot(0, self._callback)

    def at(self, when: datetime) -> None:
        self.scheduler.add_job(self._run, "date", run_date=when, id=JOB_ID, replace_existing=True)
        delay_ms = max(0.0, (when - datetime.now(when.tzinfo)).total_seconds() * 1000)
        self._backstop.start(int(min(delay_ms + self.backstop_slack_ms, 2**31 - 1)))

    def weekly(self, job_id: str, day: int, at: time, callback: Callable[[], None]) -> None:
        """A date job at the next such local wall-clock time, booked again each time it runs (so
        a DST change moves it with the clock, as people expect; a plain date job also spares the
        resident app APScheduler's cron machinery). A time missed asleep runs once on waking."""
        from ..core.checkin_schedule import next_slot

        def run() -> None:
            self.weekly(job_id, day, at, callback)  # next week's, once this one is done with
            callback()

        def fire() -> None:
            QTimer.singleShot(0, run)  # after APScheduler removed this spent job (see _run)

        self.scheduler.add_job(
            fire, "date", run_date=next_instant(next_slot, day, at), id=job_id, replace_existing=True
        )

    def cancel(self, job_id: str) -> None:
        if self.scheduler.get_job(job_id) is not None:
            self.scheduler.remove_job(job_id)

    def next_run(self, job_id: str = JOB_ID) -> datetime | None:
        job = self.scheduler.get_job(job_id)
        return job.next_run_time if job else None

    def shutdown(self) -> None:
        self._backstop.stop()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)


def next_instant(
    next_slot: Callable[[datetime, int, time], datetime], day: int, at: time, now: datetime | None = None
) -> datetime:
    """The next slot as an instant strictly in the future. A wall time the clock skips (a DST
    gap) or passes twice is taken at its later reading: the slot 02:30 on a spring-forward night
    is 03:30 summer time, never 01:30 (which would come before the slot and fire again at once)."""
    now = now if now is not None else datetime.now().astimezone()
    slot = next_slot(now.replace(tzinfo=None), day, at)
    for _ in range(3):
        when = max(slot.replace(fold=0).astimezone(), slot.replace(fold=1).astimezone())
        if when > now:
            return when
        slot += timedelta(weeks=1)
    return now + timedelta(weeks=1)
