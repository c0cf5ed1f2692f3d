"""macOS: hold a reminder while a Focus (Do Not Disturb, Work, Sleep, ...) is on.

macOS has no public call for this outside the App Store (INFocusStatusCenter needs an
entitlement Apple grants only to App Store apps). What macOS 12 (Monterey) and later keep on
disk, and what open-source tools read (Hammerspoon scripts, drewkerr's JXA "current focus"
script, felixrieseberg/macos-notification-state), are two JSON files in
``~/Library/DoNotDisturb/DB``, read here as plain files:

- ``Assertions.json``: ``data[].storeAssertionRecords`` lists the Focus modes turned on by
  hand (Control Centre, a shortcut, "for 1 hour"); any record there means a Focus is on;
- ``ModeConfigurations.json``: ``data[].modeConfigurations[mode].triggers.triggers`` holds
  each mode's schedules (class DNDModeConfigurationScheduleTrigger, ``enabledSetting`` 2 when
  on, start and end hour and minute, ``timePeriodWeekdays`` a bit per day, Sunday the lowest);
  a schedule counts while the time of day is inside it, a schedule over midnight by the day it
  starts.

macOS 11 (Big Sur), which has Do Not Disturb but no Focus: ``dnd_prefs`` in
``~/Library/Preferences/com.apple.ncprefs.plist`` is itself a binary plist whose ``userPref``
dictionary has ``enabled`` true while Do Not Disturb was turned on by hand.

Any Focus counts, not only the one named Do Not Disturb: the user asked for fewer
interruptions. A file that is missing, unreadable or not what is expected means "no reason to
wait" (logged once per file and problem); the parsers never raise, whatever the files hold.

Not seen: on macOS 13 (Ventura) and later the DoNotDisturb folder is protected, and reading it
needs Full Disk Access for the app (or the Python running it); without it the check answers
None and logs once how to grant it. macOS writes the files a little after a change, up to a
minute or two by some reports. Not seen either: Focus turned on by other triggers (an app, a
location, the Sleep schedule from the Health app, a Focus shared from an iPhone), Big Sur's
scheduled Do Not Disturb, and a scheduled Focus turned off by hand before its end still counts
until its end. Property- and unit-tested against generated files; not run on a real Mac here.

Threading: reads one or two small files (a few KB) on the GUI thread.
"""

from __future__ import annotations

import json
import logging
import os
import platform as platform_module
import plistlib
import sys
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

__all__ = [
    "REASON",
    "MacDoNotDisturbCheck",
    "MacDoNotDisturbUnavailable",
    "create_macos_dnd_check",
    "dnd_prefs_on",
    "focus_on_by_hand",
    "focus_scheduled",
    "schedule_active",
    "uses_focus_files",
]

log = logging.getLogger(__name__)

REASON = "do not disturb"
"""Equal to deskbreak.platform.postpone.DO_NOT_DISTURB (not imported: no import cycle)."""

DB_FOLDER = Path("Library/DoNotDisturb/DB")
ASSERTIONS = "Assertions.json"
MODE_CONFIGURATIONS = "ModeConfigurations.json"
NCPREFS = Path("Library/Preferences/com.apple.ncprefs.plist")
SCHEDULE_TRIGGER = "DNDModeConfigurationScheduleTrigger"
ENABLED = 2  # enabledSetting of a schedule that is switched on (1: switched off)
EVERY_DAY = 0b1111111


class MacDoNotDisturbUnavailable(RuntimeError):
    """Not on macOS."""


def _entries(document: object, key: str) -> list[object]:
    """``document["data"][i][key]`` for every entry that has it; [] if the shape differs."""
    if not isinstance(document, dict):
        return []
    data = document.get("data")
    if not isinstance(data, list):
        return []
    return [entry[key] for entry in data if isinstance(entry, dict) and key in entry]


def focus_on_by_hand(assertions: object) -> bool:
    """Whether Assertions.json (already parsed) records a Focus turned on by hand."""
    for records in _entries(assertions, "storeAssertionRecords"):
        if isinstance(records, list) and any(
            isinstance(record, dict) and isinstance(record.get("assertionDetails"), dict)
            for record in records
        ):
            return True
    return False


def _integer(value: object, low: int, high: int, default: int | None = None) -> int | None:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def schedule_active(trigger: object, now: datetime) -> bool:
    """Whether one schedule trigger is switched on and ``now`` (local time) falls inside it."""
    if not isinstance(trigger, dict) or trigger.get("class", SCHEDULE_TRIGGER) != SCHEDULE_TRIGGER:
        return False
    enabled = trigger.get("enabledSetting")
    if isinstance(enabled, bool) or enabled != ENABLED:
        return False
    start_hour = _integer(trigger.get("timePeriodStartTimeHour"), 0, 23)
    start_minute = _integer(trigger.get("timePeriodStartTimeMinute"), 0, 59, default=0)
    end_hour = _integer(trigger.get("timePeriodEndTimeHour"), 0, 24)
    end_minute = _integer(trigger.get("timePeriodEndTimeMinute"), 0, 59, default=0)
    weekdays = _integer(trigger.get("timePeriodWeekdays"), 1, EVERY_DAY, default=EVERY_DAY)
    if start_hour is None or start_minute is None or end_hour is None or end_minute is None:
        return False
    if weekdays is None:
        return False
    start, end = start_hour * 60 + start_minute, end_hour * 60 + end_minute
    minute = now.hour * 60 + now.minute
    day = (now.weekday() + 1) % 7  # Sunday 0, Monday 1, ..., Saturday 6
    if start < end:
        inside = start <= minute < end
    elif start > end:  # over midnight: the early hours belong to the day before
        inside = minute >= start or minute < end
        if minute < end:
            day = (day - 1) % 7
    else:
        return False
    return inside and bool(weekdays & (1 << day))


