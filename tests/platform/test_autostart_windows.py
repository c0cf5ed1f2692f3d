"""Start at login on Windows against a stand-in for winreg, runnable on any OS.

The StartupApproved values below are the ones Task Manager writes (0x02 on, 0x03 off, then the
FILETIME of the switch-off) and those reported from other Windows builds (0x06 on, 0x07 off), plus
Electron's disabled marker (0x03 and zeros)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from fake_winreg import FakeWinreg

from deskbreak.cli import main
from deskbreak.platform.autostart import AutostartError
from deskbreak.platform.autostart_windows import (
    APPROVED_KEY,
    RUN_KEY,
    VALUE_NAME,
    WindowsAutostart,
    approval_is_off,
)

COMMAND = [r"C:\Users\Ann Lee\venv\Scripts\deskbreakw.exe"]


def run_key_with_others() -> FakeWinreg:
    others = {"OneDrive": (r'"C:\OneDrive.exe" /background', 1), "Count": (3, 4)}
    return FakeWinreg({(FakeWinreg.HKEY_CURRENT_USER, RUN_KEY): dict(others)})


def test_on_sets_one_value_and_off_leaves_the_run_key_as_it_was() -> None:
    registry = run_key_with_others()
    before = {key: dict(values) for key, values in registry.keys.items()}
    autostart = WindowsAutostart(registry, COMMAND)
    assert not autostart.enabled()
    autostart.enable()
    assert autostart.enabled()
    values = registry.keys[registry.HKEY_CURRENT_USER, RUN_KEY]
    assert values[VALUE_NAME] == (subprocess.list2cmdline(COMMAND), registry.REG_SZ)
    assert values[VALUE_NAME][0] == r'"C:\Users\Ann Lee\venv\Scripts\deskbreakw.exe"'  # quoted: a space
    autostart.disable()
    assert registry.keys == before and not autostart.enabled()
    autostart.disable()  # off when off: nothing to do


def test_python_m_deskbreak_is_one_command_line() -> None:
    registry = FakeWinreg()
    WindowsAutostart(registry, [r"C:\Program Files\Python311\pythonw.exe", "-m", "deskbreak"]).enable()
    data, _ = registry.keys[registry.HKEY_CURRENT_USER, RUN_KEY][VALUE_NAME]
    assert data == r'"C:\Program Files\Python311\pythonw.exe" -m deskbreak'


def test_without_a_command_it_uses_the_windowed_script() -> None:
    registry = FakeWinreg()
    WindowsAutostart(registry).enable()
    data, _ = registry.keys[registry.HKEY_CURRENT_USER, RUN_KEY][VALUE_NAME]
    assert "deskbreak" in str(data)


def test_a_foreign_value_of_that_name_is_left_and_named() -> None:
    registry = run_key_with_others()
    registry.keys[registry.HKEY_CURRENT_USER, RUN_KEY][VALUE_NAME] = (r"C:\tools\other.exe", 1)
    autostart = WindowsAutostart(registry, COMMAND)
    assert not autostart.enabled()
    for change in (autostart.enable, autostart.disable):
        with pytest.raises(AutostartError, match=r"CurrentVersion\\Run, value 'deskbreak' holds"):
            change()
    assert registry.keys[registry.HKEY_CURRENT_USER, RUN_KEY][VALUE_NAME] == (r"C:\tools\other.exe", 1)


def test_a_registry_error_names_the_key() -> None:
    registry = run_key_with_others()
    registry.denied = True
    autostart = WindowsAutostart(registry, COMMAND)
    with pytest.raises(AutostartError, match=r"cannot read HKEY_CURRENT_USER\\Software.*Access is denied"):
        autostart.enable()


@pytest.mark.skipif(sys.platform == "win32", reason="checks the refusal off Windows")
def test_winreg_is_imported_only_when_used_and_missing_off_windows() -> None:
    autostart = WindowsAutostart()
    assert "winreg" not in sys.modules
    with pytest.raises(AutostartError, match="only on Windows"):
        autostart.enabled()


HKCU = FakeWinreg.HKEY_CURRENT_USER
# Task Manager, switched off on 2024-03-04: flags 0x03, then the FILETIME (little-endian)
SWITCHED_OFF = bytes.fromhex("03000000") + (133540000000000000).to_bytes(8, "little")
SWITCHED_ON = bytes.fromhex("02") + bytes(11)


def switched_off_by_task_manager(data: bytes = SWITCHED_OFF) -> tuple[FakeWinreg, WindowsAutostart]:
    """deskbreak on at login, then switched off in Task Manager, beside another app's entries."""
    registry = run_key_with_others()
    autostart = WindowsAutostart(registry, COMMAND)
    autostart.enable()
    registry.keys[HKCU, APPROVED_KEY] = {
        "OneDrive": (SWITCHED_OFF, registry.REG_BINARY),
        VALUE_NAME: (data, registry.REG_BINARY),
    }
    return registry, autostart


@pytest.mark.parametrize(
    ("data", "off"),
    [
        (SWITCHED_ON, False),
        (bytes(12), False),  # Electron reads all zeros as on
        (bytes.fromhex("06") + bytes(11), False),
        (SWITCHED_OFF, True),
        (bytes.fromhex("03") + bytes(11), True),  # Electron's setLoginItemSettings({enabled: false})
        (bytes.fromhex("07") + SWITCHED_OFF[1:], True),
        (b"", False),
    ],
)
def test_the_low_bit_of_the_first_byte_is_the_switch(data: bytes, off: bool) -> None:
    assert approval_is_off(data, FakeWinreg.REG_BINARY, FakeWinreg.REG_BINARY) is off


