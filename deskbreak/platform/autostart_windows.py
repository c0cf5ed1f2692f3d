"""Start at login on Windows: the value "deskbreak" in HKCU\\...\\CurrentVersion\\Run (RUN_KEY).

The value's data is the command line of deskbreakw.exe (the console-less script) of this
install, else pythonw -m deskbreak. Turning it off deletes that one value; the Run key itself
and every other value in it stay. A "deskbreak" value that does not start deskbreak is not
ours and is left alone. winreg is imported on first use (it exists only on Windows), and tests
pass a stand-in with the same functions. Entries switched off in Task Manager's Startup tab
(the StartupApproved key) still read as enabled here.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from typing import Any

from .autostart_base import AutostartError, launch_command

__all__ = ["RUN_KEY", "VALUE_NAME", "WindowsAutostart"]

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
VALUE_NAME = "deskbreak"


class WindowsAutostart:
    """The per-user Run key's "deskbreak" value."""

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

    def _read(self) -> str | None:
        reg = self._winreg()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_QUERY_VALUE) as key:
                data, _kind = reg.QueryValueEx(key, VALUE_NAME)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise AutostartError(f"cannot read {self.location}: {exc.strerror or exc}") from exc
        return str(data)

    @staticmethod
    def _ours(data: str) -> bool:
        return "deskbreak" in data.lower()

    def _not_ours(self, data: str) -> AutostartError:
        return AutostartError(
            f"{self.location} holds {data!r}, not deskbreak's command; it was left as it is"
        )

    def enabled(self) -> bool:
        data = self._read()
        return data is not None and self._ours(data)

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

    def disable(self) -> None:
        data = self._read()
        if data is None:
            return
        if not self._ours(data):
            raise self._not_ours(data)
        reg = self._winreg()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, RUN_KEY, 0, reg.KEY_SET_VALUE) as key:
                reg.DeleteValue(key, VALUE_NAME)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise AutostartError(f"cannot remove {self.location}: {exc.strerror or exc}") from exc
