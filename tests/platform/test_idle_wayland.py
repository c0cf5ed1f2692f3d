"""The Wayland idle source's bookkeeping (IdleBook) with an injected clock, and its failures to
start. No compositor here: events are method calls at given times, nothing sleeps. The protocol
itself is tested against a stand-in compositor (test_idle_wayland_ext.py) and real sway
(tests/desktop/test_idle_wayland_real.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from deskbreak.platform.idle import DEFAULT_BACKENDS, create_idle_monitor
from deskbreak.platform.idle_base import IdleMonitorUnavailable, NullIdleMonitor
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


def test_without_pywayland_the_factory_skips_the_source(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pywayland.client", None)  # import fails as if not installed
    with pytest.raises(IdleMonitorUnavailable, match=r"deskbreak\[wayland\]"):
        WaylandIdleMonitor("wayland-1", runtime_dir=str(tmp_path))
    sway = {
        "XDG_SESSION_TYPE": "wayland",
        "XDG_CURRENT_DESKTOP": "sway",
        "WAYLAND_DISPLAY": "wayland-1",
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    only = {"wayland": DEFAULT_BACKENDS["wayland"]}  # the real constructor, no D-Bus source
    monitor = create_idle_monitor(platform="linux", environ=sway, backends=only)
    assert isinstance(monitor, NullIdleMonitor)
    assert "'wayland' unavailable: pywayland is not installed" in monitor.reason
