"""Which idle backend the factory picks, and that every failure degrades to NullIdleMonitor."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from deskbreak.platform.idle import (
    BackendFactory,
    IdleMonitor,
    NullIdleMonitor,
    create_idle_monitor,
)
from deskbreak.platform.idle_x11 import X11IdleMonitor

LOGGER = "deskbreak.platform.idle"


class FakeMonitor:
    def __init__(self, name: str, reading: float | None = 1.5) -> None:
        self.name = name
        self.reading = reading
        self.closed = False

    def idle_seconds(self) -> float | None:
        return self.reading

    def close(self) -> None:
        self.closed = True


def recording_backends() -> tuple[dict[str, BackendFactory], list[tuple[str, Mapping[str, str]]]]:
    """Fake backend table plus the log of which constructor ran, with which environment."""
    built: list[tuple[str, Mapping[str, str]]] = []

    def factory(name: str) -> BackendFactory:
        def build(environ: Mapping[str, str]) -> IdleMonitor:
            built.append((name, environ))
            return FakeMonitor(name)

        return build

    return {name: factory(name) for name in ("x11", "gnome", "windows", "macos")}, built


def pick(platform: str, environ: Mapping[str, str]) -> tuple[IdleMonitor, list[str]]:
    backends, built = recording_backends()
    monitor = create_idle_monitor(platform=platform, environ=environ, backends=backends)
    return monitor, [name for name, _ in built]


@pytest.mark.parametrize(
    ("platform", "environ", "expected"),
    [
        ("win32", {}, "windows"),
        ("darwin", {"DISPLAY": ":0"}, "macos"),  # XQuartz's DISPLAY must not win on a Mac
        ("linux", {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}, "x11"),
        ("linux", {"DISPLAY": ":1"}, "x11"),  # no logind session info (e.g. startx)
        ("freebsd14", {"DISPLAY": ":0"}, "x11"),
        (
            "linux",
            {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11", "XDG_CURRENT_DESKTOP": "GNOME"},
            "x11",
        ),
        (
            "linux",
            {
                "DISPLAY": ":0",
                "WAYLAND_DISPLAY": "wayland-0",
                "XDG_SESSION_TYPE": "wayland",
                "XDG_CURRENT_DESKTOP": "ubuntu:GNOME",
            },
            "gnome",
        ),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "GNOME"}, "gnome"),
    ],
)
def test_picks_backend_for_session(platform: str, environ: dict[str, str], expected: str) -> None:
    monitor, built = pick(platform, environ)
    assert built == [expected]
    assert monitor.name == expected


def test_backend_receives_the_given_environment() -> None:
    backends, built = recording_backends()
    env = {"DISPLAY": ":42"}
    create_idle_monitor(platform="linux", environ=env, backends=backends)
    assert built == [("x11", env)]


@pytest.mark.parametrize(
    "environ",
    [
        # KDE/sway on Wayland: XWayland's counter misses native Wayland input -> not X11.
        {
            "DISPLAY": ":0",
            "WAYLAND_DISPLAY": "wayland-0",
            "XDG_SESSION_TYPE": "wayland",
            "XDG_CURRENT_DESKTOP": "KDE",
        },
        {"XDG_SESSION_TYPE": "tty"},  # console / SSH session: no display at all
        {},
    ],
    ids=["wayland-kde", "tty", "empty"],
)
def test_no_usable_backend_is_null_with_warning(
    environ: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        monitor, built = pick("linux", environ)
    assert built == []
    assert isinstance(monitor, NullIdleMonitor)
    assert monitor.idle_seconds() is None
    assert "No idle-time backend" in caplog.text


def test_backend_that_raises_falls_back_to_null_with_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(environ: Mapping[str, str]) -> IdleMonitor:
        raise OSError("libXss.so.1: cannot open shared object file")

    with caplog.at_level(logging.WARNING, logger=LOGGER):
        monitor = create_idle_monitor(platform="linux", environ={"DISPLAY": ":0"}, backends={"x11": broken})
    assert monitor.name == "none"
    assert "'x11' unavailable" in caplog.text
    assert "libXss.so.1" in caplog.text


def test_backend_without_a_first_reading_is_closed_and_replaced(
    caplog: pytest.LogCaptureFixture,
) -> None:
    silent = FakeMonitor("gnome", reading=None)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        monitor = create_idle_monitor(
            platform="linux",
            environ={"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "GNOME"},
            backends={"gnome": lambda env: silent},
        )
    assert isinstance(monitor, NullIdleMonitor)
    assert silent.closed
    assert "'gnome' gave no reading" in caplog.text


def test_working_backend_is_returned_as_is() -> None:
    fake = FakeMonitor("x11", reading=0.0)  # 0.0 is a valid reading, not a failure
    monitor = create_idle_monitor(
        platform="linux", environ={"DISPLAY": ":0"}, backends={"x11": lambda env: fake}
    )
    assert monitor is fake
    assert not fake.closed


def test_x11_display_that_cannot_be_opened_falls_back_with_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Fake libX11 whose XOpenDisplay returns NULL, wired through the factory."""
    opened: list[bytes | None] = []

    class NoServerLib:
        """Any Xlib function is a settable no-op; XOpenDisplay records its argument and fails."""

        def __getattr__(self, name: str) -> Callable[..., object]:
            def fn(*args: object) -> object:
                if name == "XOpenDisplay":
                    opened.append(args[0])  # type: ignore[arg-type]
                    return None
                return 0

            setattr(self, name, fn)
            return fn

    lib = NoServerLib()

    def x11(environ: Mapping[str, str]) -> IdleMonitor:
        return X11IdleMonitor(environ.get("DISPLAY"), loader=lambda name: lib)

    with caplog.at_level(logging.WARNING, logger=LOGGER):
        monitor = create_idle_monitor(platform="linux", environ={"DISPLAY": ":5"}, backends={"x11": x11})
    assert isinstance(monitor, NullIdleMonitor)
    assert opened == [b":5"]
    assert "cannot open X display ':5'" in caplog.text


def test_real_x11_backend_with_unopenable_display_falls_back(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The real ctypes path: a display number with no server behind it (no X server needed)."""
    n = next(n for n in range(4000, 4100) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        monitor = create_idle_monitor(
            platform="linux", environ={"DISPLAY": f":{n}", "XDG_SESSION_TYPE": "x11"}
        )
    assert isinstance(monitor, NullIdleMonitor)
    assert "'x11' unavailable" in caplog.text
