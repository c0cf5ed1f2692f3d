"""What the history learns about reminders that waited: each wait, how long and why.

A reminder that falls due while the user is in a call, a fullscreen window is up or the
desktop's do-not-disturb is on waits (BreakPolicy's `held`). The lifecycle shows this log the
policy's reason after everything that can change it and gets back LogPostponed effects: one when
a wait begins (so a crash still leaves it in the history) and one when it ends or its reason
changes (the same row, now with its length).
"""

from __future__ import annotations

from datetime import datetime

from .effects import Effect, LogPostponed

# The reasons a platform check gives (platform/postpone.py) and how the history names them.
WAIT_REASONS = {
    "in a call": "call",
    "a fullscreen window": "fullscreen",
    "do not disturb": "do_not_disturb",
}
OTHER_REASON = "other"
REASON_CODES = (*WAIT_REASONS.values(), OTHER_REASON)


def reason_code(reason: str) -> str:
    """The history's name for a wait's reason ("call", "fullscreen", ...; "other" if unknown)."""
    return WAIT_REASONS.get(reason, OTHER_REASON)


class WaitLog:
    def __init__(self) -> None:
        self._since: datetime | None = None
        self._reason: str | None = None

    @property
    def waiting(self) -> bool:
        return self._reason is not None

    def update(self, now: datetime, held: str | None, ended_at: datetime | None = None) -> list[Effect]:
        """The reminder now waits for `held` (None: it no longer waits). A wait that ends here
        ends at `ended_at` if given (the user walked away then), never before it began."""
        code = reason_code(held) if held is not None else None
        if code == self._reason:
            return []
        effects: list[Effect] = []
        if self._reason is not None and self._since is not None:
            end = max(self._since, min(now, ended_at or now))
            effects.append(LogPostponed(self._since, end, self._reason))
        self._since, self._reason = (now, code) if code is not None else (None, None)
        if code is not None:
            effects.append(LogPostponed(now, now, code))
        return effects
