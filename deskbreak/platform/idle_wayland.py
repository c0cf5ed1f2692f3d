"""Idle time from the Wayland compositor's idle protocols (sway and other wlroots desktops, KDE).

A Wayland client cannot ask "how long has the user been idle?"; it registers an idle
notification with a timeout and the compositor tells it when the seat has had no input for that
long (``idled``) and when input comes again (``resumed``). Two protocols carry this:

* ``ext-idle-notify-v1`` (preferred): wlroots >= 0.17 (sway 1.9, Hyprland, river, labwc, ...),
  KDE Plasma 6, COSMIC. Version 2's ``get_input_idle_notification`` is used when offered: it
  counts input only, as the other idle sources do, and ignores idle inhibitors (a video player
  that keeps the screen on does not make a user who walked away look present).
* ``org_kde_kwin_idle``: KWin before Plasma 6 and wlroots before 0.17 (Debian 12's sway 1.7).
  Both protocols, as requests and events, are in idle_wayland_kde.py.

Bookkeeping (:class:`IdleBook` in idle_wayland_book.py, no Wayland in it): the monitor keeps,
from those events, when the user went idle, and answers :meth:`WaylandIdleMonitor.idle_seconds`
from the clock without a round trip to the compositor: exact while idle, and while active never
more than SHORT_TIMEOUT, since the compositor would have said ``idled`` by then.

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
good. Construction raises IdleMonitorUnavailable when the display cannot be reached, no seat or
idle protocol is offered, or the compositor does not answer within CONNECT_TIMEOUT; it never
blocks longer than that.

The connection is deskbreak's own wire client (wayland_wire.py, stdlib only): as libwayland
does, it takes an inherited WAYLAND_SOCKET first, else connects to WAYLAND_DISPLAY.

Threading: built and called on the GUI thread (the notifier belongs to the thread that built it).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from deskbreak.platform import wayland_wire
from deskbreak.platform.idle_base import IdleMonitorUnavailable
from deskbreak.platform.idle_wayland_book import IdleBook
from deskbreak.platform.idle_wayland_kde import IDLED, RESUMED, ExtIdleNotifierV1, IdleManager, OrgKdeKwinIdle

if TYPE_CHECKING:
    from PySide6.QtCore import QSocketNotifier

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

CLOSE_TIMEOUT = 0.5
"""Bound of the round trip that makes sure the compositor read the destroy requests on close."""

EXT_IDLE_NOTIFY = "ext-idle-notify-v1"
KDE_IDLE = "org_kde_kwin_idle"

Clock = Callable[[], float]


def _boot_clock() -> float:
    """Seconds on a clock that runs on while suspended (CLOCK_BOOTTIME), else monotonic."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.monotonic()


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
        self._wire: wayland_wire.Connection | None = None
        self._notifier: QSocketNotifier | None = None
        self._manager: IdleManager | None = None
        self._notifications: list[int] = []
        self.protocol = ""
        self.lost = False  # the compositor went away (or broke the protocol): None from now on
        try:
            fd = wayland_wire.take_socket_fd(os.environ)
            where = f"WAYLAND_SOCKET {fd}" if fd is not None else socket_path(display, runtime_dir)
            wire = wayland_wire.connect(where, fd=fd)
        except wayland_wire.WaylandError as exc:
            raise IdleMonitorUnavailable(f"cannot connect to the Wayland display ({exc})") from exc
        self._wire = wire
        try:
            self._book = self._register(wire)
        except BaseException:
            self.lost = True  # no release round trip: the bound on the time taken stays
            self.close()
            raise
        self._watch(wire.fileno())
        log.info("Wayland idle source: %s on %s", self.protocol, where)

    # -- the contract -------------------------------------------------------------------------

    @property
    def idle(self) -> bool:
        """The compositor said idle and not yet resumed (as of the last events read)."""
        return self._book.idle

    def idle_seconds(self) -> float | None:
        """Seconds since the last input, from the events so far; None once the compositor is gone."""
        self.pump()
        if self.lost or self._wire is None:
            return None
        return self._book.idle_seconds(self._clock())

    def close(self) -> None:
        """Release the notifications and end the connection (idempotent); later readings are None."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        wire, self._wire = self._wire, None
        if wire is None:
            return
        manager, self._manager = self._manager, None
        if not self.lost and manager is not None:
            try:
                for notification in self._notifications:
                    manager.end(notification)
                manager.destroy()
                # A compositor that sees the hang-up first may drop the requests unread (libwayland
                # does): wait, briefly, until it has them.
                wire.roundtrip(min(self._connect_timeout, CLOSE_TIMEOUT))
            except wayland_wire.WaylandError:
                log.debug("releasing the idle notifications failed", exc_info=True)
        self._notifications.clear()
        wire.close()

    # -- events -------------------------------------------------------------------------------

    def pump(self) -> None:
        """Send what is queued, read what the compositor sent (never blocks), run the handlers."""
        wire = self._wire
        if wire is None or self.lost:
            return
        try:
            wire.flush()
            wire.read()
            wire.dispatch()
            wire.flush()
            if wire.eof:
                raise wayland_wire.ConnectionLost("the compositor closed the connection")
        except wayland_wire.WaylandError as exc:
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

    def _register(self, wire: wayland_wire.Connection) -> IdleBook:
        offered: dict[str, tuple[int, int]] = {}  # interface -> (global name, version)
        used: dict[int, str] = {}  # the globals bound: name -> interface

        def on_registry(opcode: int, payload: bytes) -> None:
            if opcode == wayland_wire.GLOBAL:
                name, interface, version = wayland_wire.unpack("usu", payload)
                assert isinstance(name, int) and isinstance(version, int)
                offered.setdefault(str(interface), (name, version))
            elif opcode == wayland_wire.GLOBAL_REMOVE:  # the seat or the idle manager gone: no events
                (name,) = wayland_wire.unpack("u", payload)
                if isinstance(name, int) and name in used:
                    self._lose(wayland_wire.WaylandError(f"the compositor removed its {used[name]}"))

        registry = wire.get_registry(on_registry)
        self._roundtrip(wire)
        if "wl_seat" not in offered:
            raise IdleMonitorUnavailable("the compositor offers no wl_seat")
        seat = wire.bind(registry, offered["wl_seat"][0], "wl_seat", 1, None)  # its events: unused
        manager: IdleManager
        if ExtIdleNotifierV1.interface in offered:
            name, version = offered[ExtIdleNotifierV1.interface]
            manager = ExtIdleNotifierV1(wire, registry, name, min(version, 2))
            self.protocol = EXT_IDLE_NOTIFY
        elif OrgKdeKwinIdle.interface in offered:
            manager = OrgKdeKwinIdle(wire, registry, offered[OrgKdeKwinIdle.interface][0], 1)
            self.protocol = KDE_IDLE
        else:
            raise IdleMonitorUnavailable(
                "the compositor offers neither ext_idle_notifier_v1 nor org_kde_kwin_idle"
            )
        self._manager = manager
        used.update({offered["wl_seat"][0]: "wl_seat", offered[manager.interface][0]: manager.interface})
        book = IdleBook(self._timeouts, self._clock())
        for index, timeout in enumerate(self._timeouts):
            handler = self._on_event(book, index, timeout)
            self._notifications.append(manager.notification(seat, round(timeout * 1000), handler))
        self._roundtrip(wire)  # the compositor has them (or has said it refuses them)
        return book

    def _on_event(self, book: IdleBook, index: int, timeout: float) -> wayland_wire.Handler:
        def handler(opcode: int, _payload: bytes) -> None:
            if opcode == IDLED:
                book.idled(index, timeout, self._clock())
            elif opcode == RESUMED:
                book.resumed(index, self._clock())

        return handler

    def _roundtrip(self, wire: wayland_wire.Connection) -> None:
        """wl_display.sync and wait for its done, at most connect_timeout (never a blind block)."""
        try:
            wire.roundtrip(self._connect_timeout)
        except wayland_wire.WaylandTimeout as exc:
            raise IdleMonitorUnavailable(str(exc)) from exc
        except wayland_wire.WaylandError as exc:  # a protocol error or a closed socket
            raise IdleMonitorUnavailable(f"the Wayland connection failed: {exc}") from exc
