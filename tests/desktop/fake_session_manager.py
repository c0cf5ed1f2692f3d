"""A stand-in org.gnome.SessionManager (and KDE's PowerManagement.Inhibit) for tests.

    DBUS_SESSION_BUS_ADDRESS=... python fake_session_manager.py STATE_FILE [--kde]

Without ``--kde``: owns ``org.gnome.SessionManager`` and exports on ``/org/gnome/SessionManager``
the read-only property ``InhibitedActions`` with D-Bus type uint32, like gnome-session. With
``--kde``: owns ``org.freedesktop.PowerManagement`` and answers ``HasInhibit`` (boolean) on
``/org/freedesktop/PowerManagement/Inhibit``, like PowerDevil. Each answer is read from
STATE_FILE at the moment of the call, a JSON object ``{"inhibited_actions": <uint>,
"has_inhibit": <bool>}`` the test rewrites (atomically). Prints ``ready`` once it owns the
name; ends on SIGTERM. Only PySide6's QtDBus, like fake_screensaver.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import ClassInfo, Property, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection


def _read(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@ClassInfo({"D-Bus Interface": "org.gnome.SessionManager"})
class SessionManager(QObject):
    def __init__(self, state: Path) -> None:
        super().__init__()
        self.state = state

    def _inhibited_actions(self) -> int:
        value = _read(self.state).get("inhibited_actions", 0)
        return value if isinstance(value, int) else 0

    # "uint" is a Qt type name: the property's D-Bus signature is "u", as gnome-session's.
    InhibitedActions = Property("uint", _inhibited_actions)


@ClassInfo({"D-Bus Interface": "org.freedesktop.PowerManagement.Inhibit"})
class PowerManagementInhibit(QObject):
    def __init__(self, state: Path) -> None:
        super().__init__()
        self.state = state

    @Slot(result=bool)
    def HasInhibit(self) -> bool:
        return bool(_read(self.state).get("has_inhibit", False))


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    app = QCoreApplication(argv[:1])
    state = Path(argv[1])
    service: QObject
    if "--kde" in argv[2:]:
        name, path = "org.freedesktop.PowerManagement", "/org/freedesktop/PowerManagement/Inhibit"
        service = PowerManagementInhibit(state)
    else:
        name, path = "org.gnome.SessionManager", "/org/gnome/SessionManager"
        service = SessionManager(state)
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        print(f"no session bus: {bus.lastError().message()}", file=sys.stderr)
        return 1
    options = (
        QDBusConnection.RegisterOption.ExportAllSlots | QDBusConnection.RegisterOption.ExportAllProperties
    )
    if not bus.registerObject(path, service, options):
        print(f"cannot register {path}: {bus.lastError().message()}", file=sys.stderr)
        return 1
    if not bus.registerService(name):
        print(f"cannot own {name}: {bus.lastError().message()}", file=sys.stderr)
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
