"""Schema 3 -> 4 on a real file: the events table rebuilt to take postponed reminders, with every
row, every day's figures and the triggers that keep them right; and the postponed rows themselves."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from deskbreak.core.player import PlayerResult
from deskbreak.storage import database, days
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import SCHEMA_VERSION, connect, integrity_ok
from deskbreak.storage.exchange import export_events, import_events
from deskbreak.storage.exchange_files import read_export, write_csv, write_json

TZ = timezone(timedelta(hours=1))
NINE = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)


def make_v3(path: Path) -> None:
    """A schema-3 file with a week of breaks, stretches and natural breaks, as deskbreak 0.3 wrote."""
    conn = sqlite3.connect(path, isolation_level=None)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(database, "SCHEMA_VERSION", 3)  # the migrations that version knew
        database.migrate(conn)
    log = BreakLog(conn)
    for day in range(5):
        start = NINE + timedelta(days=day)
        rid = log.reminder_shown(start, timedelta(minutes=45))
        bid = log.break_started(start, "quick-reset", reminder_id=rid, sitting_for=timedelta(minutes=45))
        log.break_finished(
            bid, start + timedelta(minutes=3), PlayerResult(True, 4, 4, 0, timedelta(minutes=3))
        )
        log.events.sitting(start - timedelta(minutes=45), start, "break")
        log.events.natural_break(start + timedelta(hours=2), start + timedelta(hours=2, minutes=9))
    log.close()
    conn.close()


def figures(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute("SELECT * FROM days ORDER BY local_date").fetchall()


def events(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return conn.execute("SELECT * FROM events ORDER BY uid").fetchall()


def test_a_schema_3_file_migrates_keeping_every_event_and_every_days_figures(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    make_v3(path)
    with sqlite3.connect(path) as old:
        before_events, before_days = events(old), figures(old)
        assert old.execute("PRAGMA user_version").fetchone()[0] == 3
    old.close()
    conn = connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    assert events(conn) == before_events and len(before_events) == 10
    assert figures(conn) == before_days and len(before_days) == 5
    assert integrity_ok(conn)
    indexes = {
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")
    }
    assert {"events_by_day", "events_by_time", "events_by_kind"} <= indexes
    assert list(tmp_path.glob("history.sqlite3.before-v4-from-v3.bak"))  # the old file, kept
    conn.close()


def test_after_the_migration_the_days_figures_still_follow_every_change(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    make_v3(path)
    conn = connect(path)
    log = BreakLog(conn)
    monday = NINE.date()
    natural = {d: s.natural_breaks for d, s in log.events.day_summaries().items()}
    log.events.natural_break(NINE + timedelta(hours=4), NINE + timedelta(hours=4, minutes=6))
    log.events.postponed(NINE + timedelta(hours=5), NINE + timedelta(hours=5, minutes=20), "call")
    after = log.events.day_summaries()
    assert after[monday].natural_breaks == natural[monday] + 1  # the events trigger works
    conn.execute("DELETE FROM breaks WHERE local_date = ?", (monday.isoformat(),))
    assert log.events.day_summaries()[monday].breaks == 0  # and the breaks trigger too
    stored = figures(conn)
    days.rebuild(conn)
    assert figures(conn) == stored  # what the triggers keep equals working it all out again
    log.close()


def test_a_wait_logged_as_it_begins_and_again_as_it_ends_is_one_row_with_its_length(tmp_path: Path) -> None:
    conn = connect(tmp_path / "h.sqlite3")
    log = BreakLog(conn)
    start = NINE + timedelta(hours=1)
    first = log.events.postponed(start, start, "call")
    second = log.events.postponed(start, start + timedelta(minutes=27), "call")
    rows = conn.execute(
        "SELECT uid, kind, seconds, how, ended_at FROM events WHERE kind = 'postponed'"
    ).fetchall()
    assert first == second and rows == [
        (first, "postponed", 1620.0, "call", (start + timedelta(minutes=27)).isoformat())
    ]
    with pytest.raises(ValueError, match="unknown reason"):
        log.events.postponed(start, start, "in a call")  # the history's names, not the tooltip's
    log.close()


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_waits_go_out_in_an_export_and_come_back_in_on_another_computer(tmp_path: Path, fmt: str) -> None:
    source = connect(tmp_path / "a.sqlite3")
    log = BreakLog(source)
    log.events.postponed(NINE, NINE + timedelta(minutes=12), "fullscreen")
    log.events.postponed(NINE + timedelta(hours=2), NINE + timedelta(hours=2, minutes=3), "do_not_disturb")
    records = [r for r in export_events(source) if r["kind"] == "postponed"]
    assert [(r["reason"], r["seconds"]) for r in records] == [
        ("fullscreen", 720.0),
        ("do_not_disturb", 180.0),
    ]
    out = tmp_path / f"out.{fmt}"
    with out.open("w", encoding="utf-8", newline="") as stream:
        (write_csv if fmt == "csv" else write_json)(list(export_events(source)), stream)
    target = connect(tmp_path / "b.sqlite3")
    import_events(target, read_export(out))
    again = [r for r in export_events(target) if r["kind"] == "postponed"]
    assert again == records
    log.close()


def test_a_csv_export_from_before_waits_were_logged_still_imports(tmp_path: Path) -> None:
    source = connect(tmp_path / "a.sqlite3")
    BreakLog(source).events.natural_break(NINE, NINE + timedelta(minutes=8))
    path = tmp_path / "old.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        write_csv(list(export_events(source)), stream)
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    columns = header.split(",")
    gone = columns.index("reason")  # the older format had no such column
    lines = [",".join(c for i, c in enumerate(line.split(",")) if i != gone) for line in [header, *rows]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = connect(tmp_path / "b.sqlite3")
    import_events(target, read_export(path))
    assert [r["kind"] for r in export_events(target)] == ["natural_break"]


def test_two_waits_beginning_within_one_second_are_two_rows(tmp_path: Path) -> None:
    log = BreakLog(connect(tmp_path / "h.sqlite3"))
    start = NINE.replace(microsecond=100_000)
    log.events.postponed(start, start + timedelta(milliseconds=400), "fullscreen")
    log.events.postponed(start + timedelta(milliseconds=500), start + timedelta(minutes=2), "call")
    assert log.conn is not None
    rows = log.conn.execute(
        "SELECT how, seconds FROM events WHERE kind = 'postponed' ORDER BY how"
    ).fetchall()
    assert rows == [("call", 119.5), ("fullscreen", 0.4)]
    log.close()
