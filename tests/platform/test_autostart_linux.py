"""Start at login on Linux, for real: the XDG autostart entry in a temporary XDG_CONFIG_HOME.

(desktop-file-validate checks the entry in tests/app/test_cli_desktop.py.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from deskbreak import __version__
from deskbreak.platform.autostart import AutostartError, create_autostart, launch_command
from deskbreak.platform.autostart_linux import XdgAutostart, exec_value
from deskbreak.platform.autostart_macos import MacAutostart
from deskbreak.platform.autostart_windows import WindowsAutostart

FOREIGN = "[Desktop Entry]\nType=Application\nName=deskbreak (mine)\nExec=deskbreak --my-flag\n"


def tree(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) below root."""
    return {str(p.relative_to(root)): p.read_bytes() if p.is_file() else None for p in root.rglob("*")}


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    home.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def entry_keys(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)


def exec_argv(path: Path) -> list[str]:
    """The Exec value as the Desktop Entry spec reads it: string escapes, quoting, then %%."""
    value = entry_keys(path)["Exec"].replace("\\\\", "\\")
    args: list[str] = []
    current, quoted, started, i = "", False, False, 0
    while i < len(value):
        char = value[i]
        if quoted and char == "\\":
            current, i = current + value[i + 1], i + 2
            continue
        if char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if started or current:
                args.append(current)
            current, started = "", False
        else:
            current += char
        i += 1
    return [arg.replace("%%", "%") for arg in [*args, current]]


def test_on_writes_the_entry_and_off_leaves_the_folder_as_it_was(config_home: Path) -> None:
    (config_home / "autostart").mkdir()
    (config_home / "autostart" / "other-app.desktop").write_text(FOREIGN)
    before = tree(config_home)
    autostart = XdgAutostart()
    assert not autostart.enabled()
    autostart.enable()
    path = config_home / "autostart" / "deskbreak.desktop"
    assert autostart.location == str(path) and autostart.enabled()
    keys = entry_keys(path)
    assert keys["X-GNOME-Autostart-enabled"] == "true" and keys["X-Deskbreak-Autostart"] == "true"
    assert keys["Type"] == "Application" and keys["Icon"] == "deskbreak"
    autostart.enable()  # twice is the same as once
    autostart.disable()
    assert not autostart.enabled()
    assert tree(config_home) == before
    autostart.disable()  # off when off: nothing to do, no error


def test_off_removes_the_autostart_folder_it_had_to_create(config_home: Path) -> None:
    autostart = XdgAutostart()
    autostart.enable()
    autostart.disable()
    assert tree(config_home) == {}


def test_without_xdg_config_home_it_is_home_dot_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for value in (None, "relative/path"):  # the spec says a relative value is ignored
        if value is None:
            monkeypatch.delenv("XDG_CONFIG_HOME")
        else:
            monkeypatch.setenv("XDG_CONFIG_HOME", value)
        assert XdgAutostart().location == str(tmp_path / ".config" / "autostart" / "deskbreak.desktop")


