"""The postpone contract: the combined check, the Null check and the factory (no OS calls)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from deskbreak.platform import (
    do_not_disturb,
    do_not_disturb_macos,
    focus_assist_windows,
    fullscreen_macos,
    fullscreen_windows,
    fullscreen_x11,
    in_call_linux,
)
from deskbreak.platform.postpone import (
    DEFAULT_FACTORIES,
    DO_NOT_DISTURB,
    FULLSCREEN_WINDOW,
    IN_A_CALL,
    CombinedPostponeCheck,
    NullPostponeCheck,
    PostponeCheck,
    choose_checks,
    create_postpone_checks,
)


class Fixed:
    def __init__(self, name: str, answer: str | None = None, error: Exception | None = None) -> None:
        self.name = name
        self.answer = answer
        self.error = error
        self.asked = 0
        self.closed = 0

    def reason(self) -> str | None:
        self.asked += 1
        if self.error is not None:
            raise self.error
        return self.answer

    def close(self) -> None:
        self.closed += 1


class NoWindows:
    def windows(self) -> list[fullscreen_macos.WindowInfo] | None:
        return []

    def displays(self) -> list[fullscreen_macos.Rect] | None:
        return []


def test_backends_use_the_contracts_reason_strings() -> None:
    assert in_call_linux.REASON == IN_A_CALL == "in a call"
    assert fullscreen_x11.REASON == fullscreen_windows.REASON == fullscreen_macos.REASON == FULLSCREEN_WINDOW
    assert (
        do_not_disturb.REASON == focus_assist_windows.REASON == do_not_disturb_macos.REASON == DO_NOT_DISTURB
    )


def test_every_check_meets_the_protocol() -> None:
    assert isinstance(NullPostponeCheck(), PostponeCheck)
    assert isinstance(CombinedPostponeCheck([]), PostponeCheck)
    assert isinstance(in_call_linux.LinuxInCallCheck(), PostponeCheck)
    assert isinstance(fullscreen_windows.WindowsFullscreenCheck(lambda: 5), PostponeCheck)
    assert isinstance(do_not_disturb.DoNotDisturbCheck([]), PostponeCheck)
    assert isinstance(focus_assist_windows.FocusAssistCheck(lambda: 0), PostponeCheck)
    assert isinstance(fullscreen_macos.MacFullscreenCheck(NoWindows()), PostponeCheck)
    assert isinstance(do_not_disturb_macos.MacDoNotDisturbCheck(Path("/nonexistent")), PostponeCheck)


def test_null_never_postpones() -> None:
    check = NullPostponeCheck()
    assert check.reason() is None
    check.close()
    check.close()


def test_first_reason_wins_and_later_checks_are_not_asked() -> None:
    none, call, full = Fixed("none"), Fixed("call", IN_A_CALL), Fixed("full", FULLSCREEN_WINDOW)
    combined = CombinedPostponeCheck([none, call, full])
    assert combined.reason() == IN_A_CALL
    assert (none.asked, call.asked, full.asked) == (1, 1, 0)
    assert combined.names == ("none", "call", "full")


def test_no_reason_asks_all() -> None:
    checks = [Fixed("a"), Fixed("b")]
    assert CombinedPostponeCheck(checks).reason() is None
    assert [c.asked for c in checks] == [1, 1]


def test_an_error_is_none_logged_once_and_the_next_check_still_answers(
    caplog: pytest.LogCaptureFixture,
) -> None:
    broken = Fixed("broken", error=OSError("gone"))
    dnd = Fixed("dnd", DO_NOT_DISTURB)
    combined = CombinedPostponeCheck([broken, dnd])
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.postpone"):
        assert combined.reason() == DO_NOT_DISTURB
        assert combined.reason() == DO_NOT_DISTURB
    failures = [r for r in caplog.records if "broken failed" in r.getMessage()]
    assert len(failures) == 1
    dnd.answer = None
    assert combined.reason() is None


def test_a_slow_check_is_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    ticks = iter([0.0, 0.2, 1.0, 1.2, 2.0, 2.0])
    combined = CombinedPostponeCheck([Fixed("slow")], clock=lambda: next(ticks))
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.postpone"):
        for _ in range(3):
            assert combined.reason() is None
    slow = [r for r in caplog.records if "took" in r.getMessage()]
    assert len(slow) == 1 and "200 ms" in slow[0].getMessage()


def test_close_closes_every_check_even_if_one_fails() -> None:
    class BadClose(Fixed):
        def close(self) -> None:
            raise RuntimeError("boom")

    good = Fixed("good")
    combined = CombinedPostponeCheck([BadClose("bad"), good])
    combined.close()
    assert good.closed == 1


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("linux", {"DISPLAY": ":0"}, ["in-call-linux", "fullscreen-x11", "do-not-disturb"]),
        (
            "linux",
            {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"},
            ["in-call-linux", "fullscreen-x11", "do-not-disturb"],
        ),
        ("linux", {"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, ["in-call-linux", "do-not-disturb"]),
        ("linux", {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, ["in-call-linux", "do-not-disturb"]),
        ("linux", {}, ["in-call-linux", "do-not-disturb"]),
        ("freebsd14", {"DISPLAY": ":0"}, ["fullscreen-x11", "do-not-disturb"]),
        ("win32", {}, ["fullscreen-windows", "focus-assist-windows"]),
        ("win32", {"DISPLAY": ":0"}, ["fullscreen-windows", "focus-assist-windows"]),
        ("darwin", {}, ["fullscreen-macos", "do-not-disturb-macos"]),
        ("darwin", {"DISPLAY": ":0"}, ["fullscreen-macos", "do-not-disturb-macos"]),
    ],
)
def test_choose_checks(platform: str, environ: dict[str, str], expected: list[str]) -> None:
    assert choose_checks(platform, environ) == expected


def test_factory_combines_what_builds_and_skips_what_raises(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[Mapping[str, str]] = []

    def call(environ: Mapping[str, str]) -> PostponeCheck:
        seen.append(environ)
        return Fixed("call", IN_A_CALL)

    def no_x(environ: Mapping[str, str]) -> PostponeCheck:
        raise OSError("no libX11")

    environ = {"DISPLAY": ":5"}
    with caplog.at_level(logging.INFO, logger="deskbreak.platform.postpone"):
        check = create_postpone_checks(
            environ,
            "linux",
            factories={
                "in-call-linux": call,
                "fullscreen-x11": no_x,
                "do-not-disturb": lambda e: Fixed("dnd"),
            },
        )
    assert isinstance(check, CombinedPostponeCheck)
    assert check.names == ("call", "dnd")
    assert check.reason() == IN_A_CALL
    assert seen == [environ]
    assert any("fullscreen-x11 not available: no libX11" in r.getMessage() for r in caplog.records)


def test_factory_gives_null_when_nothing_builds() -> None:
    def broken(environ: Mapping[str, str]) -> PostponeCheck:
        raise RuntimeError("nope")

    check = create_postpone_checks({}, "linux", factories={"in-call-linux": broken, "do-not-disturb": broken})
    assert isinstance(check, NullPostponeCheck)


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_real_factory_never_raises_for_another_os_from_here(
    platform: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Off that OS its backends cannot build: the factory must say Null, not raise, and say why.
    if sys.platform == platform:
        pytest.skip("checks the refusal off that OS")
    with caplog.at_level(logging.INFO, logger="deskbreak.platform.postpone"):
        assert isinstance(create_postpone_checks({"HOME": "/nonexistent"}, platform), NullPostponeCheck)
    refused = [name for name in choose_checks(platform, {}) if f"{name} not available" in caplog.text]
    assert refused == choose_checks(platform, {})


@pytest.mark.parametrize("platform", ["linux", "freebsd14", "win32", "darwin"])
def test_every_chosen_check_has_a_real_factory(platform: str) -> None:
    # A name without a factory would be skipped silently: the check would never be asked.
    chosen = choose_checks(platform, {"DISPLAY": ":0"})
    assert chosen and all(name in DEFAULT_FACTORIES for name in chosen)


def test_real_factory_on_this_linux_without_a_display() -> None:
    check = create_postpone_checks({"PATH": ""}, "linux")
    try:
        assert isinstance(check, CombinedPostponeCheck)
        assert check.names == ("in-call-linux",)  # no tools on an empty PATH, no DISPLAY
        assert check.reason() in (None, IN_A_CALL)
    finally:
        check.close()
