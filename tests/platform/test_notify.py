"""Notification routes: notify-send with buttons, plyer, and the tray balloon as the last resort."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreak.platform.notify import (
    ActionEmitter,
    NotifySendNotifier,
    PlyerNotifier,
    TrayMessageNotifier,
    create_notifier,
    distinct_actions,
    notify_send_has_actions,
)


def _fake_notify_send(tmp_path: Path, output: str) -> Path:
    """A stand-in for notify-send that records its arguments and prints `output`."""
    script = tmp_path / "notify-send"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path}/args"\nprintf "{output}"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_notify_send_route_reports_the_chosen_button(qtbot, tmp_path):
    notifier = NotifySendNotifier(
        str(_fake_notify_send(tmp_path, "17\\nsnooze\\n")), icon="/i.svg", has_actions=lambda _: True
    )
    with qtbot.waitSignal(notifier.action_invoked, timeout=5000) as chosen:
        assert notifier.show("Time for a break", "You sat 45 min.", {"start": "Start", "snooze": "Snooze"})
    assert chosen.args == ["snooze"]
    args = (tmp_path / "args").read_text().splitlines()
    assert "--action=start=Start" in args and "--action=snooze=Snooze" in args
    assert "--wait" in args and "--icon=/i.svg" in args
    assert args[-2:] == ["Time for a break", "You sat 45 min."]


def test_notify_send_closed_without_a_choice_invokes_nothing(qtbot, tmp_path):
    notifier = NotifySendNotifier(str(_fake_notify_send(tmp_path, "17\\n")), has_actions=lambda _: True)
    fired: list[str] = []
    notifier.action_invoked.connect(fired.append)
    notifier.show("t", "b", {"start": "Start"})
    assert notifier._process is not None
    assert notifier._process.waitForFinished(5000)
    qtbot.wait(50)  # let the queued finished() signal be delivered
    assert fired == []


def test_missing_notify_send_program_falls_through(qtbot, tmp_path):
    notifier = NotifySendNotifier(str(tmp_path / "no-such-program"), has_actions=lambda _: True)
    assert notifier.show("t", "b", {}) is False


def test_plyer_without_backend_falls_back_to_the_tray_balloon(qtbot):
    shown: list[tuple[str, str]] = []

    def broken_plyer(**_: object) -> None:
        raise NotImplementedError("No usable implementation found!")

    chain = create_notifier(lambda t, b: shown.append((t, b)), platform="linux", which=lambda _: None)
    assert [type(r) for r in chain.routes] == [PlyerNotifier, TrayMessageNotifier]
    chain.routes[0]._notify = broken_plyer
    assert chain.show("Time for a break", "body", {"start": "Start"})
    assert shown == [("Time for a break", "body")]


def test_notify_send_that_fails_after_starting_hands_over_to_the_next_route(qtbot, tmp_path):
    script = tmp_path / "notify-send"
    script.write_text("#!/bin/sh\necho 'Unknown option --action' >&2\nexit 1\n")
    script.chmod(0o755)
    shown: list[tuple[str, str]] = []
    chain = create_notifier(
        lambda t, b: shown.append((t, b)), platform="linux", which=lambda _: str(script),
        has_actions=lambda _: True,
    )  # fmt: skip
    # Leave plyer out: it would shell out to the real notify-send of this machine.
    chain.routes = [chain.routes[0], chain.routes[-1]]
    assert chain.show("Time for a break", "body", {"start": "Start"})
    qtbot.waitUntil(lambda: shown == [("Time for a break", "body")], timeout=5000)


def test_old_notify_send_without_actions_is_not_used(qtbot):
    shown: list[tuple[str, str]] = []
    probes: list[str] = []

    def old(program: str) -> bool:
        probes.append(program)
        return False

    chain = create_notifier(
        lambda t, b: shown.append((t, b)), platform="linux", which=lambda n: f"/usr/bin/{n}", has_actions=old
    )
    assert probes == []  # nothing is spawned at start-up
    chain.routes = [chain.routes[0], chain.routes[-1]]  # notify-send, then the tray
    assert chain.show("t", "b", {"start": "Start"})
    assert chain.show("t", "b", {"start": "Start"})
    assert probes == ["/usr/bin/notify-send"]  # probed once, at the first reminder
    assert shown == [("t", "b"), ("t", "b")]


def test_probe_reads_notify_send_help(tmp_path):
    new = tmp_path / "new"
    new.write_text("#!/bin/sh\necho '  -A, --action=[NAME=]Text...'\n")
    old = tmp_path / "old"
    old.write_text("#!/bin/sh\necho '  -u, --urgency=LEVEL'\n")
    for script in (new, old):
        script.chmod(0o755)
    assert notify_send_has_actions(str(new))
    assert not notify_send_has_actions(str(old))
    assert not notify_send_has_actions(str(tmp_path / "missing"))


def test_tray_balloon_click_starts_the_break_only_for_a_reminder(qtbot):
    chain = create_notifier(lambda t, b: None, platform="darwin", desktop_notifier=lambda _: None)
    tray_route = chain.routes[0]
    assert isinstance(tray_route, TrayMessageNotifier)  # native on macOS/Windows: first choice
    fired: list[str] = []
    chain.action_invoked.connect(fired.append)
    tray_route.message_clicked()  # e.g. a click on the "problem with your files" balloon
    assert fired == []
    chain.show("Time for a break", "body", {})
    tray_route.message_clicked()
    assert fired == ["start"]
    chain.show("Time for a break", "body", {})
    chain.withdraw()  # answered from the menu meanwhile
    tray_route.message_clicked()
    assert fired == ["start"]


def test_linux_prefers_notify_send_when_present(qtbot):
    chain = create_notifier(
        lambda t, b: None, platform="linux", which=lambda name: f"/usr/bin/{name}", has_actions=lambda _: True
    )
    assert isinstance(chain.routes[0], NotifySendNotifier)
    assert isinstance(chain.routes[-1], TrayMessageNotifier)


class _FakeRichRoute(ActionEmitter):
    name = "desktop-notifier"


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_windows_and_macos_chain_with_and_without_desktop_notifier(qtbot, platform):
    icons: list[str | None] = []

    def installed(icon: str | None) -> ActionEmitter:
        icons.append(icon)
        return _FakeRichRoute()

    chain = create_notifier(lambda t, b: None, icon="/i.png", platform=platform, desktop_notifier=installed)
    assert [type(r) for r in chain.routes] == [_FakeRichRoute, PlyerNotifier, TrayMessageNotifier]
    assert icons == ["/i.png"]
    # Without the library the tray balloon stays first: it is native there and reports a click.
    chain = create_notifier(lambda t, b: None, platform=platform, desktop_notifier=lambda _: None)
    assert [type(r) for r in chain.routes] == [TrayMessageNotifier, PlyerNotifier]


def test_linux_never_asks_for_desktop_notifier(qtbot):
    def installed(icon: str | None) -> ActionEmitter:
        raise AssertionError("desktop-notifier is for Windows and macOS")

    chain = create_notifier(
        lambda t, b: None, platform="linux", which=lambda _: None, desktop_notifier=installed
    )
    assert [type(r) for r in chain.routes] == [PlyerNotifier, TrayMessageNotifier]


REMINDER_ACTIONS = {
    "default": "Start break",
    "start": "Start break",
    "snooze": "Snooze 5 min",
    "skip": "Skip",
}


def test_a_daemon_menu_lists_start_break_once_and_the_body_click_still_starts(qtbot, tmp_path):
    notifier = NotifySendNotifier(
        str(_fake_notify_send(tmp_path, "17\\ndefault\\n")), has_actions=lambda _: True
    )
    with qtbot.waitSignal(notifier.action_invoked, timeout=5000) as chosen:
        assert notifier.show("Time for a break", "You sat 45 min.", REMINDER_ACTIONS)
    assert chosen.args == ["default"]  # the controller starts the break on "default"
    sent = [a for a in (tmp_path / "args").read_text().splitlines() if a.startswith("--action=")]
    assert sent == ["--action=default=Start break", "--action=snooze=Snooze 5 min", "--action=skip=Skip"]


@given(st.dictionaries(st.sampled_from(["default", "start", "snooze", "skip", "x"]), st.sampled_from("abc")))
def test_distinct_actions_keeps_every_label_once_and_the_default_action(actions):
    kept = distinct_actions(actions)
    assert sorted(kept.values()) == sorted(set(actions.values()))
    assert list(kept) == [key for key in actions if key in kept]  # order kept
    assert all(actions[key] == label for key, label in kept.items())
    if "default" in actions:
        assert "default" in kept