def test_the_exec_line_starts_this_deskbreak(config_home: Path) -> None:
    XdgAutostart().enable()
    path = config_home / "autostart" / "deskbreak.desktop"
    argv = exec_argv(path)
    assert os.path.isabs(argv[0]) and os.access(argv[0], os.X_OK)
    assert entry_keys(path)["TryExec"] == argv[0]
    done = subprocess.run([*argv, "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == f"deskbreak {__version__}"


@pytest.mark.parametrize("program", ["/opt/my apps/desk$break", "/opt/100%/deskbreak", '/x/"q"\\b'])
def test_awkward_paths_survive_the_exec_quoting(config_home: Path, program: str) -> None:
    XdgAutostart(command=[program, "-m", "deskbreak"]).enable()
    assert exec_argv(config_home / "autostart" / "deskbreak.desktop") == [program, "-m", "deskbreak"]


def test_a_line_break_in_the_command_is_refused() -> None:
    with pytest.raises(AutostartError, match="line break"):
        exec_value(["/a\nb"])


def test_a_foreign_file_of_the_same_name_is_not_deleted_and_that_is_said(config_home: Path) -> None:
    path = config_home / "autostart" / "deskbreak.desktop"
    path.parent.mkdir()
    path.write_text(FOREIGN)
    autostart = XdgAutostart()
    assert autostart.enabled()  # it does start deskbreak at login
    autostart.enable()  # on already: left as it is
    with pytest.raises(AutostartError, match="not written by deskbreak") as error:
        autostart.disable()
    assert str(path) in str(error.value) and path.read_text() == FOREIGN


def test_an_entry_edited_by_hand_is_not_deleted(config_home: Path) -> None:
    autostart = XdgAutostart()
    autostart.enable()
    path = config_home / "autostart" / "deskbreak.desktop"
    edited = path.read_text().replace(
        "StartupNotify=false", "StartupNotify=false\nX-KDE-autostart-after=panel"
    )
    path.write_text(edited)
    with pytest.raises(AutostartError, match="edited"):
        autostart.disable()
    assert path.read_text() == edited


def test_switched_off_by_the_session_manager_then_on_again(config_home: Path) -> None:
    autostart = XdgAutostart()
    autostart.enable()
    path = config_home / "autostart" / "deskbreak.desktop"
    path.write_text(
        path.read_text().replace("X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false")
    )
    assert not autostart.enabled() and "startup settings" in (autostart.switched_off_in() or "")
    autostart.enable()  # still ours: written again, switched on
    assert autostart.enabled() and entry_keys(path)["X-GNOME-Autostart-enabled"] == "true"
    assert autostart.switched_off_in() is None
    path.write_text(path.read_text() + "Hidden=true\n")
    assert not autostart.enabled() and autostart.switched_off_in()
    autostart.disable()
    assert not path.exists()


def test_a_foreign_entry_that_is_switched_off_is_not_replaced(config_home: Path) -> None:
    path = config_home / "autostart" / "deskbreak.desktop"
    path.parent.mkdir()
    path.write_text(FOREIGN + "Hidden=true\n")
    autostart = XdgAutostart()
    assert autostart.switched_off_in()
    autostart.disable()  # off already
    with pytest.raises(AutostartError, match="not replaced"):
        autostart.enable()
    assert path.read_text() == FOREIGN + "Hidden=true\n"


def test_a_folder_that_cannot_be_written_is_named(config_home: Path) -> None:
    (config_home / "autostart").write_text("a file where the folder should be")
    with pytest.raises(AutostartError, match="cannot (read|write) .*autostart/deskbreak.desktop"):
        XdgAutostart().enable()


def test_launch_command_prefers_the_script_then_path_then_python_m(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sysconfig, "get_path", lambda *a, **k: str(tmp_path / "none"))
    assert launch_command(which=lambda name: None) == [sys.executable, "-m", "deskbreak"]
    assert launch_command(which=lambda name: "/usr/bin/" + name) == ["/usr/bin/deskbreak"]
    assert launch_command(windowed=True, which=lambda n: "/b/" + n if n == "deskbreakw" else None) == [
        "/b/deskbreakw"
    ]
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    (scripts / "deskbreak").write_text("#!/bin/sh\n")
    (scripts / "deskbreak").chmod(0o755)
    monkeypatch.setattr(sysconfig, "get_path", lambda *a, **k: str(scripts))
    assert launch_command(which=lambda name: "/usr/bin/" + name) == [str(scripts / "deskbreak")]


def test_the_factory_picks_one_module_per_os() -> None:
    assert isinstance(create_autostart("linux"), XdgAutostart)
    assert isinstance(create_autostart("freebsd14"), XdgAutostart)
    assert isinstance(create_autostart("win32"), WindowsAutostart)
    assert isinstance(create_autostart("darwin"), MacAutostart)
