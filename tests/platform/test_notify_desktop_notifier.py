"""The desktop-notifier route (Windows and macOS reminders with buttons), against a fake library."""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from deskbreak.platform.notify import TrayMessageNotifier, create_notifier
from deskbreak.platform.notify_desktop_notifier import (
    THREAD_NAME,
    DesktopNotifierRoute,
    desktop_notifier_route,
)

REMINDER_ACTIONS = {
    "default": "Start break",
    "start": "Start break",
    "snooze": "Snooze 5 min",
    "skip": "Skip",
}


@dataclass(frozen=True)
class FakeButton:
    title: str
    on_pressed: Callable[[], Any] | None = None
    identifier: str = ""


@dataclass
class Sent:
    identifier: str
    title: str
    message: str
    buttons: list[FakeButton]
    on_clicked: Callable[[], Any] | None


@dataclass
class Desktop:
    """What the fake library's notification center saw, and how it behaves."""

    capabilities: set[str] = field(default_factory=lambda: {"buttons"})
    authorised: bool = True
    send_error: Exception | None = None
    dispatch: bool = True  # False: send() swallowed a backend error, as the real one does
    gate: threading.Event | None = None  # holds the loop thread before its first call
    created: list[dict[str, Any]] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)
    loop: asyncio.AbstractEventLoop | None = None

    def press(self, callback: Callable[[], Any] | None) -> None:
        """A click, reported on the loop thread as the Windows backend does."""
        assert callback is not None and self.loop is not None
        self.loop.call_soon_threadsafe(callback)


def fake_library(desktop: Desktop) -> SimpleNamespace:
    class FakeDesktopNotifier:
        def __init__(self, app_name: str, app_icon: Any = None) -> None:
            if desktop.gate is not None:
                desktop.gate.wait(5)
            desktop.created.append({"app_name": app_name, "app_icon": app_icon})
            desktop.loop = asyncio.get_running_loop()

        async def get_capabilities(self) -> frozenset[str]:
            return frozenset(desktop.capabilities)

        async def request_authorisation(self) -> bool:
            return desktop.authorised

        async def send(self, title: str, message: str, buttons: Any = (), **kwargs: Any) -> str:
            if desktop.send_error is not None:
                raise desktop.send_error
            identifier = f"n{len(desktop.sent) + 1}"
            desktop.sent.append(Sent(identifier, title, message, list(buttons), kwargs.get("on_clicked")))
            if desktop.dispatch:
                kwargs["on_dispatched"]()
            return identifier

        async def clear(self, identifier: str) -> None:
            desktop.cleared.append(identifier)

    return SimpleNamespace(
        DesktopNotifier=FakeDesktopNotifier,
        Button=FakeButton,
        Icon=lambda path: ("icon", path),
        Capability=SimpleNamespace(BUTTONS="buttons"),
    )


@pytest.fixture
def desktop() -> Desktop:
    return Desktop()


@pytest.fixture
def make_route(desktop: Desktop) -> Iterator[Callable[..., DesktopNotifierRoute]]:
    routes: list[DesktopNotifierRoute] = []

    def make(icon: str | None = None) -> DesktopNotifierRoute:
        routes.append(DesktopNotifierRoute(icon, library=fake_library(desktop)))
        return routes[-1]

    yield make
    for route in routes:
        route.close()


def _remind(qtbot, route: DesktopNotifierRoute, desktop: Desktop, body: str = "You sat 52 min.") -> Sent:
    """Show a reminder and wait until the fake notification center has it."""
    count = len(desktop.sent)
    assert route.show("Time for a break", body, REMINDER_ACTIONS)
    qtbot.waitUntil(lambda: len(desktop.sent) == count + 1, timeout=5000)
    return desktop.sent[-1]


def _answers(route: DesktopNotifierRoute) -> list[str]:
    fired: list[str] = []
    route.action_invoked.connect(fired.append)
    return fired


def _notifier_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == THREAD_NAME]


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_no_thread_until_the_first_reminder(qtbot, desktop, make_route, platform):
    before = _notifier_threads()
    chain = create_notifier(lambda t, b: None, icon="/i/deskbreak-64.png", platform=platform,
                            desktop_notifier=make_route)  # fmt: skip
    assert isinstance(chain.routes[0], DesktopNotifierRoute)
    chain.withdraw()  # a break started before any reminder came
    assert _notifier_threads() == before and desktop.created == []
    assert chain.show("Time for a break", "You sat 52 min.", REMINDER_ACTIONS)
    qtbot.waitUntil(lambda: len(desktop.sent) == 1, timeout=5000)
    assert len(_notifier_threads()) == len(before) + 1
    assert desktop.created == [{"app_name": "deskbreak", "app_icon": ("icon", Path("/i/deskbreak-64.png"))}]


