"""bus_address: QtDBus is not loaded when libdbus could find no bus at all."""

from __future__ import annotations

from deskbreak.platform.bus_address import DBUS_LAUNCH, session_bus_possible, system_bus_possible


def nothing(_: str) -> bool:
    return False


def test_no_system_bus_without_an_address_or_the_standard_socket() -> None:
    assert not system_bus_possible({}, "linux", nothing)
    assert system_bus_possible({"DBUS_SYSTEM_BUS_ADDRESS": "unix:path=/x"}, "linux", nothing)
    assert system_bus_possible({}, "linux", lambda p: p == "/run/dbus/system_bus_socket")


def test_no_session_bus_without_an_address_a_runtime_socket_or_autolaunch() -> None:
    empty = {"PATH": ""}
    assert not session_bus_possible(empty, "linux", nothing)
    assert session_bus_possible({**empty, "DBUS_SESSION_BUS_ADDRESS": "unix:path=/x"}, "linux", nothing)
    assert session_bus_possible(
        {**empty, "XDG_RUNTIME_DIR": "/run/user/1"}, "linux", lambda p: p == "/run/user/1/bus"
    )
    assert not session_bus_possible({**empty, "XDG_RUNTIME_DIR": "/run/user/1"}, "linux", nothing)
    assert session_bus_possible(empty, "linux", lambda p: p == DBUS_LAUNCH)


def test_other_systems_ask_qt_as_before() -> None:
    for platform in ("win32", "darwin"):
        assert system_bus_possible({}, platform, nothing)
        assert session_bus_possible({"PATH": ""}, platform, nothing)
