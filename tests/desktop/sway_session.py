"""A real Wayland compositor for tests: Debian's sway, headless, as an unprivileged user.

Plain Python (no pytest import), like harness.py:

    with SwaySession(Path("/tmp/s")) as sway:
        sway.wtype("hello"); print(sway.env["WAYLAND_DISPLAY"])

sway runs with the headless wlroots backend, no input devices and the pixman renderer, so it
needs no GPU, seat manager or /dev/input. It refuses to run as root ("Unable to drop root"), so
under root it runs as ``nobody`` (a user every Debian system has) with its own runtime folder,
a fresh /tmp folder owned by that user with mode 0700 (pytest's tmp_path sits under a root-only
folder that user could not enter). Clients running as root still connect: ``env`` gives them
WAYLAND_DISPLAY as the absolute socket path, so their own XDG_RUNTIME_DIR is left alone.

sway 1.7 offers org_kde_kwin_idle (not ext-idle-notify-v1, which came with wlroots 0.17) and a
virtual keyboard, through which ``wtype`` types: real input as far as the compositor can tell.

With no input devices the seat has no pointer, so clients get no clicks. ``add_pointer`` plugs
in a virtual one (zwlr_virtual_pointer_v1, spoken with deskbreak's own wire client); then
``click`` moves sway's cursor and presses a button through sway's IPC (``swaymsg seat seat0
cursor ...``), which sway delivers as it would a mouse's.

The process is started in its own session and ended by its PID (SIGTERM, then SIGKILL).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

__all__ = ["SWAY_TOOLS", "SwayError", "SwaySession", "missing_sway_tools"]

if TYPE_CHECKING:
    from deskbreak.platform.wayland_wire import Connection

SWAY_TOOLS = ("sway", "wtype")
STARTUP_TIMEOUT = 15.0
STOP_GRACE = 3.0
UNPRIVILEGED_USER = "nobody"

_CONFIG = "output HEADLESS-1 resolution 1280x800\n"


class SwayError(RuntimeError):
    """sway failed to start, or a client command failed."""


def missing_sway_tools() -> list[str]:
    return [tool for tool in SWAY_TOOLS if shutil.which(tool) is None]


class SwaySession:
    """One headless sway; ``env`` (valid once started) points Wayland clients at it."""

    def __init__(
        self, workdir: Path, startup_timeout: float = STARTUP_TIMEOUT, extra_config: str = ""
    ) -> None:
        self.workdir = Path(workdir)
        self.extra_config = extra_config  # appended to the one-output config (a bar block, say)
        self.startup_timeout = startup_timeout
        self.runtime: Path | None = None
        self.socket = ""
        self.env: dict[str, str] = {}
        self.popen: subprocess.Popen[bytes] | None = None
        self._pointer: Connection | None = None  # the virtual pointer's connection, while plugged in

    def __enter__(self) -> SwaySession:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def log_path(self) -> Path:
        return self.workdir / "sway.log"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self) -> None:
        runtime = Path(tempfile.mkdtemp(prefix="dbsway-"))
        self.runtime = runtime
        config = runtime / "config"
        config.write_text(_CONFIG + self.extra_config)
        as_root = os.geteuid() == 0
        user: pwd.struct_passwd | None = pwd.getpwnam(UNPRIVILEGED_USER) if as_root else None
        if user is not None:
            os.chown(runtime, user.pw_uid, user.pw_gid)
            os.chown(config, user.pw_uid, user.pw_gid)
        runtime.chmod(0o700)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(runtime),
            "XDG_RUNTIME_DIR": str(runtime),
            "WLR_BACKENDS": "headless",
            "WLR_LIBINPUT_NO_DEVICES": "1",
            "WLR_RENDERER": "pixman",
        }
        with open(self.log_path, "wb") as log:
            self.popen = subprocess.Popen(
                ["sway", "-c", str(config)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,
                user=user.pw_uid if user else None,
                group=user.pw_gid if user else None,
                extra_groups=[] if user else None,
            )
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise SwayError(
                    f"sway exited during start-up (exit {self.popen.returncode}):\n{self.log()[-4000:]}"
                )
            sockets = sorted(p.name for p in runtime.glob("wayland-*") if not p.name.endswith(".lock"))
            # The IPC socket comes after the Wayland one, once sway has set itself up.
            if sockets and any(runtime.glob("sway-ipc.*.sock")):
                self.socket = str(runtime / sockets[0])
                self.env = {"WAYLAND_DISPLAY": self.socket}
                return
            time.sleep(0.05)
        raise SwayError(f"sway did not open its sockets in {self.startup_timeout} s:\n{self.log()[-4000:]}")

    def client_env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """``base`` (default: this process's environment) pointed at this sway."""
        env = dict(os.environ if base is None else base)
        env.pop("DISPLAY", None)
        env.update(self.env)
        return env

    def wtype(self, text: str) -> None:
        """Type ``text`` through sway's virtual keyboard (real input for the compositor)."""
        done = subprocess.run(
            ["wtype", text], env=self.client_env(), capture_output=True, text=True, timeout=20, check=False
        )
        if done.returncode != 0:
            raise SwayError(f"wtype failed (exit {done.returncode}): {done.stderr.strip()}")

    @property
    def ipc_socket(self) -> str:
        """sway's IPC socket (what SWAYSOCK names for swaymsg and bars)."""
        found = sorted(Path(self.runtime).glob("sway-ipc.*.sock")) if self.runtime else []
        if not found:
            raise SwayError("sway is not running: no IPC socket")
        return str(found[0])

    def swaymsg(self, *args: str) -> str:
        """Run ``swaymsg`` against this sway; its output. Raises SwayError when a command fails."""
        done = subprocess.run(
            ["swaymsg", "-s", self.ipc_socket, *args], capture_output=True, text=True, timeout=20, check=False
        )
        if done.returncode != 0:
            raise SwayError(
                f"swaymsg {' '.join(args)} failed (exit {done.returncode}): {done.stdout}{done.stderr}"
            )
        return done.stdout

    def add_pointer(self) -> None:
        """Plug a virtual pointer into seat0 (until stop), so clients get a wl_pointer.

        Clients learn of it from the seat's capabilities: add it before starting the client that
        is to be clicked, or give that client a moment.
        """
        if self._pointer is not None:
            return
        from deskbreak.platform import wayland_wire as wire

        offered: dict[str, int] = {}

        def on_registry(opcode: int, payload: bytes) -> None:
            if opcode == wire.GLOBAL:
                name, interface, _version = wire.unpack("usu", payload)
                assert isinstance(name, int)
                offered[str(interface)] = name

        connection = wire.connect(self.socket)
        try:
            registry = connection.get_registry(on_registry)
            connection.roundtrip(self.startup_timeout)
            if "zwlr_virtual_pointer_manager_v1" not in offered:
                raise SwayError("sway offers no zwlr_virtual_pointer_manager_v1")
            seat = connection.bind(registry, offered["wl_seat"], "wl_seat", 1, None)
            manager = connection.bind(
                registry,
                offered["zwlr_virtual_pointer_manager_v1"],
                "zwlr_virtual_pointer_manager_v1",
                1,
                None,
            )
            # zwlr_virtual_pointer_manager_v1.create_virtual_pointer(seat, new id): request 0
            connection.request(manager, 0, "on", seat, connection.new_id())
            connection.roundtrip(self.startup_timeout)  # a protocol error would raise here
        except BaseException:
            connection.close()
            raise
        self._pointer = connection

    def click(self, x: int, y: int, button: str = "button1") -> None:
        """Move the cursor to (x, y) in layout coordinates and press and release ``button``
        (button1 left, button2 middle, button3 right). Needs a pointer (add_pointer)."""
        if self._pointer is None:
            raise SwayError("no pointer on the seat: call add_pointer() first")
        self.swaymsg(f"seat seat0 cursor set {x} {y}")
        self.swaymsg(f"seat seat0 cursor press {button}")
        self.swaymsg(f"seat seat0 cursor release {button}")

    def stop(self) -> None:
        pointer, self._pointer = self._pointer, None
        if pointer is not None:
            pointer.close()  # sway unplugs the device with the connection
        popen, self.popen = self.popen, None
        if popen is not None and popen.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                # start_new_session made sway a group leader; it is our child, not yet reaped.
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(popen.pid, sig)
                try:
                    popen.wait(timeout=STOP_GRACE)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if self.runtime is not None:
            shutil.rmtree(self.runtime, ignore_errors=True)
            self.runtime = None
