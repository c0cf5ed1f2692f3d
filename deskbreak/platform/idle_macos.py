"""macOS idle time from the ``HIDIdleTime`` property of IOHIDSystem, read via ``ioreg``.

Running ``ioreg`` avoids a pyobjc/IOKit dependency; HIDIdleTime is nanoseconds since the last
keyboard, mouse or trackpad event, for the whole machine.

Threading: called on the GUI thread about twice a minute. Spawning ioreg takes tens of
milliseconds, so the call is bounded by a short timeout and any failure reads as "unknown".
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable, Sequence

from deskbreak.platform.idle_base import IdleMonitorUnavailable

__all__ = ["IOREG_COMMAND", "MacIdleMonitor", "parse_hid_idle_time", "run_command"]

IOREG_COMMAND: tuple[str, ...] = ("ioreg", "-c", "IOHIDSystem", "-d", "4")

# A top-level property line such as `    |   "HIDIdleTime" = 1234567890`; anchored to the line so
# a same-named key inside a nested {...} dictionary printed on one line is not taken.
_HID_IDLE_RE = re.compile(r'^[\s|]*"HIDIdleTime" = (\d+)\s*$', re.MULTILINE)

Runner = Callable[[Sequence[str]], str]
"""Runs a command and returns its stdout; raises OSError or SubprocessError on failure."""


def run_command(cmd: Sequence[str], timeout: float = 2.0) -> str:
    """Run ``cmd`` with a timeout and return stdout; raises on a missing program or a failure."""
    result = subprocess.run(list(cmd), capture_output=True, text=True, timeout=timeout, check=True)
    return result.stdout


def parse_hid_idle_time(text: str) -> float | None:
    """Seconds from the first ``"HIDIdleTime" = <ns>`` line of ioreg output, or None if absent."""
    match = _HID_IDLE_RE.search(text)
    if match is None:
        return None
    return int(match.group(1)) / 1_000_000_000


class MacIdleMonitor:
    """Idle seconds of the Mac from ``ioreg``; ``runner`` is injectable for tests."""

    name = "macos"

    def __init__(self, runner: Runner | None = None) -> None:
        if runner is None:
            if shutil.which(IOREG_COMMAND[0]) is None:
                raise IdleMonitorUnavailable("ioreg not found on PATH")
            runner = run_command
        self._run = runner

    def idle_seconds(self) -> float | None:
        """Seconds since the last HID event, or None when ioreg fails or prints no HIDIdleTime."""
        try:
            output = self._run(IOREG_COMMAND)
        except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
            return None
        return parse_hid_idle_time(output)

    def close(self) -> None:
        """Nothing to release: each query is a short-lived process."""
        return None
