"""A real, private desktop for tests: Xvfb, a private D-Bus session bus, dunst and trayer.

Plain Python (no pytest import) so a failing desktop test can be replayed from a REPL:

    with DesktopSession(Path("/tmp/d")) as d:
        d.run("notify-send", "hi"); print(d.notifications_displayed())

Every process is started in its own session (process group) and ended by its PID on exit,
SIGTERM first and SIGKILL after a grace period. Nothing is found or killed by name.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

__all__ = ["REQUIRED_TOOLS", "DesktopError", "DesktopSession", "missing_tools"]

REQUIRED_TOOLS = ("Xvfb", "dbus-daemon", "dunst", "dunstctl", "trayer", "xdotool", "notify-send", "xprop")

STARTUP_TIMEOUT = 15.0
"""Seconds each program gets to become ready; generous because CI machines stall on first start."""

STOP_GRACE = 3.0
"""Seconds between SIGTERM and SIGKILL when ending a process group."""

_FIRST_DISPLAY = 57
_DISPLAY_SPAN = 400
_MAX_UNIX_PATH = 100  # sun_path is 108 bytes on Linux; leave room for the terminator

# Session bus without <servicedir>: nothing is ever auto-started, so no process (e.g. Debian's
# org.knopwob.dunst.service with the user's dunstrc, or at-spi's org.a11y.Bus) escapes cleanup.
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

# Notifications never expire (timeout 0) so a test can count them at leisure; no limit on how
# many are shown at once, so "displayed" does not silently become "waiting".
_DUNSTRC = """[global]
    monitor = 0
    follow = none
    width = 320
    height = 120
    origin = top-right
    offset = 10x50
    notification_limit = 0
    indicate_hidden = yes
    idle_threshold = 0
    show_age_threshold = -1
    sticky_history = yes
    history_length = 50
    font = Monospace 9
    format = "<b>%s</b>\\n%b"
    mouse_left_click = close_current
    mouse_middle_click = do_action, close_current
    mouse_right_click = close_all

[urgency_low]
    timeout = 0

[urgency_normal]
    timeout = 0

[urgency_critical]
    timeout = 0
