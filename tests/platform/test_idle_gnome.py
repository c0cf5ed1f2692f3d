"""GNOME (Mutter IdleMonitor over D-Bus) backend with a fake bus call: no GNOME needed."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from deskbreak.platform.idle_gnome import (
    INTERFACE,
    METHOD,
    OBJECT_PATH,
    SERVICE,
    DBusCallError,
    GnomeIdleMonitor,
)


def test_calls_mutter_get_idletime_and_converts_ms() -> None:
    calls: list[tuple[str, str, str, str]] = []

    def call(service: str, path: str, interface: str, method: str) -> Sequence[object]:
        calls.append((service, path, interface, method))
        return [61_250]

    assert GnomeIdleMonitor(call).idle_seconds() == pytest.approx(61.25)
    assert calls == [
        (
            "org.gnome.Mutter.IdleMonitor",
            "/org/gnome/Mutter/IdleMonitor/Core",
            "org.gnome.Mutter.IdleMonitor",
            "GetIdletime",
        )
    ]
    assert calls[0] == (SERVICE, OBJECT_PATH, INTERFACE, METHOD)


def test_large_uint64_values_are_kept() -> None:
    """Mutter answers uint64; a value past 2**32 ms (49.7 days) must not wrap or be refused."""
    assert GnomeIdleMonitor(lambda *a: [2**33]).idle_seconds() == pytest.approx(2**33 / 1000)


def test_dbus_error_is_unknown() -> None:
    def call(*args: str) -> Sequence[object]:
        raise DBusCallError("org.freedesktop.DBus.Error.ServiceUnknown: no Mutter here")

    assert GnomeIdleMonitor(call).idle_seconds() is None


@pytest.mark.parametrize("reply", [[], ["12"], [True], [-5], [1, 2], [None]])
def test_unexpected_reply_is_unknown(reply: list[object]) -> None:
    assert GnomeIdleMonitor(lambda *a: reply).idle_seconds() is None
