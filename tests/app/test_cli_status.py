"""`deskbreak status` lines: human times in text, ISO in JSON, and what a waybar module reads."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreak.cli import _parser
from deskbreak.cli_answer import run as run_answer
from deskbreak.cli_answer import snooze_length
from deskbreak.cli_status import advanced, next_print_in, relative, run, text_line, text_lines, waybar

NOW = datetime(2026, 3, 24, 14, 38).astimezone()
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def status(state: str = "sitting", **changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "state": state,
        "sitting_seconds": 38 * 60,
        "next_break_at": (NOW + timedelta(minutes=7)).isoformat(),
        "paused_until": None,
        "routine": "upper-back-basics",
        "problems": [],
        "idle_seconds": 0.0,
        "reminder_waits_for": None,
        "times_reminded": 0,
        "outside_working_hours": False,
        "sit_limit_seconds": 45 * 60,
        "program": "Week 3 of 6",
    }
    return {**base, **changes}


PAUSED = {"sitting_seconds": 0, "next_break_at": None}
STATES = {
    "sitting": status(),
    "snoozed": status("snoozed", next_break_at=(NOW + timedelta(minutes=4)).isoformat()),
    "due": status("due", next_break_at=None, times_reminded=1),
    "overdue": status("due", next_break_at=None, times_reminded=2),
    "waiting": status("due", next_break_at=None, times_reminded=1, reminder_waits_for="in a call"),
    "on_break": status("on_break", next_break_at=None),
    "away": status("away", sitting_seconds=0, next_break_at=None),
    "paused": status("paused", **PAUSED, paused_until=(NOW + timedelta(minutes=30)).isoformat()),
    "off_hours": status(
        "paused",
        **PAUSED,
        outside_working_hours=True,
        paused_until=(NOW + timedelta(hours=18)).isoformat(),
    ),
}


@pytest.mark.parametrize("kind", list(STATES))
def test_waybar_line_has_what_the_module_reads(kind):
    fields = json.loads(waybar(STATES[kind], NOW))
    assert set(fields) == {"text", "alt", "class", "tooltip", "percentage"}
    assert fields["class"] == fields["alt"] == kind
    assert 0 <= fields["percentage"] <= 100 and isinstance(fields["percentage"], int)
    assert fields["text"] and "\n" not in fields["text"]
    assert not ISO.search(fields["tooltip"])


def test_waybar_text_and_percentage_per_state():
    def read(kind):
        fields = json.loads(waybar(STATES[kind], NOW))
        return fields["text"], fields["percentage"]

    assert read("sitting") == ("38 min", 84)  # 7 of 45 minutes left
    assert read("due") == ("38 min · break due", 100)
    assert read("overdue") == ("38 min · break due", 100)
    assert read("waiting") == ("38 min · break waits", 100)
    assert read("paused") == ("paused", 0)
    assert read("off_hours") == ("off hours", 0)
    assert read("on_break") == ("on a break", 0)
    assert json.loads(waybar(STATES["sitting"], NOW))["tooltip"].startswith(
        "Sitting for 38 min\nNext break at 14:45 (in 7 min)"
    )


def test_waybar_escapes_markup_from_problems():
    line = json.loads(waybar(status(problems=["/home/a&b/config.toml: <bad>"]), NOW))
    assert "a&amp;b" in line["tooltip"] and "&lt;bad&gt;" in line["tooltip"]


@pytest.mark.parametrize("kind", list(STATES))
def test_text_never_shows_iso_times(kind):
    lines = text_lines(STATES[kind], NOW)
    assert lines and not any(ISO.search(line) for line in lines)
    assert not ISO.search(text_line(STATES[kind], NOW))


def test_text_says_when_in_clock_time_and_from_now():
    assert text_lines(STATES["sitting"], NOW)[:3] == [
        "Sitting for 38 min",
        "Next break at 14:45 (in 7 min)",
        "Week 3 of 6",
    ]
    assert text_line(STATES["paused"], NOW) == "Paused · Until 15:08 (in 30 min)"
    assert text_line(STATES["off_hours"], NOW).startswith("Outside working hours · Counting starts ")
    assert text_line(status("paused", **PAUSED, paused_until="resume"), NOW) == "Paused · Until you resume"
    assert text_line(STATES["due"], NOW) == "Sitting for 38 min · Time for a break!"


def test_relative_times():
    assert relative(NOW + timedelta(minutes=6, seconds=30), NOW) == "in 7 min"  # agrees with 14:45
    assert relative(NOW + timedelta(minutes=65), NOW) == "in 1 h 05 min"
    assert relative(NOW, NOW) == "now"
    assert relative(NOW - timedelta(minutes=3), NOW) == "3 min ago"


def test_between_pushes_the_sitting_minutes_move_on_only_while_sitting():
    assert advanced(STATES["sitting"], 125)["sitting_seconds"] == 38 * 60 + 125
    assert advanced(STATES["paused"], 125) == STATES["paused"]
    assert advanced(STATES["on_break"], 125) == STATES["on_break"]
    # The next reprint lands when the minute shown changes, at most a minute away.
    assert next_print_in(status(sitting_seconds=38 * 60 + 50)) == pytest.approx(10.05)
    assert next_print_in(STATES["paused"]) == 60


def test_one_shot_status_in_each_format(capsys):
    reply = {"ok": True, **STATES["sitting"]}
    assert run(_parser().parse_args(["status"]), lambda *a, **k: dict(reply)) == 0
    assert capsys.readouterr().out.startswith("Sitting for 38 min\n")
    assert run(_parser().parse_args(["status", "--json"]), lambda *a, **k: dict(reply)) == 0
    assert json.loads(capsys.readouterr().out)["next_break_at"] == STATES["sitting"]["next_break_at"]
    assert run(_parser().parse_args(["status", "--format", "waybar"]), lambda *a, **k: dict(reply)) == 0
    assert json.loads(capsys.readouterr().out)["class"] == "sitting"
    assert run(_parser().parse_args(["status"]), lambda *a, **k: None) == 3
    refused = {"ok": False, "error": "no"}
    assert run(_parser().parse_args(["status"]), lambda *a, **k: dict(refused)) == 1
    assert run(_parser().parse_args(["status", "--wait"]), lambda *a, **k: dict(reply)) == 2


@pytest.mark.parametrize("argv", [["status", "--json", "--format", "text"], ["status", "--format", "xml"]])
def test_status_usage_errors(argv):
    with pytest.raises(SystemExit) as exit_:
        _parser().parse_args(argv)
    assert exit_.value.code == 2


def test_snooze_and_skip_say_what_happened(capsys):
    asked = []

    def ask(command, **extra):
        asked.append((command, extra))
        return {"ok": True, "snoozed": True, "skipped": False, "next_break_at": NOW.isoformat()}

    assert run_answer(_parser().parse_args(["snooze", "10m"]), ask) == 0
    assert asked == [("snooze", {"seconds": 600.0})]
    assert capsys.readouterr().out.startswith("Snoozed: the reminder comes again at ")
    assert run_answer(_parser().parse_args(["snooze"]), ask) == 0
    assert asked[-1] == ("snooze", {})
    assert run_answer(_parser().parse_args(["skip"]), ask) == 1
    assert "Nothing to skip: no reminder is due." in capsys.readouterr().err
    assert run_answer(_parser().parse_args(["skip"]), lambda *a, **k: None) == 3


@pytest.mark.parametrize("bad", ["0m", "3h", "soon", "10"])
def test_a_bad_snooze_length_is_refused_before_anything_is_sent(bad, capsys):
    sent = []
    assert run_answer(_parser().parse_args(["snooze", bad]), lambda *a, **k: sent.append(a)) == 2
    assert sent == [] and "deskbreak snooze: " in capsys.readouterr().err


@given(st.text(max_size=80))
def test_snooze_length_is_total(text):
    try:
        length = snooze_length(text)
    except ValueError as exc:
        assert repr(text)[:20] in str(exc) or "snooze length" in str(exc)
    else:
        assert timedelta(minutes=1) <= length <= timedelta(hours=2)


@given(st.integers(min_value=1, max_value=120))
def test_every_whole_minute_from_1_to_120_is_a_snooze(minutes):
    assert snooze_length(f"{minutes}m") == timedelta(minutes=minutes)
