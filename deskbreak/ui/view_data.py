"""Plain data the widgets show (no Qt here, so building it costs nothing)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TrayView:
    tooltip: str
    headline: str
    due: bool
    problems: int
    on_break: bool = False
    paused: bool = False
    overdue: bool = False  # reminded again and still unanswered
    waiting: bool = False  # due, but waiting for a call, fullscreen or do-not-disturb to end


@dataclass(frozen=True)
class HistoryRow:
    when: str
    kind: str
    outcome: str
    routine: str
    sat_for: str
