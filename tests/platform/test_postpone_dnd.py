"""Do-not-disturb: which desktop's tool is asked, how its answer is read (runner faked), and the runner."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pytest

from deskbreak.platform.do_not_disturb import (
    DUNST,
    GNOME,
    KDE,
    REASON,
    XFCE,
    DoNotDisturbCheck,
    DoNotDisturbUnavailable,
    choose_sources,
    create_do_not_disturb_check,
    run_command,
)

EVERY_TOOL = {"dunstctl", "gsettings", "dbus-send", "xfconf-query"}


def which_of(tools: set[str]) -> Callable[[str, str | None], str | None]:
    def which(tool: str, path: str | None) -> str | None:
        return f"/usr/bin/{tool}" if tool in tools else None

    return which


class FakeRunner:
    def __init__(self, answers: Mapping[str, str | None]) -> None:
        self.answers = dict(answers)
        self.calls: list[tuple[tuple[str, ...], float, Mapping[str, str]]] = []

    def __call__(self, argv: Sequence[str], timeout: float, env: Mapping[str, str]) -> str | None:
        self.calls.append((tuple(argv), timeout, env))
        return self.answers.get(argv[0])


@pytest.mark.parametrize(
    ("desktop", "expected"),
    [
        ("", [DUNST]),
        ("i3", [DUNST]),
        ("GNOME", [GNOME]),
        ("ubuntu:GNOME", [GNOME]),
        ("KDE", [KDE]),
        ("XFCE", [XFCE]),
        ("X-Cinnamon", [DUNST]),
    ],
)
def test_sources_by_desktop(desktop: str, expected: list[object]) -> None:
    assert choose_sources({"XDG_CURRENT_DESKTOP": desktop}, which_of(EVERY_TOOL)) == expected


def test_a_source_is_left_out_when_its_tool_is_missing() -> None:
    assert choose_sources({"XDG_CURRENT_DESKTOP": "GNOME"}, which_of({"dunstctl"})) == []
    with pytest.raises(DoNotDisturbUnavailable):
        create_do_not_disturb_check({"XDG_CURRENT_DESKTOP": "i3"}, which=which_of(set()))


def test_tools_are_looked_up_on_the_given_path() -> None:
    seen: list[tuple[str, str | None]] = []

    def which(tool: str, path: str | None) -> str | None:
        seen.append((tool, path))
        return None

    choose_sources({"PATH": "/opt/bin"}, which)
    assert seen == [("dunstctl", "/opt/bin")]


@pytest.mark.parametrize(
    ("desktop", "tool", "output", "expected"),
    [
        ("i3", "dunstctl", "true\n", REASON),
        ("i3", "dunstctl", "false\n", None),
        ("GNOME", "gsettings", "false\n", REASON),
        ("GNOME", "gsettings", "true\n", None),
        ("KDE", "dbus-send", "   variant       boolean true\n", REASON),
        ("KDE", "dbus-send", "   variant       boolean false\n", None),
        ("XFCE", "xfconf-query", "true\n", REASON),
        ("XFCE", "xfconf-query", "false\n", None),
        ("i3", "dunstctl", "", None),
        ("i3", "dunstctl", None, None),  # failed or timed out
    ],
)
def test_answers_are_read(desktop: str, tool: str, output: str | None, expected: str | None) -> None:
    environ = {"XDG_CURRENT_DESKTOP": desktop, "DBUS_SESSION_BUS_ADDRESS": "unix:path=/tmp/x"}
    runner = FakeRunner({tool: output})
    check = create_do_not_disturb_check(environ, which=which_of(EVERY_TOOL), runner=runner, timeout=0.2)
    assert check.reason() == expected
    argv, timeout, env = runner.calls[0]
    assert argv[0] == tool and timeout == 0.2
    assert env["DBUS_SESSION_BUS_ADDRESS"] == "unix:path=/tmp/x"


def test_no_answer_is_logged_once_per_source(caplog: pytest.LogCaptureFixture) -> None:
    check = DoNotDisturbCheck([DUNST, GNOME], runner=FakeRunner({"dunstctl": None, "gsettings": "true"}))
    with caplog.at_level(logging.INFO, logger="deskbreak.platform.do_not_disturb"):
        for _ in range(3):
            assert check.reason() is None
    assert [r.getMessage() for r in caplog.records] == [
        "do-not-disturb: dunstctl is-paused gave no answer within 0.25 s (counted as off; logged once)"
    ]


def test_a_raising_runner_is_none_and_the_next_source_answers(caplog: pytest.LogCaptureFixture) -> None:
    def runner(argv: Sequence[str], timeout: float, env: Mapping[str, str]) -> str | None:
        if argv[0] == "dunstctl":
            raise RuntimeError("boom")
        return "false"

    check = DoNotDisturbCheck([DUNST, GNOME], runner=runner)
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.do_not_disturb"):
        assert check.reason() == REASON
        assert check.reason() == REASON
    assert len(caplog.records) == 1


def test_first_paused_source_wins_and_stops() -> None:
    runner = FakeRunner({"dunstctl": "true", "gsettings": "false"})
    assert DoNotDisturbCheck([DUNST, GNOME], runner=runner).reason() == REASON
    assert [call[0][0] for call in runner.calls] == ["dunstctl"]


# -- the real runner, with real child processes ---------------------------------------------------


def test_run_command_returns_stdout_of_a_successful_command() -> None:
    assert run_command([sys.executable, "-c", "print('true')"], 5.0, os.environ) == "true\n"


def test_run_command_none_on_failure_or_missing_program() -> None:
    assert run_command([sys.executable, "-c", "import sys; print('x'); sys.exit(1)"], 5.0, os.environ) is None
    assert run_command(["/nonexistent/dunstctl", "is-paused"], 5.0, os.environ) is None


def test_run_command_passes_the_environment() -> None:
    env = {**os.environ, "DESKBREAK_DND_PROBE": "42"}
    code = "import os; print(os.environ['DESKBREAK_DND_PROBE'])"
    assert run_command([sys.executable, "-c", code], 5.0, env) == "42\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_run_command_ends_a_hung_command_and_its_children_within_the_timeout(tmp_path: Path) -> None:
    # A shell (like dunstctl) whose child hangs: both are ended, nothing outlives the call.
    marker = tmp_path / "grandchild.pid"
    script = f"sleep 30 & echo $! > {marker}; wait"
    started = time.monotonic()
    assert run_command(["sh", "-c", script], 0.3, os.environ) is None
    assert time.monotonic() - started < 1.5
    grandchild = int(marker.read_text())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(grandchild):
        time.sleep(0.02)
    assert not _alive(grandchild)


def _alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie (it is not our child, so init reaps it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
