"""A stand-in for GNOME Mutter's idle monitor for tests, on the session bus it is given.

    DBUS_SESSION_BUS_ADDRESS=... python fake_mutter_idle.py STATE_FILE

Owns ``org.gnome.Mutter.IdleMonitor`` and answers ``GetIdletime`` on
``/org/gnome/Mutter/IdleMonitor/Core`` (interface ``org.gnome.Mutter.IdleMonitor``) as Mutter
does: a uint64 of milliseconds since the last input (reply signature ``t``). Each answer is read
from STATE_FILE at the moment of the call, a JSON object ``{"idle": <uint>}`` the test rewrites
(atomically) to change what the service says. Mutter's watch methods (AddIdleWatch and so on)
are left out: deskbreak only polls. Prints ``ready`` once it owns the name; ends on SIGTERM.

Only PySide6's QtDBus: no dbus-python, no gdbus (neither is installed in CI).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection

SERVICE = "org.gnome.Mutter.IdleMonitor"
PATH = "/org/gnome/Mutter/IdleMonitor/Core"


def _read(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@ClassInfo({"D-Bus Interface": "org.gnome.Mutter.IdleMonitor"})
class IdleMonitor(QObject):
    def __init__(self, state: Path) -> None:
        super().__init__()
        self.state = state

    @Slot(result="qulonglong")  # a Qt type name: the reply's signature is "t", as Mutter's
    def GetIdletime(self) -> int:
        value = _read(self.state).get("idle", 0)
        return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    app = QCoreApplication(argv[:1])
    service = IdleMonitor(Path(argv[1]))
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        print(f"no session bus: {bus.lastError().message()}", file=sys.stderr)
        return 1
    if not bus.registerObject(PATH, service, QDBusConnection.RegisterOption.ExportAllSlots):
        print(f"cannot register {PATH}: {bus.lastError().message()}", file=sys.stderr)
        return 1
    if not bus.registerService(SERVICE):
        print(f"cannot own {SERVICE}: {bus.lastError().message()}", file=sys.stderr)
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
