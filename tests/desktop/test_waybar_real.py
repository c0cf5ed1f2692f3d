"""README.md's waybar module, run by a real waybar on a real (headless) sway, clicked for real.

The module config and style.css are taken from README.md's "Status bars" section (so the test
fails when that snippet breaks) and given, as written, to Debian's waybar (0.9.17), running on
the private headless sway of sway_session.py with `deskbreak` on its PATH. The app runs on the
shared Xvfb desktop, as in the other desktop tests: waybar only reaches it through the CLI.

What is checked: waybar builds the module and loads the CSS without an error in its log; it
starts one follower (`deskbreak status --follow --format waybar --wait`) as its child, the same
one after the clicks and after the app quits (--wait); what it draws follows the app (the
README's CSS colours the module when a break is due, and not once snoozed; grim takes the
screenshots); and its three click bindings, clicked through sway (a virtual pointer and
`swaymsg seat seat0 cursor`), skip, snooze and start a break in the app (and what those
commands print shows in waybar's output).

A test-only CSS line gives the module a magenta bottom border, to find it on screen: nothing in
waybar's layout says where a module is. Screenshots of each step are left in the test's tmp_path.

Without sway, swaymsg, waybar or grim this skips, unless CI=true or DESKBREAK_REQUIRE_DESKTOP=1.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from app_runner import RunningApp, write_config
from conftest import desktop_required
from sway_session import SwaySession

README = Path(__file__).resolve().parents[2] / "README.md"
INSTALL_HINT = "apt install sway waybar grim"

BAR_HEIGHT = 30  # set in the config written here; the output is sway_session's 1280x800
SCREEN_WIDTH = 1280
LOCATOR = (255, 0, 255)  # the test-only border under the module
LOCATOR_CSS = (
    "\n/* test only: mark where the module is */\n#custom-deskbreak { border-bottom: 3px solid #ff00ff; }\n"
)
DUE_COLOUR = (229, 165, 10)  # #e5a50a, README's colour for due and overdue

# waybar 0.9.17 prints this when an output's description has no "(name)", as a headless one
# (src/client.cpp, handleOutputDescription); harmless: the bar comes up on that output.
HEADLESS_NOISE = "basic_string::_M_create"
LOG_ERRORS = re.compile(
    r"\[(error|critical)\]|exception|syntax error|stopped unexpectedly|unable to open|Gtk-(WARNING|CRITICAL)"
    r"|Traceback|Nothing to ",
    re.IGNORECASE,
)


def readme_waybar_snippets() -> tuple[str, str]:
    """The waybar config fragment (JSON) and style.css from README.md's "Status bars" section."""
    text = README.read_text(encoding="utf-8")
    start = text.index("### Status bars")
    end = text.index("\n## ", start)
    section = text[start:end]
    configs = re.findall(r"```json\n(.*?)```", section, re.DOTALL)
    styles = re.findall(r"```css\n(.*?)```", section, re.DOTALL)
    assert len(configs) == 1 and len(styles) == 1, "README's Status bars section: one json, one css block"
    return configs[0], styles[0]


def _require(tools: list[str]) -> None:
    if tools:
        message = f"missing {', '.join(tools)} ({INSTALL_HINT})"
        if desktop_required():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def _wait(predicate: Callable[[], Any], timeout: float, interval: float = 0.05) -> Any:
    deadline = time.monotonic() + timeout
    while not (result := predicate()):
        if time.monotonic() >= deadline:
            return result
        time.sleep(interval)
    return result


def _descendants(pid: int) -> list[tuple[int, list[str]]]:
    """(pid, argv) of every process below `pid`, from /proc."""
    children: dict[int, list[int]] = {}
    argv: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue  # ended meanwhile
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
        argv[int(entry.name)] = [part.decode(errors="replace") for part in cmdline.split(b"\0") if part]
    found: list[tuple[int, list[str]]] = []
    todo = list(children.get(pid, []))
    while todo:
        child = todo.pop()
        found.append((child, argv.get(child, [])))
        todo.extend(children.get(child, []))
    return found


