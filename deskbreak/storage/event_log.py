"""Sitting stretches, natural breaks, postponed reminders, check-ins and rest days, and the
per-day figures.

Writes go through the same queue as the break log (store.py): each is one committed transaction,
kept in memory while the file cannot be written, and idempotent (a full row by its uid), so a
retry can never count anything twice. A sitting stretch's uid is derived from this
installation and the moment it began: the stretch logged when the app quits and the same
stretch, carried on after a restart and logged again when it ends, are one row.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from . import days
from .rows import iso
from .schema_v2 import INSTALL_KEY, placed
from .uids import POSTPONED, REST_DAY, SITTING, derived_uid, new_uid, read_uid

if TYPE_CHECKING:
    from ..core.review import CheckIn, DaySummary
    from .ids import IdMap
    from .store import HistoryStore

SITTING_ENDS = ("break", "natural_break", "lock", "suspend", "quit", "pause")
AWAY_HOW = ("idle", "lock", "suspend")
WAIT_REASONS = ("call", "fullscreen", "do_not_disturb", "other")


def _seconds(value: timedelta) -> float:
    return round(max(0.0, value.total_seconds()), 1)


class EventLog:
    def __init__(self, store: HistoryStore) -> None:
        self.store = store
        self._install: int | None = None

    def _install_id(self) -> int:
        if self._install is None:
            found = self.store.read(
                lambda c: c.execute("SELECT value FROM app_state WHERE key = ?", (INSTALL_KEY,)).fetchone()
            )
            known = read_uid(str(found[0])) if found else None
            self._install = known if known is not None else read_uid(new_uid())
        assert self._install is not None
        return self._install

    def _put(
        self,
        kind: str,
        at: datetime,
        *,
        uid: str | None = None,
        local_date: date | None = None,
        ended_at: datetime | None = None,
        seconds: float | None = None,
        how: str | None = None,
        data: dict[str, object] | None = None,
    ) -> str:
        uid = uid or new_uid()
        at_utc, day, offset = placed(at)
        row = (
            uid,
            kind,
            iso(at),
            at_utc,
            local_date.isoformat() if local_date else day,
            offset,
            iso(ended_at),
            seconds,
            how,
            json.dumps(data or {}, ensure_ascii=False, sort_keys=True),
        )

        def op(conn: sqlite3.Connection, ids: IdMap) -> None:
            conn.execute(
                "INSERT INTO events (uid, kind, at, at_utc, local_date, utc_offset, ended_at, seconds,"
                " how, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uid) DO UPDATE SET"
                " kind = excluded.kind, at = excluded.at, at_utc = excluded.at_utc,"
                " local_date = excluded.local_date, utc_offset = excluded.utc_offset,"
                " ended_at = excluded.ended_at, seconds = excluded.seconds, how = excluded.how,"
                " data = excluded.data",
                row,
            )

        self.store.write(op, key=f"event:{uid}", data=row)
        return uid

    # -- writing ----------------------------------------------------------------------------

    def sitting(self, start: datetime, end: datetime, ended_by: str) -> str:
        """A sitting stretch from `start` to `end`; `ended_by` is one of SITTING_ENDS."""
        if ended_by not in SITTING_ENDS:
            raise ValueError(f"unknown end of a sitting stretch: {ended_by!r}")
        uid = derived_uid(self._install_id(), SITTING, int(start.timestamp()))
        end = max(end, start)
        return self._put("sitting", start, uid=uid, ended_at=end, seconds=_seconds(end - start), how=ended_by)

    def natural_break(self, start: datetime, end: datetime, how: str = "idle") -> str:
        """Time away from the desk long enough to count as a break; `how` is one of AWAY_HOW."""
        if how not in AWAY_HOW:
            raise ValueError(f"unknown kind of time away: {how!r}")
        end = max(end, start)
        return self._put("natural_break", start, ended_at=end, seconds=_seconds(end - start), how=how)

    def postponed(self, start: datetime, end: datetime, reason: str) -> str:
        """A due reminder waited from `start` to `end`; `reason` is one of WAIT_REASONS. Logged
        when the wait begins and again when it ends: the same row (its uid comes from the
        millisecond it began)."""
        if reason not in WAIT_REASONS:
            raise ValueError(f"unknown reason a reminder waited: {reason!r}")
        uid = derived_uid(self._install_id(), POSTPONED, int(start.timestamp() * 1000))
        end = max(end, start)
        return self._put("postponed", start, uid=uid, ended_at=end, seconds=_seconds(end - start), how=reason)

    def check_in(self, at: datetime, week: str, stiffness: int, low_back_pain: int, note: str = "") -> str:
        for value in (stiffness, low_back_pain):
            if not 0 <= value <= 10:
                raise ValueError(f"a check-in answer is 0 to 10, not {value}")
        data: dict[str, object] = {
            "week": week,
            "stiffness": stiffness,
            "low_back_pain": low_back_pain,
            "note": note.strip()[:500],
        }
        return self._put("checkin", at, data=data)

    def rest_day(self, day: date, at: datetime, rest: bool = True) -> str:
        """Mark `day` as a rest day (or take the mark back); the latest mark for a day wins.

        This installation keeps one mark per day (its uid is derived from the day), each new one
        replacing the last: marks made within the same second (a quick mark and undo) are then
        still told apart by which came last. Marks imported from another computer are weighed
        by their time."""
        uid = derived_uid(self._install_id(), REST_DAY, day.toordinal())
        return self._put("rest_day", at, uid=uid, local_date=day, how="rest" if rest else "work")

    # -- reading ----------------------------------------------------------------------------

    def day_summaries(self, first: date | None = None, last: date | None = None) -> dict[date, DaySummary]:
        """The per-day figures between `first` and `last` (inclusive; None: no bound)."""
        from .review_data import read_days  # the review's code only when a review is read

        after = first - timedelta(days=1) if first and first > date.min else None
        return self.store.read(lambda c: read_days(c, after, last)) or {}

    def first_day(self) -> date | None:
        """The first day the history has anything logged for."""
        row = self.store.read(lambda c: c.execute(days.FIRST_USE).fetchone())
        try:
            return date.fromisoformat(row[0]) if row and row[0] else None
        except ValueError:
            return None

    def checkins(self) -> list[CheckIn]:
        from .review_data import read_checkins

        return self.store.read(read_checkins) or []

    def checked_in_weeks(self) -> set[str]:
        """The ISO weeks with a check-in (one small query; the tray app asks this weekly)."""
        rows = self.store.read(
            lambda c: c.execute(
                "SELECT DISTINCT json_extract(data, '$.week') FROM events WHERE kind = 'checkin'"
            ).fetchall()
        )
        return {str(week).upper() for (week,) in rows or [] if week}
