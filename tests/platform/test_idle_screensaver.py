"""org.freedesktop.ScreenSaver backend against a fake bus call and a fake clock: no desktop needed.

The real QtDBus path against a real dbus-daemon is in tests/desktop/test_idle_screensaver_real.py.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

import pytest

from deskbreak.core.sitting import SatDown, SittingTracker, SteppedAway
from deskbreak.platform.idle_base import IdleMonitorUnavailable
from deskbreak.platform.idle_gnome import DBusCallError
from deskbreak.platform.idle_screensaver import (
    CALL_TIMEOUT_MS,
    INTERFACE,
    OBJECT_PATH,
    SERVICE,
    ScreenSaverIdleMonitor,
    counts_milliseconds,
)

IDLE = "GetSessionIdleTime"
ACTIVE = "GetActive"


class FakeScreenSaver:
    """Answers like the service: ``idle`` (raw count), ``active``; ``errors`` by method name."""

    def __init__(self, idle: object = 0, active: object = False) -> None:
        self.idle = idle
        self.active = active
        self.errors: dict[str, str] = {}
        self.calls: list[str] = []

    def __call__(self, service: str, path: str, interface: str, method: str) -> Sequence[object]:
        assert (service, path, interface) == (SERVICE, OBJECT_PATH, INTERFACE)
        self.calls.append(method)
        if method in self.errors:
            raise DBusCallError(self.errors[method])
        if method == IDLE:
            return [self.idle]
        if method == ACTIVE:
            return [self.active]
        raise DBusCallError(f"org.freedesktop.DBus.Error.UnknownMethod: {method}")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(service: FakeScreenSaver, *, milliseconds: bool = False) -> tuple[ScreenSaverIdleMonitor, FakeClock]:
    clock = FakeClock()
    return ScreenSaverIdleMonitor(service, milliseconds=milliseconds, clock=clock), clock


def test_names_and_bounded_timeout() -> None:
    assert (SERVICE, OBJECT_PATH, INTERFACE) == (
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
    )
    assert ScreenSaverIdleMonitor.name == "screensaver"
    assert 2 * CALL_TIMEOUT_MS < 500  # both calls of one reading stay under half a second


def test_probes_get_session_idle_time_at_creation() -> None:
    service = FakeScreenSaver(idle=7)
    make(service)
    assert service.calls == [IDLE]


@pytest.mark.parametrize(
    "error",
    [
        "org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.ScreenSaver was not provided",
        "org.freedesktop.DBus.Error.UnknownMethod: No such method 'GetSessionIdleTime'",
        "org.freedesktop.DBus.Error.NotSupported: This method is not part of the idle inhibition spec",
        "org.freedesktop.DBus.Error.NoReply: Did not receive a reply",
    ],
    ids=["no-service", "no-method", "gnome-not-supported", "timeout"],
)
def test_missing_service_or_method_is_unavailable(error: str) -> None:
    service = FakeScreenSaver()
    service.errors[IDLE] = error
    with pytest.raises(IdleMonitorUnavailable, match="GetSessionIdleTime unavailable"):
        make(service)


@pytest.mark.parametrize("reply", ["12", True, -5, None, 1.5])
def test_unexpected_probe_reply_is_unavailable(reply: object) -> None:
    with pytest.raises(IdleMonitorUnavailable, match="unexpected reply"):
        make(FakeScreenSaver(idle=reply))


def test_seconds_by_default_as_the_spec_says() -> None:
    monitor, _ = make(FakeScreenSaver(idle=42))
    assert monitor.idle_seconds() == 42.0
    assert not monitor.milliseconds


def test_milliseconds_when_told_kde() -> None:
    monitor, _ = make(FakeScreenSaver(idle=61_250), milliseconds=True)
    assert monitor.idle_seconds() == pytest.approx(61.25)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"XDG_CURRENT_DESKTOP": "KDE"}, True),
        ({"XDG_CURRENT_DESKTOP": "kde"}, True),
        ({"XDG_CURRENT_DESKTOP": "neon:KDE"}, True),
        ({"KDE_FULL_SESSION": "true"}, True),
        ({"XDG_CURRENT_DESKTOP": "XFCE"}, False),
        ({"XDG_CURRENT_DESKTOP": "X-Cinnamon"}, False),
        ({"XDG_CURRENT_DESKTOP": "KDEish"}, False),
        ({}, False),
    ],
)
def test_kde_sessions_count_milliseconds(environ: dict[str, str], expected: bool) -> None:
    assert counts_milliseconds(environ) is expected


def test_counter_growing_faster_than_the_clock_is_milliseconds(caplog: pytest.LogCaptureFixture) -> None:
    """A KDE-like source on a session not named KDE: 30 s later it grew by 30 000."""
    service = FakeScreenSaver(idle=2_000)
    monitor, clock = make(service)
    assert monitor.idle_seconds() == 2_000.0  # the spec's unit until shown otherwise
    clock.now += 30
    service.idle = 32_000
    with caplog.at_level(logging.INFO, logger="deskbreak.platform.idle_screensaver"):
        assert monitor.idle_seconds() == pytest.approx(32.0)
    assert monitor.milliseconds
    assert "counts milliseconds" in caplog.text
    clock.now += 30
    service.idle = 500  # input: the counter restarted; the unit stays
    assert monitor.idle_seconds() == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("elapsed", "before", "after"),
    [
        (30, 100, 130),  # idle throughout, counted in seconds
        (30, 100, 131),  # rounding
        (30, 100, 3),  # input in between
        (0, 100, 100),  # two readings at once
        (3600, 5, 3605),  # an hour suspended: the boot clock ran on too
    ],
)
def test_counter_in_seconds_stays_seconds(elapsed: float, before: int, after: int) -> None:
    service = FakeScreenSaver(idle=before)
    monitor, clock = make(service)
    monitor.idle_seconds()
    clock.now += elapsed
    service.idle = after
    assert monitor.idle_seconds() == float(after)
    assert not monitor.milliseconds


def test_screen_locked_reads_as_away_until_unlocked() -> None:
    """Locked: the idle stretch runs on from the last input even if the counter restarts."""
    service = FakeScreenSaver(idle=10, active=True)
    monitor, clock = make(service)
    assert monitor.idle_seconds() == 10.0
    assert monitor.locked
    clock.now += 300
    service.idle = 0  # someone bumped the mouse at the lock screen
    assert monitor.idle_seconds() == 310.0
    clock.now += 60
    service.idle = 60  # the counter, behind the stretch the lock began: the stretch wins
    assert monitor.idle_seconds() == 370.0
    clock.now += 700
    service.idle = 1100  # a counter past it (it was not reset after all) wins
    assert monitor.idle_seconds() == 1100.0
    service.active = False
    service.idle = 1
    assert monitor.idle_seconds() == 1.0
    assert not monitor.locked


def test_lock_with_a_counter_that_stops_answering_is_unknown_and_forgotten() -> None:
    service = FakeScreenSaver(idle=5, active=True)
    monitor, clock = make(service)
    assert monitor.idle_seconds() == 5.0
    service.errors[IDLE] = "org.freedesktop.DBus.Error.NoReply: timeout"
    clock.now += 100
    assert monitor.idle_seconds() is None
    assert not monitor.locked
    del service.errors[IDLE]
    service.idle = 2
    clock.now += 10
    assert monitor.idle_seconds() == 2.0  # a new lock stretch starts from this reading
    assert monitor.locked


def test_the_sitting_tracker_sees_a_lock_as_a_natural_break_from_the_last_input() -> None:
    """core.sitting with this monitor's readings: locked 5 min after the last input = away."""
    service = FakeScreenSaver(idle=0)
    monitor, clock = make(service)
    start = datetime(2024, 5, 6, 9, 0)
    tracker = SittingTracker(timedelta(minutes=5), start)

    def observe() -> list[object]:
        now = start + timedelta(seconds=clock.now - 1000.0)
        return list(tracker.observe(now, monitor.idle_seconds()))

    assert observe() == []
    clock.now += 1200  # 20 min of work; locked 20 s after the last input
    service.idle, service.active = 20, True
    assert observe() == []  # locked but not yet the natural break's length
    clock.now += 290
    service.idle = 0  # the lock screen woke up: the counter restarted, the user is not back
    assert observe() == [SteppedAway(start + timedelta(seconds=1180))]
    clock.now += 600
    service.idle, service.active = 3, False  # unlocked, typing
    assert observe() == [SatDown(start + timedelta(seconds=2087))]


