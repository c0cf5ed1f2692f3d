"""Asking OS probes from the GUI thread without ever failing: what the postpone and inhibit
checks share. An exception becomes "no answer" and a slow answer is noted, each logged once per
probe; whether the session is Wayland, which decides which probes apply; and building the
probes only when first asked."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Generic, Protocol, TypeVar

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


P = TypeVar("P", bound=Closable)


class BuiltOnFirstUse(Generic[P]):
    """A probe built the first time it is asked, not at start-up.

    The postpone and inhibit checks are asked only when a reminder falls due or idle time has
    grown long. Built at start, their backends import their modules, load libraries through
    ctypes and open connections (an X display) that then sit in memory all day: ~0.5 MiB
    resident for a tray app that is otherwise idle (tests/bench/bench_idle.py). `build` must
    not raise (create_postpone_checks and create_inhibit_check never do).
    """

    def __init__(self, build: Callable[[], P]) -> None:
        self._build = build
        self._probe: P | None = None

    @property
    def built(self) -> bool:
        return self._probe is not None

    @property
    def probe(self) -> P:
        if self._probe is None:
            self._probe = self._build()
        return self._probe

    def close(self) -> None:
        """Close the probe if it was ever built; safe to call twice."""
        if self._probe is not None:
            self._probe.close()


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
