"""Asking OS probes from the GUI thread without ever failing: what the postpone and inhibit
checks share. An exception becomes "no answer" and a slow answer is noted, each logged once per
probe; and whether the session is Wayland, which decides which probes apply."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")
SLOW_ANSWER_SECONDS = 0.05  # on the GUI thread: longer than this is logged (once per probe)


def is_wayland(environ: Mapping[str, str]) -> bool:
    """XDG_SESSION_TYPE decides; WAYLAND_DISPLAY only when it is unset (a nested compositor
    in an X11 session leaves a stray WAYLAND_DISPLAY)."""
    session_type = environ.get("XDG_SESSION_TYPE", "").strip().lower()
    if session_type:
        return session_type == "wayland"
    return bool(environ.get("WAYLAND_DISPLAY"))


class Closable(Protocol):
    def close(self) -> None: ...


def name_of(probe: object) -> str:
    return str(getattr(probe, "name", type(probe).__name__))


class Asker:
    """Calls probes for one kind of check ("postpone check", "inhibit check")."""

    def __init__(
        self,
        kind: str,
        failing_means: str,
        logger: logging.Logger,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.kind, self.failing_means, self.log, self.clock = kind, failing_means, logger, clock
        self._failed: set[int] = set()
        self._slow: set[int] = set()

    def ask(self, index: int, probe: object, call: Callable[[], T | None]) -> T | None:
        started = self.clock()
        try:
            answer = call()
        except Exception:
            if index not in self._failed:
                self._failed.add(index)
                self.log.warning(
                    "%s %s failed; %s (logged once)",
                    self.kind,
                    name_of(probe),
                    self.failing_means,
                    exc_info=True,
                )
            answer = None
        elapsed = self.clock() - started
        if elapsed > SLOW_ANSWER_SECONDS and index not in self._slow:
            self._slow.add(index)
            self.log.warning(
                "%s %s took %.0f ms (more than %.0f ms; logged once)",
                self.kind, name_of(probe), elapsed * 1000, SLOW_ANSWER_SECONDS * 1000,
            )  # fmt: skip
        return answer

    def close_all(self, probes: Sequence[Closable]) -> None:
        for probe in probes:
            try:
                probe.close()
            except Exception:
                self.log.debug("closing %s %s failed", self.kind, name_of(probe), exc_info=True)
