"""History export and import: every event as a flat record, and a merge by event id.

`export_events` reads the `breaks` and `events` tables oldest first (by UTC instant) as the
records of docs/history-format.md; `write_json`/`write_csv` write them and `read_export` reads
either back, checked (exchange_files.py). `import_events` merges records into a database in one
transaction: an event whose id is already there is left as it is, so importing a file twice
changes nothing and importing two computers' exports gives their union. The per-day figures
follow by themselves (the `days` triggers).
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from .exchange_files import MAX_EVENTS, read_export, write_csv, write_json
from .exchange_format import ImportRefused, check_record
from .schema_v2 import utc_text

__all__ = [
    "ImportRefused",
    "ImportResult",
    "export_events",
    "import_events",
    "read_export",
    "unplaced_rows",
    "write_csv",
    "write_json",
]

_PLACED = "uid IS NOT NULL AND at_utc IS NOT NULL AND local_date IS NOT NULL AND utc_offset IS NOT NULL"
_BREAKS = (
    "SELECT at_utc, uid, at, local_date, utc_offset, reminded, outcome, sitting_seconds, answered_at,"
    " started_at, ended_at, routine_id, steps_done, steps_total, steps_skipped, active_seconds,"
    f" feedback, pain FROM breaks WHERE {_PLACED} AND local_date >= ? AND outcome != 'pending'"
    " ORDER BY at_utc, uid"
)
_EVENTS = (
    "SELECT at_utc, uid, kind, at, local_date, utc_offset, ended_at, seconds, how, data"
    " FROM events WHERE local_date >= ? ORDER BY at_utc, uid"
)


@dataclass(frozen=True)
class ImportResult:
    added: int
    already_there: int  # the same, or older than what is here (left as it is)
    updated: int = 0  # here already, and brought up to date (see import_events)
    in_progress: int = 0  # reminders and breaks still open in the export: left out


def _time(value: object) -> str | None:
    """A stored timestamp in the export's form (unreadable ones as they are: import refuses them)."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(str(value)).isoformat()
    except ValueError:
        return str(value)


def _minutes(seconds: object) -> int:
    return int(str(seconds)) // 60


def _break(row: tuple[object, ...]) -> dict[str, object]:
    (_, uid, at, day, offset, reminded, outcome, sitting, answered, started) = row[:10]
    (ended, routine, done, total, skipped, active, feedback, pain) = row[10:]
    return {
        "id": uid,
        "kind": "break" if started is not None else "reminder",
        "at": _time(at),
        "date": day,
        "utc_offset_minutes": _minutes(offset),
        "reminded": bool(reminded),
        "outcome": outcome,
        "sitting_seconds": sitting,
        "answered_at": _time(answered),
        "started_at": _time(started),
        "ended_at": _time(ended),
        "routine": routine,
        "steps_done": done,
        "steps_total": total,
        "steps_skipped": skipped,
        "active_seconds": active,
        "feedback": feedback,
        "pain": bool(pain),
    }


def _event(row: tuple[object, ...]) -> dict[str, object]:
    _, uid, kind, at, day, offset, ended, seconds, how, data = row
    record: dict[str, object] = {
        "id": uid,
        "kind": kind,
        "at": _time(at),
        "date": day,
        "utc_offset_minutes": _minutes(offset),
    }
    if kind in ("sitting", "natural_break", "postponed"):
        record.update(ended_at=_time(ended), seconds=seconds)
        record[{"sitting": "ended_by", "natural_break": "how"}.get(str(kind), "reason")] = how
    elif kind == "checkin":
        try:
            fields = json.loads(str(data))
        except ValueError:
            fields = {}
        fields = fields if isinstance(fields, dict) else {}
        for name in ("week", "stiffness", "low_back_pain", "note"):
            record[name] = fields.get(name)
    elif kind == "rest_day":
        record["rest"] = how == "rest"
    return record


def export_events(conn: sqlite3.Connection, since: date | None = None) -> Iterator[dict[str, object]]:
    """Every reminder, break and event on or after the local day `since`, oldest first.

    Rows an old deskbreak wrote without a time zone cannot be placed and are left out (see
    unplaced_rows). Read `conn` in one transaction, or from a copy, for a consistent snapshot.
    """
    low = since.isoformat() if since else "0000-00-00"
    breaks = ((str(r[0]), str(r[1]), _break(r)) for r in conn.execute(_BREAKS, (low,)))
    events = ((str(r[0]), str(r[1]), _event(r)) for r in conn.execute(_EVENTS, (low,)))
    for _, _, record in heapq.merge(breaks, events, key=lambda item: (item[0], item[1])):
        yield record


def unplaced_rows(conn: sqlite3.Connection) -> int:
    """Reminders and breaks an export leaves out: written without a time zone (before schema 2)."""
    return int(conn.execute(f"SELECT count(*) FROM breaks WHERE NOT ({_PLACED})").fetchone()[0])


