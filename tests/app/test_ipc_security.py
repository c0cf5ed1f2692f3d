"""The command socket and the instance lock: private to this user, and recovered after a crash."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from deskbreak.app import paths as app_paths

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets and uids")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture
def private_runtime(tmp_path_factory, monkeypatch) -> Path:
    """A short private XDG_RUNTIME_DIR (sun_path is ~100 bytes, so not the long tmp_path)."""
    folder = Path(tempfile.mkdtemp(prefix="dbsec-"))
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()


@pytest.fixture
def paths(tmp_path, monkeypatch):
    from deskbreak.app.paths import resolve_paths

    monkeypatch.setenv("DESKBREAK_HOME", str(tmp_path / "home"))
    return resolve_paths()


def test_lock_and_socket_share_the_private_runtime_folder_not_the_data_folder(private_runtime, paths, qtbot):
    from deskbreak.app.ipc_unix import UnixCommandServer, socket_path

    server = UnixCommandServer(paths.server_name, {})
    try:
        sock = socket_path(paths.server_name)
        assert sock.parent == paths.lock_file.parent == private_runtime
        assert paths.data_dir not in paths.lock_file.parents
        assert _mode(private_runtime) == 0o700
        assert stat.S_ISSOCK(sock.lstat().st_mode) and _mode(sock) == 0o600
        assert sock.lstat().st_uid == os.getuid()
    finally:
        server.close()


def test_the_socket_is_0600_whatever_the_umask(private_runtime, qtbot):
    from deskbreak.app.ipc_unix import UnixCommandServer, socket_path

    old = os.umask(0)
    try:
        server = UnixCommandServer("deskbreak-umask", {})
    finally:
        os.umask(old)
    try:
        assert _mode(socket_path("deskbreak-umask")) == 0o600
    finally:
        server.close()


@pytest.mark.parametrize("loose_mode", [0o750, 0o755, 0o777])
def test_a_runtime_dir_others_can_open_is_not_used(tmp_path, monkeypatch, loose_mode):
    from deskbreak.app.paths import runtime_dir

    loose = tmp_path / "run"
    loose.mkdir()
    loose.chmod(loose_mode)
    monkeypatch.setattr(app_paths, "FALLBACK_TMP", str(tmp_path))
    monkeypatch.setattr(app_paths, "RUN_USER", str(tmp_path / "no-run-user"))
    folder = runtime_dir("deskbreak-x", {"XDG_RUNTIME_DIR": str(loose)})
    assert folder == tmp_path / f"deskbreak-{os.getuid()}"
    assert _mode(folder) == 0o700 and folder.stat().st_uid == os.getuid()


def test_a_private_runtime_dir_is_used_and_a_relative_or_missing_one_is_not(tmp_path, monkeypatch):
    from deskbreak.app.paths import runtime_dir

    monkeypatch.setattr(app_paths, "FALLBACK_TMP", str(tmp_path))
    monkeypatch.setattr(app_paths, "RUN_USER", str(tmp_path / "no-run-user"))
    private = tmp_path / "run"
    private.mkdir(mode=0o700)
    private.chmod(0o700)
    assert runtime_dir("deskbreak-x", {"XDG_RUNTIME_DIR": str(private)}) == private
    fallback = tmp_path / f"deskbreak-{os.getuid()}"
    assert runtime_dir("deskbreak-x", {"XDG_RUNTIME_DIR": "run"}) == fallback
    assert runtime_dir("deskbreak-x", {"XDG_RUNTIME_DIR": str(tmp_path / "gone")}) == fallback
    assert runtime_dir("deskbreak-x", {}) == fallback


def test_the_tmp_fallback_is_made_private_again_or_refused_when_not_ours(tmp_path, monkeypatch):
    from deskbreak.app.paths import RuntimeDirError, runtime_dir

    monkeypatch.setattr(app_paths, "FALLBACK_TMP", str(tmp_path))
    monkeypatch.setattr(app_paths, "RUN_USER", str(tmp_path / "no-run-user"))
    fallback = tmp_path / f"deskbreak-{os.getuid()}"
    fallback.mkdir()
    fallback.chmod(0o777)  # ours, but someone opened it up
    assert runtime_dir("deskbreak-x", {}) == fallback and _mode(fallback) == 0o700
    fallback.rmdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    fallback.symlink_to(elsewhere)  # a planted symlink is not our folder, even to a private dir
    with pytest.raises(RuntimeDirError, match=str(fallback)) as caught:
        runtime_dir("deskbreak-x", {})
    assert isinstance(caught.value, OSError) and "XDG_RUNTIME_DIR" in str(caught.value)


def test_the_kernel_tells_the_server_who_connects():
    from deskbreak.app.ipc_unix import peer_uid

    ours, theirs = socket.socketpair(socket.AF_UNIX)
    with ours, theirs:
        uid = peer_uid(ours)
    if sys.platform.startswith("linux") or sys.platform == "darwin":
        assert uid == os.getuid()
    else:
        assert uid in (None, os.getuid())


def _exchange(qtbot, name: str, line: bytes) -> bytes:
    """Send one line on a fresh connection and collect everything until the server closes it."""
    from deskbreak.app.ipc_unix import socket_path

    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.connect(str(socket_path(name)))
    client.sendall(line)
    client.setblocking(False)
    got: list[bytes] = []

    def closed() -> bool:
        try:
            got.append(client.recv(4096))
        except BlockingIOError:
            return False
        except ConnectionResetError:
            got.append(b"")
        return got[-1] == b""

    try:
        qtbot.waitUntil(closed, timeout=3000)
    finally:
        client.close()
    return b"".join(got)


def test_a_peer_of_another_user_gets_no_answer_and_is_closed(private_runtime, qtbot, monkeypatch, caplog):
    from deskbreak.app import ipc_unix

    calls = []
    server = ipc_unix.UnixCommandServer("deskbreak-peer", {"quit": lambda r: calls.append(r) or {}})
    try:
        with monkeypatch.context() as patch:
            patch.setattr(ipc_unix, "peer_uid", lambda conn: os.getuid() + 1)
            assert _exchange(qtbot, "deskbreak-peer", b'{"cmd": "quit"}\n') == b""
        assert calls == [] and "another user" in caplog.text
        # the owner still gets through
        assert json.loads(_exchange(qtbot, "deskbreak-peer", b'{"cmd": "quit"}\n')) == {"ok": True}
        assert len(calls) == 1
    finally:
        server.close()


CRASHING_INSTANCE = """
import sys
from PySide6.QtCore import QCoreApplication, QLockFile
from deskbreak.app.ipc_unix import UnixCommandServer
from deskbreak.app.paths import resolve_paths
app = QCoreApplication([])
paths = resolve_paths()
lock = QLockFile(str(paths.lock_file))
lock.setStaleLockTime(0)
assert lock.tryLock(0), "lock taken"
server = UnixCommandServer(paths.server_name, {"status": lambda _: {"state": "child"}})
print("ready", flush=True)
app.exec()
"""


def test_a_lock_and_socket_left_by_a_killed_instance_are_recovered(private_runtime, paths, qtbot):
    """A real process takes the lock and serves, then is SIGKILLed: both files stay behind."""
    from PySide6.QtCore import QLockFile

    from deskbreak.app.ipc import NotRunning, send_command
    from deskbreak.app.ipc_unix import UnixCommandServer, socket_path

    child = subprocess.Popen(
        [sys.executable, "-c", CRASHING_INSTANCE], stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        assert send_command(paths.server_name, "status") == {"ok": True, "state": "child"}
        held = QLockFile(str(paths.lock_file))
        assert not held.tryLock(0)  # a live instance keeps it
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert child.stdout is not None
        child.stdout.close()
    assert paths.lock_file.exists() and socket_path(paths.server_name).exists()  # stale, both
    with pytest.raises(NotRunning):
        send_command(paths.server_name, "status", timeout_ms=500)
    lock = QLockFile(str(paths.lock_file))
    lock.setStaleLockTime(0)
    assert lock.tryLock(0), lock.error()
    server = UnixCommandServer(paths.server_name, {"status": lambda _: {"state": "new"}})
    try:
        reply = _exchange(qtbot, paths.server_name, b'{"cmd": "status"}\n')
        assert json.loads(reply) == {"ok": True, "state": "new"}
        assert _mode(socket_path(paths.server_name)) == 0o600
    finally:
        server.close()
        lock.unlock()


def test_the_lock_needs_nothing_from_the_data_folder(tmp_path, private_runtime, monkeypatch):
    """A missing or read-only data folder is its own problem, never "already running"."""
    from PySide6.QtCore import QLockFile

    from deskbreak.app.paths import resolve_paths

    home = tmp_path / "not-there"
    monkeypatch.setenv("DESKBREAK_HOME", str(home))
    paths = resolve_paths()
    lock = QLockFile(str(paths.lock_file))
    lock.setStaleLockTime(0)
    try:
        assert lock.tryLock(0), lock.error()
        assert paths.lock_file.parent == private_runtime and paths.lock_file.exists()
    finally:
        lock.unlock()
    assert not home.exists()


def _cli(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "deskbreak", *args], capture_output=True, text=True, timeout=timeout
    )


def _start_app() -> subprocess.Popen[bytes]:
    app = subprocess.Popen(
        [sys.executable, "-m", "deskbreak"],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        if _cli("status", "--json").returncode == 0:
            return app
        assert app.poll() is None, "the app exited while starting"
    raise AssertionError("the app did not answer `deskbreak status`")


def test_the_real_app_starts_again_after_being_killed(private_runtime, paths):
    """kill -9 leaves the lock and the socket behind; the next start takes over, not "already running"."""
    first = _start_app()
    try:
        assert paths.lock_file.exists()
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    assert paths.lock_file.exists()
    assert _cli("status").returncode != 0  # the stale socket answers nobody
    second = _start_app()
    try:
        assert json.loads(_cli("status", "--json").stdout)["state"] == "sitting"
        assert _cli("quit").returncode == 0
        assert second.wait(10) == 0
    finally:
        if second.poll() is None:
            second.send_signal(signal.SIGKILL)
            second.wait(10)
    from deskbreak.app.ipc_unix import socket_path

    assert not socket_path(paths.server_name).exists()  # a clean quit takes its socket away


def test_without_xdg_runtime_dir_the_sessions_run_user_folder_is_found(tmp_path, monkeypatch):
    """A shell without XDG_RUNTIME_DIR (su, ssh, cron) finds the folder the desktop session's
    app uses, /run/user/<uid>, instead of starting a second app beside it."""
    run_user = tmp_path / "run-user"
    session = run_user / str(os.getuid())
    session.mkdir(parents=True, mode=0o700)
    session.chmod(0o700)
    monkeypatch.setattr(app_paths, "RUN_USER", str(run_user))
    monkeypatch.setattr(app_paths, "FALLBACK_TMP", str(tmp_path / "tmp"))
    runtime_dir = app_paths.runtime_dir
    assert runtime_dir("deskbreak-x", {}) == session
    assert runtime_dir("deskbreak-x", {"XDG_RUNTIME_DIR": str(session)}) == session
    assert runtime_dir("deskbreak-x", {"TMPDIR": str(tmp_path / "other")}) == session
