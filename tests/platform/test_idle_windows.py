"""Windows idle backend with fake GetLastInputInfo/GetTickCount, runnable on any OS."""

from __future__ import annotations

import sys

import pytest

from deskbreak.platform.idle import IdleMonitorUnavailable
from deskbreak.platform.idle_windows import TICK_MODULUS, WindowsIdleMonitor, idle_milliseconds


def test_idle_is_tick_count_minus_last_input() -> None:
    monitor = WindowsIdleMonitor(lambda: 1_000_000, lambda: 1_045_500)
    assert monitor.idle_seconds() == pytest.approx(45.5)


def test_zero_when_input_just_happened() -> None:
    monitor = WindowsIdleMonitor(lambda: 777, lambda: 777)
    assert monitor.idle_seconds() == 0.0


def test_wraparound_of_32_bit_tick_counter() -> None:
    """Input 3 s before the 49.7-day wrap, read 2 s after it: 5 s idle, not -49.7 days."""
    last = TICK_MODULUS - 3_000
    now = 2_000
    monitor = WindowsIdleMonitor(lambda: last, lambda: now)
    assert monitor.idle_seconds() == pytest.approx(5.0)
    assert idle_milliseconds(TICK_MODULUS - 1, 0) == 1


def test_failed_get_last_input_info_is_unknown() -> None:
    monitor = WindowsIdleMonitor(lambda: None, lambda: 5)
    assert monitor.idle_seconds() is None


def test_last_input_is_read_before_the_tick_count() -> None:
    """Reading 'now' first would turn input landing between the reads into a ~49-day idle."""
    order: list[str] = []

    def last() -> int:
        order.append("last")
        return 10

    def tick() -> int:
        order.append("tick")
        return 20

    WindowsIdleMonitor(last, tick).idle_seconds()
    assert order == ["last", "tick"]


@pytest.mark.skipif(sys.platform == "win32", reason="checks the non-Windows refusal")
def test_real_calls_unavailable_off_windows() -> None:
    with pytest.raises(IdleMonitorUnavailable):
        WindowsIdleMonitor()
