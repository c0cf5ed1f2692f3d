"""Hearing the screen lock on Windows, against faked wtsapi32 calls: WM_WTSSESSION_CHANGE messages
are real MSG structures built in memory, handed to the watcher's native event filter by their
address as Qt would (a shiboken VoidPtr), and the watcher's signals are counted."""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QByteArray, QCoreApplication
from shiboken6 import Shiboken

from deskbreak.platform.session_lock import SessionLockWatcher, create_session_lock_watcher
from deskbreak.platform.session_lock_windows import (
    MSG,
    WM_WTSSESSION_CHANGE,
    WTS_CONSOLE_CONNECT,
    WTS_CONSOLE_DISCONNECT,
    WTS_REMOTE_CONNECT,
    WTS_REMOTE_DISCONNECT,
    WTS_SESSION_LOCK,
    WTS_SESSION_UNLOCK,
    SessionNotifications,
    WindowsSessionLockWatcher,
)

WTS_SESSION_LOGON = 0x5
WTS_SESSION_LOGOFF = 0x6
WM_POWERBROADCAST = 0x0218
RPC_S_INVALID_BINDING = 1702


class Wtsapi32:
    """WTSRegisterSessionNotification and its counterpart: the windows they were given."""

    def __init__(self, refuse: bool = False) -> None:
        self.refuse = refuse
        self.registered: list[int] = []
        self.unregistered: list[int] = []

    def calls(self) -> SessionNotifications:
        return SessionNotifications(self.register, self.unregistered.append, lambda: RPC_S_INVALID_BINDING)

    def register(self, hwnd: int) -> bool:
        self.registered.append(hwnd)
        return not self.refuse


class Filters:
    """The application's native event filters, as installNativeEventFilter/remove... change them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.installed: list[object] = []
        self.removed: list[object] = []
        install, remove = QCoreApplication.installNativeEventFilter, QCoreApplication.removeNativeEventFilter

        def installing(app: QCoreApplication, native_filter: object) -> None:
            self.installed.append(native_filter)
            install(app, native_filter)  # type: ignore[arg-type]

        def removing(app: QCoreApplication, native_filter: object) -> None:
            self.removed.append(native_filter)
            remove(app, native_filter)  # type: ignore[arg-type]

        monkeypatch.setattr(QCoreApplication, "installNativeEventFilter", installing)
        monkeypatch.setattr(QCoreApplication, "removeNativeEventFilter", removing)


class Heard:
    def __init__(self, watcher: WindowsSessionLockWatcher) -> None:
        self.events: list[str] = []
        watcher.locked.connect(lambda: self.events.append("locked"))
        watcher.unlocked.connect(lambda: self.events.append("unlocked"))


@pytest.fixture
def wts() -> Wtsapi32:
    return Wtsapi32()


@pytest.fixture
def watcher(qapp: QCoreApplication, wts: Wtsapi32) -> Iterator[WindowsSessionLockWatcher]:
    made = WindowsSessionLockWatcher(wts.calls())
    yield made
    made.close()


def send(
    watcher: WindowsSessionLockWatcher,
    change: int,
    message: int = WM_WTSSESSION_CHANGE,
    hwnd: int | None = None,
    event_type: bytes = b"windows_generic_MSG",
) -> None:
    """One message to the watcher's window, through its filter as Qt calls it."""
    native_filter = watcher._filter
    assert native_filter is not None
    msg = MSG(hwnd=native_filter.hwnd if hwnd is None else hwnd, message=message, wParam=change, lParam=1)
    pointer = Shiboken.VoidPtr(ctypes.addressof(msg))  # what PySide hands a Python filter
    answer = native_filter.nativeEventFilter(QByteArray(event_type), pointer)  # type: ignore[arg-type]
    assert answer == (False, 0)  # never swallowed: Qt goes on with the message


def test_it_registers_its_own_window_for_this_session_and_installs_its_filter(qapp, wts, monkeypatch):
    filters = Filters(monkeypatch)
    watcher = WindowsSessionLockWatcher(wts.calls())
    assert watcher.listening and watcher._filter is not None
    assert wts.registered == [watcher._filter.hwnd] and wts.registered[0] != 0
    assert filters.installed == [watcher._filter]
    watcher.close()


def test_a_lock_says_locked_once_and_an_unlock_unlocked_once(watcher):
    heard = Heard(watcher)
    send(watcher, WTS_SESSION_LOCK)
    assert heard.events == ["locked"]
    send(watcher, WTS_SESSION_LOCK)  # said again: nothing new
    send(watcher, WTS_SESSION_UNLOCK)
    send(watcher, WTS_SESSION_UNLOCK)
    assert heard.events == ["locked", "unlocked"]


