"""`deskbreak stats`, `export`, `import` and `rest-day`, run as the user runs them (no app)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from deskbreak.cli import main
from deskbreak.core.player import PlayerResult
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect

PLUS_ONE = timezone(timedelta(hours=1))
MINUS_FIVE = timezone(timedelta(hours=-5))
WEEK = "2025-W23"  # Mon 2 June .. Sun 8 June 2025: in the past whenever the tests run
MONDAY = date(2025, 6, 2)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DESKBREAK_HOME", str(tmp_path))
    return tmp_path


def _breaks(log: BreakLog, at: datetime, count: int) -> None:
    for n in range(count):
        start = at + timedelta(minutes=30 * n)
        rid = log.reminder_shown(start, timedelta(minutes=45))
        log.break_started(start, "upper-back-basics", reminder_id=rid, sitting_for=timedelta(minutes=45))
        log.break_finished(
            rid, start + timedelta(minutes=3), PlayerResult(True, 4, 4, 0, timedelta(seconds=150))
        )


def _fill(home, per_day=(4, 4, 2, 4, 0)) -> None:
    """The week 2025-W23: Mon-Wed in Berlin, Thu-Fri in New York (evening breaks: next day in UTC)."""
    conn = connect(home / "history.sqlite3")
    log = BreakLog(conn)
    for n, count in enumerate(per_day):
        day = MONDAY + timedelta(days=n)
        tz, hour = (PLUS_ONE, 9) if n < 3 else (MINUS_FIVE, 19)
        nine = datetime(day.year, day.month, day.day, hour, tzinfo=tz)
        _breaks(log, nine, count)
        log.events.sitting(nine - timedelta(minutes=70), nine, "break")
        log.events.natural_break(nine + timedelta(hours=3), nine + timedelta(hours=3, minutes=8))
    conn.close()


def _counts(home) -> tuple[int, int]:
    conn = connect(home / "history.sqlite3")
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("breaks", "events"))
    finally:
        conn.close()


def test_stats_before_anything_was_logged_is_an_empty_week_and_creates_nothing(home, capsys):
    assert main(["stats", "--week", WEEK]) == 0
    out = capsys.readouterr().out
    assert "Week 23 of 2025 (Mon 2 Jun 2025 to Sun 8 Jun 2025)" in out and "Mon 2 Jun" in out
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["current_streak"] == 0
    assert not (home / "history.sqlite3").exists() and not (home / "config.toml").exists()


def test_stats_json_has_the_week_day_by_day_and_the_streaks(home, capsys):
    _fill(home)
    assert main(["stats", "--week", WEEK, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("week", "days", "current_streak", "best_streak", "freezes_held", "freezes_used", "days_met"):
        assert key in data
    assert data["week"] == WEEK and len(data["days"]) == 7
    day = data["days"][0]
    day_keys = ("date", "breaks", "goal", "goal_met", "rest_day", "movement_seconds", "natural_breaks")
    for key in (*day_keys, "longest_sitting_seconds"):
        assert key in day
    assert [d["breaks"] for d in data["days"]] == [4, 4, 2, 4, 0, 0, 0]  # Thursday's evening stays Thursday
    assert [d["goal_met"] for d in data["days"]][:5] == [True, True, False, True, False]
    assert data["days"][0]["movement_seconds"] == 600 and data["days"][0]["longest_sitting_seconds"] == 4200
    assert data["best_streak"] >= 2 and data["days_met"] == 3 and data["working_days"] == 5
    assert all(isinstance(d, str) and len(d) == 10 for d in data["freezes_used"])


def test_stats_as_a_table_reads_like_a_week(home, capsys):
    _fill(home)
    assert main(["stats", "--week", WEEK]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    monday = next(line for line in lines if line.startswith("Mon 2 Jun"))
    assert "4/4" in monday and "10 min" in monday and "1 h 10 min" in monday and monday.endswith("met")
    assert next(line for line in lines if line.startswith("Wed 4 Jun")).endswith("missed")
    assert next(line for line in lines if line.startswith("Sat 7 Jun")).endswith("day off")
    assert "Goal met on 3 of 5 working days." in out and "Current streak:" in out and "Freezes held:" in out
    assert "T09:" not in out and "+01:00" not in out  # no raw timestamps


def test_stats_follows_the_users_goal(home, capsys):
    _fill(home)
    (home / "config.toml").write_text("daily_goal = 2\n", encoding="utf-8")
    assert main(["stats", "--week", WEEK]) == 0
    out = capsys.readouterr().out
    assert "Goal met on 4 of 5 working days." in out and "2/2" in out


@pytest.mark.parametrize("week", ["2025-W54", "W23", "2025-23", "next week", "9" * 500])
def test_a_bad_week_is_a_usage_error(home, capsys, week):
    with pytest.raises(SystemExit) as info:
        main(["stats", "--week", week])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "argument --week:" in err and ("ISO week like 2026-W47" in err or "has no week" in err)
    assert len(err) < 400


def test_stats_reads_while_the_app_holds_a_write_and_never_changes_the_file(home, capsys):
    _fill(home)
    path = home / "history.sqlite3"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    writer = connect(path)
    writer.execute("BEGIN IMMEDIATE")  # the app in the middle of a write
    try:
        assert main(["stats", "--week", WEEK, "--json"]) == 0
    finally:
        writer.rollback()
        writer.close()
    assert json.loads(capsys.readouterr().out)["days"][0]["breaks"] == 4
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in home.iterdir()) == ["history.sqlite3"]


def test_stats_of_a_schema_1_file_migrates_a_copy_not_the_file(home, capsys):
    import sqlite3

    from deskbreak.storage.database import MIGRATIONS

    path = home / "history.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(str(MIGRATIONS[0]) + "PRAGMA user_version=1;")
    old.execute(
        "INSERT INTO breaks (at, reminded, outcome, started_at, steps_done, steps_total)"
        " VALUES ('2025-06-02T09:00:00+01:00', 1, 'completed', '2025-06-02T09:00:00+01:00', 4, 4)"
    )
    old.commit()
    old.close()
    assert main(["stats", "--week", WEEK, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["days"][0]["breaks"] == 1
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    assert sorted(p.name for p in home.iterdir()) == ["history.sqlite3"]  # no backup: nothing migrated


def test_a_database_of_another_program_is_an_error_not_a_crash(home, capsys):
    import sqlite3

    other = sqlite3.connect(home / "history.sqlite3")
    other.execute("CREATE TABLE photos (name TEXT)")
    other.commit()
    other.close()
    assert main(["stats"]) == 1
    assert "is not a deskbreak database" in capsys.readouterr().err


def test_the_stats_command_loads_no_qt_and_no_scheduler(home):
    code = (
        "import sys; from deskbreak.cli import main; main(['stats']);"
        "print([m for m in sys.modules if m.split('.')[0] in ('PySide6', 'apscheduler', 'shiboken6')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_export_csv_to_the_screen_and_json_to_a_file(home, capsys, tmp_path):
    _fill(home)
    assert main(["export", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("id,kind,at,date,utc_offset_minutes,") and out.count("\r\n") == 1 + 14 + 5 + 5
    target = tmp_path / "out" / "history.json"
    target.parent.mkdir()
    assert main(["export", "--output", str(target)]) == 0  # json from the extension
    assert "Exported 24 events to" in capsys.readouterr().out
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "deskbreak-history" and data["version"] == 1 and len(data["events"]) == 24
    assert [p.name for p in target.parent.iterdir()] == ["history.json"]  # no temporary file left


@pytest.mark.parametrize("screen", ["-", "/dev/stdout"])
def test_export_to_the_screen_by_name_is_the_csv_alone(home, capsys, screen):
    _fill(home)
    assert main(["export", "--format", "csv", "--output", screen]) == 0
    out = capsys.readouterr().out
    assert out.startswith("id,kind,at,") and "Exported" not in out and out.count("\r\n") == 1 + 14 + 5 + 5


def test_export_since_a_date(home, capsys):
    _fill(home)
    assert main(["export", "--format", "json", "--since", "2025-06-05"]) == 0
    events = json.loads(capsys.readouterr().out)["events"]
    assert {e["date"] for e in events} == {"2025-06-05", "2025-06-06"}


def test_export_without_a_format_or_to_an_unwritable_place_fails_clearly(home, capsys, tmp_path):
    _fill(home)
    assert main(["export"]) == 2
    assert "choose --format csv or --format json" in capsys.readouterr().err
    assert main(["export", "--format", "csv", "--output", str(tmp_path / "missing" / "x.csv")]) == 1
    assert "cannot be written" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["export", "--format", "csv", "--since", "June"])
    assert info.value.code == 2


def test_import_then_import_again_then_a_refused_file(home, capsys, tmp_path):
    source = tmp_path / "laptop"
    source.mkdir()
    _fill(source)
    exported = tmp_path / "laptop.csv"
    conn = connect(source / "history.sqlite3")
    from deskbreak.storage.exchange import export_events, write_csv

    with exported.open("w", encoding="utf-8", newline="") as stream:
        write_csv(export_events(conn), stream)
    conn.close()
    assert main(["import", str(exported)]) == 0
    assert capsys.readouterr().out.strip() == "Imported 24 events (0 already there)."
    assert main(["import", str(exported)]) == 0
    assert capsys.readouterr().out.strip() == "Imported 0 events (24 already there)."
    before = _counts(home)
    lines = exported.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",completed,", ",finished,")
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join(lines), encoding="utf-8")
    assert main(["import", str(broken)]) == 1
    err = capsys.readouterr().err
    assert f'{broken} line 6: "outcome" must be one of pending, completed' in err
    assert "Nothing was imported." in err and _counts(home) == before
    assert main(["import", str(tmp_path / "nope.json")]) == 1
    assert "cannot be read" in capsys.readouterr().err


def test_rest_day_then_stats_shows_it_and_undo_takes_it_back(home, capsys):
    _fill(home)
    assert main(["rest-day", "2025-06-04"]) == 0
    assert capsys.readouterr().out.startswith("Wednesday 4 June 2025 is marked as a rest day")
    assert main(["rest-day", "2025-06-04"]) == 0
    assert "already marked" in capsys.readouterr().out
    assert main(["stats", "--week", WEEK]) == 0
    out = capsys.readouterr().out
    assert next(line for line in out.splitlines() if line.startswith("Wed 4 Jun")).endswith("rest day")
    assert "Goal met on 3 of 4 working days." in out
    assert main(["stats", "--week", WEEK, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["days"][2]["rest_day"] is True
    assert main(["rest-day", "2025-06-04", "--undo"]) == 0
    assert "no longer a rest day" in capsys.readouterr().out
    assert main(["stats", "--week", WEEK, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["days"][2]["rest_day"] is False


def test_rest_day_today_and_on_a_day_off(home, capsys):
    assert main(["rest-day"]) == 0
    assert capsys.readouterr().out.startswith("Today (")
    assert main(["rest-day", "2025-06-07"]) == 0  # a Saturday
    assert "not one of your working days anyway" in capsys.readouterr().out


@pytest.mark.parametrize("day", ["tomorrow", "2025-02-30", "06/04/2025"])
def test_rest_day_refuses_a_bad_date(home, capsys, day):
    with pytest.raises(SystemExit) as info:
        main(["rest-day", day])
    assert info.value.code == 2
    assert "is not a date like 2026-11-23" in capsys.readouterr().err


def test_rest_day_refuses_a_day_in_the_future(home, capsys):
    future = (date.today() + timedelta(days=1)).isoformat()
    with pytest.raises(SystemExit) as info:
        main(["rest-day", future])
    assert info.value.code == 2
    assert f"{future} is in the future" in capsys.readouterr().err
    assert not (home / "history.sqlite3").exists()


def test_help_lists_the_history_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("stats [--week", "export --format csv|json", "import FILE", "rest-day [DATE]"):
        assert command in out
