"""History export and import: round trips, merges, refusals, DST and a timezone move."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from history_samples import (
    MINUS_FIVE,
    PLUS_ONE,
    breaks_at,
    days_table,
    sample_database,
    table_counts,
)

from deskbreak.core.review import build_review
from deskbreak.core.streaks import GoalSettings
from deskbreak.core.wait_log import REASON_CODES
from deskbreak.storage import event_log, exchange_files, schema_v4
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect
from deskbreak.storage.exchange import (
    ImportRefused,
    ImportResult,
    export_events,
    import_events,
    read_export,
    write_csv,
    write_json,
)
from deskbreak.storage.exchange_format import ALL_FIELDS, AWAY_HOW, KINDS, SITTING_ENDS, WAIT_REASONS
from deskbreak.storage.review_data import read_days

TODAY = date(2026, 11, 27)


def _file(tmp_path: Path, records: list[dict[str, object]], fmt: str) -> Path:
    path = tmp_path / f"export.{fmt}"
    with path.open("w", encoding="utf-8", newline="") as stream:
        (write_csv if fmt == "csv" else write_json)(records, stream)
    return path


def _review(conn: sqlite3.Connection, today: date = TODAY):
    days = BreakLog(conn).events.day_summaries()
    return build_review(days, BreakLog(conn).events.checkins(), today, GoalSettings())


def test_the_format_knows_the_logs_kinds_and_choices():
    assert set(schema_v4.EVENT_KINDS) <= set(KINDS)
    assert SITTING_ENDS == event_log.SITTING_ENDS and AWAY_HOW == event_log.AWAY_HOW
    assert WAIT_REASONS == event_log.WAIT_REASONS == REASON_CODES
    assert ALL_FIELDS[:5] == ("id", "kind", "at", "date", "utc_offset_minutes")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_into_an_empty_database_gives_the_same_records_and_figures(tmp_path, fmt):
    source = sample_database()
    records = list(export_events(source))
    assert {r["kind"] for r in records} == set(KINDS)
    instants = [datetime.fromisoformat(str(r["at"])) for r in records]
    assert instants == sorted(instants)  # oldest first by the instant
    back = read_export(_file(tmp_path, records, fmt))
    assert back == records
    target = connect(None)
    assert import_events(target, back) == ImportResult(added=len(records), already_there=0)
    assert list(export_events(target)) == records
    assert days_table(target) == days_table(source)
    assert _review(target) == _review(source)
    assert _review(target).streak.best > 0 and _review(target).checkins


def test_importing_the_same_file_twice_changes_nothing(tmp_path):
    source = sample_database()
    path = _file(tmp_path, list(export_events(source)), "json")
    target = connect(None)
    first = import_events(target, read_export(path))
    counts, figures = table_counts(target), days_table(target)
    second = import_events(target, read_export(path))
    assert second == ImportResult(added=0, already_there=first.added)
    assert table_counts(target) == counts and days_table(target) == figures
    # and into the very database it came from: all already there
    assert import_events(source, read_export(path)).added == 0


def test_imported_breaks_get_fresh_ids_after_the_highest_in_use():
    source = sample_database(weeks=1)
    target = connect(None)
    log = BreakLog(target)
    breaks_at(log, datetime(2026, 12, 1, 9, tzinfo=PLUS_ONE), 2)
    before = target.execute("SELECT max(id) FROM breaks").fetchone()[0]
    import_events(target, export_events(source))
    ids = [r[0] for r in target.execute("SELECT id FROM breaks WHERE id > ? ORDER BY id", (before,))]
    assert ids == list(range(before + 1, before + 1 + len(ids))) and ids


def test_two_computers_exports_merge_into_the_union_and_the_streak_counts_over_it(tmp_path):
    goals = GoalSettings(daily_goal=4)
    laptop, desktop = connect(None), connect(None)
    monday = date(2026, 11, 16)
    for n in range(5):  # Mon..Fri: two breaks on each computer every day; 4 is the goal
        day = monday + timedelta(days=n)
        breaks_at(BreakLog(laptop), datetime(day.year, day.month, day.day, 9, tzinfo=PLUS_ONE), 2)
        breaks_at(BreakLog(desktop), datetime(day.year, day.month, day.day, 14, tzinfo=PLUS_ONE), 2)
    today = date(2026, 11, 21)
    for alone in (laptop, desktop):
        assert build_review(read_days(alone), (), today, goals).streak.best == 0
    merged = connect(None)
    a = import_events(merged, read_export(_file(tmp_path, list(export_events(laptop)), "csv")))
    b = import_events(merged, read_export(_file(tmp_path, list(export_events(desktop)), "json")))
    assert a.added == b.added == 10 and a.already_there == b.already_there == 0
    review = build_review(read_days(merged), (), today, goals)
    assert review.streak.current == 5 and review.week.totals.days_met == 5
    union = sorted(list(export_events(laptop)) + list(export_events(desktop)), key=lambda r: str(r["id"]))
    assert sorted(export_events(merged), key=lambda r: str(r["id"])) == union


def test_a_bad_csv_cell_is_refused_with_its_line_and_field_and_nothing_is_written(tmp_path):
    source = sample_database(weeks=1)
    path = _file(tmp_path, list(export_events(source)), "csv")
    lines = path.read_text(encoding="utf-8").split("\n")
    # the check-in's note spans two lines; the line named is where the record starts
    number = next(n for n, line in enumerate(lines, 1) if ",checkin," in line)
    cells = lines[number - 1].split(",")
    cells[ALL_FIELDS.index("stiffness")] = "eleven"
    lines[number - 1] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    target = sample_database(monday=date(2026, 6, 1), weeks=1)
    before, figures = table_counts(target), days_table(target)
    with pytest.raises(ImportRefused) as info:
        import_events(target, read_export(path))
    assert (
        str(info.value) == f'{path} line {number}: "stiffness" must be a whole number 0 to 10, not "eleven"'
    )
    assert table_counts(target) == before and days_table(target) == figures


def test_a_bad_json_record_is_refused_naming_the_record_and_field(tmp_path):
    records = list(export_events(sample_database(weeks=1)))
    records[2] = {**records[2], "at": "2026-11-02T09:00:00"}  # no offset
    path = _file(tmp_path, records, "json")
    with pytest.raises(ImportRefused, match=r'record 3: "at" must be a date and time with its UTC offset'):
        read_export(path)


def test_import_events_checks_every_record_before_writing_any():
    target = connect(None)
    good = list(export_events(sample_database(weeks=1)))
    last_break = next(r for r in reversed(good) if r["kind"] == "break")
    bad = {**last_break, "id": "2a0d8e0e-6d8f-4a53-9d0f-3c1d1e7b7f00", "outcome": "exploded"}
    with pytest.raises(ImportRefused, match=f'record {len(good) + 1}: "outcome" must be one of pending'):
        import_events(target, [*good, bad])
    assert table_counts(target) == (0, 0, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"name": "something else", "items": []}', "is not a deskbreak history export"),
        ("[1, 2, 3]", "is a JSON list, not a deskbreak history export"),
        ("name,email\nAda,ada@example.org\n", "is not a deskbreak history export"),
        ("", "is not a deskbreak history export"),
        ('{"format": "deskbreak-history", "version": 2, "events": []}', "written by a newer deskbreak"),
        ('{"format": "deskbreak-history", "version": 1, "events": [NaN]}', "is not valid JSON"),
        ('{"format": "deskbreak-history", "version": 1, "events": [1]}', "record 1: must be an object"),
        ('{"format": "deskbreak-history", "vers', "line 1: is not valid JSON"),
        ("id,kind,at,surprise\n", 'line 1: unknown column "surprise"'),
    ],
)
def test_foreign_and_broken_files_are_refused_clearly(tmp_path, content, message):
    path = tmp_path / "other.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportRefused, match=message):
        read_export(path)


def test_binary_and_oversized_files_are_refused_unread(tmp_path, monkeypatch):
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    with pytest.raises(ImportRefused, match="is not UTF-8 text"):
        read_export(binary)
    monkeypatch.setattr(exchange_files, "MAX_FILE_BYTES", 100)
    big = _file(tmp_path, list(export_events(sample_database(weeks=1))), "json")
    with pytest.raises(ImportRefused, match="too large to import"):
        read_export(big)


def test_a_record_twice_in_one_file_is_refused(tmp_path):
    records = list(export_events(sample_database(weeks=1)))
    path = _file(tmp_path, [*records, records[0]], "csv")
    with pytest.raises(ImportRefused, match="appears twice"):
        read_export(path)


def test_fields_of_another_kind_and_unknown_fields_are_refused(tmp_path):
    record = next(r for r in export_events(sample_database(weeks=1)) if r["kind"] == "sitting")
    for extra, message in ((("stiffness", 3), "does not apply to a sitting record"),
                           (("colour", "red"), "is not a field deskbreak knows")):  # fmt: skip
        path = _file(tmp_path, [{**record, extra[0]: extra[1]}], "json")
        path.write_text(
            path.read_text().replace('"ended_by"', f'"{extra[0]}": {json.dumps(extra[1])}, "ended_by"')
        )
        with pytest.raises(ImportRefused, match=message):
            read_export(path)


def test_dst_spring_forward_keeps_every_event_on_its_day(tmp_path):
    berlin = ZoneInfo("Europe/Berlin")
    conn = connect(None)
    log = BreakLog(conn)
    moments = [
        datetime(2026, 3, 28, 23, 30, tzinfo=berlin),  # +01:00
        datetime(2026, 3, 29, 1, 30, tzinfo=berlin),  # +01:00, just before the jump
        datetime(2026, 3, 29, 3, 30, tzinfo=berlin),  # +02:00, just after
        datetime(2026, 3, 29, 23, 50, tzinfo=berlin),  # +02:00; 21:50 UTC
        datetime(2026, 3, 30, 0, 30, tzinfo=berlin),  # +02:00; still the 29th in UTC
    ]
    for moment in moments:
        breaks_at(log, moment, 1)
        log.events.natural_break(moment, moment + timedelta(minutes=6))
    records = list(export_events(conn))
    breaks = [r for r in records if r["kind"] == "break"]
    assert [(r["date"], r["utc_offset_minutes"]) for r in breaks] == [
        ("2026-03-28", 60), ("2026-03-29", 60), ("2026-03-29", 120), ("2026-03-29", 120), ("2026-03-30", 120),
    ]  # fmt: skip
    assert breaks[1]["at"] == "2026-03-29T01:30:00+01:00" and breaks[2]["at"] == "2026-03-29T03:30:00+02:00"
    target = connect(None)
    import_events(target, read_export(_file(tmp_path, records, "csv")))
    days = read_days(target)
    assert {d.isoformat(): s.breaks for d, s in days.items()} == {
        "2026-03-28": 1,
        "2026-03-29": 3,
        "2026-03-30": 1,
    }
    assert {d.isoformat(): s.natural_breaks for d, s in days.items()}["2026-03-29"] == 3


def test_a_timezone_move_mid_week_keeps_each_event_on_the_day_it_happened(tmp_path):
    conn = connect(None)
    log = BreakLog(conn)
    for day in (23, 24, 25):  # Mon-Wed in Berlin
        breaks_at(log, datetime(2026, 11, day, 9, tzinfo=PLUS_ONE), 4)
    for day in (26, 27):  # Thu-Fri in New York, breaks late in the evening: next day in UTC
        breaks_at(log, datetime(2026, 11, day, 20, tzinfo=MINUS_FIVE), 4)
    records = list(export_events(conn))
    thursday = [r for r in records if r["date"] == "2026-11-26"]
    assert len(thursday) == 4 and all(r["utc_offset_minutes"] == -300 for r in thursday)
    assert all(str(r["at"]).startswith("2026-11-26T2") for r in thursday)
    target = connect(None)
    import_events(target, read_export(_file(tmp_path, records, "json")))
    review = build_review(read_days(target), (), date(2026, 11, 28), GoalSettings(daily_goal=4))
    assert [d.summary.breaks for d in review.week.days] == [4, 4, 4, 4, 4, 0, 0]
    assert review.week.totals.days_met == 5
    assert days_table(target) == days_table(conn)


def test_since_exports_from_that_local_day_on():
    conn = sample_database(weeks=2)
    since = date(2026, 11, 10)
    records = list(export_events(conn, since))
    assert records and all(str(r["date"]) >= "2026-11-10" for r in records)
    assert len(records) < len(list(export_events(conn)))


def test_rows_without_a_time_zone_are_left_out_and_counted():
    from deskbreak.storage.exchange import unplaced_rows

    conn = sample_database(weeks=1)
    conn.execute(
        "INSERT INTO breaks (id, at, reminded, outcome) VALUES (999, '2025-01-01T09:00:00', 1, 'skipped')"
    )
    assert unplaced_rows(conn) == 1
    assert all(r["at"] != "2025-01-01T09:00:00" for r in export_events(conn))


def test_the_examples_in_the_format_docs_are_valid_exports(tmp_path):
    text = (Path(__file__).parents[2] / "docs" / "history-format.md").read_text(encoding="utf-8")
    blocks = text.split("```")
    example = next(b for b in blocks if b.startswith("json\n")).removeprefix("json\n")
    header = next(b for b in blocks if b.startswith("\nid,kind,at,")).strip()
    rows = next(b for b in blocks if b.startswith("\n507692c2")).strip()
    (tmp_path / "a.json").write_text(example, encoding="utf-8")
    (tmp_path / "a.csv").write_text(header + "\n" + rows + "\n", encoding="utf-8")
    records = read_export(tmp_path / "a.json")
    assert [r["kind"] for r in records] == ["reminder", "break", "natural_break", "checkin", "rest_day"]
    assert [r["kind"] for r in read_export(tmp_path / "a.csv")] == ["reminder", "checkin"]
    assert tuple(header.split(",")) == ALL_FIELDS
    assert import_events(connect(None), records).added == 5


def test_what_changed_since_the_last_import_arrives_with_the_next(tmp_path):
    """Two computers kept in step by repeated exports: an undone rest day, a break that was
    still open, feedback given later and a sitting stretch that went on all come across; a break
    still open in an export is left out until it is finished, and nothing older wins."""
    from history_samples import PLUS_ONE

    from deskbreak.core.player import PlayerResult
    from deskbreak.storage.break_log import BreakLog

    laptop, desk = BreakLog(connect(None)), connect(None)
    assert laptop.conn is not None
    nine = datetime(2026, 11, 23, 9, 0, tzinfo=PLUS_ONE)
    laptop.events.rest_day(date(2026, 11, 24), nine)
    laptop.events.sitting(nine, nine + timedelta(minutes=20), "quit")
    open_break = laptop.break_started(
        nine + timedelta(hours=1), "neck", reminder_id=None, sitting_for=timedelta(0)
    )
    done = laptop.break_started(nine + timedelta(hours=2), "neck", reminder_id=None, sitting_for=timedelta(0))
    laptop.break_finished(
        done, nine + timedelta(hours=2, minutes=3), PlayerResult(True, 4, 4, 0, timedelta(minutes=3))
    )

    first = import_events(desk, list(export_events(laptop.conn)))
    assert (first.added, first.in_progress) == (3, 0)  # the open break is not in the export
    assert days_table(desk)[1][-1] == 1  # Tuesday is a rest day

    laptop.events.rest_day(date(2026, 11, 24), nine + timedelta(days=1), rest=False)
    laptop.events.sitting(nine, nine + timedelta(minutes=50), "natural_break")  # the same stretch, ended
    laptop.break_finished(
        open_break, nine + timedelta(hours=1, minutes=3), PlayerResult(True, 4, 4, 0, timedelta(minutes=3))
    )
    laptop.break_feedback(done, feedback="about_right")
    second = import_events(desk, list(export_events(laptop.conn)))
    assert (second.added, second.updated) == (1, 3)
    assert list(export_events(desk)) == list(export_events(laptop.conn))
    assert days_table(desk) == days_table(laptop.conn)

    # An old export again changes nothing back.
    assert import_events(desk, list(export_events(laptop.conn))).updated == 0


def test_a_break_still_open_in_an_older_export_is_left_out_on_import():
    record = {**next(r for r in export_events(sample_database(weeks=1)) if r["kind"] == "break")}
    record["outcome"], record["ended_at"] = "pending", None
    target = connect(None)
    assert import_events(target, [record]) == ImportResult(0, 0, 0, in_progress=1)
    assert table_counts(target)[0] == 0