_INSERT_BREAK = (
    "INSERT INTO breaks (id, uid, at, at_utc, local_date, utc_offset, reminded, outcome,"
    " sitting_seconds, answered_at, started_at, ended_at, routine_id, steps_done, steps_total,"
    " steps_skipped, active_seconds, feedback, pain) VALUES"
    " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uid) DO UPDATE SET "
    + ", ".join(
        f"{c} = excluded.{c}"
        for c in (
            "outcome",
            "sitting_seconds",
            "answered_at",
            "started_at",
            "ended_at",
            "routine_id",
            "steps_done",
            "steps_total",
            "steps_skipped",
            "active_seconds",
            "feedback",
            "pain",
        )
    )  # fmt: skip
    # A row still open here that the export has finished, or feedback given since.
    + " WHERE (breaks.outcome = 'pending' AND excluded.outcome != 'pending')"
    " OR (breaks.feedback IS NULL AND excluded.feedback IS NOT NULL) OR excluded.pain > breaks.pain"
)
_INSERT_EVENT = (
    "INSERT INTO events (uid, kind, at, at_utc, local_date, utc_offset, ended_at, seconds, how, data)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uid) DO UPDATE SET at = excluded.at,"
    " at_utc = excluded.at_utc, utc_offset = excluded.utc_offset, ended_at = excluded.ended_at,"
    " seconds = excluded.seconds, how = excluded.how"
    # A later rest-day mark for the day wins; a sitting stretch logged again when it ended
    # (after a restart), or a wait logged again as it went on, is longer. Natural breaks and
    # check-ins never change.
    " WHERE (events.kind = 'rest_day' AND excluded.at_utc > events.at_utc)"
    " OR (events.kind IN ('sitting', 'postponed')"
    " AND coalesce(excluded.seconds, 0) > coalesce(events.seconds, 0))"
)


def _event_row(r: Mapping[str, object]) -> tuple[object, ...]:
    kind = r["kind"]
    how: object = None
    data: dict[str, object] = {}
    if kind == "sitting":
        how = r["ended_by"]
    elif kind == "natural_break":
        how = r["how"]
    elif kind == "postponed":
        how = r["reason"]
    elif kind == "rest_day":
        how = "rest" if r["rest"] else "work"
    elif kind == "checkin":
        data = {name: r[name] for name in ("week", "stiffness", "low_back_pain", "note")}
    at = datetime.fromisoformat(str(r["at"]))
    offset = 60 * int(str(r["utc_offset_minutes"]))
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return (
        r["id"],
        kind,
        r["at"],
        utc_text(at),
        r["date"],
        offset,
        r.get("ended_at"),
        r.get("seconds"),
        how,
        text,
    )


def _break_row(rid: int, r: Mapping[str, object]) -> tuple[object, ...]:
    at = datetime.fromisoformat(str(r["at"]))
    return (
        rid, r["id"], r["at"], utc_text(at), r["date"], 60 * int(str(r["utc_offset_minutes"])),
        int(bool(r["reminded"])), r["outcome"], r["sitting_seconds"], r["answered_at"], r["started_at"],
        r["ended_at"], r["routine"], r["steps_done"], r["steps_total"], r["steps_skipped"],
        r["active_seconds"], r["feedback"], int(bool(r["pain"])),
    )  # fmt: skip


def import_events(conn: sqlite3.Connection, records: Iterable[Mapping[str, object]]) -> ImportResult:
    """Merge `records` into the database by event id, all or nothing.

    Every record is checked first (ImportRefused, nothing written). Reminders and breaks get new
    row ids after the highest in use. An event whose id is already here is brought up to date
    when the record is newer (a reminder or break finished since, feedback given since, a later
    rest-day mark, a sitting stretch that went on), else left as it is (`already_there`).
    Reminders and breaks still open in the export are left out (`in_progress`).
    """
    checked: list[dict[str, object]] = []
    seen: set[object] = set()
    in_progress = 0
    for number, raw in enumerate(records, 1):
        if number > MAX_EVENTS:
            raise ImportRefused(f"too many events to import (more than {MAX_EVENTS:,})")
        record = check_record(raw, f"record {number}")
        if record["id"] in seen:
            raise ImportRefused(f'record {number}: "id" {record["id"]} appears twice')
        seen.add(record["id"])
        if record.get("outcome") == "pending":
            # Still open where it was exported: it comes with a later export, finished. Taken
            # now, this computer's crash recovery would close it at the wrong time.
            in_progress += 1
            continue
        checked.append(record)
    nested = conn.in_transaction
    conn.execute("SAVEPOINT import_events" if nested else "BEGIN IMMEDIATE")
    try:
        there = {
            str(uid)
            for (uid,) in conn.execute(
                "SELECT uid FROM breaks WHERE uid IS NOT NULL UNION ALL SELECT uid FROM events"
            )
        }
        fresh = [r for r in checked if r["id"] not in there]
        next_id = int(conn.execute("SELECT coalesce(max(id), 0) FROM breaks").fetchone()[0]) + 1
        breaks = [r for r in checked if r["kind"] in ("reminder", "break")]
        # Rows already here keep their id (the upsert leaves it); only new ones use the ids.
        written = conn.executemany(_INSERT_BREAK, (_break_row(next_id + n, r) for n, r in enumerate(breaks)))
        changed = max(0, written.rowcount)
        written = conn.executemany(
            _INSERT_EVENT, (_event_row(r) for r in checked if r["kind"] not in ("reminder", "break"))
        )
        changed += max(0, written.rowcount)
        conn.execute("RELEASE import_events" if nested else "COMMIT")
    except BaseException:
        if nested:
            conn.execute("ROLLBACK TO import_events")
            conn.execute("RELEASE import_events")
        elif conn.in_transaction:
            conn.rollback()
        raise
    updated = changed - len(fresh)
    return ImportResult(len(fresh), len(checked) - len(fresh) - updated, updated, in_progress)
