"""Windows Focus Assist against a faked NtQueryWnfStateData: runs on any OS.

The fake takes the same ctypes arguments the real call gets (byref'd state name, change stamp,
buffer and size), so the marshalling in read_profile runs for real; only ntdll is a stand-in.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from typing import Any

import pytest

from deskbreak.platform.focus_assist_windows import (
    ALARMS_ONLY,
    OFF,
    PRIORITY_ONLY,
    REASON,
    WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED,
    FocusAssistCheck,
    FocusAssistUnavailable,
    ntdll_query,
    read_profile,
)
from deskbreak.platform.postpone import DO_NOT_DISTURB, CombinedPostponeCheck

STATUS_SUCCESS = 0
STATUS_BUFFER_TOO_SMALL = 0xC0000023  # as an unsigned NTSTATUS
STATUS_ACCESS_DENIED = -1073741790  # 0xC0000022 as the signed value ctypes returns


class FakeNtQueryWnfStateData:
    """Answers like the real call: writes the profile and its size, returns an NTSTATUS."""

    def __init__(self, profile: int = OFF, *, status: int = STATUS_SUCCESS, size: int = 4) -> None:
        self.profile, self.status, self.size = profile, status, size
        self.calls: list[tuple[Any, ...]] = []
        self.argtypes: list[Any] | None = None
        self.restype: Any = None

    def __call__(self, name: Any, type_id: Any, scope: Any, stamp: Any, buffer: Any, size: Any) -> int:
        self.calls.append((name._obj.value, type_id, scope, size._obj.value))
        if self.status == STATUS_SUCCESS:
            stamp._obj.value = 7
            buffer._obj.value = self.profile
            size._obj.value = self.size
        return self.status


@pytest.mark.parametrize("profile", [OFF, PRIORITY_ONLY, ALARMS_ONLY, 9])
def test_read_profile_asks_the_quiet_hours_state_and_reads_its_dword(profile: int) -> None:
    fake = FakeNtQueryWnfStateData(profile)
    assert read_profile(fake) == profile
    # the state name, no type id, no explicit scope, a 4-byte buffer
    assert fake.calls == [(WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED, None, None, 4)]


def test_the_state_name_is_the_two_ulongs_others_pass() -> None:
    name = ctypes.c_uint64(WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED)
    low, high = (ctypes.c_uint32 * 2).from_buffer_copy(name)
    assert (low, high) == (0xA3BF1C75, 0x0D83063E)


@pytest.mark.parametrize(
    "fake",
    [
        FakeNtQueryWnfStateData(PRIORITY_ONLY, status=STATUS_BUFFER_TOO_SMALL),
        FakeNtQueryWnfStateData(PRIORITY_ONLY, status=STATUS_ACCESS_DENIED),
        FakeNtQueryWnfStateData(PRIORITY_ONLY, size=0),  # never written since boot
        FakeNtQueryWnfStateData(PRIORITY_ONLY, size=2),
    ],
)
def test_read_profile_no_usable_answer_is_none(fake: FakeNtQueryWnfStateData) -> None:
    assert read_profile(fake) is None


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (OFF, None),
        (PRIORITY_ONLY, REASON),
        (ALARMS_ONLY, REASON),
        (3, None),  # a value a later Windows might add: no guess
        (0xFFFFFFFF, None),
        (None, None),
    ],
)
def test_profiles_decide(profile: int | None, expected: str | None) -> None:
    check = FocusAssistCheck(lambda: profile)
    assert check.profile() == profile
    assert check.reason() == expected
    check.close()


def test_the_reason_is_the_contracts() -> None:
    assert REASON == DO_NOT_DISTURB


def test_through_the_real_binding_with_a_faked_ntdll() -> None:
    fake = FakeNtQueryWnfStateData(ALARMS_ONLY)

    class Ntdll:
        NtQueryWnfStateData = fake

    check = FocusAssistCheck(ntdll_query(loader=Ntdll))
    assert check.reason() == REASON
    assert fake.restype is ctypes.c_int32 and fake.argtypes is not None and len(fake.argtypes) == 6
    fake.profile = OFF
    assert check.reason() is None


def test_an_unknown_profile_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    check = FocusAssistCheck(lambda: 5)
    with caplog.at_level(logging.INFO, logger="deskbreak.platform.focus_assist_windows"):
        assert [check.reason() for _ in range(3)] == [None, None, None]
    assert [r.getMessage() for r in caplog.records] == [
        "Focus Assist: unknown profile 5, counted as off (logged once)"
    ]


def test_an_error_is_none_logged_once_and_recovers(caplog: pytest.LogCaptureFixture) -> None:
    answers: list[int | Exception] = [OSError("ntdll went away"), OSError("again"), PRIORITY_ONLY]

    def query() -> int | None:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    check = FocusAssistCheck(query)
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.focus_assist_windows"):
        assert check.reason() is None
        assert check.reason() is None
        assert check.reason() == REASON
    assert len(caplog.records) == 1 and caplog.records[0].exc_info is not None


def test_in_the_combined_check_it_answers_after_fullscreen() -> None:
    from deskbreak.platform.fullscreen_windows import QUNS_ACCEPTS_NOTIFICATIONS, WindowsFullscreenCheck

    combined = CombinedPostponeCheck(
        [WindowsFullscreenCheck(lambda: QUNS_ACCEPTS_NOTIFICATIONS), FocusAssistCheck(lambda: PRIORITY_ONLY)]
    )
    assert combined.names == ("fullscreen-windows", "focus-assist-windows")
    assert combined.reason() == DO_NOT_DISTURB


def test_binding_fails_cleanly_without_the_function() -> None:
    class OldNtdll:  # Windows 7: no WNF
        pass

    with pytest.raises(FocusAssistUnavailable, match="NtQueryWnfStateData"):
        ntdll_query(loader=OldNtdll)

    def no_library() -> Any:
        raise OSError("cannot load ntdll")

    with pytest.raises(FocusAssistUnavailable, match="cannot load ntdll"):
        ntdll_query(loader=no_library)


@pytest.mark.skipif(sys.platform == "win32", reason="checks the off-Windows refusal")
def test_refuses_off_windows() -> None:
    with pytest.raises(FocusAssistUnavailable, match="only on Windows"):
        FocusAssistCheck()
