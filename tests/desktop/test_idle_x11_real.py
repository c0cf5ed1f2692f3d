"""The X11 idle backend against a real Xvfb server, with real input from xdotool."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count

import pytest
from harness import DesktopSession

from deskbreak.platform.idle import create_idle_monitor
from deskbreak.platform.idle_x11 import X11IdleMonitor

_positions = count()


def move_mouse(desktop: DesktopSession) -> None:
    """Move to a new spot each time: moving to where the pointer already is makes no event."""
    i = next(_positions)
    desktop.xdotool("mousemove", str(100 + 37 * (i % 20)), str(100 + 23 * (i % 15)))


@pytest.fixture
def monitor(desktop: DesktopSession) -> Iterator[X11IdleMonitor]:
    m = X11IdleMonitor(desktop.display)
    yield m
    m.close()


def idle(monitor: X11IdleMonitor) -> float:
    value = monitor.idle_seconds()
    assert value is not None
    return value


def test_idle_grows_with_time_and_resets_on_mouse_move(
    desktop: DesktopSession, monitor: X11IdleMonitor
) -> None:
    move_mouse(desktop)
    start = idle(monitor)
    assert desktop.wait_until(lambda: idle(monitor) >= start + 0.5, timeout=5)
    grown = idle(monitor)
    assert grown >= 0.5

    move_mouse(desktop)
    assert desktop.wait_until(lambda: idle(monitor) < 0.25, timeout=3)


def test_key_press_resets_idle(desktop: DesktopSession, monitor: X11IdleMonitor) -> None:
    assert desktop.wait_until(lambda: idle(monitor) >= 0.3, timeout=5)
    desktop.xdotool("key", "shift")
    assert desktop.wait_until(lambda: idle(monitor) < 0.2, timeout=3)


def test_factory_picks_x11_for_the_session_env(desktop: DesktopSession) -> None:
    chosen = create_idle_monitor(platform="linux", environ=desktop.env)
    try:
        assert chosen.name == "x11"
        reading = chosen.idle_seconds()
        assert reading is not None and 0.0 <= reading < 3600
    finally:
        chosen.close()
