"""The core's words reach the screen translated: with the pseudo-translation installed the way the
app installs a translation at start (every message "⟦text⟧"), the settings' explanations, the
break window's coaching, the durations in the tray's tooltip, the program's "Week N of 6" and the
recent breaks' outcomes all change; with it taken away they are English again. The German example
reaches them too, with its plural forms."""

from __future__ import annotations

from datetime import timedelta

from pseudo_translation import catalogue, lrelease
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel

from deskbreak.app import views
from deskbreak.core.coach import SWITCH_SIDES
from deskbreak.core.coach_view import CoachText
from deskbreak.core.durations import humanize
from deskbreak.core.exercises import GET_READY
from deskbreak.core.history import BreakRecord
from deskbreak.core.policy import Outcome, Phase, Status
from deskbreak.core.program import Progress, Track
from deskbreak.core.settings import SPEC_BY_KEY, SPECS
from deskbreak.ui.break_pacing import INPUT_GUARD
from deskbreak.ui.break_window import BreakWindow
from deskbreak.ui.i18n import install_translator, remove_translators
from deskbreak.ui.settings_window import SettingsWindow
from deskbreak.ui.tray import Tray

READY = GET_READY.total_seconds()


def test_the_settings_window_explains_each_setting_in_the_translation(qtbot, pseudo_translated):
    window = SettingsWindow({}, lambda _: None, [("program", "Program")])
    qtbot.addWidget(window)
    shown = " ".join(label.text() for label in window.findChildren(QLabel))
    for spec in SPECS:
        assert window.fields[spec.key].accessibleDescription() == f"⟦{spec.does}⟧"
        assert f"⟦{spec.does}⟧" in shown and shown.count(spec.does) == shown.count(f"⟦{spec.does}⟧")
    assert "⟦From ⟦1 min⟧ to ⟦2 h⟧.⟧" in shown  # the range, with its units translated
    # the config file, the docs and the command line keep the English
    assert SPEC_BY_KEY["snooze"].does == '"Snooze" postpones a reminder by this long.'


def test_the_break_window_coaches_in_the_translation(qtbot, clock, library_routine, pseudo_translated):
    routine, library = library_routine
    where = Progress(Track.STANDARD, 3, 1)
    window = BreakWindow(routine, clock, library=library, program=where.label)
    qtbot.addWidget(window)
    window.timer.stop()
    window._opened_at = clock.monotonic() - INPUT_GUARD
    page = window.player_page
    assert page.program.text() == "⟦Week 3 of 6⟧"  # placeholders filled after translating
    assert page.position.text() == "⟦Exercise 1 of 5⟧"
    assert page.instruction.text() == "⟦Get ready⟧" and page.detail.text() == "⟦Starting in 5⟧"
    assert page.time_left.text().startswith("⟦") and page.time_left.text().endswith(" left⟧")
    assert page.about.text().startswith("⟦Seated⟧ · ")  # the posture, then the focus
    window.coach.next(clock.monotonic())  # the seated twist: 4 reps a side
    window.refresh()
    clock.advance(READY)
    window.refresh()
    assert page.instruction.text().startswith("⟦⟦Turn⟧ · ")  # the word inside its pattern
    assert page.detail.text() == "⟦Left side⟧ · ⟦rep 1 of 4⟧"
    assert page.ring.unit == "⟦of 4⟧"
    while page.instruction.text() != "⟦Switch to the right side⟧":
        clock.advance(0.5)
        window.refresh()
    assert page.ring.unit == "⟦seconds⟧"  # 3 s to switch sides; the plural from the count
    clock.advance(SWITCH_SIDES)
    window.refresh()
    assert page.detail.text().startswith("⟦Right side⟧ · ")
    window.close()


def test_the_tray_tooltip_says_durations_and_the_program_week_in_the_translation(
    qtbot, clock, pseudo_translated
):
    now = clock.now()
    tray = Tray(QIcon(), "5 min")
    label = Progress(Track.STANDARD, 2, 0).label
    due = now + timedelta(minutes=33)
    status = Status(Phase.SITTING, timedelta(minutes=12), due)
    tray.render(views.tray_view(status, now, 0, label))
    assert tray.icon.toolTip().splitlines()[1:] == ["⟦⟦Sitting ⟦12 min⟧⟧ · break at 09:33⟧", "⟦Week 2 of 6⟧"]
    long = Status(Phase.SITTING, timedelta(minutes=65), None)
    assert views.tray_summary(long, now) == "⟦Sitting ⟦1 h 05 min⟧⟧"
    assert views.tray_summary(Status(Phase.SITTING, timedelta(seconds=20), None), now) == (
        "⟦Sitting ⟦under a minute⟧⟧"
    )
    assert Progress(Track.GENTLE, 7, 4).label == "⟦Program complete · keeping it up⟧"


def test_the_recent_breaks_rows_say_what_happened_in_the_translation(clock, pseudo_translated):
    now = clock.now()
    record = BreakRecord(
        1, now, True, Outcome.COMPLETED, timedelta(minutes=47), now, now, "quick-reset", 4, 4, 2, None
    )
    row = views.history_row(record, now)
    assert (row.outcome, row.sat_for) == ("⟦completed (2 steps skipped)⟧", "⟦47 min⟧")


def test_without_the_translation_the_core_speaks_english_again(qapp: QApplication, clock, pseudo_translated):
    assert Progress(Track.STANDARD, 2, 0).label == "⟦Week 2 of 6⟧"
    remove_translators(qapp)
    assert Progress(Track.STANDARD, 2, 0).label == "Week 2 of 6"
    sitting = Status(Phase.SITTING, timedelta(minutes=12), None)
    assert views.tray_summary(sitting, clock.now()) == "Sitting 12 min"


def test_the_german_example_reaches_the_core_with_its_plural_forms(qapp: QApplication, tmp_path, clock):
    lrelease(catalogue.TRANSLATIONS / "deskbreak_de.ts", tmp_path / "deskbreak_de.qm")
    assert install_translator(qapp, "de", tmp_path)
    try:
        assert Progress(Track.STANDARD, 3, 1).label == "Woche 3 von 6"
        assert [humanize(timedelta(minutes=m)) for m in (0, 1, 12, 65)] == [
            "unter einer Minute", "1 Min.", "12 Min.", "1 Std. 05 Min.",
        ]  # fmt: skip
        assert SPEC_BY_KEY["snooze"].explanation.startswith("„Verschieben“")
        assert SPEC_BY_KEY["sit_limit"].explanation.startswith("How long")  # not translated yet
        assert [CoachText.tr("second(s)", "", n) for n in (1, 2)] == ["Sekunde", "Sekunden"]
    finally:
        remove_translators(qapp)
    assert humanize(timedelta(minutes=12)) == "12 min"


def test_day_and_month_names_in_times_come_from_the_translation(pseudo_translated):
    from datetime import datetime

    from deskbreak.app.views import clock_time

    now = datetime(2026, 11, 30, 13, 52).astimezone()
    assert clock_time(now - timedelta(days=2), now) == "⟦Sat⟧ 13:52"
    assert clock_time(now - timedelta(days=28), now) == "⟦Mon⟧ 2 ⟦Nov⟧ 13:52"