@dataclass(frozen=True)
class Look:
    """The module as drawn: where it is, and its pixels."""

    span: tuple[int, int]  # its first and last column (the locator border's)
    pixels: bytes  # RGB, its columns of each row of the bar
    due_pixels: int  # how many have README's due colour, give or take antialiasing

    @property
    def middle(self) -> tuple[int, int]:
        return (self.span[0] + self.span[1]) // 2, BAR_HEIGHT // 2


class Screen:
    """The bar's strip of sway's output, as grim captures it."""

    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.env = env
        self.folder = folder
        self.region = f"0,0 {SCREEN_WIDTH}x{BAR_HEIGHT}"

    def look(self) -> Look | None:
        """The module now, or None while it is not drawn."""
        done = subprocess.run(
            ["grim", "-t", "ppm", "-g", self.region, "-"],
            env=self.env,
            capture_output=True,
            timeout=20,
            check=False,
        )
        assert done.returncode == 0, f"grim failed: {done.stderr.decode(errors='replace')}"
        magic, width_text, height_text, maxval, image = done.stdout.split(maxsplit=4)
        assert magic == b"P6" and maxval == b"255"
        width, height = int(width_text), int(height_text)
        rows = [image[y * width * 3 : (y + 1) * width * 3] for y in range(height)]
        columns = [x for row in rows for x in range(width) if tuple(row[x * 3 : x * 3 + 3]) == LOCATOR]
        if not columns:
            return None
        first, last = min(columns), max(columns)
        pixels = b"".join(row[first * 3 : (last + 1) * 3] for row in rows)
        due = sum(
            1
            for at in range(0, len(pixels), 3)
            if sum(abs(pixels[at + i] - DUE_COLOUR[i]) for i in range(3)) <= 30
        )
        return Look((first, last), pixels, due)

    def save(self, name: str) -> None:
        """A PNG of the bar for a human to look at."""
        subprocess.run(
            ["grim", "-g", self.region, str(self.folder / f"waybar-{name}.png")],
            env=self.env,
            timeout=20,
            check=False,
        )


class Waybar:
    """waybar with a config folder and a PATH; ended by its PID with SIGINT (its clean exit,
    which also ends the follower it started), then SIGKILL, and any follower left by PID."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.log_path = log_path
        with open(log_path, "wb") as log:
            self.popen = subprocess.Popen(
                ["waybar", "-l", "debug"],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.seen: set[int] = set()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def followers(self, argv: list[str]) -> list[int]:
        """PIDs of the deskbreak processes below waybar that run `argv` (README's exec)."""
        found = [
            pid
            for pid, cmd in _descendants(self.popen.pid)
            if cmd[-len(argv) :] == argv and cmd[: -len(argv)][-2:] == ["-m", "deskbreak"]
        ]
        self.seen.update(found)
        return found

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGINT)
            try:
                self.popen.wait(5)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(5)
        for pid in self.seen:  # waybar ends its follower's process group; make sure
            try:
                if b"--follow" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    os.kill(pid, signal.SIGKILL)
            except (FileNotFoundError, ProcessLookupError):
                pass


@pytest.fixture
def sway(tmp_path: Path) -> Iterator[SwaySession]:
    _require([tool for tool in ("sway", "swaymsg", "waybar", "grim") if shutil.which(tool) is None])
    with SwaySession(tmp_path / "sway") as session:
        session.add_pointer()  # before waybar starts, so its bar gets a wl_pointer
        yield session


@pytest.fixture
def app(desktop, tmp_path: Path) -> Iterator[RunningApp]:
    app = RunningApp(desktop, tmp_path / "home")
    write_config(app.home, 'sit_limit = "3s"\n')
    yield app
    app.stop()
    desktop.close_notifications()


