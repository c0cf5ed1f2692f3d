"""Windows inhibitor source with a faked CallNtPowerInformation: runs on any OS."""

from __future__ import annotations

import logging
import sys

import pytest

from deskbreak.platform.inhibit_windows import (
    ES_DISPLAY_REQUIRED,
    ES_SYSTEM_REQUIRED,
    WindowsInhibitCheck,
    WindowsInhibitUnavailable,
)

ES_USER_PRESENT = 0x4


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (ES_DISPLAY_REQUIRED, True),
        (ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED, True),
        (ES_SYSTEM_REQUIRED, False),  # a download keeping the machine awake: not watching
        (ES_USER_PRESENT, False),
        (0, False),
        (None, None),  # the call failed
    ],
)
def test_display_required_decides(state: int | None, expected: bool | None) -> None:
    assert WindowsInhibitCheck(lambda: state).inhibited() is expected


def test_odd_values_and_exceptions_are_unknown(caplog: pytest.LogCaptureFixture) -> None:
    assert WindowsInhibitCheck(lambda: True).inhibited() is None  # a bool is not a flag word

    def broken() -> int | None:
        raise OSError("access denied")

    check = WindowsInhibitCheck(broken)
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.inhibit_windows"):
        assert check.inhibited() is None
        assert check.inhibited() is None
    assert len(caplog.records) == 1
    check.close()


@pytest.mark.skipif(sys.platform == "win32", reason="checks the refusal off Windows")
def test_real_call_is_unavailable_off_windows() -> None:
    with pytest.raises(WindowsInhibitUnavailable):
        WindowsInhibitCheck()
