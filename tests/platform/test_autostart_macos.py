"""Start at login on macOS: the LaunchAgent plist in a temporary HOME, read back with plistlib."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

from deskbreak.platform.autostart import AutostartError
from deskbreak.platform.autostart_macos import LABEL, MacAutostart

COMMAND = ["/Users/ann/Library/Python/3.11/bin/deskbreak"]


def tree(root: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(root)): p.read_bytes() if p.is_file() else None for p in root.rglob("*")}


def agent_path(home: Path) -> Path:
    return home / "Library" / "LaunchAgents" / "org.deskbreak.deskbreak.plist"


def test_on_writes_a_launch_agent_that_runs_at_load(tmp_path: Path) -> None:
    autostart = MacAutostart(tmp_path, COMMAND)
    assert not autostart.enabled()
    autostart.enable()
    assert autostart.enabled() and autostart.location == str(agent_path(tmp_path))
    with agent_path(tmp_path).open("rb") as file:
        agent = plistlib.load(file)
    assert agent == {
        "Label": LABEL,
        "ProgramArguments": COMMAND,
        "RunAtLoad": True,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }


def test_off_leaves_launch_agents_as_it_was(tmp_path: Path) -> None:
    folder = agent_path(tmp_path).parent
    folder.mkdir(parents=True)
    (folder / "com.example.other.plist").write_bytes(plistlib.dumps({"Label": "com.example.other"}))
    before = tree(tmp_path)
    autostart = MacAutostart(tmp_path, COMMAND)
    autostart.enable()
    autostart.enable()
    autostart.disable()
    assert tree(tmp_path) == before and not autostart.enabled()
    autostart.disable()


def test_off_removes_the_folders_on_had_to_create(tmp_path: Path) -> None:
    autostart = MacAutostart(tmp_path, COMMAND)
    autostart.enable()
    autostart.disable()
    assert tree(tmp_path) == {}


def test_home_comes_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert MacAutostart().location == str(agent_path(tmp_path))


@pytest.mark.parametrize(
    "agent",
    [
        {"Label": "com.example.deskbreak-launcher", "ProgramArguments": ["/x"], "RunAtLoad": True},
        {"Label": LABEL, "ProgramArguments": ["/x"], "RunAtLoad": True, "KeepAlive": True},  # edited
    ],
)
def test_a_plist_not_written_by_deskbreak_is_left_and_that_is_said(tmp_path: Path, agent: dict) -> None:
    path = agent_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(plistlib.dumps(agent))
    autostart = MacAutostart(tmp_path, COMMAND)
    assert autostart.enabled()
    autostart.enable()  # it runs at login already: left as it is
    with pytest.raises(AutostartError, match="not written by deskbreak") as error:
        autostart.disable()
    assert str(path) in str(error.value) and plistlib.loads(path.read_bytes()) == agent


def test_a_plist_disabled_by_its_key_reads_switched_off(tmp_path: Path) -> None:
    autostart = MacAutostart(tmp_path, COMMAND)
    assert autostart.switched_off_in() is None
    autostart.enable()
    assert autostart.switched_off_in() is None
    path = agent_path(tmp_path)
    path.write_bytes(plistlib.dumps({**plistlib.loads(path.read_bytes()), "Disabled": True}))
    assert not autostart.enabled() and autostart.switched_off_in() == "the LaunchAgent (its Disabled key)"


def test_a_file_that_is_no_plist_is_not_replaced(tmp_path: Path) -> None:
    path = agent_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("not a plist")
    autostart = MacAutostart(tmp_path, COMMAND)
    assert not autostart.enabled()
    autostart.disable()  # it starts nothing: nothing to turn off
    with pytest.raises(AutostartError, match="not replaced"):
        autostart.enable()
    assert path.read_text() == "not a plist"


def test_a_folder_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    (tmp_path / "Library").write_text("a file where the folder should be")
    with pytest.raises(AutostartError, match="LaunchAgents/org.deskbreak.deskbreak.plist"):
        MacAutostart(tmp_path, COMMAND).enable()
