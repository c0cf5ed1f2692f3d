"""`deskbreak install-desktop-entry [--uninstall]` and `deskbreak autostart`: the files for real,
checked by desktop-file-validate (skipped without it, a failure when CI=true or
DESKBREAK_REQUIRE_DESKTOP=1, as for the desktop tests)."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from deskbreak.bundled import icon_path
from deskbreak.cli import _parser, main
from deskbreak.cli_desktop import ICON_SIZES, run
from deskbreak.platform.autostart import launch_command

OTHER_LAUNCHER = "[Desktop Entry]\nType=Application\nName=Other\nExec=other\n"


def require(program: str) -> str:
    """The program's path; without it the test skips, or fails where it must run (CI)."""
    found = shutil.which(program)
    if found is None:
        message = f"{program} missing (apt install desktop-file-utils)"
        if os.environ.get("CI", "").lower() == "true" or os.environ.get("DESKBREAK_REQUIRE_DESKTOP") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


def validate(path: Path) -> None:
    """desktop-file-validate has nothing to say about `path`: no error, warning or hint."""
    tool = require("desktop-file-validate")
    done = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def tree(root: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(root)): p.read_bytes() if p.is_file() else None for p in root.rglob("*")}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "share"
    (home / "applications").mkdir(parents=True)
    (home / "applications" / "other.desktop").write_text(OTHER_LAUNCHER)
    (home / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    (home / "icons" / "hicolor" / "48x48" / "apps" / "other.png").write_bytes(
        icon_path("deskbreak-48.png").read_bytes()
    )
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def launcher(data_home: Path) -> Path:
    return data_home / "applications" / "deskbreak.desktop"


def test_install_then_uninstall_leaves_the_tree_as_it_was(data_home: Path, capsys) -> None:
    before = tree(data_home)
    assert main(["install-desktop-entry"]) == 0
    assert "applications menu" in capsys.readouterr().out
    assert launcher(data_home).is_file()
    assert main(["install-desktop-entry"]) == 0  # again: the same files, refreshed
    assert main(["install-desktop-entry", "--uninstall"]) == 0
    assert tree(data_home) == before


def test_uninstall_removes_folders_it_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop-entry"]) == 0
    assert main(["install-desktop-entry", "--uninstall"]) == 0
    assert tree(tmp_path) == {}


def test_icons_at_each_size_and_the_svg(data_home: Path) -> None:
    assert main(["install-desktop-entry"]) == 0
    hicolor = data_home / "icons" / "hicolor"
    for size in ICON_SIZES:
        data = (hicolor / f"{size}x{size}" / "apps" / "deskbreak.png").read_bytes()
        assert png_size(data) == (size, size)
    svg = ET.parse(hicolor / "scalable" / "apps" / "deskbreak.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"


def test_the_launcher_passes_desktop_file_validate_and_starts_deskbreak(data_home: Path) -> None:
    assert main(["install-desktop-entry"]) == 0
    validate(launcher(data_home))
    keys = dict(line.split("=", 1) for line in launcher(data_home).read_text().splitlines() if "=" in line)
    assert keys["Icon"] == "deskbreak" and keys["Type"] == "Application" and keys["Terminal"] == "false"
    # the tray app itself, with no command: a running copy is asked to show itself instead
    assert keys["Exec"].split() == launch_command() and os.access(keys["TryExec"], os.X_OK)


def test_the_autostart_entry_passes_desktop_file_validate(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert main(["autostart", "on"]) == 0
    validate(tmp_path / "autostart" / "deskbreak.desktop")


def test_an_entry_with_a_quoted_command_passes_too(tmp_path: Path) -> None:
    from deskbreak.platform.autostart_linux import XdgAutostart

    XdgAutostart(tmp_path, ["/opt/my apps/py$thon 3", "-m", "deskbreak"]).enable()
    validate(tmp_path / "autostart" / "deskbreak.desktop")


def test_a_launcher_edited_by_hand_is_not_replaced_or_removed(data_home: Path, capsys) -> None:
    assert main(["install-desktop-entry"]) == 0
    edited = launcher(data_home).read_text().replace("Name=deskbreak", "Name=Breaks")
    launcher(data_home).write_text(edited)  # what a menu editor does
    assert main(["install-desktop-entry"]) == 1
    assert "not written by deskbreak (or was edited since)" in capsys.readouterr().err
    assert main(["install-desktop-entry", "--uninstall"]) == 1
    assert str(launcher(data_home)) in capsys.readouterr().err
    assert launcher(data_home).read_text() == edited
    assert not (data_home / "icons" / "hicolor" / "scalable").exists()  # the icons went all the same


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_install_desktop_entry_is_for_linux(platform: str, data_home: Path, capsys) -> None:
    before = tree(data_home)
    assert run(_parser().parse_args(["install-desktop-entry"]), platform=platform) == 2
    assert "for Linux desktops" in capsys.readouterr().err
    assert tree(data_home) == before


def test_autostart_on_status_off(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    entry = tmp_path / "autostart" / "deskbreak.desktop"
    assert main(["autostart"]) == 0
    assert capsys.readouterr().out == f"Start at login: off ({entry})\n"
    assert main(["autostart", "on"]) == 0
    assert capsys.readouterr().out == f"deskbreak will start when you log in ({entry}).\n"
    assert main(["autostart", "status"]) == 0
    assert capsys.readouterr().out == f"Start at login: on ({entry})\n"
    assert main(["autostart", "off"]) == 0
    assert "no longer start" in capsys.readouterr().out and tree(tmp_path) == {}
    assert main(["autostart", "off"]) == 0
    assert capsys.readouterr().out == "Start at login was already off.\n"


def test_autostart_off_says_why_a_foreign_entry_stays(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    entry = tmp_path / "autostart" / "deskbreak.desktop"
    entry.parent.mkdir()
    entry.write_text(OTHER_LAUNCHER)
    assert main(["autostart", "off"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"deskbreak autostart: {entry} was not written by deskbreak") and entry.exists()


def test_a_bad_autostart_action_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["autostart", "maybe"])
    assert exit_.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_a_menu_cache_already_there_is_brought_up_to_date(data_home: Path) -> None:
    require("update-desktop-database")
    cache = data_home / "applications" / "mimeinfo.cache"
    cache.write_text("[MIME Cache]\n")
    os.utime(cache, (0, 0))
    assert main(["install-desktop-entry"]) == 0
    assert cache.stat().st_mtime > 0
