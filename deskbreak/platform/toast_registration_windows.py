"""The toast registration desktop-notifier leaves behind on Windows, and its removal.

desktop-notifier (6.x, backends/winrt.py, register_hkey) creates
HKEY_CURRENT_USER\\Software\\Classes\\AppUserModelId\\<app name> each time a notifier is made
outside a packaged app, with DisplayName = the app name and (since 6.2) IconUri = the icon's
file: URI, so that toasts show deskbreak's name and icon. It never deletes it. This module
removes that key for deskbreak's app id only, and only while it holds no more than those two
values with DisplayName "deskbreak": a key with anything else in it was not written (only) by
desktop-notifier for us and is left alone. The AppUserModelId key itself always stays.
Windows' own record of the user's notification choices for the app
(...\\CurrentVersion\\Notifications\\Settings\\deskbreak) belongs to Windows and is not touched.

winreg is imported on first use (it exists only on Windows); tests put a stand-in in its place.
"""

from __future__ import annotations

from typing import Any

__all__ = ["APP_ID", "REGISTRATION_KEY", "RegistrationError", "ToastRegistration"]

APP_ID = "deskbreak"  # the app_name notify_desktop_notifier passes (a test checks they agree)
REGISTRATION_KEY = rf"Software\Classes\AppUserModelId\{APP_ID}"
LIBRARY_VALUES = frozenset({"displayname", "iconuri"})  # value names ignore case in the registry


class RegistrationError(Exception):
    """The registration could not be read or removed, or is not desktop-notifier's for us."""


class ToastRegistration:
    """HKCU\\Software\\Classes\\AppUserModelId\\deskbreak, as desktop-notifier writes it."""

    def __init__(self, registry: Any = None) -> None:
        self._registry = registry  # the winreg module, or a stand-in with its functions

    @property
    def location(self) -> str:
        return f"HKEY_CURRENT_USER\\{REGISTRATION_KEY}"

    def _winreg(self) -> Any:
        if self._registry is None:
            try:
                import winreg
            except ImportError as exc:
                raise RegistrationError(
                    f"{self.location}: the Windows registry exists only on Windows"
                ) from exc
            self._registry = winreg
        return self._registry

    def _contents(self) -> tuple[dict[str, object], int] | None:
        """({value name: data}, number of subkeys), or None when the key is not there."""
        reg = self._winreg()
        try:
            with reg.OpenKey(reg.HKEY_CURRENT_USER, REGISTRATION_KEY, 0, reg.KEY_READ) as key:
                subkeys, count, _modified = reg.QueryInfoKey(key)
                values = {}
                for index in range(count):
                    name, data, _kind = reg.EnumValue(key, index)
                    values[name] = data
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise RegistrationError(f"cannot read {self.location}: {exc.strerror or exc}") from exc
        return values, subkeys

    def present(self) -> bool:
        return self._contents() is not None

    def remove(self) -> bool:
        """Delete the key if it is desktop-notifier's for deskbreak: True if deleted, False if
        it was not there; RegistrationError (naming the key, and why) if it stays."""
        contents = self._contents()
        if contents is None:
            return False
        values, subkeys = contents
        names = {name.lower() for name in values}
        display = next((data for name, data in values.items() if name.lower() == "displayname"), None)
        if subkeys or not names <= LIBRARY_VALUES or display != APP_ID:
            raise RegistrationError(
                f"{self.location} holds more than desktop-notifier writes for deskbreak, so it was "
                "left as it is; delete it yourself if no program needs it"
            )
        reg = self._winreg()
        try:
            reg.DeleteKey(reg.HKEY_CURRENT_USER, REGISTRATION_KEY)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise RegistrationError(f"cannot remove {self.location}: {exc.strerror or exc}") from exc
        return True