def test_a_value_that_is_not_binary_is_no_switch() -> None:
    assert not approval_is_off(3, FakeWinreg.REG_DWORD, FakeWinreg.REG_BINARY)
    assert not approval_is_off("03", FakeWinreg.REG_SZ, FakeWinreg.REG_BINARY)


def test_switched_off_in_task_manager_reads_off_and_says_where() -> None:
    _registry, autostart = switched_off_by_task_manager()
    assert not autostart.enabled()
    assert autostart.switched_off_in() == "Task Manager / Settings"


def test_switched_on_again_in_task_manager_reads_on() -> None:
    _registry, autostart = switched_off_by_task_manager(SWITCHED_ON)
    assert autostart.enabled() and autostart.switched_off_in() is None


def test_turning_it_on_from_deskbreak_clears_only_our_switch_off() -> None:
    registry, autostart = switched_off_by_task_manager()
    autostart.enable()
    assert autostart.enabled() and autostart.switched_off_in() is None
    assert registry.keys[HKCU, APPROVED_KEY] == {"OneDrive": (SWITCHED_OFF, registry.REG_BINARY)}
    assert registry.keys[HKCU, RUN_KEY][VALUE_NAME][0] == subprocess.list2cmdline(COMMAND)


def test_turning_it_on_leaves_task_managers_on_record_alone() -> None:
    registry, autostart = switched_off_by_task_manager(SWITCHED_ON)
    autostart.enable()
    assert registry.keys[HKCU, APPROVED_KEY][VALUE_NAME] == (SWITCHED_ON, registry.REG_BINARY)


@pytest.mark.parametrize("data", [SWITCHED_OFF, SWITCHED_ON])
def test_turning_it_off_removes_our_run_value_and_its_switch_and_nothing_else(data: bytes) -> None:
    registry, autostart = switched_off_by_task_manager(data)
    autostart.disable()
    assert registry.keys == {
        (HKCU, RUN_KEY): {"OneDrive": (r'"C:\OneDrive.exe" /background', 1), "Count": (3, 4)},
        (HKCU, APPROVED_KEY): {"OneDrive": (SWITCHED_OFF, registry.REG_BINARY)},
    }
    assert not autostart.enabled() and autostart.switched_off_in() is None


def test_a_switch_left_without_its_run_value_goes_when_turned_off() -> None:
    registry, autostart = switched_off_by_task_manager()
    del registry.keys[HKCU, RUN_KEY][VALUE_NAME]  # the Run value deleted by hand
    assert autostart.switched_off_in() is None  # no entry, so nothing switched off
    autostart.disable()
    assert VALUE_NAME not in registry.keys[HKCU, APPROVED_KEY]


def test_a_foreign_run_value_keeps_its_switch() -> None:
    registry, autostart = switched_off_by_task_manager()
    registry.keys[HKCU, RUN_KEY][VALUE_NAME] = (r"C:\tools\other.exe", 1)
    for change in (autostart.enable, autostart.disable):
        with pytest.raises(AutostartError, match="not deskbreak's command"):
            change()
    assert registry.keys[HKCU, APPROVED_KEY][VALUE_NAME] == (SWITCHED_OFF, registry.REG_BINARY)
    assert autostart.switched_off_in() is None


def test_an_unreadable_switch_is_named() -> None:
    registry, autostart = switched_off_by_task_manager()

    def denied(key, name):
        if key.path == APPROVED_KEY:
            raise PermissionError(13, "Access is denied")
        return key.values[name]

    registry.QueryValueEx = denied  # type: ignore[method-assign]
    with pytest.raises(AutostartError, match=r"cannot read .*StartupApproved\\Run, value 'deskbreak'"):
        autostart.enabled()


@pytest.fixture
def windows_cli(monkeypatch) -> FakeWinreg:
    """`deskbreak autostart` as on Windows, over a faked registry."""
    registry = run_key_with_others()
    monkeypatch.setattr(
        "deskbreak.cli_desktop.create_autostart", lambda platform: WindowsAutostart(registry, COMMAND)
    )
    return registry


def test_status_says_it_was_switched_off_in_task_manager(windows_cli: FakeWinreg, capsys) -> None:
    location = f"HKEY_CURRENT_USER\\{RUN_KEY}, value 'deskbreak'"
    assert main(["autostart", "on"]) == 0
    windows_cli.keys[HKCU, APPROVED_KEY] = {VALUE_NAME: (SWITCHED_OFF, windows_cli.REG_BINARY)}
    capsys.readouterr()
    assert main(["autostart", "status"]) == 0
    assert capsys.readouterr().out == (
        f"Start at login: off (switched off in Task Manager / Settings) ({location})\n"
    )
    assert main(["autostart", "off"]) == 0
    assert (
        capsys.readouterr().out == f"Removed {location}, which was switched off in Task Manager / Settings.\n"
    )
    assert main(["autostart", "status"]) == 0
    assert capsys.readouterr().out == f"Start at login: off ({location})\n"
    assert main(["autostart", "off"]) == 0
    assert capsys.readouterr().out == "Start at login was already off.\n"


def test_on_from_the_command_line_undoes_a_task_manager_switch_off(windows_cli: FakeWinreg, capsys) -> None:
    assert main(["autostart", "on"]) == 0
    windows_cli.keys[HKCU, APPROVED_KEY] = {VALUE_NAME: (SWITCHED_OFF, windows_cli.REG_BINARY)}
    assert main(["autostart", "on"]) == 0
    assert windows_cli.keys[HKCU, APPROVED_KEY] == {}
    capsys.readouterr()
    assert main(["autostart"]) == 0
    assert capsys.readouterr().out.startswith("Start at login: on (")
