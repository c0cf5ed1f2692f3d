"""Start at login on Windows against a stand-in for winreg, runnable on any OS."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from deskbreak.platform.autostart import AutostartError
from deskbreak.platform.autostart_windows import RUN_KEY, VALUE_NAME, WindowsAutostart

COMMAND = [r"C:\Users\Ann Lee\venv\Scripts\deskbreakw.exe"]


class FakeKey:
    def __init__(self, values: dict[str, tuple[object, int]]) -> None:
        self.values = values

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class FakeWinreg:
    """The few winreg calls used, over a dict of keys; `denied` makes every call fail."""

    HKEY_CURRENT_USER, KEY_QUERY_VALUE, KEY_SET_VALUE, REG_SZ, REG_DWORD = 0x80000001, 1, 2, 1, 4

    def __init__(self, keys: dict[tuple[int, str], dict[str, tuple[object, int]]] | None = None) -> None:
        self.keys = keys if keys is not None else {}
        self.denied = False

    def _check(self) -> None:
        if self.denied:
            raise PermissionError(13, "Access is denied")

    def OpenKey(self, hive: int, path: str, reserved: int = 0, access: int = 1) -> FakeKey:  # noqa: N802
        self._check()
        if (hive, path) not in self.keys:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return FakeKey(self.keys[hive, path])

    def CreateKeyEx(self, hive: int, path: str, reserved: int = 0, access: int = 2) -> FakeKey:  # noqa: N802
        self._check()
        return FakeKey(self.keys.setdefault((hive, path), {}))

    def QueryValueEx(self, key: FakeKey, name: str) -> tuple[object, int]:  # noqa: N802
        if name not in key.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        return key.values[name]

    def SetValueEx(self, key: FakeKey, name: str, reserved: int, kind: int, data: Any) -> None:  # noqa: N802
        key.values[name] = (data, kind)

    def DeleteValue(self, key: FakeKey, name: str) -> None:  # noqa: N802
        if name not in key.values:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        del key.values[name]


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
