"""macOS screen-lock watcher against faked CoreGraphics/CoreFoundation calls: runs on any OS.

The fakes take the same arguments the real calls get (CFStringRefs and CFTypeRefs as integers,
a byref'd int64 for CFNumberGetValue), so the marshalling in read_screen_locked runs for real;
only the frameworks are stand-ins. The watcher's poll is driven directly: no test sleeps.
"""

from __future__ import annotations

import ctypes
import logging
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from deskbreak.platform.session_lock import SessionLockWatcher, create_session_lock_watcher
from deskbreak.platform.session_lock_macos import (
    BREAK_POLL_MS,
    LOCKED_POLL_MS,
    MacSessionLockWatcher,
    core_graphics_reader,
    read_screen_locked,
)

SESSION = 0x7000_0000_2000
BOOLEAN_TYPE, NUMBER_TYPE, STRING_TYPE = 21, 22, 7


class FakeFrameworks:
    """CoreFoundation and CoreGraphics in one object: a session dictionary behind a handle."""

    def __init__(self, session: dict[str, tuple[int, Any]] | None) -> None:
        self.session = session  # key -> (CF type id, value); None: not in a GUI session
        self.strings: dict[int, str] = {}
        self.values: dict[int, tuple[int, Any]] = {}
        self.copied: list[int] = []
        self.released: list[int] = []
        self._next = 0x100

    def _handle(self) -> int:
        self._next += 8
        return self._next

    def CGSessionCopyCurrentDictionary(self) -> int | None:
        if self.session is None:
            return None
        handle = SESSION + 8 * len(self.copied)  # a fresh dictionary at each copy
        self.copied.append(handle)
        return handle

    def CFStringCreateWithCString(self, allocator: Any, text: bytes, encoding: int) -> int:
        assert allocator is None and encoding == 0x08000100
        handle = self._handle()
        self.strings[handle] = text.decode()
        return handle

    def CFDictionaryGetValue(self, dictionary: int, key: int) -> int | None:
        assert dictionary in self.copied and self.session is not None
        assert dictionary not in self.released and key not in self.released
        entry = self.session.get(self.strings[key])
        if entry is None:
            return None
        handle = self._handle()  # borrowed: the caller must not release it
        self.values[handle] = entry
        return handle

    def CFGetTypeID(self, value: int) -> int:
        return self.values[value][0]

    def CFBooleanGetTypeID(self) -> int:
        return BOOLEAN_TYPE

    def CFNumberGetTypeID(self) -> int:
        return NUMBER_TYPE

    def CFBooleanGetValue(self, value: int) -> bool:
        kind, truth = self.values[value]
        assert kind == BOOLEAN_TYPE
        return bool(truth)

    def CFNumberGetValue(self, value: int, kind: int, out: Any) -> bool:
        assert kind == 4 and self.values[value][0] == NUMBER_TYPE  # kCFNumberSInt64Type
        out._obj.value = self.values[value][1]
        return True

    def CFRelease(self, handle: int) -> None:
        assert handle not in self.values, "a borrowed value was released"
        self.released.append(handle)

    def created(self) -> list[int]:
        return [*self.strings, *self.copied]


LOCKED = {"CGSSessionScreenIsLocked": (BOOLEAN_TYPE, True), "kCGSSessionOnConsoleKey": (BOOLEAN_TYPE, True)}
UNLOCKED = {"kCGSSessionOnConsoleKey": (BOOLEAN_TYPE, True)}  # the key is absent


@pytest.mark.parametrize(
    ("session", "expected"),
    [
        (LOCKED, True),
        (UNLOCKED, False),
        ({"CGSSessionScreenIsLocked": (BOOLEAN_TYPE, False)}, False),
        ({"CGSSessionScreenIsLocked": (NUMBER_TYPE, 1)}, True),
        ({"CGSSessionScreenIsLocked": (NUMBER_TYPE, 0)}, False),
        ({"CGSSessionScreenIsLocked": (STRING_TYPE, "yes")}, True),  # present: locked
    ],
)
def test_reader_reads_the_key_and_releases_everything_created(
    session: dict[str, tuple[int, Any]], expected: bool
) -> None:
    fw = FakeFrameworks(session)
    assert read_screen_locked(fw, fw) is expected
    assert list(fw.strings.values()) == ["CGSSessionScreenIsLocked"]
    assert sorted(fw.released) == sorted(fw.created())  # the key and the copied dictionary, once each


def test_reader_outside_a_gui_session_is_unknown() -> None:
    fw = FakeFrameworks(None)
    assert read_screen_locked(fw, fw) is None
    assert fw.released == [] and fw.created() == []


class Fn:
    """A framework function that takes argtypes/restype as ctypes' do."""

    def __init__(self, call: Any) -> None:
        self.call = call

    def __call__(self, *args: Any) -> Any:
        return self.call(*args)


class Declarable:
    """The fake frameworks as a loaded library: each function is an object ctypes can declare."""

    def __init__(self, fw: FakeFrameworks) -> None:
        self.fw = fw

    def __getattr__(self, name: str) -> Fn:
        fn = Fn(getattr(self.fw, name))
        setattr(self, name, fn)
        return fn


