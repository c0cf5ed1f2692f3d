"""The Wayland idle source's bookkeeping: idle seconds from idled/resumed events and a clock.

No Wayland in it (idle_wayland.py reads the events and dates them). A Wayland client learns only
that the seat has had no input for a notification's timeout (``idled``) and that input came again
(``resumed``), so idle time is kept from those:

* idle (an ``idled`` came for a notification of timeout T at time t): the last input was at
  t - T, so idle is ``now - (t - T)``, exact, and it keeps growing until ``resumed``. With more
  than one notification, the earliest such start wins (one dispatched late cannot shorten it).
* active (no notification idle): the last input seen is the last ``resumed`` (or the start).
  Idle is ``now - that``, but never more than the shortest timeout, since the compositor would
  have said ``idled`` by then: the exact value when there was no input since (so a user coming
  back is dated from the ``resumed`` event, not from the next time the core looks), and an upper
  bound below that timeout otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["IdleBook"]


class IdleBook:
    """When the user went idle, kept from idled/resumed events; idle seconds from the clock.

    ``timeouts`` are the notifications' timeouts in seconds; ``started`` the clock time they
    were made (the last input known until an event says otherwise). Pure bookkeeping: the
    caller passes the time of each event and of each question.
    """

    def __init__(self, timeouts: Sequence[float], started: float) -> None:
        if not timeouts or min(timeouts) <= 0:
            raise ValueError(f"idle timeouts must be positive seconds, got {list(timeouts)!r}")
        self.shortest = min(timeouts)
        self.last_input = started
        self.idle_since: float | None = None
        self._idle: set[int] = set()  # indexes of the notifications now idle

    @property
    def idle(self) -> bool:
        """Some notification is idle: no input for at least its timeout."""
        return self.idle_since is not None

    def idled(self, index: int, timeout: float, now: float) -> None:
        """Notification ``index`` (of ``timeout`` seconds) went idle at ``now``."""
        self._idle.add(index)
        went_idle = now - timeout
        # The earliest start wins: an event read late dates the start late, never early.
        self.idle_since = went_idle if self.idle_since is None else min(self.idle_since, went_idle)

    def resumed(self, index: int, now: float) -> None:
        """Input again at ``now`` (any notification saying so is enough)."""
        self._idle.discard(index)
        self.last_input = max(self.last_input, now)
        self.idle_since = None

    def idle_seconds(self, now: float) -> float:
        if self.idle_since is not None:
            return max(0.0, now - self.idle_since)
        # Active: exact when there was no input since the last one seen, else an upper bound,
        # and below the shortest timeout either way (the compositor would have said idled).
        return max(0.0, min(now - self.last_input, self.shortest))
