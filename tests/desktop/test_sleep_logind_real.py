"""Suspend and resume from logind's PrepareForSleep over a real dbus-daemon, through real QtDBus.

A private system-like bus (system_bus.SystemBus: dbus-daemon with <type>system</type>, nothing
else) and a stand-in logind (LOGIND below, PySide6 QtDBus) that owns org.freedesktop.login1 and
emits ``org.freedesktop.login1.Manager.PrepareForSleep(b)`` on /org/freedesktop/login1 when the
test says so. Qt's system bus connection is made once per process from DBUS_SYSTEM_BUS_ADDRESS,
so the watcher under test runs in a child (WATCHER) started with that variable pointing at the
private bus: it builds ``SleepWatcher()`` with no arguments, exactly as the app would, and prints
one line per signal. The test reads those lines with a deadline (never a bare sleep).
What is real: the bus, the name ownership, the signal on the wire, QtDBus's match rule and
sender check, the watcher. What is not: the suspend (logind is a stand-in).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import desktop_required
from pytestqt.qtbot import QtBot
from system_bus import SystemBus, dbus_daemon_missing, read_line

from deskbreak.platform.sleep_watch import INTERFACE, MEMBER, OBJECT_PATH, SERVICE, SleepWatcher

START_TIMEOUT = 15.0
SIGNAL_TIMEOUT = 10.0
QUIET_TIMEOUT = 1.0  # how long a signal that must not arrive is waited for (a bound, not a pause)

# A round trip to the bus daemon: everything this connection sent before (AddMatch, a signal)
# has been handled by the daemon once it answers.
SYNC = """
def sync(bus):
    ping = QDBusMessage.createMethodCall(
        "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.Peer", "Ping")
    return bus.call(ping, QDBus.CallMode.Block, 5000).type() == QDBusMessage.MessageType.ReplyMessage
"""

# The app's side: the real SleepWatcher on Qt's system bus, one line per signal on stdout.
WATCHER = (
    """
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage
from deskbreak.platform.sleep_watch import SleepWatcher
"""
    + SYNC
    + """
app = QCoreApplication(["deskbreak-sleep-probe"])
watcher = SleepWatcher()
watcher.sleeping.connect(lambda: print("sleeping", flush=True))
watcher.woke.connect(lambda: print("woke", flush=True))
synced = watcher.listening and sync(QDBusConnection.systemBus())
print(f"ready listening={watcher.listening} synced={synced}", flush=True)
sys.exit(app.exec())
"""
)

# Stand-in logind: owns the name (unless --no-name: a look-alike sender) and, for each line
# "true"/"false" on stdin, emits PrepareForSleep with that value and answers "sent".
LOGIND = (
    """
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage
"""
    + SYNC
    + f"""
app = QCoreApplication(["fake-logind"])
bus = QDBusConnection.systemBus()
if not bus.isConnected():
    print("no system bus: " + bus.lastError().message(), flush=True)
    sys.exit(1)
if "--no-name" not in sys.argv and not bus.registerService({SERVICE!r}):
    print("cannot own the name: " + bus.lastError().message(), flush=True)
    sys.exit(1)
print("ready" if sync(bus) else "no answer from the bus", flush=True)
for line in sys.stdin:
    message = QDBusMessage.createSignal({OBJECT_PATH!r}, {INTERFACE!r}, {MEMBER!r})
    message.setArguments([line.strip() == "true"])
    ok = bus.send(message) and sync(bus)
    print("sent" if ok else "not sent: " + bus.lastError().message(), flush=True)
