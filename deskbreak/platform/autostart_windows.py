"""Start at login on Windows: the value "deskbreak" in HKCU\\...\\CurrentVersion\\Run (RUN_KEY).

The value's data is the command line of deskbreakw.exe (the console-less script) of this
install, else pythonw -m deskbreak. A "deskbreak" value that does not start deskbreak is not
ours and is left alone. winreg is imported on first use (it exists only on Windows), and tests
pass a stand-in with the same functions.

Task Manager's Startup tab and Settings > Apps > Startup do not delete a Run value to switch it
off: they write a REG_BINARY value of the same name under APPROVED_KEY, 12 bytes, a flags word
whose lowest bit set means "switched off" (0x02 on, 0x03 off; 0x06 and 0x07 are seen too),
then the FILETIME of when it was switched off. Such an entry reads as off here, says where it
was switched off, and turning it on from deskbreak deletes that value. Turning it off deletes
our Run value and that value, nothing else: the keys themselves and every other value stay.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from typing import Any

from .autostart_base import AutostartError, launch_command

__all__ = ["APPROVED_KEY", "RUN_KEY", "SWITCHED_OFF_IN", "VALUE_NAME", "WindowsAutostart", "approval_is_off"]

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
VALUE_NAME = "deskbreak"
SWITCHED_OFF_IN = "Task Manager / Settings"


def approval_is_off(data: object, kind: int, reg_binary: int) -> bool:
    """True when a StartupApproved value says "switched off": REG_BINARY, lowest bit of byte 0.

    Task Manager writes 0x02 (on) and 0x03 (off) followed by zeros or a FILETIME; Electron's
    setLoginItemSettings({enabled: false}) writes 0x03 and eleven zero bytes, so the low bit, not
    "is there a timestamp", is what tells off from on. A value of another type or empty is
    not a switch Windows acts on, so it does not count as off.
    """
    return kind == reg_binary and isinstance(data, bytes | bytearray) and len(data) > 0 and bool(data[0] & 1)


class WindowsAutostart:
    """The per-user Run key's "deskbreak" value, and its Task Manager switch."""

    def __init__(self, registry: Any = None, command: Sequence[str] | None = None) -> None:
        self._registry = registry  # the winreg module, or a stand-in with its functions
        self.command = list(command) if command else None

    @property
    def location(self) -> str:
        return f"HKEY_CURRENT_USER\\{RUN_KEY}, value {VALUE_NAME!r}"

    def _winreg(self) -> Any:
        if self._registry is None:
            try:
                import winreg
            except ImportError as exc:
                raise AutostartError(f"{self.location}: the Windows registry exists only on Windows") from exc
            self._registry = winreg
        return self._registry

    def _query(self, path: str) -> tuple[object, int] | None:
        """(data, type) of the value "deskbreak" under HKCU\\`path`, None when it is not there."""
        reg = self._winreg()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, path, 0, reg.KEY_QUERY_VALUE) as key:
                data, kind = reg.QueryValueEx(key, VALUE_NAME)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise AutostartError(
                f"cannot read HKEY_CURRENT_USER\\{path}, value {VALUE_NAME!r}: {exc.strerror or exc}"
            ) from exc
        return data, kind

    def _delete(self, path: str) -> None:
        """Delete the value "deskbreak" under HKCU\\`path` (not there is fine); the key stays."""
        reg = self._winreg()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, path, 0, reg.KEY_SET_VALUE) as key:
                reg.DeleteValue(key, VALUE_NAME)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise AutostartError(
                f"cannot remove HKEY_CURRENT_USER\\{path}, value {VALUE_NAME!r}: {exc.strerror or exc}"
            ) from exc

    def _read(self) -> str | None:
        found = self._query(RUN_KEY)
        return None if found is None else str(found[0])

    def _approval_off(self) -> bool:
        found = self._query(APPROVED_KEY)
        return found is not None and approval_is_off(*found, self._winreg().REG_BINARY)

    @staticmethod
    def _ours(data: str) -> bool:
        return "deskbreak" in data.lower()

    def _not_ours(self, data: str) -> AutostartError:
        return AutostartError(
            f"{self.location} holds {data!r}, not deskbreak's command; it was left as it is"
        )

    def enabled(self) -> bool:
        data = self._read()
        return data is not None and self._ours(data) and not self._approval_off()

    def switched_off_in(self) -> str | None:
        data = self._read()
        if data is not None and self._ours(data) and self._approval_off():
            return SWITCHED_OFF_IN
        return None

    def enable(self) -> None:
        data = self._read()
        if data is not None and not self._ours(data):
            raise self._not_ours(data)
        command = subprocess.list2cmdline(self.command or launch_command(windowed=True))
        reg = self._winreg()
        try:
            with reg.CreateKeyEx(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
                reg.SetValueEx(key, VALUE_NAME, 0, reg.REG_SZ, command)
        except OSError as exc:
            raise AutostartError(f"cannot write {self.location}: {exc.strerror or exc}") from exc
        # Asked to start at login, so a switch-off from Task Manager goes. Deleted rather than
        # overwritten with 0x02 and zeros: no value there means "on" to Explorer (an entry new
        # to Task Manager has none), it is what Electron's setLoginItemSettings({openAtLogin:
        # true}) does, and it leaves nothing behind that turning off would have to remove.
        if self._approval_off():
            self._delete(APPROVED_KEY)

    def disable(self) -> None:
        data = self._read()
        if data is not None and not self._ours(data):
            raise self._not_ours(data)  # its switch in StartupApproved is not ours either
        if data is not None:
            self._delete(RUN_KEY)
        # Task Manager's record of our entry (on or off) means nothing without the Run value.
        if self._query(APPROVED_KEY) is not None:
            self._delete(APPROVED_KEY)
