"""Idle time from the Wayland compositor's idle protocols (sway and other wlroots desktops, KDE).

A Wayland client cannot ask "how long has the user been idle?"; it registers an idle
notification with a timeout and the compositor tells it when the seat has had no input for that
long (``idled``) and when input comes again (``resumed``). Two protocols carry this:

* ``ext-idle-notify-v1`` (preferred): wlroots >= 0.17 (sway 1.9, Hyprland, river, labwc, ...),
  KDE Plasma 6, COSMIC. Version 2's ``get_input_idle_notification`` is used when offered: it
  counts input only, as the other idle sources do, and ignores idle inhibitors (a video player
  that keeps the screen on does not make a user who walked away look present).
* ``org_kde_kwin_idle``: KWin before Plasma 6 and wlroots before 0.17 (Debian 12's sway 1.7).
  Bindings in idle_wayland_kde.py.

Bookkeeping (:class:`IdleBook`, no Wayland in it): the monitor keeps, from those events, when the
user went idle, and answers :meth:`WaylandIdleMonitor.idle_seconds` from the clock without a
round trip to the compositor:

* idle (an ``idled`` came for a notification of timeout T at time t): the last input was at
  t - T, so idle is ``now - (t - T)``, exact, and it keeps growing until ``resumed``. With more
  than one notification, the earliest such start wins (one dispatched late cannot shorten it).
* active (no notification idle): the last input seen is the last ``resumed`` (or the start).
  Idle is ``now - that``, but never more than SHORT_TIMEOUT, since the compositor would have said
  ``idled`` by then: the exact value when there was no input since (so a user coming back is
  dated from the ``resumed`` event, not from the next time the core looks), and an upper bound
  below SHORT_TIMEOUT otherwise.

One notification of SHORT_TIMEOUT (30 s) is enough for the core: natural breaks are at least a
minute (its config floor), so idle of that length is always measured from an ``idled`` event,
and the estimate while active never reaches a natural break. A notification for the
natural-break length itself would add nothing: the core asks for idle seconds and books the
moment idling turns into a break from the answer.

Events are read as they come: a ``QSocketNotifier`` on the display's file descriptor dispatches
them from the Qt event loop (no polling thread, no timer); every ``idle_seconds()`` call also
flushes and dispatches whatever is pending, so the answer is current even if the event loop has
not run (and without a QCoreApplication, where no notifier is made). Neither protocol dates its
events, so an event is dated when it is read: at most an event-loop turn late.

The compositor closing the connection (the session ended) makes ``idle_seconds()`` None for
good. Construction raises IdleMonitorUnavailable when pywayland is not installed (it is the
``wayland`` extra), the display cannot be reached, no seat or idle protocol is offered, or the
compositor does not answer within CONNECT_TIMEOUT; it never blocks longer than that.

Threading: built and called on the GUI thread (the notifier belongs to the thread that built it).
"""

from __future__ import annotations

import logging
import os
import select
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from deskbreak.platform.idle_base import IdleMonitorUnavailable

if TYPE_CHECKING:
    from PySide6.QtCore import QSocketNotifier
    from pywayland.client import Display

__all__ = [
    "CONNECT_TIMEOUT",
    "EXT_IDLE_NOTIFY",
    "KDE_IDLE",
    "SHORT_TIMEOUT",
    "IdleBook",
    "WaylandIdleMonitor",
    "socket_path",
]

log = logging.getLogger(__name__)

SHORT_TIMEOUT = 30.0
"""Seconds without input before the compositor says ``idled`` (see the module docstring)."""

CONNECT_TIMEOUT = 2.0
"""Bound of each round trip while setting up (globals, then the notifications)."""

EXT_IDLE_NOTIFY = "ext-idle-notify-v1"
KDE_IDLE = "org_kde_kwin_idle"

Clock = Callable[[], float]