def test_readme_waybar_module_runs_in_waybar_and_its_clicks_reach_the_app(
    sway: SwaySession, app: RunningApp, tmp_path: Path
) -> None:
    fragment, style = readme_waybar_snippets()
    module = json.loads("{" + fragment + "}")  # the README gives the inside of the config object
    assert "custom/deskbreak" in module["modules-right"]
    settings = module["custom/deskbreak"]
    follow_argv = shlex.split(settings["exec"])
    assert follow_argv[0] == "deskbreak" and settings["return-type"] == "json"

    # waybar reads the README's text as written, wrapped into a bar at the top.
    config_dir = app.home / "xdg-config" / "waybar"
    config_dir.mkdir(parents=True)
    (config_dir / "config").write_text(
        f'{{\n"position": "top",\n"height": {BAR_HEIGHT},\n{fragment}}}\n', encoding="utf-8"
    )
    (config_dir / "style.css").write_text(style + LOCATOR_CSS, encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "deskbreak"
    wrapper.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m deskbreak "$@"\n')
    wrapper.chmod(0o755)

    # As on a sway desktop: only sway's display (no DISPLAY, no Qt platform forced); the app's
    # DESKBREAK_HOME and XDG_CONFIG_HOME, which holds waybar's folder.
    env = sway.client_env(app.env)
    env.pop("QT_QPA_PLATFORM", None)
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
        SWAYSOCK=sway.ipc_socket,
        GDK_BACKEND="wayland",
        XDG_SESSION_TYPE="wayland",
        XDG_CURRENT_DESKTOP="sway",
    )
    screen = Screen(env, tmp_path)

    app.start()
    waybar = Waybar(env, tmp_path / "waybar.log")
    try:
        assert _wait(screen.look, 15), f"waybar drew no custom/deskbreak module:\n{waybar.log()}"
        log = waybar.log()
        assert f"Using CSS file {config_dir / 'style.css'}" in log
        assert "label#custom-deskbreak" in log  # the GTK widget tree waybar prints at debug
        followers = _wait(lambda: waybar.followers(follow_argv[1:]), 10)
        assert len(followers) == 1, _descendants(waybar.popen.pid)

        # Due (a 3 s sit limit): the README's CSS colours the module.
        assert _wait(lambda: app.status()["state"] in ("due", "overdue"), 15, 0.2), app.stderr
        due = _wait(lambda: (look := screen.look()) and look.due_pixels >= 5 and look, 10)
        assert due, "waybar does not show the module in the README's due colour"
        screen.save("due")

        # Middle click: skip. The next reminder is a full (3 s) sit limit away.
        sway.click(*due.middle, "button2")
        assert _wait(lambda: [e["outcome"] for e in app.history()][:1] == ["skipped"], 10, 0.2), app.stderr

        # Due again; right click: snooze. The module leaves the due colour.
        assert _wait(lambda: app.status()["state"] in ("due", "overdue"), 15, 0.2), app.stderr
        due = _wait(lambda: (look := screen.look()) and look.due_pixels >= 5 and look, 10)
        assert due, "waybar does not show the module as due again"
        sway.click(*due.middle, "button3")
        assert _wait(lambda: app.status()["state"] == "snoozed", 10, 0.2), app.stderr
        snoozed = _wait(lambda: (look := screen.look()) and look.due_pixels == 0 and look, 10)
        assert snoozed, "waybar still shows the module as due after the snooze"
        screen.save("snoozed")
        assert [e["outcome"] for e in app.history()][:2] == ["snoozed", "skipped"]

        # Left click: a break now.
        sway.click(*snoozed.middle, "button1")
        assert _wait(lambda: app.status()["state"] == "on_break", 10, 0.2), app.stderr
        on_break = _wait(lambda: (look := screen.look()) and look.pixels != snoozed.pixels and look, 10)
        assert on_break, "waybar's module did not change when the break started"
        screen.save("on_break")

        # Each click ran its command (what they printed is in waybar's output), and nothing else:
        # still the one follower.
        log = waybar.log()
        assert "Skipped: the next break is at " in log and "Snoozed: the reminder comes again at " in log
        assert "Break window opened." in log
        assert waybar.followers(follow_argv[1:]) == followers

        # The app quits: the module changes (class `stopped`) and, with --wait, the follower stays.
        assert app.stop() == 0
        assert _wait(lambda: (look := screen.look()) is None or look.pixels != on_break.pixels, 10)
        screen.save("stopped")
        assert waybar.followers(follow_argv[1:]) == followers

        assert waybar.popen.poll() is None, waybar.log()
        errors = [
            line
            for line in waybar.log().splitlines()
            if LOG_ERRORS.search(line) and HEADLESS_NOISE not in line
        ]
        assert not errors, waybar.log()
    finally:
        waybar.stop()
