"""A private, system-like D-Bus bus for tests: only ``dbus-daemon``, no X server or tray.

    with SystemBus(Path("/tmp/s")) as bus:
        subprocess.run([...], env=bus.env())  # DBUS_SYSTEM_BUS_ADDRESS points at it

The daemon runs with ``<type>system</type>``, listens on a unix socket in a short folder of its
own (sun_path is limited), lets anyone own any name and send anything (a real system bus would
let only root own ``org.freedesktop.login1``), and has no service folders, so nothing is ever
auto-started. It is started in its own session and ended by its PID, like harness.py's bus.
Plain Python (no pytest import), as harness.py.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

from harness import STARTUP_TIMEOUT, DesktopError, _end_process_group, _read_line

__all__ = ["SystemBus", "dbus_daemon_missing", "read_line"]

_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_type="method_return"/>
    <allow send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="signal"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
  </policy>
</busconfig>
"""


def dbus_daemon_missing() -> bool:
    return shutil.which("dbus-daemon") is None


class SystemBus:
    """A dbus-daemon configured as a system bus; ``address`` once started."""

    def __init__(self, workdir: Path, startup_timeout: float = STARTUP_TIMEOUT) -> None:
        self.workdir = workdir
        self.startup_timeout = startup_timeout
        self.address = ""
        self.log_path = workdir / "system-bus.log"
        self._socket_dir: Path | None = None
        self._popen: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> SystemBus:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """``base`` (default os.environ) with DBUS_SYSTEM_BUS_ADDRESS pointing at this bus."""
        env = dict(os.environ if base is None else base)
        env["DBUS_SYSTEM_BUS_ADDRESS"] = self.address
        return env

    @property
    def pid(self) -> int | None:
        return None if self._popen is None else self._popen.pid

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._socket_dir = Path(tempfile.mkdtemp(prefix="deskbreak-sysbus-"))
        socket = self._socket_dir / "system_bus_socket"
        config = self.workdir / "system-bus.conf"
        config.write_text(_CONFIG.format(socket=socket))
        read_fd, write_fd = os.pipe()
        try:
            with open(self.log_path, "wb") as log:
                self._popen = subprocess.Popen(
                    [
                        "dbus-daemon",
                        f"--config-file={config}",
                        "--nofork",
                        "--nopidfile",
                        f"--print-address={write_fd}",
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env={k: v for k, v in os.environ.items() if not k.startswith("DBUS_")},
                    pass_fds=(write_fd,),
                    start_new_session=True,
                )
        finally:
            os.close(write_fd)
        try:
            address = _read_line(read_fd, self.startup_timeout)  # printed once it listens
        finally:
            os.close(read_fd)
        if not address or not socket.exists():
            status = self._popen.poll()
            self.stop()
            output = self.log_path.read_text(errors="replace").strip() or "(no output)"
            raise DesktopError(f"system-like dbus-daemon did not start (exit {status}): {output[-2000:]}")
        self.address = address

    def stop(self) -> None:
        """End the daemon by its PID (idempotent) and remove its socket folder."""
        if self._popen is not None:
            _end_process_group(self._popen)
            self._popen = None
        if self._socket_dir is not None:
            shutil.rmtree(self._socket_dir, ignore_errors=True)
            self._socket_dir = None


def read_line(fd: int, timeout: float) -> str:
    """The next line a child prints on ``fd``, '' on EOF or after ``timeout`` seconds.

    Reads one byte at a time so the start of the next line is never swallowed (the pipe is read
    again for it later); harness._read_line reads whole chunks, which suits one-line answers.
    """
    deadline = time.monotonic() + timeout
    data = b""
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            break
        chunk = os.read(fd, 1)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace").strip()