def test_real_reader_is_bound_only_on_macos() -> None:
    fw = FakeFrameworks(LOCKED)
    framework = Declarable(fw)
    loaded: list[str] = []

    def loader(name: str) -> Any:
        loaded.append(name)
        return framework

    assert core_graphics_reader(loader, platform="linux") is None
    assert loaded == []
    read = core_graphics_reader(loader, platform="darwin")
    assert read is not None and loaded == ["CoreFoundation", "CoreGraphics"]
    assert framework.CGSessionCopyCurrentDictionary.restype is ctypes.c_void_p
    assert framework.CFBooleanGetValue.restype is ctypes.c_bool
    assert read() is True
    fw.session = UNLOCKED
    assert read() is False
    assert sorted(fw.released) == sorted(fw.created())


def test_frameworks_missing_means_no_reader(caplog: pytest.LogCaptureFixture) -> None:
    def loader(name: str) -> Any:
        raise OSError(f"framework {name} not found")

    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.session_lock_macos"):
        assert core_graphics_reader(loader, platform="darwin") is None
    assert len(caplog.records) == 1


class Screen:
    """What the injected reader answers: the screen's state, or None for a failed read."""

    def __init__(self) -> None:
        self.state: bool | None = False
        self.reads = 0

    def __call__(self) -> bool | None:
        self.reads += 1
        return self.state


def _watcher(qtbot: QtBot, screen: Screen) -> tuple[MacSessionLockWatcher, list[str]]:
    watcher = MacSessionLockWatcher(screen)
    seen: list[str] = []
    watcher.locked.connect(lambda: seen.append("locked"))
    watcher.unlocked.connect(lambda: seen.append("unlocked"))
    return watcher, seen


def test_transitions_fire_once_each(qtbot: QtBot) -> None:
    screen = Screen()
    watcher, seen = _watcher(qtbot, screen)
    watcher.watch(True)
    watcher.poll()
    assert seen == []  # unlocked, as assumed from the start
    screen.state = True
    watcher.poll()
    watcher.poll()
    assert seen == ["locked"]
    screen.state = False
    watcher.poll()
    watcher.poll()
    assert seen == ["locked", "unlocked"]
    watcher.close()


def test_a_failed_read_changes_nothing(qtbot: QtBot) -> None:
    screen = Screen()
    watcher, seen = _watcher(qtbot, screen)
    watcher.watch(True)
    screen.state = True
    watcher.poll()
    screen.state = None  # the read failed: still locked as far as we know
    watcher.poll()
    assert seen == ["locked"] and watcher.is_locked
    screen.state = True
    watcher.poll()
    assert seen == ["locked"]
    watcher.close()


def test_a_raising_reader_is_unknown_logged_once(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    def broken() -> bool | None:
        raise OSError("window server gone")

    watcher = MacSessionLockWatcher(broken)
    watcher.watch(True)
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.session_lock_macos"):
        watcher.poll()
        watcher.poll()
    assert len(caplog.records) == 1 and not watcher.is_locked
    assert watcher.timer.isActive()  # still watching the break
    watcher.close()


def test_polls_only_during_a_break(qtbot: QtBot) -> None:
    screen = Screen()
    watcher, _seen = _watcher(qtbot, screen)
    assert not watcher.timer.isActive()  # idle: no timer at all
    watcher.watch(True)
    assert watcher.timer.isActive() and watcher.timer.interval() == BREAK_POLL_MS
    watcher.watch(True)  # told again at every status change: the timer is not restarted
    assert watcher.timer.isActive()
    watcher.watch(False)
    assert not watcher.timer.isActive()
    assert screen.reads == 0  # nothing read merely by being told
    watcher.close()


def test_a_lock_that_ends_the_break_is_followed_slowly_until_unlocked(qtbot: QtBot) -> None:
    screen = Screen()
    watcher, seen = _watcher(qtbot, screen)
    watcher.locked.connect(lambda: watcher.watch(False))  # as the app does: the lock ends the break
    watcher.watch(True)
    screen.state = True
    watcher.poll()
    assert seen == ["locked"]
    assert watcher.timer.isActive() and watcher.timer.interval() == LOCKED_POLL_MS
    watcher.poll()  # still locked
    assert watcher.timer.interval() == LOCKED_POLL_MS
    screen.state = False
    watcher.poll()
    assert seen == ["locked", "unlocked"]
    assert not watcher.timer.isActive()  # back to idle: no timer
    watcher.close()


def test_the_timer_drives_the_poll(qtbot: QtBot) -> None:
    screen = Screen()
    watcher, seen = _watcher(qtbot, screen)
    watcher.watch(True)
    screen.state = True
    watcher.timer.timeout.emit()  # what the timer does when it fires; no waiting
    assert seen == ["locked"] and screen.reads == 1
    watcher.close()


def test_close_stops_the_timer_for_good(qtbot: QtBot) -> None:
    screen = Screen()
    watcher, seen = _watcher(qtbot, screen)
    watcher.watch(True)
    watcher.close()
    assert not watcher.timer.isActive()
    watcher.watch(True)
    screen.state = True
    watcher.poll()
    assert not watcher.timer.isActive() and seen == [] and screen.reads == 0


def test_without_a_reader_it_never_polls(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("deskbreak.platform.session_lock_macos.core_graphics_reader", lambda: None)
    watcher = MacSessionLockWatcher()
    watcher.watch(True)
    watcher.poll()
    assert not watcher.timer.isActive()
    watcher.close()


def test_factory_picks_by_platform(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("deskbreak.platform.session_lock_macos.core_graphics_reader", lambda: None)
    assert isinstance(create_session_lock_watcher("darwin"), MacSessionLockWatcher)
    assert isinstance(create_session_lock_watcher("linux"), SessionLockWatcher)
