"""The Wayland idle source's bookkeeping (IdleBook) with an injected clock, and its failures to
start. No compositor here: events are method calls at given times, nothing sleeps. The protocol
itself is tested against a stand-in compositor (test_idle_wayland_ext.py) and real sway
(tests/desktop/test_idle_wayland_real.py)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from deskbreak.platform import wayland_wire as wire
from deskbreak.platform.idle_base import IdleMonitorUnavailable
from deskbreak.platform.idle_wayland import SHORT_TIMEOUT, IdleBook, WaylandIdleMonitor, socket_path


def test_active_idle_grows_from_the_start_and_stays_below_the_shortest_timeout() -> None:
    book = IdleBook([30.0], started=100.0)
    assert book.idle_seconds(100.0) == 0.0
    assert book.idle_seconds(112.5) == 12.5  # no input seen since: exact if there was none
    # 30 s passed without `idled`: there was input meanwhile, so idle is under 30 s.
    assert book.idle_seconds(500.0) == 30.0
    assert not book.idle


def test_idled_dates_the_start_of_idleness_from_the_timeout() -> None:
    book = IdleBook([30.0], started=0.0)
    book.resumed(0, 50.0)  # a resumed without an idled before is harmless
    book.idled(0, 30.0, now=200.0)  # last input at 170
    assert book.idle
    assert book.idle_since == 170.0
    assert book.idle_seconds(200.0) == 30.0
    assert book.idle_seconds(470.0) == 300.0  # keeps growing from the clock alone


def test_resumed_makes_idle_drop_and_dates_the_return() -> None:
    book = IdleBook([30.0], started=0.0)
    book.idled(0, 30.0, now=100.0)
    assert book.idle_seconds(900.0) == 830.0
    book.resumed(0, 905.0)
    assert not book.idle
    assert book.idle_seconds(905.0) == 0.0
    # The core looks 20 s later: idle counts from the return, so it dates the return exactly.
    assert book.idle_seconds(925.0) == 20.0


def test_several_notifications_the_earliest_start_wins() -> None:
    book = IdleBook([30.0, 300.0], started=0.0)
    book.idled(0, 30.0, now=75.0)  # read 15 s late (a busy event loop): start dated at 45
    book.idled(1, 300.0, now=330.0)  # on time: start at 30
    assert book.idle_since == 30.0
    assert book.idle_seconds(400.0) == 370.0
    book.resumed(1, 401.0)
    book.resumed(0, 401.0)
    assert book.idle_seconds(401.0) == 0.0
    assert book.shortest == 30.0


def test_a_clock_that_steps_back_never_gives_negative_idle() -> None:
    book = IdleBook([30.0], started=100.0)
    assert book.idle_seconds(90.0) == 0.0
    book.idled(0, 30.0, now=200.0)
    assert book.idle_seconds(150.0) == 0.0


@pytest.mark.parametrize("timeouts", [[], [0.0], [30.0, -1.0]])
def test_timeouts_must_be_positive(timeouts: list[float]) -> None:
    with pytest.raises(ValueError):
        IdleBook(timeouts, started=0.0)


def test_natural_breaks_are_never_reached_while_active() -> None:
    """The core's shortest natural break is a minute: the active estimate stays below it."""
    assert SHORT_TIMEOUT < 60.0
    book = IdleBook([SHORT_TIMEOUT], started=0.0)
    assert book.idle_seconds(10_000.0) < 60.0


def test_socket_path() -> None:
    assert socket_path("wayland-1", "/run/user/1000") == "/run/user/1000/wayland-1"
    assert socket_path(None, "/run/user/1000") == "/run/user/1000/wayland-0"
    assert socket_path("/tmp/w/sock", None) == "/tmp/w/sock"
    with pytest.raises(IdleMonitorUnavailable, match="XDG_RUNTIME_DIR"):
        socket_path("wayland-1", None)


def test_no_compositor_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(IdleMonitorUnavailable, match="cannot connect"):
        WaylandIdleMonitor("wayland-9", runtime_dir=str(tmp_path))


