"""The follow request: the app pushes a status line on change only, over both transports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from deskbreak.app.ipc_follow import StatusFeed

SERVER_CHILD = """
import sys
from PySide6.QtCore import QCoreApplication, QTimer
from deskbreak.app.ipc_follow import StatusFeed
from deskbreak.app.ipc_{backend} import {cls}
app = QCoreApplication([])
state = {{"state": "sitting", "sitting_seconds": 60, "idle_seconds": 0.0}}
feed = StatusFeed(lambda: dict(state))
def change(request):
    state.update(request["to"])
    feed.publish()
    return {{}}
def leave(request):
    QTimer.singleShot(0, server.close)
    QTimer.singleShot(0, app.quit)
    return {{}}
server = {cls}(sys.argv[1], {{"set": change, "leave": leave}}, feed)
print("ready", flush=True)
app.exec()
"""


@pytest.mark.parametrize("backend", ["unix", "qt"])
def test_followers_get_a_line_per_change_and_see_the_app_leave(backend, tmp_path, monkeypatch):
    from deskbreak.app.ipc import NotRunning
    from deskbreak.app.ipc_qt import QtFollow, send_qt
    from deskbreak.app.ipc_unix import UnixFollow, send_unix

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    cls = {"unix": "UnixCommandServer", "qt": "QtCommandServer"}[backend]
    send, follow = {"unix": (send_unix, UnixFollow), "qt": (send_qt, QtFollow)}[backend]
    name = f"deskbreak-follow-{backend}"
    child = subprocess.Popen(
        [sys.executable, "-c", SERVER_CHILD.format(backend=backend, cls=cls), name],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        first, second = follow(name, 3000), follow(name, 3000)
        start = {"ok": True, "state": "sitting", "sitting_seconds": 60, "idle_seconds": 0.0}
        for stream in (first, second):
            assert stream.next(3) == start

        def set_(**to: object) -> None:
            assert send(name, json.dumps({"cmd": "set", "to": to}).encode() + b"\n", 3000)["ok"]

        set_(idle_seconds=12.5, sitting_seconds=75)  # only ticking figures: nothing is pushed
        assert first.next(0.3) is None
        set_(state="due")
        for stream in (first, second):
            assert stream.next(3) == {"ok": True, "state": "due", "sitting_seconds": 75, "idle_seconds": 12.5}
        second.close()  # one follower leaving does not trouble the other
        set_(state="paused", sitting_seconds=0)
        assert first.next(3)["state"] == "paused"
        assert send(name, b'{"cmd": "leave"}\n', 3000)["ok"]
        with pytest.raises(NotRunning):
            first.next(3)
        first.close()
        assert child.wait(10) == 0
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()


def test_feed_compares_what_a_bar_shows_and_drops_dead_followers():
    state = {"state": "sitting", "sitting_seconds": 600, "idle_seconds": 1.0, "tray": {"x": 1}}
    wall = [1000.0]
    feed = StatusFeed(lambda: dict(state), wall=lambda: wall[0])
    got: list[bytes] = []
    feed.publish()  # nobody follows: the status is not even built
    assert feed.add("a", lambda line: bool(got.append(line)) or True)
    assert len(got) == 1
    wall[0] += 60
    state.update(sitting_seconds=660, idle_seconds=30.0, tray={"x": 2})  # the stretch goes on
    feed.publish()
    assert len(got) == 1
    wall[0] += 60
    state.update(sitting_seconds=5)  # sat down anew in the same state: the stretch moved
    feed.publish()
    assert len(got) == 2
    feed.add("dead", lambda line: False)
    assert len(feed) == 1
    state.update(state="due")
    feed.followers["dead"] = lambda line: False
    feed.publish()
    assert len(got) == 3 and len(feed) == 1
    feed.remove("a")
    feed.publish()
    assert len(feed) == 0
