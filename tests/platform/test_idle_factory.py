"""Which idle sources the factory tries, in which order, and that every failure degrades to
NullIdleMonitor (with its once-only notice). Backends are fakes unless a test says otherwise."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from deskbreak.platform.idle import (
    DEFAULT_BACKENDS,
    NULL_NOTICE,
    NULL_NOTICE_TITLE,
    SOURCE_NAMES,
    BackendFactory,
    IdleMonitor,
    IdleMonitorUnavailable,
    NullIdleMonitor,
    choose_backend,
    choose_backends,
    create_idle_monitor,
    idle_notice,
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

    names = ("x11", "mutter", "screensaver", "wayland", "windows", "macos")
    return {name: factory(name) for name in names}, built


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
            "mutter",
        ),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0", "XDG_CURRENT_DESKTOP": "GNOME"}, "mutter"),
        (
            "linux",
            {
                "DISPLAY": ":0",
                "WAYLAND_DISPLAY": "wayland-0",
                "XDG_SESSION_TYPE": "wayland",
                "XDG_CURRENT_DESKTOP": "KDE",
            },
            "screensaver",
        ),
        ("linux", {"WAYLAND_DISPLAY": "wayland-1", "XDG_CURRENT_DESKTOP": "sway"}, "wayland"),
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
    ("platform", "environ", "order"),
    [
        ("win32", {"DISPLAY": ":0"}, ["windows"]),
        ("darwin", {"DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "KDE"}, ["macos"]),
        ("linux", {"DISPLAY": ":0"}, ["x11", "screensaver"]),
        (
            "linux",
            {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11", "XDG_CURRENT_DESKTOP": "KDE"},
            ["x11", "screensaver"],
        ),
        (
            "linux",
            {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11", "XDG_CURRENT_DESKTOP": "ubuntu:GNOME"},
            ["x11", "mutter", "screensaver"],
        ),
        # Wayland: never X11 (XWayland's counter misses native Wayland input), even with DISPLAY.
        (
            "linux",
            {
                "DISPLAY": ":0",
                "WAYLAND_DISPLAY": "w",
                "XDG_SESSION_TYPE": "wayland",
                "XDG_CURRENT_DESKTOP": "GNOME",
            },
            ["mutter", "screensaver"],
        ),
        (
            "linux",
            {
                "DISPLAY": ":0",
                "WAYLAND_DISPLAY": "w",
                "XDG_SESSION_TYPE": "wayland",
                "XDG_CURRENT_DESKTOP": "KDE",
            },
            ["screensaver", "wayland"],
        ),
        # Other compositors (sway, wlroots): the Wayland idle protocol; they have no ScreenSaver.
        (
            "linux",
            {"WAYLAND_DISPLAY": "wayland-1", "XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "sway"},
            ["wayland", "screensaver"],
        ),
        ("linux", {"WAYLAND_DISPLAY": "wayland-1"}, ["wayland", "screensaver"]),
        # XDG_SESSION_TYPE wins over a stray WAYLAND_DISPLAY (e.g. a nested compositor).
        (
            "linux",
            {"DISPLAY": ":0", "WAYLAND_DISPLAY": "w", "XDG_SESSION_TYPE": "x11"},
            ["x11", "screensaver"],
        ),
        ("linux", {"XDG_SESSION_TYPE": "tty", "XDG_CURRENT_DESKTOP": "KDE"}, []),
        ("linux", {}, []),
    ],
)
def test_order_of_sources(platform: str, environ: dict[str, str], order: list[str]) -> None:
    assert choose_backends(platform, environ) == order
    assert choose_backend(platform, environ) == (order[0] if order else None)


def test_every_failing_source_is_tried_in_order_then_the_next_works(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """GNOME on X11 without libXss and with a Mutter that never answers: the ScreenSaver wins."""
    tried: list[str] = []
    silent = FakeMonitor("mutter", reading=None)

    def no_xss(environ: Mapping[str, str]) -> IdleMonitor:
        tried.append("x11")
        raise OSError("libXss.so.1: cannot open shared object file")

    def mutter(environ: Mapping[str, str]) -> IdleMonitor:
        tried.append("mutter")
        return silent

    def screensaver(environ: Mapping[str, str]) -> IdleMonitor:
        tried.append("screensaver")
        return FakeMonitor("screensaver", reading=12.0)

    env = {"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11", "XDG_CURRENT_DESKTOP": "GNOME"}
    with caplog.at_level(logging.INFO, logger=LOGGER):
        monitor = create_idle_monitor(
            platform="linux",
            environ=env,
            backends={"x11": no_xss, "mutter": mutter, "screensaver": screensaver},
        )
    assert tried == ["x11", "mutter", "screensaver"]
    assert monitor.name == "screensaver"
    assert silent.closed
    assert "'x11' unavailable: libXss.so.1" in caplog.text
    assert "'mutter' gave no reading" in caplog.text
    assert "Idle-time source: screensaver" in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_the_first_working_source_stops_the_search() -> None:
    monitor, built = pick("linux", {"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "GNOME"})
    assert built == ["mutter"]
    assert monitor.name == "mutter"


def test_source_missing_from_the_table_is_skipped() -> None:
    fake = FakeMonitor("screensaver")
    monitor = create_idle_monitor(
        platform="linux",
        environ={"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "GNOME"},
        backends={"screensaver": lambda env: fake},
    )
    assert monitor is fake


@pytest.mark.parametrize(
    "environ",
    [
        {"XDG_SESSION_TYPE": "tty"},  # console / SSH session: no display at all
        {},
    ],
    ids=["tty", "empty"],
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
    assert "no idle-time source for platform 'linux'" in monitor.reason


def test_nothing_works_gives_null_with_every_reason_and_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(environ: Mapping[str, str]) -> IdleMonitor:
        raise IdleMonitorUnavailable("org.freedesktop.DBus.Error.ServiceUnknown")

    with caplog.at_level(logging.INFO, logger=LOGGER):
        monitor = create_idle_monitor(
            platform="linux",
            environ={"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "GNOME"},
            backends={"mutter": lambda env: FakeMonitor("mutter", reading=None), "screensaver": broken},
        )
    assert isinstance(monitor, NullIdleMonitor)
    assert monitor.name == "none"
    assert monitor.reason == (
        "'mutter' gave no reading; 'screensaver' unavailable: org.freedesktop.DBus.Error.ServiceUnknown"
    )
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "natural breaks will not be detected" in warnings[0]


def test_null_monitor_notice_is_plain_and_handed_out_once() -> None:
    monitor = NullIdleMonitor("test")
    assert monitor.notice_pending
    assert monitor.notice == NULL_NOTICE
    assert monitor.notice_title == NULL_NOTICE_TITLE
    assert "cannot see keyboard and mouse activity" in NULL_NOTICE
    assert "counts all the time since you sat down as sitting" in NULL_NOTICE
    assert idle_notice(monitor) == NULL_NOTICE
    assert not monitor.notice_pending
    assert idle_notice(monitor) is None
    assert monitor.take_notice() is None
    assert NullIdleMonitor().notice_pending  # each app run has its own monitor and says it once


def test_working_monitor_has_no_notice() -> None:
    assert idle_notice(FakeMonitor("x11")) is None


def test_every_monitor_name_is_a_known_source_name() -> None:
    from deskbreak.platform.idle_gnome import GnomeIdleMonitor
    from deskbreak.platform.idle_macos import MacIdleMonitor
    from deskbreak.platform.idle_screensaver import ScreenSaverIdleMonitor
    from deskbreak.platform.idle_wayland import WaylandIdleMonitor
    from deskbreak.platform.idle_windows import WindowsIdleMonitor

    names = {
        "x11": X11IdleMonitor.name,
        "mutter": GnomeIdleMonitor.name,
        "screensaver": ScreenSaverIdleMonitor.name,
        "wayland": WaylandIdleMonitor.name,
        "windows": WindowsIdleMonitor.name,
        "macos": MacIdleMonitor.name,
        "none": NullIdleMonitor.name,
    }
    assert all(key == value for key, value in names.items())
    assert set(names) == set(SOURCE_NAMES)
    assert set(DEFAULT_BACKENDS) == set(SOURCE_NAMES) - {"none"}


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
    assert "'x11' unavailable: libXss.so.1" in monitor.reason  # type: ignore[attr-defined]


def test_backend_without_a_first_reading_is_closed_and_replaced(
    caplog: pytest.LogCaptureFixture,
) -> None:
    silent = FakeMonitor("mutter", reading=None)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        monitor = create_idle_monitor(
            platform="linux",
            environ={"XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "GNOME"},
            backends={"mutter": lambda env: silent},
        )
    assert isinstance(monitor, NullIdleMonitor)
    assert silent.closed
    assert "'mutter' gave no reading" in caplog.text


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
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    """The real ctypes and QtDBus paths: a display and a bus with nothing behind them."""
    n = next(n for n in range(4000, 4100) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    # The ScreenSaver source comes next: a bus address with nothing behind it (real QtDBus).
    bus = f"unix:path={tmp_path / 'no-bus'}"
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        monitor = create_idle_monitor(
            platform="linux",
            environ={"DISPLAY": f":{n}", "XDG_SESSION_TYPE": "x11", "DBUS_SESSION_BUS_ADDRESS": bus},
        )
    assert isinstance(monitor, NullIdleMonitor)
    assert "'x11' unavailable" in caplog.text
    assert "'screensaver' unavailable: no session bus at unix:path=" in caplog.text
