"""Closing what a crash left open, at the last moment the app was known to be alive.

A break window open when the app was killed at 18:00 must not be logged as lasting until the
next start at 9:00. The app writes a heartbeat into app_state while it runs; the last sign of
life is the latest of that heartbeat, the saved state's last_seen and the newest timestamps
in the log itself (a database written by a deskbreak without heartbeats still has those).
Each dangling row is closed at that moment, but never before it began and never after now.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from ..core.policy import Outcome
from .ids import IdMap
from .rows import decode_state, iso, parse_time

HEARTBEAT_KEY = "heartbeat"
STATE_KEY = "policy"


def last_alive(conn: sqlite3.Connection) -> datetime | None:
    """The last moment the app that wrote this file is known to have been running."""
    seen: list[datetime] = []
    for key, value in conn.execute(
        "SELECT key, value FROM app_state WHERE key IN (?, ?)", (HEARTBEAT_KEY, STATE_KEY)
    ):
        if key == HEARTBEAT_KEY:
            beat = parse_time(value)
            if beat is not None:
                seen.append(beat)
        else:
            state = decode_state(str(value))
            if state is not None:
                seen.append(state.last_seen)
    # The newest rows by local day (ids grow with time for this computer's rows, but rows
    # imported from another computer get new ids whatever their age).
    for row in conn.execute(
        "SELECT at, started_at, ended_at, answered_at FROM breaks ORDER BY local_date DESC, id DESC LIMIT 20"
    ):
        seen.extend(t for t in map(parse_time, row) if t is not None)
    return max(seen) if seen else None


def closing_time(start: datetime | None, alive: datetime | None, now: datetime) -> datetime:
    """When a row left open is taken to have ended: at the last sign of life, within [start, now]."""
    if start is None:
        return now
    end = min(alive if alive is not None else start, now)
    return max(end, start)


def close_dangling(conn: sqlite3.Connection, ids: IdMap, now: datetime) -> int:
    """Close the pending rows of an earlier run (never this run's own); returns how many."""
    alive = last_alive(conn)
    ours = ids.placed()
    closed = 0
    for rid, at, started_at in conn.execute(
        "SELECT id, at, started_at FROM breaks WHERE outcome = 'pending' ORDER BY id"
    ).fetchall():
        if rid in ours:
            continue
        if started_at:
            end = closing_time(parse_time(started_at), alive, now)
            conn.execute(
                "UPDATE breaks SET outcome = ?, ended_at = coalesce(ended_at, ?) WHERE id = ?",
                (Outcome.ENDED_EARLY.value, iso(end), rid),
            )
        else:
            end = closing_time(parse_time(at), alive, now)
            conn.execute(
                "UPDATE breaks SET outcome = ?, answered_at = ? WHERE id = ?",
                (Outcome.UNANSWERED.value, iso(end), rid),
            )
        closed += 1
    return closed