"""

# Environment variables that would tie programs in the private session to the host's desktop.
_HOST_SESSION_VARS = (
    "WAYLAND_DISPLAY",
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_DESKTOP",
    "DESKTOP_SESSION",
    "SESSION_MANAGER",
    "AT_SPI_BUS_ADDRESS",
    "GNOME_DESKTOP_SESSION_ID",
    "KDE_FULL_SESSION",
)


class DesktopError(RuntimeError):
    """A desktop program failed to start or a command in the session failed."""


def missing_tools() -> list[str]:
    """Programs from REQUIRED_TOOLS that are not on PATH."""
    return [tool for tool in REQUIRED_TOOLS if shutil.which(tool) is None]


@dataclass
class _Process:
    name: str
    popen: subprocess.Popen[bytes]
    log_path: Path


class DesktopSession:
    """Context manager owning one Xvfb display, a private session bus, and optionally dunst and trayer.

    ``display`` and ``env`` are valid once entered; ``env`` is what programs under test should
    run with (it points only at this session's X server and bus).
    """

    def __init__(
        self,
        workdir: Path,
        *,
        tray: bool = True,
        notifications: bool = True,
        size: str = "1280x800x24",
        startup_timeout: float = STARTUP_TIMEOUT,
    ) -> None:
        self.workdir = Path(workdir)
        self.tray = tray
        self.notifications = notifications
        self.size = size
        self.startup_timeout = startup_timeout
        self.display = ""
        self.env: dict[str, str] = {}
        self.bus_address = ""
        self._procs: list[_Process] = []
        self._socket_dir: Path | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def __enter__(self) -> DesktopSession:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """Start every program and wait until each is ready; on failure, end what did start."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        try:
            self._start_xvfb()
            self._start_bus()
            self._build_env()
            if self.notifications:
                self._start_dunst()
            if self.tray:
                self._start_trayer()
        except BaseException:
            self.stop()
            raise

    def start_tray(self) -> None:
        """Start the tray host now (for sessions created with tray=False): a tray appearing late."""
        self._start_trayer()

    def stop(self) -> None:
        """End every started process group by PID (newest first): SIGTERM, then SIGKILL."""
        while self._procs:
            proc = self._procs.pop()
            _end_process_group(proc.popen)
        if self._socket_dir is not None:
            shutil.rmtree(self._socket_dir, ignore_errors=True)
            self._socket_dir = None

    @property
    def pids(self) -> dict[str, int]:
        """PIDs of the running programs by role (xvfb, dbus, dunst, trayer)."""
        return {p.name: p.popen.pid for p in self._procs}

    def log(self, name: str) -> str:
        """Combined stdout/stderr of a started program so far (e.g. "dunst")."""
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # -- helpers for tests -----------------------------------------------------------------

    def run(self, *cmd: str, **kw: Any) -> subprocess.CompletedProcess[str]:
        """subprocess.run in this session's env; captures text output, 30 s timeout, no check."""
        kw.setdefault("env", self.env)
        if "stdout" not in kw and "stderr" not in kw:
            kw.setdefault("capture_output", True)
        kw.setdefault("text", True)
        kw.setdefault("timeout", 30)
        kw.setdefault("check", False)
        return subprocess.run(list(cmd), **kw)

    def xdotool(self, *args: str) -> None:
        """Run xdotool against this display; raises DesktopError with its stderr on failure."""
        self._checked("xdotool", *args)

    def notifications_displayed(self) -> int:
        """How many notifications dunst currently shows (``dunstctl count displayed``)."""
        if not self.notifications:
            raise DesktopError("this session was started with notifications=False")
        return int(self._checked("dunstctl", "count", "displayed").stdout.strip())

    def close_notifications(self) -> None:
        """Close every displayed notification, so the next test starts from zero."""
        if not self.notifications:
            raise DesktopError("this session was started with notifications=False")
        self._checked("dunstctl", "close-all")

    def screenshot(self, path: Path) -> Path:
        """Save the whole root window as an image (ImageMagick's ``import``); returns ``path``."""
        return self.window_screenshot("root", path)

    def window_screenshot(self, window: str, path: Path) -> Path:
        """Save one X window (an id, or "root") as an image; returns ``path``."""
        tool = "/usr/bin/import" if os.path.exists("/usr/bin/import") else shutil.which("import")
        if tool is None:
            raise DesktopError("ImageMagick's `import` is not installed (apt install imagemagick)")
        path = Path(path)
        self._checked(tool, "-window", window, str(path))
        if not path.exists():
            raise DesktopError(f"import reported success but wrote no {path}")
        return path

    def tray_manager_window(self) -> int | None:
        """X window owning ``_NET_SYSTEM_TRAY_S0`` (what Qt checks for a tray host), or None."""
        if not self.display:
            return None  # not started: an empty name would make libX11 fall back to $DISPLAY
        owner = _selection_owner(self.display, b"_NET_SYSTEM_TRAY_S0")
        return owner or None

    def wait_until(self, predicate: Callable[[], object], timeout: float, interval: float = 0.05) -> bool:
        """Poll ``predicate`` until it is truthy (True) or ``timeout`` seconds pass (False)."""
        return _wait_until(predicate, timeout, interval)

    def _checked(self, *cmd: str) -> subprocess.CompletedProcess[str]:
        result = self.run(*cmd)
        if result.returncode != 0:
            raise DesktopError(
                f"{' '.join(cmd)} failed with exit {result.returncode} on {self.display}:\n"
                f"{(result.stderr or result.stdout).strip()}"
            )
        return result

    # -- start-up ----------------------------------------------------------------------------

    def _spawn(
        self, name: str, cmd: Sequence[str], env: dict[str, str], pass_fds: Sequence[int] = ()
    ) -> subprocess.Popen[bytes]:
        log_path = self.workdir / f"{name}.log"
        with open(log_path, "wb") as log:
            popen = subprocess.Popen(
                list(cmd),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                pass_fds=tuple(pass_fds),
                start_new_session=True,
            )
        self._procs.append(_Process(name, popen, log_path))
        return popen

    def _fail(self, name: str, what: str) -> DesktopError:
        proc = next((p for p in self._procs if p.name == name), None)
        status = "running" if proc is None or proc.popen.poll() is None else f"exit {proc.popen.returncode}"
        output = self.log(name).strip() or "(no output)"
        return DesktopError(f"{name} {what} ({status}); its output:\n{output[-4000:]}")

    def _start_xvfb(self) -> None:
        base_env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", *_HOST_SESSION_VARS)}
        for n in _candidate_displays():
            read_fd, write_fd = os.pipe()
            try:
                popen = self._spawn(
                    "xvfb",
                    [
                        "Xvfb",
                        f":{n}",
                        "-displayfd",
                        str(write_fd),
                        "-screen",
                        "0",
                        self.size,
                        "-nolisten",
                        "tcp",
                        "-noreset",
                    ],
                    base_env,
                    pass_fds=(write_fd,),
                )
            finally:
                os.close(write_fd)
            try:
                # Xvfb writes the display number only once it accepts connections.
                reported = _read_line(read_fd, self.startup_timeout)
            finally:
                os.close(read_fd)
            if reported:
                self.display = f":{reported}"
                return
            try:
                popen.wait(timeout=5)  # EOF without a number: Xvfb is exiting; get its status
            except subprocess.TimeoutExpired:
                raise self._fail(
                    "xvfb", f"did not report its display within {self.startup_timeout} s"
                ) from None
            output = self.log("xvfb")
            if "already running" in output or "Cannot establish any listening sockets" in output:
                self._procs.pop()  # lost a race for :n with another session; try the next one
                continue
            raise self._fail("xvfb", "exited during start-up")
        raise DesktopError(f"no free X display in :{_FIRST_DISPLAY}..:{_FIRST_DISPLAY + _DISPLAY_SPAN}")

    def _start_bus(self) -> None:
        socket = self.workdir / "bus"
        if len(str(socket)) > _MAX_UNIX_PATH:
            self._socket_dir = Path(tempfile.mkdtemp(prefix="deskbreak-bus-"))
            socket = self._socket_dir / "bus"
        config = self.workdir / "bus.conf"
        config.write_text(_BUS_CONFIG)
        read_fd, write_fd = os.pipe()
        try:
            self._spawn(
                "dbus",
                [
                    "dbus-daemon",
                    f"--config-file={config}",
                    "--nofork",
                    "--nopidfile",
                    f"--address=unix:path={socket}",
                    f"--print-address={write_fd}",
                ],
                {k: v for k, v in os.environ.items() if not k.startswith("DBUS_")},
                pass_fds=(write_fd,),
            )
        finally:
            os.close(write_fd)
        try:
            address = _read_line(read_fd, self.startup_timeout)  # printed once it listens
        finally:
            os.close(read_fd)
        if not address or not socket.exists():
            raise self._fail("dbus", "did not report a listening address")
        self.bus_address = address

    def _build_env(self) -> None:
        runtime = self.workdir / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        runtime.chmod(0o700)  # mkdir's mode is masked by the umask; XDG requires exactly 0700
        env = {k: v for k, v in os.environ.items() if k not in _HOST_SESSION_VARS}
        env.update(
            DISPLAY=self.display,
            DBUS_SESSION_BUS_ADDRESS=self.bus_address,
            QT_QPA_PLATFORM="xcb",
            XDG_RUNTIME_DIR=str(runtime),
            XDG_SESSION_TYPE="x11",
        )
        self.env = env

    def _start_dunst(self) -> None:
        config = self.workdir / "dunstrc"
        config.write_text(_DUNSTRC)
        popen = self._spawn("dunst", ["dunst", "-config", str(config)], self.env)

        def owns_name() -> bool:
            # No service activation on this bus, so the call succeeds only once dunst owns
            # org.freedesktop.Notifications and answers on it.
            if popen.poll() is not None:
                raise self._fail("dunst", "exited during start-up")
            return self.run("dunstctl", "is-paused", timeout=5).returncode == 0

        if not _wait_until(owns_name, self.startup_timeout, 0.05):
            raise self._fail("dunst", "did not own org.freedesktop.Notifications in time")

    def _start_trayer(self) -> None:
        popen = self._spawn(
            "trayer",
            [
                "trayer",
                "--edge",
                "top",
                "--align",
                "right",
                "--widthtype",
                "request",
                "--height",
                "32",
                "--SetDockType",
                "true",
                "--transparent",
                "false",
                "--tint",
                "0x404040",
            ],
            self.env,
        )

        def owns_selection() -> bool:
            if popen.poll() is not None:
                raise self._fail("trayer", "exited during start-up")
            return self.tray_manager_window() is not None

        if not _wait_until(owns_selection, self.startup_timeout, 0.05):
            raise self._fail("trayer", "did not take the _NET_SYSTEM_TRAY_S0 selection in time")


def _wait_until(predicate: Callable[[], object], timeout: float, interval: float) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


def _candidate_displays() -> list[int]:
    """Display numbers without a socket or lock file, starting at a PID-dependent offset.

    The offset spreads concurrent sessions (other test runs) apart; a lost race is retried.
    """
    offset = os.getpid() % _DISPLAY_SPAN
    numbers = [_FIRST_DISPLAY + (offset + i) % _DISPLAY_SPAN for i in range(_DISPLAY_SPAN)]
    return [
        n
        for n in numbers
        if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock")
    ]


def _read_line(fd: int, timeout: float) -> str:
    """Read from a pipe until newline, EOF or timeout; returns the stripped text ('' on EOF)."""
    deadline = time.monotonic() + timeout
    data = b""
    while b"\n" not in data:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            break
        chunk = os.read(fd, 256)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace").strip()


def _end_process_group(popen: subprocess.Popen[bytes]) -> None:
    """SIGTERM the group led by ``popen`` (our own child), then SIGKILL after STOP_GRACE."""
    if popen.poll() is not None:
        return  # already reaped: its PID may be reused, so never signal it again
    for sig, grace in ((signal.SIGTERM, STOP_GRACE), (signal.SIGKILL, STOP_GRACE)):
        # start_new_session made the child a group leader: pgid == pid, and the PID cannot be
        # reused before we reap it, so this reaches only what we started (and its children).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(popen.pid, sig)
        try:
            popen.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


_Xlib: Any = None


def _selection_owner(display: str, selection: bytes) -> int:
    """Owner window of an X selection via a short-lived libX11 connection (0 if none/unknown)."""
    global _Xlib
    if _Xlib is None:
        name = ctypes.util.find_library("X11") or "libX11.so.6"
        lib = ctypes.CDLL(name)
        lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        lib.XOpenDisplay.restype = ctypes.c_void_p
        lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        lib.XInternAtom.restype = ctypes.c_ulong
        lib.XGetSelectionOwner.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        lib.XGetSelectionOwner.restype = ctypes.c_ulong
        lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        lib.XCloseDisplay.restype = ctypes.c_int
        _Xlib = lib
    handle = _Xlib.XOpenDisplay(display.encode())
    if not handle:
        return 0
    try:
        atom = _Xlib.XInternAtom(handle, selection, 0)
        return int(_Xlib.XGetSelectionOwner(handle, atom))
    finally:
        _Xlib.XCloseDisplay(handle)