@pytest.mark.parametrize(
    ("clicked", "action"),
    [("Start break", "start"), ("Snooze 5 min", "snooze"), ("Skip", "skip"), ("body", "default")],
)
def test_buttons_and_body_click_answer_on_the_gui_thread(qtbot, desktop, make_route, clicked, action):
    route = make_route()
    threads: list[threading.Thread] = []
    route.action_invoked.connect(lambda _: threads.append(threading.current_thread()))
    sent = _remind(qtbot, route, desktop)
    assert (sent.title, sent.message) == ("Time for a break", "You sat 52 min.")
    assert [(b.title, b.identifier) for b in sent.buttons] == [
        ("Start break", "start"), ("Snooze 5 min", "snooze"), ("Skip", "skip"),
    ]  # fmt: skip
    press = (
        sent.on_clicked
        if clicked == "body"
        else next(b for b in sent.buttons if b.title == clicked).on_pressed
    )
    with qtbot.waitSignal(route.action_invoked, timeout=5000) as answered:
        desktop.press(press)
    assert answered.args == [action]
    assert threads == [threading.main_thread()]


def test_a_notice_without_actions_has_no_buttons_and_no_click(qtbot, desktop, make_route):
    route = make_route()
    assert route.show("A break in a minute", "Finish what you are doing.", {})
    qtbot.waitUntil(lambda: len(desktop.sent) == 1, timeout=5000)
    assert desktop.sent[0].buttons == [] and desktop.sent[0].on_clicked is None


def test_a_second_reminder_replaces_the_first(qtbot, desktop, make_route):
    route = make_route()
    fired = _answers(route)
    first = _remind(qtbot, route, desktop)
    second = _remind(qtbot, route, desktop, "You sat 57 min.")  # the repeat, 5 min later
    assert desktop.cleared == ["n1"]  # cleared before the second was sent
    with qtbot.waitSignal(route.action_invoked, timeout=5000):
        desktop.press(first.buttons[2].on_pressed)  # left in the notification center: ignored
        desktop.press(second.buttons[1].on_pressed)
    assert fired == ["snooze"]


def test_withdraw_clears_the_reminder_and_ignores_a_late_click(qtbot, desktop, make_route):
    route = make_route()
    fired = _answers(route)
    first = _remind(qtbot, route, desktop)
    route.withdraw()  # the break was started from the tray menu
    qtbot.waitUntil(lambda: desktop.cleared == ["n1"], timeout=5000)
    second = _remind(qtbot, route, desktop, "again")
    with qtbot.waitSignal(route.action_invoked, timeout=5000):
        desktop.press(first.buttons[0].on_pressed)
        desktop.press(second.buttons[2].on_pressed)
    assert fired == ["skip"]
    assert desktop.cleared == ["n1"]  # nothing left to clear when the second came


def test_a_reminder_withdrawn_or_replaced_before_it_was_sent_never_appears(qtbot, desktop, make_route):
    desktop.gate = threading.Event()  # e.g. macOS asking the user for permission
    route = make_route()
    route.show("Time for a break", "first", REMINDER_ACTIONS)
    route.withdraw()
    route.show("A break in a minute", "heads-up", {})
    route.show("Time for a break", "second", REMINDER_ACTIONS)
    desktop.gate.set()
    qtbot.waitUntil(lambda: len(desktop.sent) == 1, timeout=5000)
    route.show("Time for a break", "third", REMINDER_ACTIONS)  # queued behind the stale ones
    qtbot.waitUntil(lambda: len(desktop.sent) == 2, timeout=5000)
    assert [s.message for s in desktop.sent] == ["second", "third"]


@pytest.mark.parametrize(
    "breakage",
    [
        pytest.param({"send_error": RuntimeError("toast manager gone")}, id="send-raises"),
        pytest.param({"dispatch": False}, id="send-swallows-an-error"),
        pytest.param({"capabilities": set()}, id="dummy-backend"),
        pytest.param({"authorised": False}, id="not-allowed"),
    ],
)
def test_a_failure_hands_the_reminder_on_and_is_logged_once(qtbot, caplog, desktop, make_route, breakage):
    for key, value in breakage.items():
        setattr(desktop, key, value)
    shown: list[tuple[str, str]] = []
    chain = create_notifier(lambda t, b: shown.append((t, b)), platform="win32", desktop_notifier=make_route)
    chain.routes = [chain.routes[0], chain.routes[-1]]  # leave plyer out: it would use this machine
    route = chain.routes[0]
    assert isinstance(route, DesktopNotifierRoute) and isinstance(chain.routes[1], TrayMessageNotifier)
    caplog.set_level(logging.WARNING, logger="deskbreak.platform.notify_desktop_notifier")
    assert chain.show("Time for a break", "body", REMINDER_ACTIONS)  # accepted, then failed on the loop
    qtbot.waitUntil(lambda: shown == [("Time for a break", "body")], timeout=5000)
    assert route.show("Time for a break", "body", REMINDER_ACTIONS) is False
    assert chain.show("Time for a break", "later", REMINDER_ACTIONS)
    assert shown[-1] == ("Time for a break", "later")
    warnings = [r for r in caplog.records if r.name == "deskbreak.platform.notify_desktop_notifier"]
    assert len(warnings) == 1 and "next route" in warnings[0].getMessage()
    assert len(desktop.sent) <= 1 and len(desktop.created) == 1  # tried once, never again


def test_without_the_library_there_is_no_route(monkeypatch):
    monkeypatch.setitem(sys.modules, "desktop_notifier", None)  # import raises ImportError
    assert desktop_notifier_route("/i.png") is None
