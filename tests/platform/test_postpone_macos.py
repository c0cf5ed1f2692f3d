"""macOS postpone checks on any OS: fullscreen against faked CoreGraphics/CoreFoundation, and
Focus / Do Not Disturb against files written here (and generated ones, with hypothesis)."""

from __future__ import annotations

import json
import logging
import plistlib
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreak.platform import do_not_disturb_macos as dm
from deskbreak.platform import fullscreen_macos as fm
from deskbreak.platform.fullscreen_macos import Rect, WindowInfo
from deskbreak.platform.postpone import DO_NOT_DISTURB as DND
from deskbreak.platform.postpone import FULLSCREEN_WINDOW as FULL

MAIN: Rect = (0.0, 0.0, 1440.0, 900.0)
SIDE: Rect = (1440.0, -180.0, 1920.0, 1080.0)
MONDAY = datetime(2026, 9, 28)  # a Monday, midnight


def win(pid: int, bounds: Rect, layer: int = 0, alpha: float = 1.0) -> WindowInfo:
    return WindowInfo(layer, pid, bounds, alpha)


@pytest.mark.parametrize(
    ("windows", "found"),
    [
        ([win(1, MAIN), win(2, (10, 40, 600, 400))], 0),  # native fullscreen on the main display
        ([win(1, SIDE), win(2, MAIN)], 0),  # on the second display
        ([win(1, (0, 0, 300, 200)), win(1, MAIN)], 1),  # the front app's other window
        ([win(1, (0, 25, 1440, 875))], None),  # zoomed: the menu bar is not covered
        ([win(1, (10, 40, 600, 400)), win(2, MAIN)], None),  # an app behind is fullscreen
        ([win(9, MAIN, layer=25), win(1, (10, 40, 600, 400))], None),  # an overlay, not an app
        ([win(9, MAIN, alpha=0.0), win(1, (10, 40, 600, 400))], None),  # invisible
        ([win(1, (0.4, -0.3, 1440.2, 900.5))], 0),  # rounding
        ([], None),
    ],
)
def test_fullscreen_decision(windows: list[WindowInfo], found: int | None) -> None:
    expected = None if found is None else windows[found]
    assert fm.fullscreen_window(windows, [MAIN, SIDE]) == expected
    assert fm.fullscreen_window(windows, []) is None


class Fn:
    """A framework function that takes argtypes/restype as ctypes' do."""

    def __init__(self, call: Any) -> None:
        self.call = call

    def __call__(self, *args: Any) -> Any:
        return self.call(*args)


class FakeFrameworks:
    """CoreFoundation and CoreGraphics in one: a window list and displays behind handles."""

    def __init__(self, windows: list[dict[str, Any]], displays: dict[int, Rect]) -> None:
        self.window_dicts, self.display_rects = windows, displays
        self.objects: dict[int, Any] = {}
        self.released: list[int] = []
        self.created: list[int] = []
        self.display_status = 0

    def _new(self, value: Any) -> int:
        handle = 0x1000 + 8 * len(self.objects)
        self.objects[handle] = value
        return handle

    def CGWindowListCopyWindowInfo(self, options: int, relative_to: int) -> int | None:
        assert options == 1 | 16 and relative_to == 0
        if self.window_dicts is None:
            return None
        entries = [self._new({k: self._new(v) for k, v in d.items()}) for d in self.window_dicts]
        return self._new(entries)

    def CFStringCreateWithCString(self, allocator: Any, text: bytes, encoding: int) -> int:
        handle = self._new(text.decode())
        self.created.append(handle)
        return handle

    def CFArrayGetCount(self, array: int) -> int:
        return len(self.objects[array])

    def CFArrayGetValueAtIndex(self, array: int, index: int) -> int:
        return int(self.objects[array][index])

    def CFDictionaryGetValue(self, dictionary: int, key: int) -> int | None:
        return self.objects[dictionary].get(self.objects[key])

    def CFNumberGetValue(self, number: int, kind: int, out: Any) -> bool:
        value = self.objects[number]
        assert kind == (13 if isinstance(value, float) else 4)
        out._obj.value = value
        return True

    def CGRectMakeWithDictionaryRepresentation(self, dictionary: int, out: Any) -> bool:
        x, y, w, h = self.objects[dictionary]
        out._obj.x, out._obj.y, out._obj.width, out._obj.height = x, y, w, h
        return True

    def CGGetActiveDisplayList(self, most: int, ids: Any, count: Any) -> int:
        for index, display in enumerate(self.display_rects):
            ids[index] = display
        count._obj.value = len(self.display_rects)
        return self.display_status

    def CGDisplayBounds(self, display: int) -> fm.CGRect:
        return fm.CGRect(*self.display_rects[display])

    def CFRelease(self, handle: int) -> None:
        self.released.append(handle)


