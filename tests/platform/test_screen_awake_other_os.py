"""Keeping the screen awake during a break on Windows and macOS, against faked OS calls: the
request is made once, let go once, and a refusal is reported, never raised."""

from __future__ import annotations

from typing import Any

from deskbreak.platform.inhibit_windows import ES_DISPLAY_REQUIRED, ES_SYSTEM_REQUIRED
from deskbreak.platform.screen_awake import ScreenAwake, create_screen_awake
from deskbreak.platform.screen_awake_macos import ASSERTION_TYPE, K_IOPM_ASSERTION_LEVEL_ON, MacScreenAwake
from deskbreak.platform.screen_awake_windows import ES_CONTINUOUS, WindowsScreenAwake


class ThreadState:
    """SetThreadExecutionState: the flags it was given; 0 (failure) when told to refuse."""

    def __init__(self, refuse: bool = False) -> None:
        self.calls: list[int] = []
        self.refuse = refuse

    def __call__(self, flags: int) -> int:
        self.calls.append(flags)
        return 0 if self.refuse else ES_CONTINUOUS


def test_windows_asks_for_the_display_until_the_break_ends():
    state = ThreadState()
    awake = WindowsScreenAwake(state)
    assert awake.hold() and awake.hold()  # the second hold changes nothing
    assert state.calls == [ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED]
    awake.release()
    awake.release()
    assert state.calls[1:] == [ES_CONTINUOUS] and not awake.held  # continuous alone: the request ends


def test_windows_refusing_is_reported_and_nothing_is_let_go_later():
    state = ThreadState(refuse=True)
    awake = WindowsScreenAwake(state)
    assert not awake.hold() and not awake.held
    awake.release()
    assert len(state.calls) == 1


class Frameworks:
    """CoreFoundation and IOKit as MacScreenAwake uses them: strings made and released, and the
    assertions created and released."""

    def __init__(self, result: int = 0) -> None:
        self.result = result
        self.strings: dict[int, str] = {}
        self.released: list[int] = []
        self.created: list[tuple[str, int, str]] = []
        self.ended: list[int] = []

    def CFStringCreateWithCString(self, allocator: Any, text: bytes, encoding: int) -> int:  # noqa: N802
        handle = 100 + len(self.strings)
        self.strings[handle] = text.decode()
        return handle

    def CFRelease(self, handle: int) -> None:  # noqa: N802
        self.released.append(handle)

    def IOPMAssertionCreateWithName(self, kind: int, level: int, name: int, out: Any) -> int:  # noqa: N802
        self.created.append((self.strings[kind], level, self.strings[name]))
        if self.result == 0:
            out._obj.value = 4242
        return self.result

    def IOPMAssertionRelease(self, assertion: int) -> int:  # noqa: N802
        self.ended.append(assertion)
        return 0


def test_macos_holds_a_display_assertion_and_releases_it_once():
    fake = Frameworks()
    awake = MacScreenAwake((fake, fake))
    assert awake.hold("A guided deskbreak routine is running") and awake.hold()
    assert fake.created == [
        (ASSERTION_TYPE, K_IOPM_ASSERTION_LEVEL_ON, "A guided deskbreak routine is running")
    ]
    assert sorted(fake.released) == sorted(fake.strings)  # every string made was released
    awake.release()
    awake.release()
    assert fake.ended == [4242] and not awake.held


def test_macos_refusing_is_reported_and_leaks_nothing():
    fake = Frameworks(result=0xE00002C2)  # kIOReturnBadArgument
    awake = MacScreenAwake((fake, fake))
    assert not awake.hold() and not awake.held
    awake.release()
    assert fake.ended == [] and sorted(fake.released) == sorted(fake.strings)


def test_each_os_gets_its_own_way():
    assert isinstance(create_screen_awake("linux"), ScreenAwake)
    assert isinstance(create_screen_awake("win32"), WindowsScreenAwake)
    assert isinstance(create_screen_awake("darwin"), MacScreenAwake)
    # off their OS the real calls are missing: holding says no instead of failing
    assert not create_screen_awake("win32").hold() and not create_screen_awake("darwin").hold()
