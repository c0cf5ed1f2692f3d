"""GNOME (Mutter IdleMonitor over D-Bus) backend with a fake bus call: no GNOME needed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from deskbreak.platform import idle_gnome, qtdbus_call
from deskbreak.platform.idle_base import IdleMonitorUnavailable
from deskbreak.platform.idle_gnome import (
    CALL_TIMEOUT_MS,
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


class RecordingCall:
    """Stands in for QtDBusCall: records the address it was opened on and whether it was closed."""

    made: list[RecordingCall] = []

    def __init__(
        self, address: str | None, timeout_ms: int, purpose: str, unavailable: type[Exception]
    ) -> None:
        self.address = address
        self.timeout_ms = timeout_ms
        self.unavailable = unavailable
        self.closed = False
        RecordingCall.made.append(self)

    def __call__(self, service: str, path: str, interface: str, method: str) -> Sequence[object]:
        return [] if self.closed else [1_500]

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> type[RecordingCall]:
    RecordingCall.made = []
    monkeypatch.setattr(idle_gnome, "QtDBusCall", RecordingCall)
    return RecordingCall


def test_an_explicit_bus_address_is_the_one_called_and_closed(recording: type[RecordingCall]) -> None:
    monitor = GnomeIdleMonitor(bus_address="unix:path=/run/user/1000/other-bus")
    assert [c.address for c in recording.made] == ["unix:path=/run/user/1000/other-bus"]
    made = recording.made[0]
    assert made.timeout_ms == CALL_TIMEOUT_MS
    assert made.unavailable is IdleMonitorUnavailable  # an unreachable bus: the factory tries the next
    assert monitor.idle_seconds() == pytest.approx(1.5)
    monitor.close()
    assert made.closed
    assert monitor.idle_seconds() is None
    monitor.close()  # idempotent


def test_without_an_address_qts_session_bus_is_borrowed(recording: type[RecordingCall]) -> None:
    monitor = GnomeIdleMonitor()
    assert [c.address for c in recording.made] == [None]
    assert monitor.idle_seconds() == pytest.approx(1.5)


def test_an_unreachable_address_is_unavailable_at_once(qapp: object, tmp_path: Path) -> None:
    """Real QtDBus, nothing listening at the address: not a silent fall back to another bus."""
    address = f"unix:path={tmp_path}/no-bus"
    with pytest.raises(IdleMonitorUnavailable, match="no-bus"):
        GnomeIdleMonitor(bus_address=address)


def test_an_injected_call_is_not_closed_by_the_monitor() -> None:
    monitor = GnomeIdleMonitor(lambda *a: [2_000])
    monitor.close()
    assert monitor.idle_seconds() is None  # closed monitors read nothing


def test_one_dbus_call_error_class_for_all_callers() -> None:
    assert idle_gnome.DBusCallError is qtdbus_call.DBusCallError
