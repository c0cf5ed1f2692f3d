"""What every notification route is: the action keys a reminder offers, and the routes' base."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

ACTION_START = "start"
ACTION_SNOOZE = "snooze"
ACTION_SKIP = "skip"
ACTION_DEFAULT = "default"


class ActionEmitter(QObject):
    """A notification route. Carries a chosen action ("start", "snooze", "skip") back, and says
    when a notification it accepted could not be shown after all (so the next route can)."""

    action_invoked = Signal(str)
    failed = Signal()
    name = "?"

    def show(self, title: str, body: str, actions: dict[str, str]) -> bool:
        raise NotImplementedError

    def withdraw(self) -> None:
        return None
