"""The Wayland idle source under a real compositor: Debian's sway, headless (sway_session.py).

Real: sway (wlroots) and its org_kde_kwin_idle, the input that `wtype` types through its virtual
keyboard, deskbreak's own wire client (wayland_wire.py), the QSocketNotifier that reads the
events, the factory, and in the last test the whole app, whose `status --json` goes from sitting
to away and back. The app's windows are offscreen (Qt's wayland platform is not needed: the idle
source talks to sway itself). It takes the core's shortest natural break, one minute, to see a
user go away: about 100 s.

Without sway or wtype these tests skip, unless CI=true or DESKBREAK_REQUIRE_DESKTOP=1.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from app_runner import RunningApp, write_config
from conftest import desktop_required
from harness import DesktopSession, missing_tools
from sway_session import SwaySession, missing_sway_tools

INSTALL_HINT = "apt install sway wtype"


def _require(tools: list[str]) -> None:
    if tools:
        message = f"missing {', '.join(tools)} ({INSTALL_HINT})"
        if desktop_required():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="module")
def sway(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SwaySession]:
    _require(missing_sway_tools())
    with SwaySession(tmp_path_factory.mktemp("sway")) as session:
        yield session


def _wait(predicate: Callable[[], Any], timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)
    return True


def test_idle_grows_without_input_and_drops_after_wtype(sway: SwaySession, qtbot: Any) -> None:
    from deskbreak.platform.idle_wayland import KDE_IDLE, WaylandIdleMonitor

    monitor = WaylandIdleMonitor(sway.socket, timeouts=(1.0,))
    try:
        assert monitor.protocol == KDE_IDLE  # sway 1.7 has no ext-idle-notify-v1
        sway.wtype("a")  # start from a known input
        qtbot.waitUntil(lambda: monitor.idle, timeout=5000)  # sway: no input for 1 s
        first = monitor.idle_seconds()
        assert first is not None and first >= 1.0
        qtbot.wait(700)
        later = monitor.idle_seconds()
        assert later is not None and later >= first + 0.6  # grows with no input, no event needed

        sway.wtype("hello")
        qtbot.waitUntil(lambda: not monitor.idle, timeout=5000)  # sway said resumed
        after = monitor.idle_seconds()
        assert after is not None and after < 0.5

        qtbot.waitUntil(lambda: monitor.idle, timeout=5000)  # and idle again a second later
        again = monitor.idle_seconds()
        assert again is not None and 1.0 <= again < 3.0
    finally:
        monitor.close()
    assert monitor.idle_seconds() is None


def test_factory_picks_the_wayland_source_under_sway(sway: SwaySession, qapp: object) -> None:
    from deskbreak.platform.idle import create_idle_monitor

    environ = {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "sway", **sway.env}
    monitor = create_idle_monitor(platform="linux", environ=environ)
    try:
        assert monitor.name == "wayland"
        assert monitor.idle_seconds() is not None
    finally:
        monitor.close()


@pytest.fixture
def bus_session(tmp_path: Path) -> Iterator[DesktopSession]:
    """A private session bus for the app (and the Xvfb every DesktopSession has, unused here)."""
    _require([tool for tool in missing_tools() if tool in ("Xvfb", "dbus-daemon")])
    with DesktopSession(tmp_path / "desktop", tray=False, notifications=False) as session:
        yield session


def test_app_under_sway_goes_away_and_comes_back(
    sway: SwaySession, bus_session: DesktopSession, tmp_path: Path
) -> None:
    app = RunningApp(bus_session, tmp_path / "home")
    app.env = sway.client_env(app.env)
    app.env.update(XDG_SESSION_TYPE="wayland", XDG_CURRENT_DESKTOP="sway", QT_QPA_PLATFORM="offscreen")
    write_config(app.home, 'natural_break = "1m"\n')
    try:
        sway.wtype("x")  # the user was just here
        app.start()
        status = app.status()
        assert status["idle_source"] == "wayland"
        assert status["state"] == "sitting"

        # No input: after the natural break (a minute) the app sees the user away.
        assert _wait(lambda: app.status()["state"] == "away", timeout=100, interval=1.0), app.stderr
        away = app.status()
        assert away["idle_seconds"] >= 60

        sway.wtype("back")
        # The core looks again within its away poll (30 s) and counts from the return.
        assert _wait(lambda: app.status()["state"] == "sitting", timeout=45, interval=1.0), app.stderr
        back = app.status()
        assert back["idle_source"] == "wayland"
        assert back["idle_seconds"] < 35
        assert back["sitting_seconds"] < 40
    finally:
        app.stop()
