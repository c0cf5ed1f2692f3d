"""macOS idle backend: parsing real-shaped ioreg output and the failure paths, no Mac needed."""

# ruff: noqa: E501  (the ioreg sample keeps its real, long lines)

from __future__ import annotations

import subprocess
from collections.abc import Sequence

import pytest

from deskbreak.platform.idle_macos import IOREG_COMMAND, MacIdleMonitor, parse_hid_idle_time

# Shape of `ioreg -c IOHIDSystem -d 4` on macOS 13 (Apple silicon), trimmed: the tree down to
# IOResources, then IOHIDSystem's property block, then its user clients.
IOREG_SAMPLE = """\
+-o Root  <class IORegistryEntry, id 0x100000100, retain 28>
  +-o IOResources  <class IOResources, id 0x10000010f, registered, matched, active, busy 0 (0 ms), retain 44>
    +-o IOHIDSystem  <class IOHIDSystem, id 0x1000004d6, registered, matched, active, busy 0 (0 ms), retain 28>
    | {
    |   "IOClass" = "IOHIDSystem"
    |   "CFBundleIdentifier" = "com.apple.iokit.IOHIDFamily"
    |   "IOProviderClass" = "IOResources"
    |   "IOGeneralInterest" = "IOCommand is not serializable"
    |   "HIDParameters" = {"HIDClickTime"=500000000,"HIDKeyRepeat"=83333333,"HIDInitialKeyRepeat"=500000000,"HIDIdleTime"=1,"HIDClickSpace"={0,0}}
    |   "IOMatchCategory" = "IOHIDSystem"
    |   "IOProbeScore" = 0
    |   "HIDIdleTime" = 92537281500
    |   "IOMatchedAtBoot" = Yes
    |   "IOUserClientClass" = "IOHIDParamUserClient"
    |   "IOResourceMatch" = "IOKit"
    |   "IOPowerManagement" = {"CurrentPowerState"=1,"CapabilityFlags"=2,"MaxPowerState"=1}
    | }
    |
    +-o IOHIDUserClient  <class IOHIDUserClient, id 0x10000058e, !registered, !matched, active, busy 0, retain 6>
    +-o IOHIDParamUserClient  <class IOHIDParamUserClient, id 0x100000640, !registered, !matched, active, busy 0, retain 6>
"""


def test_parses_nanoseconds_of_the_property_line() -> None:
    # 92_537_281_500 ns; the "HIDIdleTime"=1 inside HIDParameters must not be taken.
    assert parse_hid_idle_time(IOREG_SAMPLE) == pytest.approx(92.5372815)


def test_no_hid_idle_time_line_is_unknown() -> None:
    text = "\n".join(line for line in IOREG_SAMPLE.splitlines() if '"HIDIdleTime" =' not in line)
    assert parse_hid_idle_time(text) is None
    assert parse_hid_idle_time("") is None


def test_monitor_runs_ioreg_and_parses_it() -> None:
    seen: list[Sequence[str]] = []

    def runner(cmd: Sequence[str]) -> str:
        seen.append(cmd)
        return IOREG_SAMPLE

    monitor = MacIdleMonitor(runner)
    assert monitor.idle_seconds() == pytest.approx(92.5372815)
    assert list(seen[0]) == ["ioreg", "-c", "IOHIDSystem", "-d", "4"]
    assert tuple(seen[0]) == IOREG_COMMAND


@pytest.mark.parametrize(
    "error",
    [
        FileNotFoundError(2, "No such file or directory", "ioreg"),
        subprocess.CalledProcessError(1, list(IOREG_COMMAND)),
        subprocess.TimeoutExpired(list(IOREG_COMMAND), 2.0),
        PermissionError(13, "Permission denied"),
    ],
    ids=["missing", "exit-status", "timeout", "permission"],
)
def test_command_failures_are_unknown(error: Exception) -> None:
    def runner(cmd: Sequence[str]) -> str:
        raise error

    assert MacIdleMonitor(runner).idle_seconds() is None


def test_output_without_the_property_is_unknown() -> None:
    monitor = MacIdleMonitor(lambda cmd: "+-o Root  <class IORegistryEntry, id 0x100000100>\n")
    assert monitor.idle_seconds() is None