def test_other_messages_other_changes_other_windows_and_dispatcher_copies_are_ignored(watcher):
    heard = Heard(watcher)
    for change in (WTS_SESSION_LOGON, WTS_SESSION_LOGOFF, 0x9, 0xA, 0xB, WTS_CONSOLE_CONNECT):
        send(watcher, change)
    send(watcher, WTS_SESSION_LOCK, message=WM_POWERBROADCAST)
    send(watcher, WTS_SESSION_LOCK, hwnd=0xBEEF)  # another window's message
    send(watcher, WTS_SESSION_LOCK, event_type=b"windows_dispatcher_MSG")  # seen again as generic
    send(watcher, WTS_SESSION_LOCK, event_type=b"xcb_generic_event_t")
    send(watcher, WTS_SESSION_UNLOCK)  # not locked: nothing to end
    assert heard.events == []


@pytest.mark.parametrize("disconnect", [WTS_CONSOLE_DISCONNECT, WTS_REMOTE_DISCONNECT])
def test_a_disconnected_session_counts_as_locked_until_it_is_connected_again(watcher, disconnect):
    heard = Heard(watcher)
    send(watcher, disconnect)
    send(watcher, WTS_REMOTE_CONNECT if disconnect == WTS_REMOTE_DISCONNECT else WTS_CONSOLE_CONNECT)
    assert heard.events == ["locked", "unlocked"]


def test_after_a_real_lock_a_reconnect_waits_for_the_unlock(watcher):
    """Switching users: the session locks, then leaves the console; back at the console, the
    lock screen is up until the user signs in."""
    heard = Heard(watcher)
    for change in (WTS_SESSION_LOCK, WTS_CONSOLE_DISCONNECT, WTS_CONSOLE_CONNECT):
        send(watcher, change)
    assert heard.events == ["locked"]
    send(watcher, WTS_SESSION_UNLOCK)
    assert heard.events == ["locked", "unlocked"]


def test_the_signals_reach_a_slot_as_queued_qt_signals_would(qtbot, watcher):
    with qtbot.waitSignal(watcher.locked, timeout=1000):
        send(watcher, WTS_SESSION_LOCK)
    with qtbot.waitSignal(watcher.unlocked, timeout=1000):
        send(watcher, WTS_SESSION_UNLOCK)


def test_a_refused_registration_leaves_a_silent_watcher_and_says_so_once(qapp, monkeypatch, caplog):
    wts = Wtsapi32(refuse=True)
    filters = Filters(monkeypatch)
    with caplog.at_level(logging.INFO, logger="deskbreak.platform.session_lock_windows"):
        watcher = WindowsSessionLockWatcher(wts.calls())
    assert not watcher.listening and watcher._filter is None and filters.installed == []
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1 and str(RPC_S_INVALID_BINDING) in messages[0]
    watcher.close()
    assert wts.unregistered == [] and filters.removed == []  # nothing was registered to undo


def test_close_unregisters_once_and_removes_the_filter(qapp, wts, monkeypatch):
    filters = Filters(monkeypatch)
    watcher = WindowsSessionLockWatcher(wts.calls())
    native_filter = watcher._filter
    watcher.close()
    watcher.close()
    assert wts.unregistered == wts.registered  # the same window, once
    assert filters.removed == [native_filter] and not watcher.listening


def test_off_windows_without_faked_calls_it_does_nothing(qapp, monkeypatch):
    filters = Filters(monkeypatch)
    watcher = WindowsSessionLockWatcher()  # this is Linux: no wtsapi32
    assert not watcher.listening and filters.installed == []
    watcher.close()


def test_the_msg_layout_is_windows_64_bit():
    assert ctypes.sizeof(MSG) == 48  # x64 MSG without lPrivate: 8 + 4(+4) + 8 + 8 + 4 + 8 (+4 padding)
    assert (MSG.message.offset, MSG.wParam.offset, MSG.lParam.offset, MSG.time.offset) == (8, 16, 24, 32)


def test_the_factory_picks_the_windows_watcher_only_on_windows(qapp, monkeypatch):
    made: list[object] = []
    monkeypatch.setattr(
        "deskbreak.platform.session_lock_windows.WindowsSessionLockWatcher", lambda: made.append("win") or "w"
    )
    assert create_session_lock_watcher("win32") == "w" and made == ["win"]
    linux = create_session_lock_watcher("linux")
    assert isinstance(linux, SessionLockWatcher)
    linux.close()
