"""Desktop notifications for a due break: the best route the platform offers, with fallbacks.

Routes, best first: on Linux, `notify-send --wait -A` through QProcess (clickable actions on any
freedesktop notification daemon); on Windows and macOS, desktop-notifier when the `notifications`
extra is installed (notify_desktop_notifier.py: toasts and Notification Center banners with
buttons); plyer (basic, no actions); the tray icon's own balloon. All are called on the GUI thread
and return at once; none takes keyboard focus.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Slot

if TYPE_CHECKING:
    from PySide6.QtCore import QProcess

# The routes' base lives apart so that the desktop-notifier route can build on it without a cycle.
from .notify_base import ACTION_DEFAULT, ACTION_START, ActionEmitter
from .notify_base import ACTION_SKIP as ACTION_SKIP
from .notify_base import ACTION_SNOOZE as ACTION_SNOOZE

log = logging.getLogger(__name__)


def distinct_actions(actions: dict[str, str]) -> dict[str, str]:
    """The actions with each label once, as a daemon's menu should list them.

    A reminder offers "Start break" both as the default action (a click on the notification body)
    and as a button; daemons that list every action (dunst's context menu) would show it twice. The
    default action keeps its label, so a click on the body and the menu entry both still start the
    break; any other action with a label already taken is dropped. Order is kept.
    """
    owner: dict[str, str] = {}
    if ACTION_DEFAULT in actions:
        owner[actions[ACTION_DEFAULT]] = ACTION_DEFAULT
    for key, label in actions.items():
        owner.setdefault(label, key)
    kept = set(owner.values())
    return {key: label for key, label in actions.items() if key in kept}


class Notifier(Protocol):
    name: str

    def show(self, title: str, body: str, actions: dict[str, str]) -> bool:
        """Show a notification; True if it was handed to the desktop."""
        ...

    def withdraw(self) -> None:
        """The reminder was answered elsewhere: stop listening to (and hide, if we can) the last one."""
        ...


class NotifySendNotifier(ActionEmitter):
    """freedesktop notifications with buttons, through libnotify's notify-send in a QProcess."""

    name = "notify-send"

    def __init__(
        self,
        program: str,
        icon: str | None = None,
        timeout_ms: int = 120_000,
        has_actions: Callable[[str], bool] | None = None,
    ) -> None:
        super().__init__()
        self._program = program
        self._icon = icon
        self._timeout_ms = timeout_ms
        self._process: QProcess | None = None
        self._has_actions = has_actions or notify_send_has_actions
        self._usable: bool | None = None  # probed at the first reminder, not at start-up

    def show(self, title: str, body: str, actions: dict[str, str]) -> bool:
        if self._usable is None:
            self._usable = self._has_actions(self._program)
        if not self._usable:
            return False
        self.withdraw()
        args = ["--app-name=deskbreak", f"--expire-time={self._timeout_ms}", "--print-id"]
        if self._icon:
            args.append(f"--icon={self._icon}")
        args += ["--hint=string:desktop-entry:deskbreak", "--category=presence"]
        for key, label in distinct_actions(actions).items():
            args.append(f"--action={key}={label}")
        if actions:
            args.append("--wait")
        args += [title, body]
        # Imported here: building PySide6's QProcess class costs ~0.3 MiB, resident all day for a
        # tray app that may never show a reminder through notify-send (tests/bench/bench_idle.py).
        from PySide6.QtCore import QProcess

        process = QProcess(self)
        process.finished.connect(self._on_finished)
        process.start(self._program, args)
        if not process.waitForStarted(2000):
            log.warning("could not start %s: %s", self._program, process.errorString())
            return False
        self._process = process
        return True

    @Slot(int)  # the exit status is not needed: so QProcess is not needed before show()
    def _on_finished(self, code: int) -> None:
        from PySide6.QtCore import QProcess

        process = self.sender()
        if not isinstance(process, QProcess) or process is not self._process:
            return
        self._process = None
        # First line: the notification id (--print-id); a second one: the chosen action.
        lines = bytes(process.readAllStandardOutput().data()).decode(errors="replace").split()
        if code == 0 and len(lines) >= 2:
            self.action_invoked.emit(lines[-1])
        elif code != 0 and not lines:
            # Nothing was shown (no notification daemon, or an option this version lacks).
            log.warning(
                "notify-send failed: %s",
                bytes(process.readAllStandardError().data()).decode(errors="replace").strip(),
            )
            self.failed.emit()
        process.deleteLater()

    def withdraw(self) -> None:
        """Take the notification off the screen: notify-send closes it when interrupted (SIGINT)."""
        process, self._process = self._process, None
        if process is None or process.state() == type(process).ProcessState.NotRunning:
            return
        pid = process.processId()
        if pid > 0 and hasattr(signal, "SIGINT"):
            os.kill(pid, signal.SIGINT)
        if not process.waitForFinished(300):
            process.kill()
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


class TrayMessageNotifier(ActionEmitter):
    """The tray icon's own balloon (native on Windows and macOS); clicking it starts the break."""

    name = "tray"

    def __init__(self, show_message: Callable[[str, str], None]) -> None:
        super().__init__()
        self._show_message = show_message
        self._pending = False  # other balloons (problems, "already running") are not reminders

    def show(self, title: str, body: str, actions: dict[str, str]) -> bool:
        self._show_message(title, body)
        self._pending = True
        return True

    def withdraw(self) -> None:
        self._pending = False

    @Slot()
    def message_clicked(self) -> None:
        if self._pending:
            self._pending = False
            self.action_invoked.emit(ACTION_START)


class FallbackNotifier(ActionEmitter):
    """Tries each route in order until one takes the notification; a route that fails later
    hands the same notification on to the routes after it."""

    def __init__(self, routes: list[ActionEmitter]) -> None:
        super().__init__()
        self.routes = routes
        self._message: tuple[str, str, dict[str, str]] | None = None
        for index, route in enumerate(routes):
            route.action_invoked.connect(self.action_invoked)
            route.failed.connect(lambda i=index: self._route_failed(i))

    @property
    def name(self) -> str:  # type: ignore[override]
        return "+".join(route.name for route in self.routes)

    def show(self, title: str, body: str, actions: dict[str, str], *, start: int = 0) -> bool:
        self._message = (title, body, actions)
        return any(route.show(title, body, actions) for route in self.routes[start:])

    def _route_failed(self, index: int) -> None:
        if self._message is not None and not self.show(*self._message, start=index + 1):
            self.failed.emit()

    def withdraw(self) -> None:
        self._message = None
        for route in self.routes:
            route.withdraw()


def _plyer_notify(**kwargs: object) -> object:
    """plyer, imported on first use: most days the route before it shows every notification."""
    from plyer import notification

    # plyer warns (and then shells out to notify-send) when dbus-python is missing; we only
    # get here when notify-send itself was not usable, so the warning is just noise.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return notification.notify(**kwargs)


def notify_send_has_actions(program: str, run: Callable[..., Any] = subprocess.run) -> bool:
    """libnotify before 0.7.10 (Ubuntu 22.04, Debian 11) has no --action/--wait/--print-id."""
    try:
        done = run([program, "--help"], capture_output=True, text=True, timeout=3)
    except (OSError, subprocess.SubprocessError):
        return False
    return "--action" in (done.stdout or "")


def create_notifier(
    show_tray_message: Callable[[str, str], None],
    *,
    icon: str | None = None,
    platform: str = sys.platform,
    which: Callable[[str], str | None] = shutil.which,
    has_actions: Callable[[str], bool] = notify_send_has_actions,
    desktop_notifier: Callable[[str | None], ActionEmitter | None] | None = None,
) -> FallbackNotifier:
    """The notifier chain for this platform.

    Linux/BSD: notify-send with buttons, then plyer, then the tray balloon. Windows and macOS:
    desktop-notifier's reminders with buttons, then plyer, then the tray balloon; without that
    library, Qt's tray balloon comes first (it is the native notification there and reports a
    click), then plyer. `desktop_notifier` makes that route (None: the library is missing).
    """
    tray = TrayMessageNotifier(show_tray_message)
    # plyer's Windows balloon can only load .ico files; it uses its default icon otherwise.
    plyer = PlyerNotifier(_plyer_notify, icon if platform != "win32" else None)
    routes: list[ActionEmitter] = []
    if platform.startswith("linux") or "bsd" in platform:
        program = which("notify-send")
        if program:
            routes.append(NotifySendNotifier(program, icon, has_actions=has_actions))
        routes += [plyer, tray]
    elif platform in ("win32", "darwin"):
        if desktop_notifier is None:
            from .notify_desktop_notifier import desktop_notifier_route

            desktop_notifier = desktop_notifier_route
        rich = desktop_notifier(icon)
        routes += [rich, plyer, tray] if rich is not None else [tray, plyer]
    else:
        routes += [tray, plyer]
    return FallbackNotifier(routes)