def cg_window(pid: int, bounds: Rect, layer: int = 0, **extra: Any) -> dict[str, Any]:
    return {"kCGWindowLayer": layer, "kCGWindowOwnerPID": pid, "kCGWindowBounds": bounds, **extra}


def test_core_graphics_windows_are_read_in_order_and_everything_created_is_released() -> None:
    no_bounds = {"kCGWindowLayer": 0, "kCGWindowOwnerPID": 4}
    fw = FakeFrameworks(
        [cg_window(7, MAIN, kCGWindowAlpha=1.0), no_bounds, cg_window(3, SIDE, 25)], {1: MAIN, 5: SIDE}
    )
    source = fm.CoreGraphicsWindows(fw, fw)
    windows = source.windows()
    assert windows == [win(7, MAIN), win(3, SIDE, layer=25)]  # the entry without bounds is skipped
    array = max(h for h in fw.objects if isinstance(fw.objects[h], list))
    assert sorted(fw.released) == sorted([*fw.created, array])
    assert source.displays() == [MAIN, SIDE]
    fw.display_status = 1001  # kCGErrorFailure
    assert source.displays() is None


def test_binding_the_frameworks() -> None:
    class Declarable:
        def __init__(self) -> None:
            self.fw = FakeFrameworks([cg_window(7, MAIN)], {1: MAIN})

        def __getattr__(self, name: str) -> Fn:
            fn = Fn(getattr(self.fw, name))
            setattr(self, name, fn)
            return fn

    framework = Declarable()
    source = fm.core_graphics_windows(loader=lambda name: framework, platform="darwin")
    check = fm.MacFullscreenCheck(source)
    assert check.reason() == FULL
    assert framework.CGDisplayBounds.restype is fm.CGRect
    framework.fw.window_dicts = [cg_window(7, (0, 25, 1440, 875))]  # zoomed
    assert check.reason() is None
    framework.fw.window_dicts = None  # CGWindowListCopyWindowInfo returned NULL
    assert check.reason() is None

    def missing(name: str) -> Any:
        raise OSError(f"framework {name} not found")

    with pytest.raises(fm.MacFullscreenUnavailable, match="CoreFoundation not found"):
        fm.core_graphics_windows(loader=missing, platform="darwin")
    with pytest.raises(fm.MacFullscreenUnavailable, match="only on macOS"):
        fm.core_graphics_windows(loader=missing, platform="linux")


def test_fullscreen_errors_are_none_and_logged_once(caplog: pytest.LogCaptureFixture) -> None:
    class Broken:
        def windows(self) -> list[WindowInfo] | None:
            raise OSError("window server gone")

        def displays(self) -> list[Rect] | None:
            return [MAIN]

    check = fm.MacFullscreenCheck(Broken())
    with caplog.at_level(logging.WARNING, logger="deskbreak.platform.fullscreen_macos"):
        assert [check.reason(), check.reason()] == [None, None]
    assert len(caplog.records) == 1


@pytest.mark.skipif(sys.platform == "darwin", reason="checks the refusal off macOS")
def test_fullscreen_refuses_off_macos() -> None:
    with pytest.raises(fm.MacFullscreenUnavailable):
        fm.MacFullscreenCheck()


# ── Focus / Do Not Disturb ──


def assertions(*modes: str) -> dict[str, Any]:
    records = [{"assertionDetails": {"assertionDetailsModeIdentifier": m}} for m in modes]
    return {"data": [{"storeAssertionRecords": records}], "header": {"version": 3}}


def trigger(start: tuple[int, int], end: tuple[int, int], weekdays: int = 127, enabled: int = 2) -> Any:
    (start_hour, start_minute), (end_hour, end_minute) = start, end
    return {"class": "DNDModeConfigurationScheduleTrigger", "enabledSetting": enabled,
            "timePeriodStartTimeHour": start_hour, "timePeriodStartTimeMinute": start_minute,
            "timePeriodEndTimeHour": end_hour, "timePeriodEndTimeMinute": end_minute,
            "timePeriodWeekdays": weekdays}  # fmt: skip


