"""`deskbreak pause` / `resume`: the lengths accepted, the messages, and what is sent to the app."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta

import pytest

from deskbreak.app.pausing import pause_end, tomorrow_morning
from deskbreak.cli import _parser
from deskbreak.cli_pause import run
from deskbreak.core.policy import UNTIL_RESUMED

NOW = datetime(2026, 3, 28, 15, 10).astimezone()


@pytest.mark.parametrize(
    ("argv", "sent"),
    [(["pause", "30m"], "30m"), (["pause", "--until-tomorrow"], "tomorrow"), (["pause"], "resume")],
)
def test_what_each_form_asks_the_app_for(argv, sent, capsys):
    asked = []

    def ask(command, **extra):
        asked.append((command, extra))
        return {"ok": True, "paused_until": "resume" if sent == "resume" else "2026-03-28T15:40:00+00:00"}

    assert run(_parser().parse_args(argv), ask) == 0
    assert asked == [("pause", {"until": sent})]
    out = capsys.readouterr().out
    assert out.startswith("Paused until ")


def test_the_end_of_a_pause_is_said_as_a_time_and_a_day_when_not_today(capsys):
    tomorrow = (datetime.now().astimezone() + timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    reply = {"ok": True, "paused_until": tomorrow.isoformat()}
    assert run(_parser().parse_args(["pause", "--until-tomorrow"]), lambda *a, **k: reply) == 0
    assert capsys.readouterr().out == f"Paused until {tomorrow:%a} 00:00.\n"


@pytest.mark.parametrize("bad", ["0m", "25h", "soon", "30"])
def test_a_bad_length_is_refused_before_anything_is_sent(bad, capsys):
    sent = []
    assert run(_parser().parse_args(["pause", bad]), lambda *a, **k: sent.append(a)) == 2
    assert sent == [] and "pause" in capsys.readouterr().err


def test_not_running_and_a_break_under_way_are_said_plainly(capsys):
    assert run(_parser().parse_args(["pause", "1h"]), lambda *a, **k: None) == 3
    busy = {"ok": True, "paused_until": None}
    assert run(_parser().parse_args(["pause", "1h"]), lambda *a, **k: busy) == 1
    assert "break is under way" in capsys.readouterr().err
    assert run(_parser().parse_args(["resume"]), lambda *a, **k: {"ok": True}) == 0


def test_pause_ends():
    assert pause_end("30m", NOW) == NOW + timedelta(minutes=30)
    assert pause_end("resume", NOW) == UNTIL_RESUMED
    with pytest.raises(ValueError, match="1 minute to 24 hours"):
        pause_end("30h", NOW)


def test_until_tomorrow_is_local_midnight_even_across_a_clock_change(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        saturday = datetime(2026, 3, 28, 22, 0).astimezone()  # clocks go forward that night
        midnight = tomorrow_morning(saturday)
        assert (midnight.hour, midnight.minute, midnight.day) == (0, 0, 29)
        assert midnight.utcoffset() == timedelta(hours=1)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert os.environ.get("TZ") is None
