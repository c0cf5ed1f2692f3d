"""Reminders with buttons on Windows and macOS through desktop-notifier (the `notifications` extra).

desktop-notifier is asyncio throughout, and since 6.1 its Windows backend hands toast clicks to
the loop that sent the toast (call_soon_threadsafe), so that loop has to keep running. This route
runs one asyncio loop in a daemon thread of its own, started at the first show(): between
reminders it sleeps in select() (no timer wake-ups, unlike an asyncio loop stepped by a Qt timer),
WinRT and Cocoa are called off the GUI thread (whose COM apartment Qt has already set), and the GUI
thread only hands coroutines over (run_coroutine_threadsafe: microseconds). Clicks and failures come
back through queued Qt signals, so action_invoked and failed are emitted on the GUI thread whichever
thread the library calls back on (the loop thread on Windows, the main run loop on macOS).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Coroutine
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot

from .notify_base import ACTION_DEFAULT, ActionEmitter

log = logging.getLogger(__name__)

APP_NAME = "deskbreak"
THREAD_NAME = "deskbreak-notifier"


class Unusable(Exception):
    """The library runs, but no reminder with buttons can be shown through it here."""


class DesktopNotifierRoute(ActionEmitter):
    """Toasts (Windows) and Notification Center banners (macOS) with Start, Snooze and Skip.

    A reminder replaces the one before (the last is cleared before the next is sent) and withdraw()
    clears it. show() never blocks and never raises: it returns True once the reminder is handed to
    the loop; if sending fails there, `failed` hands it on to the next route, and from then on show()
    returns False at once (the failure is logged once).
    """

    name = "desktop-notifier"
    # (generation, action) from whichever thread the library calls back on
    _answered = Signal(int, str)
    # (generation, why) from the loop thread
    _gave_up = Signal(int, str)

    def __init__(self, icon: str | None = None, *, library: Any = None) -> None:
        super().__init__()
        if library is None:
            import desktop_notifier  # ImportError: the extra is not installed

            library = desktop_notifier
        self._lib: Any = library
        self._icon = icon
        # GUI thread: each show and withdraw starts a new generation; answers to older ones are dropped.
        self._generation = 0
        self._broken = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        # Loop thread only:
        self._notifier: Any = None
        self._shown: str | None = None  # the identifier of the notification on screen
        self._dead: str | None = None  # why the route gave up
        self._lock = asyncio.Lock()  # one operation at a time, in the order they were asked for
        self._answered.connect(self._on_answered, Qt.ConnectionType.QueuedConnection)
        self._gave_up.connect(self._on_gave_up, Qt.ConnectionType.QueuedConnection)

    # GUI thread

    def show(self, title: str, body: str, actions: dict[str, str]) -> bool:
        if self._broken:
            return False
        self._generation += 1
        try:
            self._submit(partial(self._replace, self._generation, title, body, dict(actions)))
        except Exception as exc:  # the thread could not start
            self._give_up(f"{type(exc).__name__}: {exc}")
            return False
        return True

    def withdraw(self) -> None:
        self._generation += 1
        if self._loop is None or self._broken:
            return
        try:
            self._submit(partial(self._withdraw, self._generation))
        except Exception as exc:
            self._give_up(f"{type(exc).__name__}: {exc}")

    def close(self) -> None:
        """Stop the loop and its thread (at exit the daemon thread just ends with the process)."""
        self._broken = True
        loop, thread, self._loop, self._thread = self._loop, self._thread, None, None
        if loop is not None and thread is not None:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(5)

    def _submit(self, operation: Callable[[], Coroutine[Any, Any, None]]) -> None:
        if self._loop is None:
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=_run_forever, args=(loop,), name=THREAD_NAME, daemon=True)
            try:
                thread.start()
            except BaseException:
                loop.close()
                raise
            self._loop, self._thread = loop, thread
        coroutine = operation()
        try:
            asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        except BaseException:
            coroutine.close()
            raise

    @Slot(int, str)
    def _on_answered(self, generation: int, action: str) -> None:
        if generation == self._generation:
            self._generation += 1  # one answer per reminder
            self.action_invoked.emit(action)

    @Slot(int, str)
    def _on_gave_up(self, generation: int, why: str) -> None:
        self._give_up(why)
        if generation == self._generation:  # still wanted: the next route shows it
            self.failed.emit()

    def _give_up(self, why: str) -> None:
        if not self._broken:
            self._broken = True
            log.warning("desktop-notifier cannot show reminders here, using the next route: %s", why)

    # Loop thread

    async def _replace(self, generation: int, title: str, body: str, actions: dict[str, str]) -> None:
        async with self._lock:
            try:
                if self._dead is None:
                    await self._clear_shown()
                    # Not if withdrawn or replaced while it waited its turn (or for the user's
                    # permission, asked at the first reminder)
                    if generation == self._generation:
                        notifier = await self._ready()
                        if generation == self._generation:
                            await self._send(notifier, generation, title, body, actions)
                    return
            except Exception as exc:  # whatever the backend raises: the next route takes over
                self._dead = str(exc) if isinstance(exc, Unusable) else f"{type(exc).__name__}: {exc}"
            self._gave_up.emit(generation, self._dead)

    async def _withdraw(self, generation: int) -> None:
        async with self._lock:
            if self._dead is not None:
                return
            try:
                await self._clear_shown()
            except Exception as exc:
                self._dead = f"{type(exc).__name__}: {exc}"
                self._gave_up.emit(generation, self._dead)

    async def _clear_shown(self) -> None:
        shown, self._shown = self._shown, None
        if shown is not None and self._notifier is not None:
            await self._notifier.clear(shown)

    async def _ready(self) -> Any:
        if self._notifier is None:
            icon = self._lib.Icon(path=Path(self._icon)) if self._icon else None
            notifier = self._lib.DesktopNotifier(app_name=APP_NAME, app_icon=icon)
            # On macOS outside an app bundle (Homebrew or conda Python) and before Windows 10 the
            # library picks its dummy backend, which drops every notification without a word.
            if self._lib.Capability.BUTTONS not in await notifier.get_capabilities():
                raise Unusable("no notification center with buttons (on macOS: Python is not an app bundle)")
            # The first time on macOS this asks the user, and returns once they have answered.
            if not await notifier.request_authorisation():
                raise Unusable("notifications are not allowed for this app in the system settings")
            self._notifier = notifier
        return self._notifier

    async def _send(
        self, notifier: Any, generation: int, title: str, body: str, actions: dict[str, str]
    ) -> None:
        answer = partial(self._answered.emit, generation)
        # Stable button identifiers: macOS registers a category of actions per set of button
        # titles once, keeping the identifiers of the first notification that used it.
        buttons = [
            self._lib.Button(title=label, on_pressed=partial(answer, key), identifier=key)
            for key, label in actions.items()
            if key != ACTION_DEFAULT
        ]
        dispatched: list[bool] = []
        identifier = await notifier.send(
            title=title,
            message=body,
            buttons=buttons,
            on_clicked=partial(answer, ACTION_DEFAULT) if ACTION_DEFAULT in actions else None,
            on_dispatched=lambda: dispatched.append(True),
        )
        if not dispatched:  # send() logs the backend's error and returns as if all went well
            raise Unusable("the notification was not taken (desktop_notifier logged why)")
        self._shown = identifier


def _run_forever(loop: asyncio.AbstractEventLoop) -> None:
    asyncio.set_event_loop(loop)
    try:
        loop.run_forever()
    finally:
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()


def desktop_notifier_route(icon: str | None = None, *, library: Any = None) -> DesktopNotifierRoute | None:
    """The route, or None when desktop-notifier is not installed (or will not even import)."""
    try:
        return DesktopNotifierRoute(icon, library=library)
    except ImportError:
        return None
    except Exception as exc:  # a broken install must not stop the app; the older routes remain
        log.warning("desktop-notifier is installed but unusable: %s", exc)
        return None