def _boot_clock() -> float:
    """Seconds on a clock that runs on while suspended (CLOCK_BOOTTIME), else monotonic."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.monotonic()


class IdleBook:
    """When the user went idle, kept from idled/resumed events; idle seconds from the clock.

    ``timeouts`` are the notifications' timeouts in seconds; ``started`` the clock time they
    were made (the last input known until an event says otherwise). Pure bookkeeping: the
    caller passes the time of each event and of each question.
    """

    def __init__(self, timeouts: Sequence[float], started: float) -> None:
        if not timeouts or min(timeouts) <= 0:
            raise ValueError(f"idle timeouts must be positive seconds, got {list(timeouts)!r}")
        self.shortest = min(timeouts)
        self.last_input = started
        self.idle_since: float | None = None
        self._idle: set[int] = set()  # indexes of the notifications now idle

    @property
    def idle(self) -> bool:
        """Some notification is idle: no input for at least its timeout."""
        return self.idle_since is not None

    def idled(self, index: int, timeout: float, now: float) -> None:
        """Notification ``index`` (of ``timeout`` seconds) went idle at ``now``."""
        self._idle.add(index)
        went_idle = now - timeout
        # The earliest start wins: an event read late dates the start late, never early.
        self.idle_since = went_idle if self.idle_since is None else min(self.idle_since, went_idle)

    def resumed(self, index: int, now: float) -> None:
        """Input again at ``now`` (any notification saying so is enough)."""
        self._idle.discard(index)
        self.last_input = max(self.last_input, now)
        self.idle_since = None

    def idle_seconds(self, now: float) -> float:
        if self.idle_since is not None:
            return max(0.0, now - self.idle_since)
        # Active: exact when there was no input since the last one seen, else an upper bound,
        # and below the shortest timeout either way (the compositor would have said idled).
        return max(0.0, min(now - self.last_input, self.shortest))


def socket_path(display: str | None, runtime_dir: str | None) -> str:
    """The compositor's socket: WAYLAND_DISPLAY as is when absolute, else under XDG_RUNTIME_DIR."""
    name = display or "wayland-0"
    if os.path.isabs(name):
        return name
    if not runtime_dir:
        raise IdleMonitorUnavailable(f"XDG_RUNTIME_DIR is not set: cannot find Wayland display {name!r}")
    return os.path.join(runtime_dir, name)


