"""Removing the toast registration desktop-notifier leaves on Windows, against a faked registry.

What desktop-notifier writes (6.2, backends/winrt.py register_hkey): the key
HKCU\\Software\\Classes\\AppUserModelId\\<app_name> with DisplayName = app_name (REG_SZ) and, when
the icon is a file, IconUri = its file: URI (REG_SZ); 6.0 and 6.1 write DisplayName only.
"""

from __future__ import annotations

import sys

import pytest
from fake_winreg import FakeWinreg

from deskbreak.cli import _parser
from deskbreak.cli_desktop import run
from deskbreak.platform.notify_desktop_notifier import APP_NAME
from deskbreak.platform.toast_registration_windows import (
    APP_ID,
    REGISTRATION_KEY,
    RegistrationError,
    ToastRegistration,
)

HKCU = FakeWinreg.HKEY_CURRENT_USER
OTHER_APP = r"Software\Classes\AppUserModelId\Microsoft.Windows.Explorer"
ICON_URI = "file:///C:/Users/Ann%20Lee/venv/Lib/site-packages/deskbreak/resources/icons/deskbreak-64.png"


def registry_after_reminders(icon: bool = True) -> FakeWinreg:
    """The registry after deskbreak showed reminders through desktop-notifier, beside another app."""
    values = {"DisplayName": ("deskbreak", FakeWinreg.REG_SZ)}
    if icon:
        values["IconUri"] = (ICON_URI, FakeWinreg.REG_SZ)
    return FakeWinreg(
        {
            (HKCU, OTHER_APP): {"DisplayName": ("Explorer", FakeWinreg.REG_SZ)},
            (HKCU, REGISTRATION_KEY): values,
        }
    )


def test_it_is_the_app_id_the_route_registers() -> None:
    assert APP_ID == APP_NAME and REGISTRATION_KEY.endswith("\\" + APP_NAME)


@pytest.mark.parametrize("icon", [True, False])
def test_removal_deletes_our_key_only(icon: bool) -> None:
    registry = registry_after_reminders(icon)
    registration = ToastRegistration(registry)
    assert registration.present()
    assert registration.remove() is True
    assert registry.keys == {(HKCU, OTHER_APP): {"DisplayName": ("Explorer", FakeWinreg.REG_SZ)}}
    assert not registration.present() and registration.remove() is False  # gone: nothing to do


def test_value_names_ignore_case_as_the_registry_does() -> None:
    registry = FakeWinreg({(HKCU, REGISTRATION_KEY.upper()): {"displayname": ("deskbreak", 1)}})
    assert ToastRegistration(registry).remove() and registry.keys == {}


@pytest.mark.parametrize(
    "values",
    [
        {"DisplayName": ("Breaks", 1)},  # another program's name under our id
        {
            "DisplayName": ("deskbreak", 1),
            "CustomActivator": ("{0F2E...}", 1),
        },  # more than the library writes
        {},
    ],
)
def test_a_key_that_holds_more_is_left_and_named(values: dict) -> None:
    registry = FakeWinreg({(HKCU, REGISTRATION_KEY): dict(values)})
    with pytest.raises(RegistrationError, match=r"AppUserModelId\\deskbreak holds more"):
        ToastRegistration(registry).remove()
    assert registry.keys == {(HKCU, REGISTRATION_KEY): values}


def test_a_key_with_subkeys_is_left() -> None:
    registry = registry_after_reminders()
    registry.keys[HKCU, REGISTRATION_KEY + r"\Extra"] = {}
    with pytest.raises(RegistrationError, match="left as it is"):
        ToastRegistration(registry).remove()
    assert (HKCU, REGISTRATION_KEY) in registry.keys


def test_a_registry_error_names_the_key() -> None:
    registry = registry_after_reminders()
    registry.denied = True
    with pytest.raises(RegistrationError, match=r"cannot read HKEY_CURRENT_USER\\Software.*Access is denied"):
        ToastRegistration(registry).remove()


@pytest.mark.skipif(sys.platform == "win32", reason="checks the refusal off Windows")
def test_winreg_is_imported_only_when_used_and_missing_off_windows() -> None:
    registration = ToastRegistration()
    assert "winreg" not in sys.modules
    with pytest.raises(RegistrationError, match="only on Windows"):
        registration.present()


def uninstall_on_windows() -> int:
    return run(_parser().parse_args(["install-desktop-entry", "--uninstall"]), platform="win32")


def test_uninstall_on_windows_removes_the_registration(monkeypatch, capsys) -> None:
    registry = registry_after_reminders()
    monkeypatch.setitem(sys.modules, "winreg", registry)
    assert uninstall_on_windows() == 0
    out = capsys.readouterr().out
    assert out.startswith(r"Removed HKEY_CURRENT_USER\Software\Classes\AppUserModelId\deskbreak, which")
    assert (HKCU, REGISTRATION_KEY) not in registry.keys and (HKCU, OTHER_APP) in registry.keys
    assert uninstall_on_windows() == 0
    assert capsys.readouterr().out.startswith("Nothing to remove: ")


def test_uninstall_on_windows_says_why_a_key_stays(monkeypatch, capsys) -> None:
    registry = FakeWinreg({(HKCU, REGISTRATION_KEY): {"DisplayName": ("Breaks", 1)}})
    monkeypatch.setitem(sys.modules, "winreg", registry)
    assert uninstall_on_windows() == 1
    assert capsys.readouterr().err.startswith("deskbreak install-desktop-entry: HKEY_CURRENT_USER\\")
    assert (HKCU, REGISTRATION_KEY) in registry.keys
