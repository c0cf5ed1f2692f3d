"""`deskbreak routines list` and `routines check`: what is on offer, and a file checked before use."""

from __future__ import annotations

import json

import pytest

from deskbreak.cli import main


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DESKBREAK_HOME", str(tmp_path))
    return tmp_path


EXERCISE = """\
title = "Doorway chest opener"
focus = "extension"
posture = "doorway"
cues = ["Stand in a doorway.", "Forearms on the frame, elbows at shoulder height.", "Step through gently."]
breathing = "Breathe slowly and let the chest open on each breath out."
feel = "A stretch across the front of the chest and shoulders."
easier = "Take a smaller step."
harder = "Hold a little longer."
cautions = ["Skip it with a painful or unstable shoulder."]

[dose]
hold = "20s"
sets = 2
"""


def test_list_shows_every_routine_with_its_exercises(home, capsys):
    own = home / "routines"
    own.mkdir()
    (own / "doorway-opener.toml").write_text(EXERCISE.replace("title", "# not a routine\ntitle"))
    assert main(["routines", "list", "--json"]) == 0
    out = capsys.readouterr()
    rows = {row["id"]: row for row in json.loads(out.out)}
    assert {"upper-back-basics", "quick-reset", "deep-mobility"} <= set(rows)
    basics = rows["upper-back-basics"]
    assert (
        basics["minutes"] > 0 and basics["exercises"] and basics["source"].endswith("upper-back-basics.toml")
    )
    assert {"id", "title", "posture"} <= set(basics["exercises"][0])
    assert "doorway-opener" not in rows and "doorway-opener.toml" in out.err  # reported, skipped


def test_check_accepts_a_good_exercise_and_names_the_line_of_a_mistake(home, tmp_path, capsys):
    good = tmp_path / "doorway-opener.toml"
    good.write_text(EXERCISE)
    assert main(["routines", "check", str(good)]) == 0
    assert "a valid exercise" in capsys.readouterr().out
    bad = tmp_path / "bad.toml"
    bad.write_text(EXERCISE.replace('posture = "doorway"', 'posture = "hammock"'))
    assert main(["routines", "check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3: posture:" in err and "hammock" in err


def test_check_reads_a_routine_naming_shipped_exercises_by_id(home, tmp_path, capsys):
    routine = tmp_path / "mine.toml"
    routine.write_text('title = "Mine"\nsummary = "Test."\nexercises = ["no-such-move"]\n')
    assert main(["routines", "check", str(routine)]) == 1
    err = capsys.readouterr().err
    assert f"{routine}:3: exercises, entry 1: no exercise" in err and "no-such-move" in err


def test_the_listed_length_is_the_routine_as_played_with_its_get_ready_moments(tmp_path):
    import json
    import subprocess
    import sys

    from deskbreak.app.routine_library import load_library
    from deskbreak.bundled import builtin_routines_dir
    from deskbreak.core.exercises import GET_READY

    done = subprocess.run(
        [sys.executable, "-m", "deskbreak", "routines", "list", "--json"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    basics = next(r for r in json.loads(done.stdout) if r["id"] == "upper-back-basics")
    library = load_library(builtin_routines_dir(), tmp_path / "mine")
    routine = library.routines["upper-back-basics"]
    at_least = (routine.total + GET_READY * len(routine.exercises)).total_seconds() / 60
    assert basics["minutes"] >= round(at_least, 1)
