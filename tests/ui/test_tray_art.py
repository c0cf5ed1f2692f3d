"""The live tray icon, checked by its pixels: the ring fills clockwise toward the sit limit, each
look has its own colours, the edge stands out on light and dark panels, and an unchanged state
is never drawn or set again."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest
from fakes import make_controller
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPainter

from deskbreak.app import views
from deskbreak.core.policy import Phase, Status
from deskbreak.storage.break_log import BreakLog
from deskbreak.storage.database import connect
from deskbreak.ui.tray import Tray
from deskbreak.ui.tray_art import PALETTES, RIM, STEPS, UNITS, Rings, art_key, draw, ring_step
from deskbreak.ui.view_data import TrayLook, TrayView

LIGHT, DARK = QColor("#eceff1"), QColor("#202326")
SCALES = [(22, 1.0), (22, 2.0)]  # a 22 px panel, plain and HiDPI (44 px)
BADGE_ANGLES = range(15, 80)  # the due and overdue dot sits at the top right


def at_angle(image: QImage, degrees: float, radius_units: float) -> QColor:
    """The pixel `degrees` clockwise from twelve o'clock, `radius_units` (of 64) from the centre."""
    scale = image.width() / UNITS
    x = image.width() / 2 + radius_units * scale * math.sin(math.radians(degrees))
    y = image.height() / 2 - radius_units * scale * math.cos(math.radians(degrees))
    return image.pixelColor(int(x), int(y))


def ring_colour(image: QImage, degrees: float) -> QColor:
    rings = Rings.at(image.width())
    return at_angle(image, degrees, (rings.fill + rings.body) / 2)


def near(color: QColor, expected: str, tolerance: int = 24) -> bool:
    want = QColor(expected)
    return color.alpha() == 255 and all(
        abs(a - b) <= tolerance for a, b in zip(color.getRgb()[:3], want.getRgb()[:3], strict=True)
    )


def luminance(color: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) + 0.0722 * channel(color.blue())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def on_panel(image: QImage, panel: QColor) -> QImage:
    out = QImage(image.size(), QImage.Format.Format_ARGB32)
    out.fill(panel)
    painter = QPainter(out)
    painter.drawImage(0, 0, image)
    painter.end()
    return out


ALL_LOOKS = [art_key(look, p) for look in TrayLook for p in (0.0, 0.5)]


@pytest.mark.parametrize(("size", "ratio"), SCALES)
@pytest.mark.parametrize(
    ("progress", "filled", "empty"),
    [(0.25, [45], [135, 225, 315]), (0.5, [45, 135], [225, 315]), (0.75, [45, 135, 225], [315])],
)
def test_the_ring_fills_clockwise_from_twelve(qapp, size, ratio, progress, filled, empty):
    image = draw(TrayLook.SITTING, ring_step(progress), size, ratio)
    assert image.width() == round(size * ratio)
    colours = PALETTES[TrayLook.SITTING]
    assert all(near(ring_colour(image, a), colours.fill) for a in filled)
    assert all(near(ring_colour(image, a), colours.track) for a in empty)
    assert near(ring_colour(image, 2), colours.fill)  # it starts at twelve o'clock


@pytest.mark.parametrize(("size", "ratio"), SCALES)
@pytest.mark.parametrize(
    ("look", "ring", "body"),
    [
        (TrayLook.DUE, "#f5a623", "#13897d"),  # amber ring, the teal of the app icon inside
        (TrayLook.OVERDUE, "#ff5449", "#b3261e"),  # red all over
        (TrayLook.ON_BREAK, "#69db7c", "#2f9e44"),  # green
    ],
)
def test_due_overdue_and_break_rings_are_full_in_their_colour(qapp, size, ratio, look, ring, body):
    image = draw(look, STEPS, size, ratio)
    assert all(near(ring_colour(image, a), ring) for a in (100, 180, 270, 350))
    rings = Rings.at(image.width())
    assert near(at_angle(image, 250, rings.body * 0.8), body)
    if look in (TrayLook.DUE, TrayLook.OVERDUE):  # the dot at the top right, edged in white
        dot = image.pixelColor(int(image.width() * 51 / 64), int(image.height() * 13 / 64))
        assert near(dot, PALETTES[look].badge or "", 40) or look is TrayLook.OVERDUE