@pytest.mark.parametrize("reply", [1, "true", None])
def test_get_active_answer_other_than_true_is_not_locked(reply: object) -> None:
    monitor, _ = make(FakeScreenSaver(idle=9, active=reply))
    assert monitor.idle_seconds() == 9.0
    assert not monitor.locked


def test_source_without_get_active_reads_as_never_locked() -> None:
    service = FakeScreenSaver(idle=9)
    service.errors[ACTIVE] = "org.freedesktop.DBus.Error.UnknownMethod: No such method 'GetActive'"
    monitor, _ = make(service)
    assert monitor.idle_seconds() == 9.0


def test_failed_idle_call_is_unknown_without_a_second_call() -> None:
    """A hung service costs one bounded timeout per reading, not two."""
    service = FakeScreenSaver(idle=9)
    monitor, _ = make(service)
    service.calls.clear()
    service.errors[IDLE] = "org.freedesktop.DBus.Error.NoReply: Did not receive a reply"
    assert monitor.idle_seconds() is None
    assert service.calls == [IDLE]


@pytest.mark.parametrize("reply", [[], ["12"], [True], [-5], [1, 2]])
def test_unexpected_reply_later_is_unknown(reply: list[object]) -> None:
    service = FakeScreenSaver(idle=1)
    monitor, _ = make(service)

    def odd(service_: str, path: str, interface: str, method: str) -> Sequence[object]:
        return reply

    monitor._call = odd
    assert monitor.idle_seconds() is None


def test_closed_monitor_is_unknown_and_calls_nothing() -> None:
    service = FakeScreenSaver(idle=1)
    monitor, _ = make(service)
    monitor.close()
    monitor.close()
    service.calls.clear()
    assert monitor.idle_seconds() is None
    assert service.calls == []
