"""Which routine the next break plays: the one named in the settings, or the program's pick.

A reminder names the routine it offers, and taking that break plays the same one; a routine
picked in the chooser plays instead. A picker that fails falls back to the configured routine,
so a break can always start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..core.routines import Routine

log = logging.getLogger(__name__)


class BreakRoutines:
    def __init__(self, configured: Routine | None) -> None:
        self.configured = configured
        self.picker: Callable[[], Routine | None] | None = None  # the program's choice, when it chooses
        self.offered: Routine | None = None  # named by the reminder now showing

    def _pick(self) -> Routine | None:
        if self.picker is not None:
            try:
                picked = self.picker()
            except Exception:  # a bad program file or state must not stop a break
                log.exception("the program could not pick a routine; playing the configured one")
                picked = None
            if picked is not None:
                return picked
        return self.configured

    def offer(self) -> Routine | None:
        """The routine a reminder names (kept for the break it leads to)."""
        self.offered = self._pick()
        return self.offered

    def for_break(self, chosen: Routine | None = None) -> Routine | None:
        """The routine the break starting now plays."""
        routine = chosen or self.offered or self._pick()
        self.offered = None
        return routine
