"""The inhibit-check contract, the combined check and the factory: no OS calls (faked backends)."""

from __future__ import annotations

import logging
from collections.abc import Mapping

import pytest

from deskbreak.platform.inhibitors import (
    CombinedInhibitCheck,
    InhibitCheck,
    NullInhibitCheck,
    choose_inhibit_sources,
    create_inhibit_check,
)


class Fake:
    def __init__(self, name: str, answer: bool | None | Exception) -> None:
        self.name = name
        self.answer = answer
        self.asked = 0
        self.closed = 0

    def inhibited(self) -> bool | None:
        self.asked += 1
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer

    def close(self) -> None:
        self.closed += 1


def test_null_cannot_tell_and_satisfies_the_protocol() -> None:
    check = NullInhibitCheck()
    assert isinstance(check, InhibitCheck)
    assert check.inhibited() is None
    check.close()
    check.close()


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([None, None], None),
        ([False, None], False),
        ([None, False], False),
        ([False, True], True),
        ([True, False], True),
        ([], None),
    ],
)
def test_combined_first_true_wins_then_false_then_none(
    answers: list[bool | None], expected: bool | None
) -> None:
    checks = [Fake(f"c{i}", a) for i, a in enumerate(answers)]
    assert CombinedInhibitCheck(checks).inhibited() is expected


def test_combined_stops_asking_after_a_true() -> None:
    first, second = Fake("a", True), Fake("b", False)
    assert CombinedInhibitCheck([first, second]).inhibited() is True
    assert second.asked == 0


def test_combined_turns_exceptions_into_unknown_and_logs_once(caplog: pytest.LogCaptureFixture) -> None:
    broken, fine = Fake("broken", RuntimeError("boom")), Fake("fine", False)
    combined = CombinedInhibitCheck([broken, fine])
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.inhibitors"):
        assert combined.inhibited() is False
        assert combined.inhibited() is False
    assert [r.getMessage() for r in caplog.records].count(
        "inhibit check broken failed; counted as unknown (logged once)"
    ) == 1
    broken.answer = True
    assert combined.inhibited() is True


def test_combined_logs_a_slow_answer_once(caplog: pytest.LogCaptureFixture) -> None:
    ticks = iter([0.0, 0.2, 1.0, 1.3])
    combined = CombinedInhibitCheck([Fake("slow", None)], clock=lambda: next(ticks))
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.inhibitors"):
        combined.inhibited()
        combined.inhibited()
    assert sum("took 200 ms" in r.getMessage() for r in caplog.records) == 1
    assert not any("took 300 ms" in r.getMessage() for r in caplog.records)


def test_combined_close_closes_all_even_when_one_fails() -> None:
    class BadClose(Fake):
        def close(self) -> None:
            raise OSError("gone")

    good = Fake("good", None)
    combined = CombinedInhibitCheck([BadClose("bad", None), good])
    combined.close()
    assert good.closed == 1
    assert combined.names == ("bad", "good")


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("win32", {}, ["windows-execution-state"]),
        ("darwin", {"DISPLAY": ":0"}, ["macos-assertions"]),
        ("linux", {}, ["session-bus"]),
        ("linux", {"DISPLAY": ":0"}, ["session-bus", "x11-screensaver"]),
        (
            "linux",
            {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11", "WAYLAND_DISPLAY": "w"},
            ["session-bus", "x11-screensaver"],
        ),
        ("linux", {"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, ["session-bus"]),
        ("linux", {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, ["session-bus"]),
        ("freebsd14", {"DISPLAY": ":0"}, ["session-bus", "x11-screensaver"]),
    ],
)
def test_sources_by_platform_and_session(platform: str, environ: dict[str, str], expected: list[str]) -> None:
    assert choose_inhibit_sources(platform, environ) == expected


def test_factory_combines_what_builds_and_leaves_out_what_raises() -> None:
    built: list[str] = []

    def good(environ: Mapping[str, str]) -> InhibitCheck:
        built.append(environ["DISPLAY"])
        return Fake("x11", True)

    def bad(environ: Mapping[str, str]) -> InhibitCheck:
        raise RuntimeError("no bus")

    check = create_inhibit_check(
        {"DISPLAY": ":3"}, "linux", factories={"session-bus": bad, "x11-screensaver": good}
    )
    assert isinstance(check, CombinedInhibitCheck)
    assert check.names == ("x11",)
    assert check.inhibited() is True
    assert built == [":3"]


def test_factory_with_nothing_buildable_is_null_with_the_reasons() -> None:
    def bad(environ: Mapping[str, str]) -> InhibitCheck:
        raise RuntimeError("no bus here")

    check = create_inhibit_check({}, "linux", factories={"session-bus": bad})
    assert isinstance(check, NullInhibitCheck)
    assert check.inhibited() is None
    assert "no bus here" in check.reason
    assert isinstance(create_inhibit_check({}, "linux", factories={}), NullInhibitCheck)


def test_factory_never_raises_even_on_a_broken_environment() -> None:
    class Exploding(dict[str, str]):
        def get(self, *args: object, **kw: object) -> str:
            raise KeyError("broken environ")

    check = create_inhibit_check(Exploding(), "linux", factories={})
    assert isinstance(check, NullInhibitCheck)
    assert "broken environ" in check.reason


def test_real_factories_off_their_platform_give_null_not_an_exception() -> None:
    """The Windows and macOS backends refuse to build elsewhere; the factory degrades to Null."""
    import sys

    if sys.platform != "win32":
        assert isinstance(create_inhibit_check({}, "win32"), NullInhibitCheck)
    if sys.platform != "darwin":
        assert isinstance(create_inhibit_check({}, "darwin"), NullInhibitCheck)


def test_real_factory_with_an_unreachable_bus_and_no_display_is_null(qapp: object) -> None:
    check = create_inhibit_check({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"}, "linux")
    try:
        assert isinstance(check, NullInhibitCheck)
        assert "session-bus" in check.reason
    finally:
        check.close()


def test_a_probe_built_on_first_use_is_built_once_and_closed_only_if_built() -> None:
    from deskbreak.platform.asking import BuiltOnFirstUse

    built: list[Fake] = []

    def build() -> Fake:
        built.append(Fake("late", True))
        return built[-1]

    never = BuiltOnFirstUse(build)
    never.close()  # nothing was built: nothing to close, and nothing is built for it
    assert built == [] and not never.built
    lazy = BuiltOnFirstUse(build)
    assert lazy.probe.inhibited() is True
    assert lazy.probe.inhibited() is True
    assert len(built) == 1 and lazy.probe is built[0] and lazy.built
    lazy.close()
    assert built[0].closed == 1
