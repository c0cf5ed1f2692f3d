"""The break lifecycle on the real app, with real X input: Escape, a window-manager close, and a
break asked for again while a window is open. Exactly one window, one outcome each, and the app
always back to tracking."""

from __future__ import annotations

import pytest
from app_runner import RunningApp, write_config
from wm_close import request_close

LONG_ROUTINE = """\
title = "Long test"
summary = "Two one-minute steps: long enough to be interrupted."

[[exercises]]
name = "Reach up"
focus = "extension"
duration = "60s"
cues = ["Reach up."]

[[exercises]]
name = "Turn"
focus = "rotation"
duration = "60s"
cues = ["Turn."]
"""
TITLE = "deskbreak — Long test"


@pytest.fixture
def app(desktop, tmp_path):
    home = tmp_path / "home"
    write_config(home, 'sit_limit = "1h"\nroutine = "long-test"\nnotifications = false\n')
    (home / "routines").mkdir(parents=True)
    (home / "routines" / "long-test.toml").write_text(LONG_ROUTINE, encoding="utf-8")
    running = RunningApp(desktop, home).start()
    yield running
    running.stop()


def open_break(app: RunningApp, desktop) -> str:
    done = app.cli("break-now")
    assert done.returncode == 0, done.stderr
    assert desktop.wait_until(lambda: len(app.windows_named(TITLE)) == 1, 10), app.stderr
    [window] = app.windows_named(TITLE)
    assert app.status()["state"] == "on_break"
    return window


def press_escape(app: RunningApp, desktop, window: str) -> None:
    """Escape, as a user presses it once the window has been up a moment: the window ignores keys
    in its first second (typing under way when it opened), so this presses until it closes."""
    for _ in range(10):
        desktop.xdotool("windowfocus", "--sync", window)
        desktop.xdotool("key", "--clearmodifiers", "Escape")
        if desktop.wait_until(lambda: window not in app.windows_named(TITLE), 0.5):
            return
    raise AssertionError(f"Escape never closed the break window\n{app.stderr}")


def back_to_tracking(app: RunningApp, desktop, entries: int) -> list[dict]:
    assert desktop.wait_until(lambda: app.windows_named(TITLE) == [], 10), app.stderr
    assert desktop.wait_until(lambda: app.status()["state"] == "sitting", 10), app.status()
    history = app.history()
    assert len(history) == entries
    return history


def test_keys_pressed_as_the_window_opens_are_ignored_then_escape_ends_the_break(app, desktop):
    window = open_break(app, desktop)
    desktop.xdotool("windowfocus", "--sync", window)
    desktop.xdotool("type", "--delay", "20", "typing ")  # still typing as it appeared
    desktop.xdotool("key", "--clearmodifiers", "Escape")
    assert app.windows_named(TITLE) == [window] and app.status()["state"] == "on_break"
    press_escape(app, desktop, window)
    [entry] = back_to_tracking(app, desktop, 1)
    assert entry["outcome"] == "ended_early"
    assert entry["ended_at"] is not None
    assert app.status()["next_break_at"] is not None


def test_the_window_managers_close_ends_the_break_once(app, desktop):
    window = open_break(app, desktop)
    request_close(desktop.display, int(window))
    [entry] = back_to_tracking(app, desktop, 1)
    assert entry["outcome"] == "ended_early"


def test_asking_again_during_a_break_keeps_exactly_one_window(app, desktop):
    first = open_break(app, desktop)
    for _ in range(3):
        assert app.cli("break-now").returncode == 0
    assert app.windows_named(TITLE) == [first]
    assert app.status()["state"] == "on_break"
    assert len(app.history()) == 1
    request_close(desktop.display, int(first))
    back_to_tracking(app, desktop, 1)
    # Right after one closed, a new break opens exactly one new window.
    second = open_break(app, desktop)
    assert second != first
    press_escape(app, desktop, second)
    assert [e["outcome"] for e in back_to_tracking(app, desktop, 2)] == ["ended_early", "ended_early"]


def test_a_break_from_the_last_breaks_complete_page_opens_exactly_one_new_window(desktop, tmp_path):
    from app_runner import add_quick_routine

    home = tmp_path / "quick"
    write_config(home, 'sit_limit = "1h"\nroutine = "quick-test"\nnotifications = false\n')
    add_quick_routine(home)
    app = RunningApp(desktop, home).start()
    try:
        title = "deskbreak — Quick test"
        assert app.cli("break-now").returncode == 0
        # Two one-second exercises, each after a 5-second get-ready.
        assert desktop.wait_until(lambda: app.history() and app.history()[0]["outcome"] == "completed", 30)
        [done_page] = app.windows_named(title)  # still open, on its "Break complete" page
        assert app.status()["state"] == "sitting"
        assert app.cli("break-now").returncode == 0
        assert desktop.wait_until(lambda: app.windows_named(title) not in ([], [done_page]), 10)
        assert len(app.windows_named(title)) == 1
        assert app.status()["state"] == "on_break"
        assert desktop.wait_until(
            lambda: len(app.history()) == 2 and app.history()[0]["outcome"] == "completed", 30
        )
        assert app.status()["state"] == "sitting"
    finally:
        app.stop()


def test_the_screen_locking_ends_the_break(app, desktop):
    open_break(app, desktop)
    signal = ["dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver"]
    assert desktop.run(*signal, "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true").returncode == 0
    [entry] = back_to_tracking(app, desktop, 1)
    assert entry["outcome"] == "ended_early"


def test_during_a_break_the_screen_is_kept_from_blanking_and_let_go_after(app, desktop, tmp_path):
    """Following a routine means not touching the keyboard: the app asks the desktop's screensaver
    to hold off (Inhibit) for the break, and lets go (its private bus connection closes) after."""
    import subprocess

    log_path = tmp_path / "dbus-monitor.log"
    with log_path.open("w") as log:
        monitor = subprocess.Popen(
            [
                "dbus-monitor",
                "--session",
                "interface='org.freedesktop.ScreenSaver'",
                "member='NameOwnerChanged'",
            ],
            env=desktop.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        assert desktop.wait_until(
            lambda: "NameAcquired" in log_path.read_text() or log_path.stat().st_size, 5
        )
        window = open_break(app, desktop)
        assert desktop.wait_until(lambda: "member=Inhibit" in log_path.read_text(), 10), log_path.read_text()
        inhibit = next(line for line in log_path.read_text().splitlines() if "member=Inhibit" in line)
        sender = inhibit.split("sender=")[1].split()[0]
        assert f'string "{sender}"' not in log_path.read_text().split("member=Inhibit")[-1]  # not gone yet
        press_escape(app, desktop, window)
        back_to_tracking(app, desktop, 1)

        def released() -> bool:
            after = log_path.read_text().split("member=Inhibit")[-1]
            return f'string "{sender}"' in after and "NameOwnerChanged" in after

        assert desktop.wait_until(released, 10), log_path.read_text()
        assert app.alive
    finally:
        monitor.terminate()
        monitor.wait(5)