@pytest.mark.parametrize(("size", "ratio"), SCALES)
def test_paused_is_all_grey_with_bars(qapp, size, ratio):
    image = draw(TrayLook.PAUSED, 0, size, ratio)
    opaque = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    opaque = [c for c in opaque if c.alpha() == 255]
    assert len(opaque) > image.width() * image.height() * 0.6
    assert max(c.hsvSaturation() for c in opaque) < 40  # no colour anywhere
    rings = Rings.at(image.width())
    bar, gap = at_angle(image, 270, rings.body * 0.32), at_angle(image, 0, 0)
    assert near(bar, "#ffffff", 40) and near(gap, PALETTES[TrayLook.PAUSED].body, 30)


@pytest.mark.parametrize(("size", "ratio"), SCALES)
def test_outside_working_hours_is_dark_with_a_moon(qapp, size, ratio):
    image = draw(TrayLook.OFF_HOURS, 0, size, ratio)
    rings = Rings.at(image.width())
    assert all(luminance(ring_colour(image, a)) < 0.03 for a in (0, 90, 180, 270))
    assert near(at_angle(image, 225, rings.body * 0.45), "#e8e2c4", 40)  # the crescent's thick part
    assert near(at_angle(image, 45, rings.body * 0.3), PALETTES[TrayLook.OFF_HOURS].body, 30)  # its bite


@pytest.mark.parametrize(("size", "ratio"), SCALES)
def test_no_two_looks_are_the_same_picture(qapp, size, ratio):
    keys = {*ALL_LOOKS, *((TrayLook.SITTING, step) for step in range(STEPS + 1))}
    pictures = {bytes(draw(look, step, size, ratio).constBits()) for look, step in keys}
    assert len(pictures) == len(keys)


@pytest.mark.parametrize(("size", "ratio"), [*SCALES, (16, 1.0), (48, 1.0)])
@pytest.mark.parametrize("key", ALL_LOOKS)
def test_the_edge_stands_out_on_light_and_dark_panels(qapp, size, ratio, key):
    """All round the icon, within its outer 3 pixels, something contrasts 3:1 with the panel."""
    image = draw(*key, size, ratio)
    outer = [UNITS / 2 - (i + 0.5) * UNITS / image.width() for i in range(3)]
    for panel in (LIGHT, DARK):
        shown = on_panel(image, panel)
        for angle in range(0, 360, 15):
            if key[0] in (TrayLook.DUE, TrayLook.OVERDUE) and angle in BADGE_ANGLES:
                continue
            best = max(contrast(at_angle(shown, angle, r), panel) for r in outer)
            assert best >= 3.0, (key, panel.name(), angle, best)


def test_the_rim_is_light_and_the_edge_inside_it_dark(qapp):
    image = draw(TrayLook.SITTING, STEPS, 64)
    rings = Rings.at(64)
    assert near(at_angle(image, 200, 31), RIM)
    assert near(at_angle(image, 200, (rings.track + rings.fill) / 2), PALETTES[TrayLook.SITTING].track)


@pytest.fixture
def tray(qtbot):
    tray = Tray(QIcon(), "5 min")
    calls: list[QIcon] = []
    real = tray.icon.setIcon

    def spy(icon: QIcon) -> None:
        calls.append(icon)
        real(icon)

    tray.icon.setIcon = spy  # type: ignore[method-assign]
    tray.calls = calls  # type: ignore[attr-defined]
    return tray


def view(look: TrayLook, progress: float = 0.0, tooltip: str = "deskbreak") -> TrayView:
    return TrayView(tooltip, "deskbreak", due=False, problems=0, look=look, progress=progress)


