"""Desktop notifications for a due break: the best route the platform offers, with fallbacks.

Routes, best first: on Linux, `notify-send --wait -A` through QProcess (clickable actions on any
freedesktop notification daemon); plyer (basic, no actions); the tray icon's own balloon.
All run on the GUI thread and return at once; none takes keyboard focus.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import warnings
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QProcess, Signal, Slot

log = logging.getLogger(__name__)

ACTION_START = "start"
ACTION_SNOOZE = "snooze"
ACTION_SKIP = "skip"
ACTION_DEFAULT = "default"


class Notifier(Protocol):
    name: str

    def show(self, title: str, body: str, actions: dict[str, str]) -> bool:
        """Show a notification; True if it was handed to the desktop."""
        ...

    def withdraw(self) -> None:
        """The reminder was answered elsewhere: stop listening to (and hide, if we can) the last one."""
        ...


class ActionEmitter(QObject):
    """Carries a chosen notification action ("start", "snooze", "skip") back to the controller."""

    action_invoked = Signal(str)


class NotifySendNotifier(ActionEmitter):
    """freedesktop notifications with buttons, through libnotify's notify-send in a QProcess."""

    name = "notify-send"

    def __init__(self, program: str, icon: str | None = None, timeout_ms: int = 120_000) -> None:
        super().__init__()
        self._program = program
        self._icon = icon
        self._timeout_ms = timeout_ms
        self._process: QProcess | None = None

    def show(self, title: str, body: str, actions: dict[str, str]) -> bool:
        self.withdraw()
        args = ["--app-name=deskbreak", f"--expire-time={self._timeout_ms}", "--print-id"]
        if self._icon:
            args.append(f"--icon={self._icon}")
        args += ["--hint=string:desktop-entry:deskbreak", "--category=presence"]
        for key, label in actions.items():
            args.append(f"--action={key}={label}")
        if actions:
            args.append("--wait")
        args += [title, body]
        process = QProcess(self)
        process.finished.connect(self._on_finished)
        process.start(self._program, args)
        if not process.waitForStarted(2000):
            log.warning("could not start %s: %s", self._program, process.errorString())
            return False
        self._process = process
        return True

    @Slot(int, QProcess.ExitStatus)
    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self.sender()
        if not isinstance(process, QProcess) or process is not self._process:
            return
        self._process = None
        # First line: the notification id (--print-id); a second one: the chosen action.
        lines = bytes(process.readAllStandardOutput().data()).decode(errors="replace").split()
        if code == 0 and len(lines) >= 2:
            self.action_invoked.emit(lines[-1])
        process.deleteLater()

    def withdraw(self) -> None:
        """Take the notification off the screen: notify-send closes it when interrupted (SIGINT)."""
        process, self._process = self._process, None
        if process is None or process.state() == QProcess.ProcessState.NotRunning:
            return
        pid = process.processId()
        if pid > 0 and hasattr(signal, "SIGINT"):
            os.kill(pid, signal.SIGINT)
        if not process.waitForFinished(1000):
            process.kill()
            process.waitForFinished(500)
        process.deleteLater()


class PlyerNotifier(ActionEmitter):
    """plyer's notification facade: basic text only, no actions."""

    name = "plyer"

    def __init__(self, notify: Callable[..., object], icon: str | None = None) -> None:
        super().__init__()
        self._notify = notify
        self._icon = icon

    def show(self, title: str, body: str, actions: dict[str, str]) -> bool:
        try:
            self._notify(
                title=title, message=body, app_name="deskbreak", app_icon=self._icon or "", timeout=60
            )
        except Exception as exc:  # plyer raises NotImplementedError and backend errors alike
            log.warning("plyer could not show a notification: %s", exc)
            return False
        return True

    def withdraw(self) -> None:
        return None


class TrayMessageNotifier(ActionEmitter):
    """The tray icon's own balloon; clicking it starts the break."""

    name = "tray"

    def __init__(self, show_message: Callable[[str, str], None]) -> None:
        super().__init__()
        self._show_message = show_message

    def show(self, title: str, body: str, actions: dict[str, str]) -> bool:
        self._show_message(title, body)
        return True

    def withdraw(self) -> None:
        return None

    @Slot()
    def message_clicked(self) -> None:
        self.action_invoked.emit(ACTION_START)


class FallbackNotifier(ActionEmitter):
    """Tries each route in order until one takes the notification."""

    def __init__(self, routes: list[ActionEmitter]) -> None:
        super().__init__()
        self.routes = routes
        for route in routes:
            route.action_invoked.connect(self.action_invoked)

    @property
    def name(self) -> str:
        return "+".join(getattr(route, "name", "?") for route in self.routes)

    def show(self, title: str, body: str, actions: dict[str, str]) -> bool:
        return any(route.show(title, body, actions) for route in self.routes)  # type: ignore[attr-defined]

    def withdraw(self) -> None:
        for route in self.routes:
            route.withdraw()  # type: ignore[attr-defined]


def _plyer_notify() -> Callable[..., object] | None:
    try:
        from plyer import notification
    except Exception:  # pragma: no cover - plyer is a dependency, but never let it stop the app
        return None

    def notify(**kwargs: object) -> object:
        # plyer warns (and then shells out to notify-send) when dbus-python is missing; we
        # only get here when notify-send itself was not usable, so the warning is just noise.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return notification.notify(**kwargs)

    return notify


def create_notifier(
    show_tray_message: Callable[[str, str], None],
    *,
    icon: str | None = None,
    platform: str = sys.platform,
    which: Callable[[str], str | None] = shutil.which,
) -> FallbackNotifier:
    """The notifier chain for this platform; the tray balloon is always the last resort."""
    routes: list[ActionEmitter] = []
    if platform.startswith("linux") or "bsd" in platform:
        program = which("notify-send")
        if program:
            routes.append(NotifySendNotifier(program, icon))
    plyer_notify = _plyer_notify()
    if plyer_notify is not None:
        routes.append(PlyerNotifier(plyer_notify, icon))
    routes.append(TrayMessageNotifier(show_tray_message))
    return FallbackNotifier(routes)
