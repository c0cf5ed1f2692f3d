"""Starting as the one copy: why the lock cannot be made, handing over to a running copy, and
quitting cleanly on SIGTERM / SIGINT."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from pathlib import Path

from PySide6.QtCore import QLockFile, QSocketNotifier
from PySide6.QtWidgets import QApplication

from .ipc import NotRunning, send_command
from .paths import Paths


def lock_trouble(lock_path: Path) -> str:
    """Why the single-instance lock cannot be made, naming its folder."""
    folder = lock_path.parent
    try:
        stats = os.statvfs(folder)
        if stats.f_bavail == 0 or stats.f_favail == 0:
            return f"cannot create the lock file in {folder}: no space left there"
    except OSError as exc:
        return f"cannot create the lock file in {folder}: {exc.strerror}"
    if not os.access(folder, os.W_OK):
        return f"cannot create the lock file in {folder}: the folder cannot be written"
    return f"cannot create the lock file {lock_path}"


def hand_over(paths: Paths) -> int:
    """Another instance holds the lock: tell it we were launched, then step aside."""
    for _ in range(20):
        try:
            send_command(paths.server_name, "activate", timeout_ms=500)
        except (NotRunning, OSError, ValueError):  # not (yet) answering, or cut off mid-reply
            lock_wait = QLockFile(str(paths.lock_file))
            if lock_wait.tryLock(250):  # it went away meanwhile
                lock_wait.unlock()
                return -1
            continue
        print("deskbreak is already running; look for its icon in the system tray.")
        return 0
    print(
        "deskbreak seems to be starting or stuck (the lock is held but it does not answer).", file=sys.stderr
    )
    return 1


def install_signal_handlers(app: QApplication) -> QSocketNotifier:
    """SIGTERM / SIGINT (logout, Ctrl+C) quit cleanly, without a polling timer."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: None)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def on_signal() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)
        app.quit()

    notifier.activated.connect(on_signal)
    notifier._keep = (reader, writer)  # type: ignore[attr-defined]
    return notifier
