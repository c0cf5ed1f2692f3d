"""Status lines for followers (`deskbreak status --follow`): pushed on change, never on a timer.

The controller says when its state may have changed (after every check and every action); the
feed then builds the status once, and only if someone follows, and writes a line to each
follower only if something a status bar shows has changed. Figures that tick (the seconds of
sitting and of idle time, the tray's geometry) are left out of that comparison: the follower
advances the sitting minutes itself from the last line. So a follower adds no wake-up to the app.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

Write = Callable[[bytes], bool]  # False: the follower is gone (or stuck), drop it
# Left out when telling whether the status changed.
TICKING = frozenset({"sitting_seconds", "idle_seconds", "tray"})
# The sitting stretch is taken to have changed when its start moves by more than this.
DRIFT = 30.0


class StatusFeed:
    """The followers of one app, and the last status they were sent."""

    def __init__(self, snapshot: Callable[[], dict[str, Any]], wall: Callable[[], float] = time.time) -> None:
        self.snapshot, self.wall = snapshot, wall
        self.followers: dict[object, Write] = {}
        self._last: tuple[str, float | None] | None = None

    def __len__(self) -> int:
        return len(self.followers)

    def add(self, key: object, write: Write) -> bool:
        """A new follower gets the status at once; False if writing to it failed already."""
        line = self._changed()  # others first, if there is news they have not had
        if line is not None:
            self._send(line)
        if not write(line or self._line()):
            return False
        self.followers[key] = write
        return True

    def remove(self, key: object) -> None:
        self.followers.pop(key, None)

    def publish(self) -> None:
        """Something may have changed: tell the followers if it did (nothing at all without any)."""
        if not self.followers:
            self._last = None
            return
        line = self._changed()
        if line is not None:
            self._send(line)

    def _send(self, line: bytes) -> None:
        for key, write in list(self.followers.items()):
            if not write(line):
                log.info("a status follower went away")
                self.remove(key)

    def _line(self) -> bytes:
        return json.dumps({"ok": True, **self.snapshot()}).encode() + b"\n"

    def _changed(self) -> bytes | None:
        """The status line if it differs from the last one sent, else None."""
        status = self.snapshot()
        shown = json.dumps({k: v for k, v in status.items() if k not in TICKING}, sort_keys=True)
        sitting = float(status.get("sitting_seconds") or 0)
        since = self.wall() - sitting if sitting > 0 else None
        if self._last is not None and self._last[0] == shown and _same_stretch(since, self._last[1]):
            return None
        self._last = (shown, since)
        return json.dumps({"ok": True, **status}).encode() + b"\n"


def _same_stretch(since: float | None, before: float | None) -> bool:
    if since is None or before is None:
        return since is None and before is None
    return abs(since - before) <= DRIFT
