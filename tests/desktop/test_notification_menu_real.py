"""The reminder as the real notification daemon receives it: each menu entry once.

dunst lists every action of a notification in its context menu, by label; the Notify call the
app makes on the session bus is watched with dbus-monitor and its actions array checked.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path

from app_runner import RunningApp, write_config

NOTIFY_MATCH = "type='method_call',interface='org.freedesktop.Notifications',member='Notify'"


def notify_actions(monitor_output: str) -> list[list[tuple[str, str]]]:
    """The (key, label) pairs of every Notify call in dbus-monitor's output."""
    calls = []
    for call in monitor_output.split("member=Notify")[1:]:
        # arguments: app name, replaces id, icon, summary, body, then the actions array
        array = re.search(r"\n\s*array \[\n(.*?)\n\s*\]", call, re.S)
        strings = re.findall(r'^\s*string "(.*)"$', array.group(1), re.M) if array else []
        calls.append(list(zip(strings[::2], strings[1::2], strict=True)))
    return calls


def test_the_parser_reads_a_notify_call():
    sample = (
        "method call time=1 sender=:1.9 -> destination=org.freedesktop.Notifications serial=7 "
        "path=/org/freedesktop/Notifications; interface=org.freedesktop.Notifications; member=Notify\n"
        '   string "deskbreak"\n   uint32 0\n   string ""\n   string "Time"\n   string "Body"\n'
        '   array [\n      string "default"\n      string "Start break"\n'
        '      string "skip"\n      string "Skip"\n   ]\n   array [\n   ]\n   int32 -1\n'
    )
    assert notify_actions(sample) == [[("default", "Start break"), ("skip", "Skip")]]


def test_the_reminder_lists_each_action_once_and_a_body_click_starts_the_break(desktop, tmp_path: Path):
    desktop.close_notifications()
    log_path = tmp_path / "dbus-monitor.log"
    with log_path.open("w") as log:
        monitor = subprocess.Popen(
            ["dbus-monitor", "--session", NOTIFY_MATCH], env=desktop.env, stdout=log, stderr=subprocess.STDOUT
        )
    app = RunningApp(desktop, tmp_path / "home")
    try:
        assert desktop.wait_until(lambda: "NameAcquired" in log_path.read_text(), 10), log_path.read_text()
        write_config(app.home, 'sit_limit = "2s"\n')
        app.start()
        assert desktop.wait_until(lambda: desktop.notifications_displayed() == 1, 15), app.stderr
        assert desktop.wait_until(lambda: notify_actions(log_path.read_text()), 5), log_path.read_text()
        [actions] = notify_actions(log_path.read_text())
        labels = [label for _, label in actions]
        assert len(labels) == len(set(labels)), actions
        assert ("default", "Start break") in actions
        assert {key for key, _ in actions} >= {"default", "snooze", "skip"}
        # What a click on the body (or choosing "Start break" in the menu) does in dunst.
        assert desktop.run("dunstctl", "action", "0").returncode == 0
        assert desktop.wait_until(lambda: app.try_status() and app.status()["state"] == "on_break", 10)
    finally:
        app.stop()
        os.kill(monitor.pid, signal.SIGTERM)
        monitor.wait(5)
        desktop.close_notifications()