"""
)


def _end(popen: subprocess.Popen[bytes]) -> None:
    """End our own child by its PID (SIGTERM, then SIGKILL) and close its pipes."""
    if popen.poll() is None:
        popen.send_signal(signal.SIGTERM)
        try:
            popen.wait(timeout=5)
        except subprocess.TimeoutExpired:
            popen.kill()
            popen.wait(timeout=5)
    for stream in (popen.stdin, popen.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


class Child:
    """A Python child on the private system bus, its stdout read line by line with a deadline."""

    def __init__(self, script: str, env: dict[str, str], log_path: Path, *args: str) -> None:
        self.log_path = log_path
        with open(log_path, "wb") as log:
            self.popen = subprocess.Popen(
                [sys.executable, "-c", script, *args],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env=env,
                start_new_session=True,
            )

    def line(self, timeout: float = SIGNAL_TIMEOUT) -> str:
        assert self.popen.stdout is not None
        return read_line(self.popen.stdout.fileno(), timeout)

    def expect(self, wanted: str, timeout: float = START_TIMEOUT) -> None:
        got = self.line(timeout)
        if got != wanted:
            pytest.fail(f"expected {wanted!r}, got {got!r}; stderr: {self.stderr()}")

    def stderr(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        _end(self.popen)


class FakeLogind(Child):
    def __init__(self, bus: SystemBus, workdir: Path, *args: str) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        super().__init__(LOGIND, bus.env(), workdir / "logind.log", *args)
        self.expect("ready")

    def prepare_for_sleep(self, start: bool) -> None:
        assert self.popen.stdin is not None
        self.popen.stdin.write(b"true\n" if start else b"false\n")
        self.popen.stdin.flush()
        self.expect("sent", SIGNAL_TIMEOUT)


class WatcherProbe(Child):
    def __init__(self, env: dict[str, str], workdir: Path) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        super().__init__(WATCHER, env, workdir / "watcher.log")
        self.ready = self.line(START_TIMEOUT)


@pytest.fixture(scope="module")
def system_bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SystemBus]:
    if dbus_daemon_missing():
        message = "dbus-daemon missing (apt install dbus-daemon)"
        if desktop_required():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with SystemBus(tmp_path_factory.mktemp("system-bus")) as bus:
        yield bus


@pytest.fixture
def logind(system_bus: SystemBus, tmp_path: Path) -> Iterator[FakeLogind]:
    stand_in = FakeLogind(system_bus, tmp_path / "logind")
    yield stand_in
    stand_in.stop()


@pytest.fixture
def watcher(system_bus: SystemBus, tmp_path: Path) -> Iterator[WatcherProbe]:
    probe = WatcherProbe(system_bus.env(), tmp_path / "watcher")
    yield probe
    probe.stop()


def test_sleep_then_wake_reach_the_watcher(logind: FakeLogind, watcher: WatcherProbe) -> None:
    assert watcher.ready == "ready listening=True synced=True", watcher.stderr()
    logind.prepare_for_sleep(True)
    assert watcher.line() == "sleeping", watcher.stderr()
    logind.prepare_for_sleep(False)
    assert watcher.line() == "woke", watcher.stderr()
    logind.prepare_for_sleep(True)  # and again: a second suspend the same day
    assert watcher.line() == "sleeping", watcher.stderr()


def test_a_look_alike_signal_from_another_process_is_not_heard(
    system_bus: SystemBus, logind: FakeLogind, watcher: WatcherProbe, tmp_path: Path
) -> None:
    """Only the owner of org.freedesktop.login1 is believed (on a real bus: logind itself)."""
    assert watcher.ready == "ready listening=True synced=True", watcher.stderr()
    impostor = FakeLogind(system_bus, tmp_path / "impostor", "--no-name")
    try:
        impostor.prepare_for_sleep(True)  # handled by the daemon before logind's signal below
        logind.prepare_for_sleep(False)
        assert watcher.line() == "woke", watcher.stderr()  # not "sleeping": the look-alike was dropped
        assert watcher.line(QUIET_TIMEOUT) == ""
    finally:
        impostor.stop()


def test_logind_starting_or_restarting_after_the_watcher_is_heard(
    system_bus: SystemBus, watcher: WatcherProbe, tmp_path: Path
) -> None:
    """The watcher subscribes by name, so whichever process owns it later is heard."""
    assert watcher.ready == "ready listening=True synced=True", watcher.stderr()
    first = FakeLogind(system_bus, tmp_path / "first")
    try:
        first.prepare_for_sleep(True)
        assert watcher.line() == "sleeping", watcher.stderr()
    finally:
        first.stop()
    second = FakeLogind(system_bus, tmp_path / "second")  # logind restarted
    try:
        second.prepare_for_sleep(False)
        assert watcher.line() == "woke", watcher.stderr()
    finally:
        second.stop()


def test_no_system_bus_means_not_listening_and_no_error(system_bus: SystemBus, tmp_path: Path) -> None:
    env = system_bus.env()
    env["DBUS_SYSTEM_BUS_ADDRESS"] = f"unix:path={tmp_path / 'no-such-socket'}"
    probe = WatcherProbe(env, tmp_path / "watcher")
    try:
        assert probe.ready == "ready listening=False synced=False", probe.stderr()
        assert probe.popen.poll() is None  # still running: nothing raised
        assert "Traceback" not in probe.stderr()
    finally:
        probe.stop()


def test_a_given_connection_is_listened_on(qtbot: QtBot, system_bus: SystemBus, logind: FakeLogind) -> None:
    """In-process, on a named connection to the private bus passed as the ``bus`` factory."""
    from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

    name = f"deskbreak-sleep-test-{os.getpid()}"
    watcher = SleepWatcher(bus=lambda: QDBusConnection.connectToBus(system_bus.address, name))
    try:
        assert watcher.listening
        ping = QDBusMessage.createMethodCall(
            "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.Peer", "Ping"
        )
        reply = QDBusConnection(name).call(ping, QDBus.CallMode.Block, 5000)
        assert reply.type() == QDBusMessage.MessageType.ReplyMessage  # the match rule is in place
        with qtbot.waitSignal(watcher.sleeping, timeout=int(SIGNAL_TIMEOUT * 1000)):
            logind.prepare_for_sleep(True)
        with qtbot.waitSignal(watcher.woke, timeout=int(SIGNAL_TIMEOUT * 1000)):
            logind.prepare_for_sleep(False)
        watcher.close()
        assert not watcher.listening
    finally:
        watcher.close()
        QDBusConnection.disconnectFromBus(name)
