"""Stand-ins for the OS parts around the controller: idle time, notifications, the scheduler."""

from __future__ import annotations

from deskbreak.platform.notify import ActionEmitter


class FakeIdle:
    name = "fake"
    seconds: float | None = 0.0

    def idle_seconds(self) -> float | None:
        return self.seconds

    def close(self) -> None:
        pass


class FakeNotifier(ActionEmitter):
    name = "fake"

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[str, str, dict[str, str]]] = []
        self.withdrawn = 0

    def show(self, title, body, actions) -> bool:
        self.shown.append((title, body, actions))
        return True

    def withdraw(self) -> None:
        self.withdrawn += 1


class FakeWakeups:
    def __init__(self) -> None:
        self.requests: list = []
        self.jobs: dict = {}

    def at(self, when) -> None:
        self.requests.append(when)

    def weekly(self, job_id, day, at, callback) -> None:
        self.jobs[job_id] = (day, at, callback)

    def cancel(self, job_id) -> None:
        self.jobs.pop(job_id, None)

    def shutdown(self) -> None:
        pass


SETTINGS_45_5_5 = (45, 5, 5)  # sit limit, snooze, natural break (minutes)


def make_controller(clock, routine, break_log, *, tray=None, notifier=None, wakeups=None, idle=None):
    """The real controller on fakes around it, with a 45 min sit limit and 5 min snooze and
    natural break; pass any part to keep a handle on it."""
    from datetime import timedelta

    from PySide6.QtGui import QIcon

    from deskbreak.app.controller import Controller
    from deskbreak.core.policy import BreakPolicy, PolicySettings
    from deskbreak.ui.tray import Tray

    sit, snooze, natural = (timedelta(minutes=m) for m in SETTINGS_45_5_5)
    return Controller(
        clock=clock,
        policy=BreakPolicy(PolicySettings(sit, snooze, natural), clock.now()),
        break_log=break_log,
        routine=routine,
        idle=idle or FakeIdle(),
        notifier=notifier or FakeNotifier(),
        tray=tray or Tray(QIcon(), "5 min"),
        wakeups=wakeups or FakeWakeups(),
        problems=[],
    )