def configurations(*triggers: Any) -> dict[str, Any]:
    mode = {"mode": {"name": "Sleep"}, "triggers": {"triggers": list(triggers)}}
    return {"data": [{"modeConfigurations": {"com.apple.sleep.sleep-mode": mode}}]}


def test_focus_by_hand() -> None:
    assert dm.focus_on_by_hand(assertions("com.apple.donotdisturb.mode.default"))
    assert dm.focus_on_by_hand(assertions("com.apple.focus.work"))
    assert not dm.focus_on_by_hand(assertions())
    assert not dm.focus_on_by_hand({"data": [{"storeAssertionRecords": [{"assertionDetails": "x"}]}]})


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return MONDAY + timedelta(days=day, hours=hour, minutes=minute)


@pytest.mark.parametrize(
    ("when", "on"),
    [
        (at(0, 23), True),  # Monday night
        (at(1, 6, 59), True),  # Tuesday morning: Monday's night
        (at(1, 7), False),  # the end is not inside
        (at(0, 6), False),  # Monday morning: Sunday's night, not scheduled
        (at(5, 1), True),  # Saturday 1 am: Friday's night
        (at(5, 23), False),  # Saturday night
        (at(2, 12), False),
    ],
)
def test_a_weekday_night_schedule(when: datetime, on: bool) -> None:
    weekdays = 0b0111110  # Monday to Friday (Sunday is the lowest bit)
    assert dm.schedule_active(trigger((22, 0), (7, 0), weekdays), when) is on
    assert dm.focus_scheduled(configurations(trigger((22, 0), (7, 0), weekdays)), when) is on


def test_schedules_that_do_not_count() -> None:
    noon = at(3, 12, 30)
    assert dm.schedule_active(trigger((12, 0), (13, 0)), noon)
    assert not dm.schedule_active(trigger((12, 0), (13, 0), enabled=1), noon)  # switched off
    assert not dm.schedule_active(trigger((12, 0), (12, 0)), noon)  # empty
    assert not dm.schedule_active(trigger((12, 0), (13, 0), weekdays=0), noon)
    assert not dm.schedule_active(
        {**trigger((12, 0), (13, 0)), "class": "DNDModeConfigurationAppTrigger"}, noon
    )
    assert not dm.schedule_active({**trigger((12, 0), (13, 0)), "timePeriodStartTimeHour": "12"}, noon)
    assert not dm.schedule_active({**trigger((12, 0), (13, 0)), "enabledSetting": True}, noon)


def write_db(home: Path, assertions_doc: Any, configurations_doc: Any) -> None:
    folder = home / "Library/DoNotDisturb/DB"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Assertions.json").write_text(json.dumps(assertions_doc))
    (folder / "ModeConfigurations.json").write_text(json.dumps(configurations_doc))


def ncprefs(user: Any) -> bytes:
    inner = plistlib.dumps({"userPref": user}, fmt=plistlib.FMT_BINARY)
    return plistlib.dumps({"dnd_prefs": inner}, fmt=plistlib.FMT_BINARY)


def test_big_sur_dnd_prefs(tmp_path: Path) -> None:

    assert dm.dnd_prefs_on(ncprefs({"enabled": True, "date": datetime(2021, 3, 1), "reason": 1}))
    assert not dm.dnd_prefs_on(ncprefs({"enabled": False}))
    assert not dm.dnd_prefs_on(ncprefs("on"))
    assert not dm.dnd_prefs_on(plistlib.dumps({"other": 1}))
    assert not dm.dnd_prefs_on(b"bplist00garbage")
    prefs = tmp_path / "Library/Preferences/com.apple.ncprefs.plist"
    prefs.parent.mkdir(parents=True)
    prefs.write_bytes(ncprefs({"enabled": True}))
    write_db(tmp_path, assertions(), configurations())  # not read on Big Sur
    assert dm.MacDoNotDisturbCheck(tmp_path, focus_files=False).reason() == DND
    assert dm.MacDoNotDisturbCheck(tmp_path).reason() is None


def test_which_files_by_version() -> None:
    versions = ["15.1", "12.0.1", "11.7.10", "10.16", ""]  # 10.16: Big Sur to older builds
    assert [dm.uses_focus_files(v) for v in versions] == [True, True, False, False, True]


