"""SleepWatcher (logind's PrepareForSleep) with a stand-in bus object: no system bus needed.

The stand-in records what the watcher subscribes to; a "delivery" calls the recorded slot by its
signature through Qt's meta-object system, as QtDBus does. The real bus is in
tests/desktop/test_sleep_logind_real.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Q_ARG, QMetaObject, QObject, Qt

from deskbreak.platform import sleep_watch
from deskbreak.platform.sleep_watch import SleepWatcher


class _Error:
    def __init__(self, message: str) -> None:
        self._message = message

    def message(self) -> str:
        return self._message


class FakeBus:
    """Enough of QDBusConnection for the watcher: isConnected, connect, disconnect, lastError."""

    def __init__(self, *, connected: bool = True, accepts: bool = True, error: str = "") -> None:
        self.connected = connected
        self.accepts = accepts
        self.error = error
        self.subscriptions: list[tuple[str, str, str, str, QObject, str]] = []
        self.unsubscribed: list[tuple[str, str, str, str, QObject, str]] = []

    def isConnected(self) -> bool:  # noqa: N802 - Qt's name
        return self.connected

    def lastError(self) -> _Error:  # noqa: N802 - Qt's name
        return _Error(self.error)

    def connect(
        self, service: str, path: str, interface: str, name: str, receiver: QObject, slot: str
    ) -> bool:
        if self.accepts:
            self.subscriptions.append((service, path, interface, name, receiver, slot))
        return self.accepts

    def disconnect(
        self, service: str, path: str, interface: str, name: str, receiver: QObject, slot: str
    ) -> bool:
        self.unsubscribed.append((service, path, interface, name, receiver, slot))
        return True

    def deliver(self, start: bool) -> None:
        """Call every subscribed slot with PrepareForSleep's argument, as QtDBus would."""
        for *_, receiver, slot in self.subscriptions:
            method = slot.lstrip("1").split("(")[0]  # SLOT() prefixes "1"; invokeMethod wants the name
            assert QMetaObject.invokeMethod(
                receiver, method, Qt.ConnectionType.DirectConnection, Q_ARG(bool, start)
            )


def _record(watcher: SleepWatcher) -> list[str]:
    seen: list[str] = []
    watcher.sleeping.connect(lambda: seen.append("sleeping"))
    watcher.woke.connect(lambda: seen.append("woke"))
    return seen


def test_subscribes_to_loginds_prepare_for_sleep_from_logind_only() -> None:
    bus = FakeBus()
    watcher = SleepWatcher(bus)  # type: ignore[arg-type]
    assert watcher.listening is True
    assert len(bus.subscriptions) == 1
    service, path, interface, member, receiver, slot = bus.subscriptions[0]
    assert (service, path, interface, member) == (
        "org.freedesktop.login1",  # the sender must own logind's name: look-alikes are not heard
        "/org/freedesktop/login1",
        "org.freedesktop.login1.Manager",
        "PrepareForSleep",
    )
    assert receiver is watcher
    # The slot QtDBus is given exists with the signal's signature (b -> bool).
    signature = slot.lstrip("1")
    assert signature == "_prepare_for_sleep(bool)"
    assert watcher.metaObject().indexOfSlot(signature) >= 0


def test_true_means_sleeping_and_false_means_woke() -> None:
    bus = FakeBus()
    watcher = SleepWatcher(bus)  # type: ignore[arg-type]
    seen = _record(watcher)
    bus.deliver(True)
    assert seen == ["sleeping"]
    bus.deliver(False)
    assert seen == ["sleeping", "woke"]
    bus.deliver(True)
    bus.deliver(False)
    assert seen == ["sleeping", "woke", "sleeping", "woke"]


def test_a_factory_is_called_for_the_bus() -> None:
    bus = FakeBus()
    calls: list[int] = []

    def factory() -> FakeBus:
        calls.append(1)
        return bus

    watcher = SleepWatcher(factory)  # type: ignore[arg-type]
    assert calls == [1]
    assert watcher.listening
    seen = _record(watcher)
    bus.deliver(True)
    assert seen == ["sleeping"]


def test_without_an_argument_the_system_bus_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    bus = FakeBus()
    monkeypatch.setattr(sleep_watch, "_system_bus", lambda: bus)
    watcher = SleepWatcher()
    assert watcher.listening
    assert bus.subscriptions[0][4] is watcher


def _boom() -> FakeBus:
    raise RuntimeError("no bus today")


@pytest.mark.parametrize(
    ("bus", "logged"),
    [
        (FakeBus(connected=False, error="Failed to connect to socket"), "Failed to connect to socket"),
        (FakeBus(accepts=False, error="AddMatch refused"), "AddMatch refused"),
        (_boom, "no bus today"),
    ],
    ids=["no system bus", "subscription refused", "factory raised"],
)
def test_no_bus_means_not_listening_logged_at_info_and_no_exception(
    bus: FakeBus | Callable[[], FakeBus], logged: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="deskbreak.platform.sleep_watch"):
        watcher = SleepWatcher(bus)  # type: ignore[arg-type]
    assert watcher.listening is False
    records = [r for r in caplog.records if r.name == "deskbreak.platform.sleep_watch"]
    assert any(logged in r.getMessage() and r.levelno == logging.INFO for r in records), records
    assert all(r.levelno <= logging.INFO for r in records)  # normal: no warning
    watcher.close()  # harmless


def test_a_binding_refusing_the_slot_is_not_listening() -> None:
    class Refusing(FakeBus):
        def connect(self, *args: object) -> bool:  # type: ignore[override]
            raise TypeError("wants the slot another way")

    watcher = SleepWatcher(Refusing())  # type: ignore[arg-type]
    assert watcher.listening is False


def test_a_real_qtdbus_connection_to_no_bus_is_not_listening(tmp_path: Path) -> None:
    """Real QtDBus, nothing at the address: what a machine without a system bus looks like."""
    from PySide6.QtDBus import QDBusConnection

    name = "deskbreak-test-no-system-bus"
    try:
        watcher = SleepWatcher(lambda: QDBusConnection.connectToBus(f"unix:path={tmp_path}/none", name))
        assert watcher.listening is False
    finally:
        QDBusConnection.disconnectFromBus(name)


def test_close_unsubscribes_and_silences_the_watcher() -> None:
    bus = FakeBus()
    watcher = SleepWatcher(bus)  # type: ignore[arg-type]
    seen = _record(watcher)
    watcher.close()
    assert watcher.listening is False
    assert bus.unsubscribed == bus.subscriptions
    bus.deliver(True)  # a signal already queued when it closed
    assert seen == []
    watcher.close()  # idempotent
    assert len(bus.unsubscribed) == 1


def test_without_a_system_bus_address_qtdbus_is_not_asked(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(sleep_watch, "system_bus_possible", lambda: False)
    caplog.set_level("INFO", logger=sleep_watch.__name__)
    watcher = SleepWatcher()
    assert not watcher.listening
    assert "no system bus" in caplog.text
