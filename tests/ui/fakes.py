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