def test_the_check_reads_the_files(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    check = dm.MacDoNotDisturbCheck(tmp_path, now=lambda: at(0, 23))
    with caplog.at_level(logging.INFO, logger="deskbreak.platform.do_not_disturb_macos"):
        assert [check.reason(), check.reason()] == [None, None]  # no files yet
    assert len([r for r in caplog.records if "does not exist" in r.getMessage()]) == 2  # two files, once
    write_db(tmp_path, assertions("com.apple.focus.work"), configurations())
    assert check.reason() == DND
    write_db(tmp_path, assertions(), configurations(trigger((22, 0), (7, 0))))
    assert check.reason() == DND  # scheduled
    write_db(tmp_path, assertions(), configurations(trigger((8, 0), (9, 0))))
    assert check.reason() is None
    (tmp_path / "Library/DoNotDisturb/DB/Assertions.json").write_text('{"data": [')
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="deskbreak.platform.do_not_disturb_macos"):
        assert [check.reason(), check.reason()] == [None, None]
    assert len([r for r in caplog.records if "is not JSON" in r.getMessage()]) == 1


def test_no_full_disk_access_is_none_and_says_so_once(caplog: pytest.LogCaptureFixture) -> None:
    def denied(path: Path) -> bytes:
        raise PermissionError(1, "Operation not permitted", str(path))

    check = dm.MacDoNotDisturbCheck(Path("/Users/me"), read_bytes=denied)
    with caplog.at_level(logging.INFO, logger="deskbreak.platform.do_not_disturb_macos"):
        assert [check.reason() for _ in range(3)] == [None] * 3
    assert [r.getMessage().count("Full Disk Access") for r in caplog.records] == [1, 1]  # per file


def test_factory(tmp_path: Path) -> None:
    check = dm.create_macos_dnd_check({"HOME": str(tmp_path)}, platform="darwin", mac_version=lambda: "11.6")
    assert (check.home, check.focus_files) == (tmp_path, False)
    assert dm.create_macos_dnd_check(
        {"HOME": "/h"}, platform="darwin", mac_version=lambda: "14.0"
    ).focus_files
    with pytest.raises(dm.MacDoNotDisturbUnavailable):
        dm.create_macos_dnd_check({"HOME": str(tmp_path)}, platform="linux")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
times = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1))


@given(junk=json_values, when=times)
def test_parsers_never_raise_and_junk_beside_a_record_does_not_hide_it(junk: Any, when: datetime) -> None:
    assert isinstance(dm.focus_on_by_hand(junk), bool) and isinstance(dm.focus_scheduled(junk, when), bool)
    nested = {"data": [{"modeConfigurations": {"m": {"triggers": {"triggers": [junk]}}}}]}
    assert isinstance(dm.focus_scheduled(nested, when), bool)
    assert dm.focus_on_by_hand({"data": [junk, *assertions("com.apple.focus.work")["data"]]})


@given(
    start=st.tuples(st.integers(0, 23), st.integers(0, 59)),
    end=st.tuples(st.integers(0, 23), st.integers(0, 59)),
    weekdays=st.integers(1, 127),
    when=times,
)
def test_schedules_match_a_calendar_model(
    start: tuple[int, int], end: tuple[int, int], weekdays: int, when: datetime
) -> None:
    # The model: the schedule is a stretch of time starting on each chosen day.
    length = ((end[0] - start[0]) * 60 + end[1] - start[1]) % (24 * 60)
    inside = False
    for back in (0, 1):
        day = when.date() - timedelta(days=back)
        begins = datetime(day.year, day.month, day.day, *start)
        chosen = weekdays >> ((day.weekday() + 1) % 7) & 1
        inside |= (
            bool(chosen)
            and length > 0
            and begins <= when.replace(second=0, microsecond=0) < begins + timedelta(minutes=length)
        )
    assert dm.schedule_active(trigger(start, end, weekdays), when) is inside


@given(data=st.binary(max_size=64) | json_values.map(lambda v: json.dumps(v).encode()))
def test_any_file_content_gives_an_answer(data: bytes) -> None:
    check = dm.MacDoNotDisturbCheck(Path("/Users/me"), read_bytes=lambda path: data, now=lambda: MONDAY)
    legacy = dm.MacDoNotDisturbCheck(Path("/u"), focus_files=False, read_bytes=lambda path: data)
    assert check.reason() in (None, DND) and legacy.reason() in (None, DND)