def test_an_unchanged_picture_is_not_set_again(tray):
    tray.render(view(TrayLook.SITTING, 0.30, "Sitting 13 min"))
    tray.render(view(TrayLook.SITTING, 0.32, "Sitting 14 min"))  # the same twelfth
    tray.render(view(TrayLook.SITTING, 0.34, "Sitting 15 min"))  # the next one
    tray.render(view(TrayLook.DUE, 1.0))
    tray.render(view(TrayLook.DUE, 1.0))
    assert len(tray.calls) == 3  # 3/12 (from the first picture, 0/12), 4/12, due
    assert tray.shown == (TrayLook.DUE, STEPS)
    drawn = tray.art.drawn
    tray.render(view(TrayLook.SITTING, 0.34))
    tray.render(view(TrayLook.DUE, 1.0))
    assert tray.art.drawn == drawn  # both kept: set again, not drawn again
    pixmap = tray.icon.icon().pixmap(22, 22).toImage()
    assert near(ring_colour(pixmap, 180), "#f5a623")


def test_the_icon_holds_every_size_plain_and_at_twice_the_pixels(tray):
    icon = tray.icon.icon()
    for size in (16, 22, 24, 32, 48, 64):
        for ratio in (1.0, 2.0):
            pixmap = icon.pixmap(QSize(size, size), ratio)
            assert pixmap.width() == round(size * ratio) and pixmap.devicePixelRatio() == ratio


def test_a_45_minute_sit_changes_the_picture_once_a_step_at_most(tray, clock, routine):
    controller = make_controller(clock, routine, BreakLog(connect(None)), tray=tray)
    steps = []
    for _ in range(45 * 2):  # every 30 s, more often than the app checks
        controller.tick()
        steps.append(tray.shown)
        clock.advance(timedelta(seconds=30))
    controller.tick()
    assert steps[0] == (TrayLook.SITTING, 0)
    assert [s for s in steps if s[0] is not TrayLook.SITTING] == []
    assert tray.shown == (TrayLook.DUE, STEPS)
    assert len(tray.calls) <= STEPS + 1  # eleven steps of the ring, then due (plus the first)
    gaps = [i for i in range(1, len(steps)) if steps[i] != steps[i - 1]]
    assert all(b - a >= 7 for a, b in zip(gaps, gaps[1:], strict=False))  # 3.5 min or more apart


NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
EXPECTED = {
    Phase.SITTING: TrayLook.SITTING,
    Phase.SNOOZED: TrayLook.SITTING,
    Phase.AWAY: TrayLook.SITTING,
    Phase.ON_BREAK: TrayLook.ON_BREAK,
}
statuses = st.builds(
    Status,
    phase=st.sampled_from(Phase),
    sitting_for=st.timedeltas(timedelta(0), timedelta(hours=14)),
    due_at=st.none()
    | st.datetimes(
        NOW.replace(tzinfo=None) - timedelta(hours=3),
        NOW.replace(tzinfo=None) + timedelta(hours=3),
        timezones=st.just(UTC),
    ),
    reminded=st.integers(0, 5),
    paused_until=st.none() | st.just(datetime(9999, 1, 1, tzinfo=UTC)) | st.just(NOW + timedelta(hours=1)),
    held=st.none() | st.sampled_from(["in a call", "a fullscreen window", "do not disturb"]),
    off_hours=st.booleans(),
)


@settings(max_examples=400, deadline=None)
@given(status=statuses, limit=st.none() | st.timedeltas(timedelta(0), timedelta(hours=3)))
def test_the_look_follows_the_phase_and_the_progress_stays_in_range(status, limit):
    tray = views.tray_view(status, NOW, 0, "", limit)
    assert 0.0 <= tray.progress <= 1.0
    phase = status.phase
    if phase is Phase.PAUSED:
        assert tray.look is (TrayLook.OFF_HOURS if status.off_hours else TrayLook.PAUSED)
        assert tray.tooltip.splitlines()[1].startswith(
            "Outside working hours" if status.off_hours else "Paused until"
        )
    elif phase is Phase.DUE:
        assert tray.look is (TrayLook.OVERDUE if status.reminded > 1 else TrayLook.DUE)
        assert tray.progress == 1.0
    elif status.held is not None and phase is not Phase.ON_BREAK and phase is not Phase.AWAY:
        assert tray.look is TrayLook.DUE
    else:
        assert tray.look is EXPECTED[phase]
    if tray.look is TrayLook.SITTING and phase is Phase.SITTING and status.due_at and limit:
        left = (status.due_at - NOW) / limit
        assert tray.progress == pytest.approx(min(1.0, max(0.0, 1 - left)))
