"""A stand-in org.freedesktop.ScreenSaver service for tests, on the session bus it is given.

    DBUS_SESSION_BUS_ADDRESS=... python fake_screensaver.py STATE_FILE [--no-idle-method]

Answers like KDE's: ``GetSessionIdleTime`` as uint32 and ``GetActive`` as boolean, on
``/org/freedesktop/ScreenSaver``; ``Inhibit(application, reason)`` is recorded (inhibits.jsonl
beside STATE_FILE) and answers a uint32 cookie. Each answer is read from STATE_FILE at the moment of the call,
a JSON object ``{"idle": <uint>, "active": <bool>}`` the test rewrites (atomically) to change
what the service says. With ``--no-idle-method`` it has only GetActive (a source that cannot
tell idle time). Prints ``ready`` once it owns the name; ends on SIGTERM.

Only PySide6's QtDBus: no dbus-python, no gdbus (neither is installed in CI).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"


class _State:
    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ScreenSaver(QObject):
    def __init__(self, state: _State) -> None:
        super().__init__()
        self.state = state

    @Slot(result="uint")  # a Qt type name: the reply's signature is "u", as KDE's
    def GetSessionIdleTime(self) -> int:
        value = self.state.read().get("idle", 0)
        return value if isinstance(value, int) else 0

    @Slot(result=bool)
    def GetActive(self) -> bool:
        return bool(self.state.read().get("active", False))

    @Slot(str, str, result="uint")
    def Inhibit(self, application: str, reason: str) -> int:
        """Recorded, one JSON line each, in inhibits.jsonl beside the state file."""
        with open(self.state.path.with_name("inhibits.jsonl"), "a") as record:
            record.write(json.dumps([application, reason]) + "\n")
        return 1


@ClassInfo({"D-Bus Interface": "org.freedesktop.ScreenSaver"})
class ActiveOnly(QObject):
    def __init__(self, state: _State) -> None:
        super().__init__()
        self.state = state

    @Slot(result=bool)
    def GetActive(self) -> bool:
        return bool(self.state.read().get("active", False))


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    app = QCoreApplication(argv[:1])
    state = _State(Path(argv[1]))
    service: QObject = ActiveOnly(state) if "--no-idle-method" in argv[2:] else ScreenSaver(state)
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