class WaylandIdleMonitor:
    """Idle seconds from the compositor's idle notifications (ext-idle-notify-v1 or KDE's).

    ``display`` is WAYLAND_DISPLAY (a name under ``runtime_dir``, or an absolute socket path);
    ``timeouts`` the notifications to register, in seconds; ``clock`` dates events and answers.
    ``protocol`` tells which idle protocol is in use. Raises IdleMonitorUnavailable (see the
    module docstring).
    """

    name = "wayland"

    def __init__(
        self,
        display: str | None = None,
        *,
        runtime_dir: str | None = None,
        timeouts: Sequence[float] = (SHORT_TIMEOUT,),
        clock: Clock = _boot_clock,
        connect_timeout: float = CONNECT_TIMEOUT,
    ) -> None:
        self._clock = clock
        self._timeouts = [float(t) for t in timeouts]
        self._connect_timeout = connect_timeout
        self._display: Display | None = None
        self._notifier: QSocketNotifier | None = None
        self._objects: list[Any] = []  # proxies kept alive while connected (seat, manager, ...)
        self._notifications: list[Any] = []
        self.protocol = ""
        self.lost = False  # the compositor went away (or broke the protocol): None from now on
        try:
            from pywayland.client import Display
        except ImportError as exc:
            raise IdleMonitorUnavailable(
                f"pywayland is not installed ({exc}); install deskbreak[wayland]"
            ) from exc
        path = socket_path(display, runtime_dir)
        wayland = Display(path)
        try:
            wayland.connect()
        except ValueError as exc:
            raise IdleMonitorUnavailable(f"cannot connect to the Wayland display at {path}") from exc
        self._display = wayland
        try:
            self._book = self._register(wayland)
        except BaseException:
            self.close()
            raise
        self._watch(wayland.get_fd())
        log.info("Wayland idle source: %s on %s", self.protocol, path)

    # -- the contract -------------------------------------------------------------------------

    @property
    def idle(self) -> bool:
        """The compositor said idle and not yet resumed (as of the last events read)."""
        return self._book.idle

    def idle_seconds(self) -> float | None:
        """Seconds since the last input, from the events so far; None once the compositor is gone."""
        self.pump()
        if self.lost or self._display is None:
            return None
        return self._book.idle_seconds(self._clock())

    def close(self) -> None:
        """Release the notifications and end the connection (idempotent); later readings are None."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        display, self._display = self._display, None
        if display is None:
            return
        if not self.lost:
            try:
                for notification in self._notifications:
                    _release(notification)
                display.flush()
            except Exception:
                log.debug("releasing the idle notifications failed", exc_info=True)
        self._notifications.clear()
        self._objects.clear()
        try:
            display.disconnect()
        except Exception:
            log.debug("disconnecting from the Wayland display failed", exc_info=True)

    # -- events -------------------------------------------------------------------------------

    def pump(self) -> None:
        """Send what is queued, read what the compositor sent (never blocks), run the handlers."""
        display = self._display
        if display is None or self.lost:
            return
        try:
            display.flush()
            display.read()  # non-blocking: libwayland reads with MSG_DONTWAIT
            display.dispatch(block=False)
            display.flush()  # requests a handler made; -1 (EAGAIN, EPIPE) shows on the next read
        except Exception as exc:  # pywayland raises RuntimeError once the connection is broken
            self._lose(exc)

    def _lose(self, exc: BaseException) -> None:
        if not self.lost:
            log.warning("Wayland idle source lost: %s", exc)
        self.lost = True
        if self._notifier is not None:
            self._notifier.setEnabled(False)

    def _watch(self, fd: int) -> None:
        """Dispatch events from the Qt event loop as they arrive (when there is an application)."""
        from PySide6.QtCore import QCoreApplication, QSocketNotifier

        if QCoreApplication.instance() is None:
            return  # no event loop: events are read on each idle_seconds() call
        notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read)
        notifier.activated.connect(lambda *_: self.pump())
        self._notifier = notifier

    # -- set-up -------------------------------------------------------------------------------

    def _register(self, display: Display) -> IdleBook:
        from pywayland.protocol.wayland import WlSeat

        offered: dict[str, tuple[int, int]] = {}  # interface -> (global name, version)

        def on_global(_registry: object, name: int, interface: str, version: int) -> None:
            offered.setdefault(interface, (name, version))

        registry = display.get_registry()
        registry.dispatcher["global"] = on_global
        self._objects.append(registry)
        self._roundtrip(display)
        if WlSeat.name not in offered:
            raise IdleMonitorUnavailable("the compositor offers no wl_seat")
        seat_name, _ = offered[WlSeat.name]
        seat = registry.bind(seat_name, WlSeat, 1)
        self._objects.append(seat)
        if "ext_idle_notifier_v1" in offered:
            make = self._ext_notifications(registry, offered["ext_idle_notifier_v1"], seat)
            self.protocol = EXT_IDLE_NOTIFY
        elif KDE_IDLE in offered:
            make = self._kde_notifications(registry, offered[KDE_IDLE], seat)
            self.protocol = KDE_IDLE
        else:
            raise IdleMonitorUnavailable(
                "the compositor offers neither ext_idle_notifier_v1 nor org_kde_kwin_idle"
            )
        book = IdleBook(self._timeouts, self._clock())
        for index, timeout in enumerate(self._timeouts):
            notification, idle_event = make(round(timeout * 1000))
            notification.dispatcher[idle_event] = self._on_idled(book, index, timeout)
            notification.dispatcher["resumed"] = self._on_resumed(book, index)
            self._notifications.append(notification)
        self._roundtrip(display)  # the compositor has them (or has said it refuses them)
        return book

    def _ext_notifications(
        self, registry: Any, offer: tuple[int, int], seat: Any
    ) -> Callable[[int], tuple[Any, str]]:
        from pywayland.protocol.ext_idle_notify_v1 import ExtIdleNotifierV1

        name, version = offer
        notifier = registry.bind(name, ExtIdleNotifierV1, min(version, 2))
        self._objects.append(notifier)
        input_only = version >= 2

        def make(timeout_ms: int) -> tuple[Any, str]:
            if input_only:
                return notifier.get_input_idle_notification(timeout_ms, seat), "idled"
            return notifier.get_idle_notification(timeout_ms, seat), "idled"

        return make

    def _kde_notifications(
        self, registry: Any, offer: tuple[int, int], seat: Any
    ) -> Callable[[int], tuple[Any, str]]:
        from deskbreak.platform.idle_wayland_kde import OrgKdeKwinIdle

        manager = registry.bind(offer[0], OrgKdeKwinIdle, 1)
        self._objects.append(manager)

        def make(timeout_ms: int) -> tuple[Any, str]:
            return manager.get_idle_timeout(seat, timeout_ms), "idle"

        return make

    def _on_idled(self, book: IdleBook, index: int, timeout: float) -> Callable[..., None]:
        def handler(*_: object) -> None:
            book.idled(index, timeout, self._clock())

        return handler

    def _on_resumed(self, book: IdleBook, index: int) -> Callable[..., None]:
        def handler(*_: object) -> None:
            book.resumed(index, self._clock())

        return handler

    def _roundtrip(self, display: Display) -> None:
        """wl_display.sync and wait for its done, at most connect_timeout (never a blind block)."""
        done: list[bool] = []
        callback = display.sync()
        callback.dispatcher["done"] = lambda *_: done.append(True)
        fd = display.get_fd()
        deadline = time.monotonic() + self._connect_timeout
        try:
            while not done:
                display.flush()
                display.dispatch(block=False)
                if done:
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise IdleMonitorUnavailable(
                        f"the compositor did not answer within {self._connect_timeout:g} s"
                    )
                readable, _, _ = select.select([fd], [], [], remaining)
                if readable:
                    display.read()
                    display.dispatch(block=False)
        except RuntimeError as exc:  # the connection broke: a protocol error or a closed socket
            raise IdleMonitorUnavailable(f"the Wayland connection failed: {exc}") from exc


def _release(notification: Any) -> None:
    """Destroy a notification object with its protocol's destructor request."""
    if getattr(notification, "destroyed", True):
        return
    if hasattr(notification, "release"):
        notification.release()  # org_kde_kwin_idle_timeout
    else:
        notification.destroy()  # ext_idle_notification_v1
