"""macOS inhibitor source against faked IOKit/CoreFoundation calls: runs on any OS.

The fakes take the same ctypes arguments the real calls get (a byref'd CFDictionaryRef out
parameter, CFStringRefs as integers, a byref'd int64 for CFNumberGetValue), so the marshalling
code in read_assertion_counts runs for real; only the libraries are stand-ins.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import pytest

from deskbreak.platform.inhibit_macos import (
    MacInhibitCheck,
    MacInhibitUnavailable,
    read_assertion_counts,
)

DICT = 0x7000_0000_1000


class FakeFrameworks:
    """CoreFoundation and IOKit in one object: a dictionary of assertion counts behind handles."""

    def __init__(self, counts: dict[str, int] | None, *, status: int = 0) -> None:
        self.counts = counts
        self.status = status
        self.strings: dict[int, str] = {}
        self.numbers: dict[int, int] = {}
        self.released: list[int] = []
        self._next = 0x100

    def _handle(self) -> int:
        self._next += 8
        return self._next

    def IOPMCopyAssertionsStatus(self, out: Any) -> int:
        if self.status != 0 or self.counts is None:
            return self.status or 1
        out._obj.value = DICT
        return 0

    def CFStringCreateWithCString(self, allocator: Any, text: bytes, encoding: int) -> int:
        assert encoding == 0x08000100
        handle = self._handle()
        self.strings[handle] = text.decode()
        return handle

    def CFDictionaryGetValue(self, dictionary: int, key: int) -> int | None:
        assert dictionary == DICT and self.counts is not None
        name = self.strings[key]
        if name not in self.counts:
            return None
        handle = self._handle()
        self.numbers[handle] = self.counts[name]
        return handle

    def CFNumberGetValue(self, number: int, kind: int, out: Any) -> bool:
        assert kind == 4  # kCFNumberSInt64Type
        out._obj.value = self.numbers[number]
        return True

    def CFRelease(self, handle: int) -> None:
        self.released.append(handle)


def test_read_counts_and_release_everything_created() -> None:
    fw = FakeFrameworks({"PreventUserIdleDisplaySleep": 2, "PreventUserIdleSystemSleep": 1})
    counts = read_assertion_counts(fw, fw, ["PreventUserIdleDisplaySleep", "NoDisplaySleepAssertion"])
    assert counts == {"PreventUserIdleDisplaySleep": 2}
    assert sorted(fw.released) == sorted([*fw.strings, DICT])  # keys and the copied dictionary


def test_read_counts_failure_is_none() -> None:
    fw = FakeFrameworks({}, status=0xE00002C2)
    assert read_assertion_counts(fw, fw, ["PreventUserIdleDisplaySleep"]) is None
    assert fw.released == []


def _check(counts: dict[str, int] | None, **kw: bool) -> MacInhibitCheck:
    fw = FakeFrameworks(counts)
    return MacInhibitCheck(lambda keys: read_assertion_counts(fw, fw, keys), **kw)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({"PreventUserIdleDisplaySleep": 1, "PreventUserIdleSystemSleep": 0}, True),
        ({"PreventUserIdleDisplaySleep": 0, "NoDisplaySleepAssertion": 1}, True),  # legacy name
        ({"PreventUserIdleDisplaySleep": 0, "PreventUserIdleSystemSleep": 3}, False),  # audio playing
        ({"PreventUserIdleDisplaySleep": 0}, False),
        ({}, False),
        (None, None),
    ],
)
def test_display_assertions_decide(counts: dict[str, int] | None, expected: bool | None) -> None:
    assert _check(counts).inhibited() is expected


def test_system_sleep_counts_only_when_asked() -> None:
    counts = {"PreventUserIdleDisplaySleep": 0, "PreventUserIdleSystemSleep": 1}
    assert _check(counts).inhibited() is False
    assert _check(counts, count_system_sleep=True).inhibited() is True


def test_exception_is_unknown_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    def broken(keys: object) -> None:
        raise OSError("powerd gone")

    check = MacInhibitCheck(broken)
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.inhibit_macos"):
        assert check.inhibited() is None
        assert check.inhibited() is None
    assert len(caplog.records) == 1
    check.close()


@pytest.mark.skipif(sys.platform == "darwin", reason="checks the refusal off macOS")
def test_real_reader_is_unavailable_off_macos() -> None:
    with pytest.raises(MacInhibitUnavailable):
        MacInhibitCheck()