def test_the_wayland_source_does_not_load_pywayland() -> None:
    """The app's Wayland client is wayland_wire (stdlib): pywayland is for the tests' stand-in only."""
    code = (
        "import sys; import deskbreak.platform.idle_wayland; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pywayland', 'cffi', 'xml')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


class FakeCompositor:
    """A compositor in a thread, over WAYLAND_SOCKET: offers ``globals_`` and records requests."""

    def __init__(self, globals_: list[str]) -> None:
        self.globals = globals_
        self.client, self._server = socket.socketpair()
        self.requests: list[tuple[int, int, bytes]] = []
        self.bound: dict[str, int] = {}
        self.registry = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        with contextlib.suppress(OSError):  # a client that gives up may reset the connection
            self._read_requests()

    def _read_requests(self) -> None:
        decoder = wire.Decoder()
        while data := self._server.recv(4096):
            decoder.feed(data)
            for object_id, opcode, payload in decoder.messages():
                if (object_id, opcode) == (1, 1):  # get_registry
                    (self.registry,) = wire.unpack("n", payload)  # type: ignore[assignment]
                    for name, interface in enumerate(self.globals, 1):
                        self._send(self.registry, 0, wire.pack("usu", name, interface, 1))
                elif (object_id, opcode) == (1, 0):  # sync: done, then delete_id
                    (callback,) = wire.unpack("n", payload)
                    self._send(callback, 0, wire.pack("u", 0))  # type: ignore[arg-type]
                    self._send(1, 1, wire.pack("u", callback))
                elif (object_id, opcode) == (self.registry, 0):  # bind
                    _name, interface, _version, new = wire.unpack("usun", payload)
                    self.bound[str(interface)] = new  # type: ignore[assignment]
                else:
                    self.requests.append((object_id, opcode, payload))

    def remove(self, name: int) -> None:
        self._send(self.registry, 1, wire.pack("u", name))  # wl_registry.global_remove

    def _send(self, object_id: int, opcode: int, payload: bytes) -> None:
        with contextlib.suppress(OSError):  # the client may have hung up (a test's monitor gave up)
            self._server.sendall(wire.encode(object_id, opcode, payload))

    def ended(self) -> bool:
        """The client closed its end and every request it sent was read."""
        self._thread.join(5)
        return not self._thread.is_alive()

    def close(self) -> None:
        if self._thread.is_alive():
            with contextlib.suppress(OSError):
                self._server.shutdown(socket.SHUT_RDWR)
            self._thread.join(5)
        self._server.close()


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[FakeCompositor]:
    compositor = FakeCompositor(request.param)
    monkeypatch.setenv("WAYLAND_SOCKET", str(compositor.client.detach()))
    yield compositor
    compositor.close()


@pytest.mark.parametrize("fake", [["wl_seat", "wl_compositor"]], indirect=True)
def test_a_compositor_without_an_idle_protocol_is_unavailable(fake: FakeCompositor) -> None:
    with pytest.raises(IdleMonitorUnavailable, match="neither ext_idle_notifier_v1 nor org_kde_kwin_idle"):
        WaylandIdleMonitor(connect_timeout=2.0)
    assert "WAYLAND_SOCKET" not in os.environ  # taken, as libwayland does


@pytest.mark.parametrize("fake", [["org_kde_kwin_idle"]], indirect=True)
def test_a_compositor_without_a_seat_is_unavailable(fake: FakeCompositor) -> None:
    with pytest.raises(IdleMonitorUnavailable, match="no wl_seat"):
        WaylandIdleMonitor(connect_timeout=2.0)


@pytest.mark.parametrize("fake", [["wl_seat", "org_kde_kwin_idle"]], indirect=True)
def test_kde_idle_requests_on_the_wire(fake: FakeCompositor) -> None:
    monitor = WaylandIdleMonitor(timeouts=(30.0, 1.5), connect_timeout=2.0)
    seat, manager = fake.bound["wl_seat"], fake.bound["org_kde_kwin_idle"]
    first, second = (manager + 1, manager + 2)
    # get_idle_timeout(new_id, seat, timeout ms): opcode 0, the seat before the timeout
    assert fake.requests == [
        (manager, 0, wire.pack("nou", first, seat, 30_000)),
        (manager, 0, wire.pack("nou", second, seat, 1_500)),
    ]
    monitor.close()
    assert fake.ended()
    assert fake.requests[2:] == [(first, 0, b""), (second, 0, b"")]  # release: opcode 0


@pytest.mark.parametrize("fake", [["wl_seat", "wl_output", "org_kde_kwin_idle"]], indirect=True)
def test_the_seat_removed_ends_the_source(fake: FakeCompositor) -> None:
    monitor = WaylandIdleMonitor(connect_timeout=2.0)
    try:
        fake.remove(2)  # a global not used: nothing changes
        fake.remove(1)  # the seat
        deadline = time.monotonic() + 5
        while monitor.idle_seconds() is not None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert monitor.lost
    finally:
        monitor.close()