def focus_scheduled(configurations: object, now: datetime) -> bool:
    """Whether ModeConfigurations.json (already parsed) has a schedule active at ``now``."""
    for modes in _entries(configurations, "modeConfigurations"):
        if not isinstance(modes, dict):
            continue
        for mode in modes.values():
            triggers = mode.get("triggers") if isinstance(mode, dict) else None
            listed = triggers.get("triggers") if isinstance(triggers, dict) else None
            if isinstance(listed, list) and any(schedule_active(t, now) for t in listed):
                return True
    return False


def dnd_prefs_on(ncprefs: bytes) -> bool:
    """Whether com.apple.ncprefs.plist (its bytes) says Do Not Disturb is on (macOS 11)."""
    try:
        outer = plistlib.loads(ncprefs)
        inner = outer.get("dnd_prefs") if isinstance(outer, dict) else None
        prefs = plistlib.loads(inner) if isinstance(inner, bytes) else None
        user = prefs.get("userPref") if isinstance(prefs, dict) else None
        return isinstance(user, dict) and user.get("enabled") == 1  # True (or 1)
    except Exception:  # plistlib raises many kinds on garbage: none of them means "on"
        return False


def uses_focus_files(mac_version: str) -> bool:
    """macOS 12 and later (or an unknown version) keep Focus in the DoNotDisturb folder."""
    parts = mac_version.split(".")
    try:
        major, minor = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    except ValueError:
        return True
    if major == 10 and minor >= 16:  # Big Sur as Pythons built on older SDKs report it
        return False
    return major >= 12


def _local_now() -> datetime:
    return datetime.now()


class MacDoNotDisturbCheck:
    """Postpone check: "do not disturb" while a Focus is on (see the module docstring).

    ``home`` is the user's home folder; ``read_bytes`` and ``now`` are injectable for tests.
    With ``focus_files`` False (macOS 11) the ncprefs plist is read instead.
    """

    name = "do-not-disturb-macos"

    def __init__(
        self,
        home: Path,
        *,
        focus_files: bool = True,
        read_bytes: Callable[[Path], bytes] = Path.read_bytes,
        now: Callable[[], datetime] = _local_now,
    ) -> None:
        self.home = home
        self.focus_files = focus_files
        self._read = read_bytes
        self._now = now
        self._logged: set[tuple[str, str]] = set()

    def _note(self, path: Path, problem: str, message: str) -> None:
        if (path.name, problem) not in self._logged:
            self._logged.add((path.name, problem))
            log.info("do-not-disturb (macOS): %s %s; counted as off (logged once)", path, message)

    def _bytes(self, path: Path) -> bytes | None:
        try:
            return self._read(path)
        except FileNotFoundError:
            self._note(path, "missing", "does not exist")
        except PermissionError:
            self._note(path, "denied", "cannot be read: give the app Full Disk Access to see Focus")
        except Exception as exc:
            self._note(path, "error", f"cannot be read ({exc})")
        return None

    def _json(self, path: Path) -> Any:
        raw = self._bytes(path)
        if raw is None:
            return None
        try:
            return json.loads(raw)
        except Exception:  # ValueError, UnicodeDecodeError, RecursionError on odd nesting
            self._note(path, "garbled", "is not JSON")
            return None

    def on(self) -> bool:
        """Whether a Focus (or Big Sur's Do Not Disturb) is on; never raises."""
        try:
            if not self.focus_files:
                raw = self._bytes(self.home / NCPREFS)
                return raw is not None and dnd_prefs_on(raw)
            folder = self.home / DB_FOLDER
            if focus_on_by_hand(self._json(folder / ASSERTIONS)):
                return True
            return focus_scheduled(self._json(folder / MODE_CONFIGURATIONS), self._now())
        except Exception:
            self._note(self.home / DB_FOLDER, "unexpected", "could not be judged")
            log.debug("do-not-disturb (macOS) failed", exc_info=True)
            return False

    def reason(self) -> str | None:
        """ "do not disturb" or None; never raises."""
        return REASON if self.on() else None

    def close(self) -> None:
        return None


def create_macos_dnd_check(
    environ: Mapping[str, str] = os.environ,
    *,
    platform: str = sys.platform,
    mac_version: Callable[[], str] = lambda: platform_module.mac_ver()[0],
) -> MacDoNotDisturbCheck:
    """The check for this Mac; raises MacDoNotDisturbUnavailable off macOS."""
    if platform != "darwin":
        raise MacDoNotDisturbUnavailable("Focus / Do Not Disturb files exist only on macOS")
    home = Path(environ["HOME"]) if environ.get("HOME") else Path.home()
    return MacDoNotDisturbCheck(home, focus_files=uses_focus_files(mac_version()))
