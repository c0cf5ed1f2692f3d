"""Whether a D-Bus bus could be reached at all, asked before PySide6.QtDBus is loaded.

Loading QtDBus and asking Qt for a bus that is not there (a desktop session without D-Bus, a
container) costs ~1 MiB resident all day: the binding, more of libQt6DBus, and the connection
thread Qt starts to find out. Without an address the connection would fail anyway; where libdbus
could still find the bus (an address in the environment, $XDG_RUNTIME_DIR/bus, the standard
system socket, or autolaunch through dbus-launch), the answer is yes and Qt is asked as before.
Elsewhere than Linux and the BSDs, always yes.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping

SYSTEM_SOCKETS = ("/var/run/dbus/system_bus_socket", "/run/dbus/system_bus_socket")  # libdbus's default
DBUS_LAUNCH = "/usr/bin/dbus-launch"  # what libdbus runs to autolaunch a session bus


def _unix(platform: str) -> bool:
    return platform.startswith("linux") or "bsd" in platform


def system_bus_possible(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    exists: Callable[[str], bool] = os.path.exists,
) -> bool:
    """False only where libdbus would find no system bus: no DBUS_SYSTEM_BUS_ADDRESS and no socket."""
    if not _unix(platform) or environ.get("DBUS_SYSTEM_BUS_ADDRESS"):
        return True
    return any(exists(path) for path in SYSTEM_SOCKETS)


def session_bus_possible(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    exists: Callable[[str], bool] = os.path.exists,
) -> bool:
    """False only where libdbus would find no session bus: no DBUS_SESSION_BUS_ADDRESS, no
    $XDG_RUNTIME_DIR/bus and no dbus-launch to autolaunch one."""
    if not _unix(platform) or environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime = environ.get("XDG_RUNTIME_DIR")
    if runtime and exists(os.path.join(runtime, "bus")):
        return True
    return exists(DBUS_LAUNCH) or shutil.which("dbus-launch", path=environ.get("PATH")) is not None
