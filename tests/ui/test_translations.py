"""Translations end to end: the committed catalogue matches the marked sources, lrelease builds the
German example, and with it installed the tray menu speaks German; a pseudo-translation of every
string shows that each one is found where it is shown (the right context, placeholders intact)."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from pseudo_translation import catalogue, lrelease, messages
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from deskbreak.ui.i18n import install_translator, qm_names, remove_translators, translate


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    remove_translators(qapp)  # the next test reads English again


def test_the_committed_catalogue_has_every_marked_string_and_no_other(tmp_path):
    fresh = tmp_path / "deskbreak.ts"
    catalogue.lupdate([fresh])
    committed = messages(catalogue.TEMPLATE)
    assert messages(fresh) == committed, "run tests/tools/update_translations.py and commit the .ts files"
    assert len(committed) > 250
    for language in catalogue.TRANSLATIONS.glob("deskbreak_*.ts"):
        assert messages(language) == committed, f"{language.name}: run tests/tools/update_translations.py"


def test_every_file_with_marked_strings_is_in_the_lupdate_list():
    root = catalogue.ROOT
    # self.tr(...) in a class, Name.tr(...) of a core context (core/i18n.py), translate("...")
    marked = re.compile(r"self\.tr\(|\b[A-Z]\w*\.tr\(|\btranslate\(\"|QT_TRANSLATE_NOOP\(\"")
    files = {
        str(path.relative_to(root))
        for path in (root / "deskbreak").rglob("*.py")
        if path.name != "i18n.py" and marked.search(path.read_text(encoding="utf-8"))
    }
    assert files == set(catalogue.SOURCES)


def test_every_translation_keeps_the_placeholders_of_its_source():
    """A translation that renames or drops a {placeholder} would break .format() at run time."""
    fields = re.compile(r"\{\w*\}|%n")
    wrong = []
    for ts in catalogue.TRANSLATIONS.glob("deskbreak_*.ts"):
        for message in ET.parse(ts).getroot().iter("message"):
            source, translation = message.findtext("source") or "", message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.findall("numerusform")] or [translation.text or ""]
            for text in filter(None, forms):
                if sorted(fields.findall(text)) != sorted(fields.findall(source)):
                    wrong.append(f"{ts.name}: {source!r} -> {text!r}")
    assert wrong == []


def test_the_german_example_builds_and_the_tray_menu_speaks_german(app, tmp_path):
    from deskbreak.ui.tray import Tray
    from deskbreak.ui.view_data import TrayView

    lrelease(catalogue.TRANSLATIONS / "deskbreak_de.ts", tmp_path / "deskbreak_de.qm")
    assert install_translator(app, "de", tmp_path)
    tray = Tray(QIcon(), "5 min")
    assert tray.take_break.text() == "Jetzt eine Pause machen"
    assert tray.quit.text() == "deskbreak beenden"
    assert tray.snooze.text() == "Um 5 min verschieben"
    assert [a.text() for a in tray.pause_menu.actions()][-1] == "Bis ich fortsetze"
    for count, text in ((1, "1 Problem mit Ihren Dateien…"), (3, "3 Probleme mit Ihren Dateien…")):
        tray.render(TrayView("deskbreak", "deskbreak", due=False, problems=count))
        assert tray.problems.text() == text
    # an unfinished string stays English
    assert translate("TrayStatus", "On a break") == "On a break"

    assert install_translator(app, "de_AT", tmp_path)  # German of Austria: deskbreak_de.qm
    assert not install_translator(app, "fr", tmp_path)
    assert Tray(QIcon(), "5 min").take_break.text() == "Take a break now"


def test_without_a_translation_english_plurals_read_as_before(app):
    from deskbreak.ui.tray import Tray
    from deskbreak.ui.view_data import TrayView

    tray = Tray(QIcon(), "5 min")
    for count, text in ((1, "1 problem with your files…"), (2, "2 problems with your files…")):
        tray.render(TrayView("deskbreak", "deskbreak", due=False, problems=count))
        assert tray.problems.text() == text


def test_the_qm_names_go_from_the_region_to_the_language():
    from PySide6.QtCore import QLocale

    names = qm_names(QLocale("de_DE"))
    assert names.index("deskbreak_de_DE.qm") < names.index("deskbreak_de.qm")


def test_packaging_ships_the_translations():
    pyproject = tomllib.loads((catalogue.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = pyproject["tool"]["setuptools"]["package-data"]["deskbreak.resources"]
    assert "translations/*.qm" in shipped and "translations/*.ts" in shipped


# -- every string found where it is shown ------------------------------------------------------


def qt_own(widget: QWidget) -> bool:
    """A standard dialog button: Qt's own text, from Qt's own translations."""
    box = widget.parent()
    return isinstance(box, QDialogButtonBox) and box.standardButton(widget) != box.StandardButton.NoButton


def shown_texts(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if qt_own(child):
            continue
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
        if isinstance(child, QGroupBox):
            texts.append(child.title())
        if isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        if isinstance(child, QTabWidget):
            texts.extend(child.tabText(i) for i in range(child.count()))
        if isinstance(child, QMenu):
            texts.extend(a.text() for a in child.actions())
        texts += [child.accessibleName(), child.toolTip()]
    return [t for t in texts if t]


def test_every_shown_string_is_looked_up_in_its_own_context(app, pseudo_folder, qtbot):
    """A string marked in one context but looked up in another would show in English here."""
    from datetime import date

    from review_samples import sample_review

    from deskbreak.core.profile import Profile
    from deskbreak.core.safety import BUILTIN
    from deskbreak.ui.about_window import AboutWindow
    from deskbreak.ui.checkin_dialog import CheckInDialog
    from deskbreak.ui.finish_page import FinishPage
    from deskbreak.ui.history_window import HistoryWindow
    from deskbreak.ui.hurt_page import HurtPage
    from deskbreak.ui.player_page import PlayerPage
    from deskbreak.ui.program_menu import ProgramMenu
    from deskbreak.ui.review_window import ReviewWindow
    from deskbreak.ui.routine_chooser import RoutineChooser
    from deskbreak.ui.safety_notice import SafetyNotice
    from deskbreak.ui.settings_window import SettingsWindow
    from deskbreak.ui.tray import Tray
    from deskbreak.ui.week_card import WeekCard
    from deskbreak.ui.welcome_window import WelcomeWindow

    assert install_translator(app, "eo", pseudo_folder)
    tray = Tray(QIcon(), "5 min")
    program = ProgramMenu(QMenu())
    program.show_left_out({"cat-cow": "Cat-cow"})
    today = date(2026, 11, 26)
    review = ReviewWindow(lambda week_of: sample_review(today, week_of))
    checkin = CheckInDialog(today)
    widgets: list[QWidget] = [
        tray.menu, tray.snooze_menu, tray.pause_menu, program.menu, program.left_out,
        SettingsWindow({}, lambda _: None, [("program", "Program")]), WelcomeWindow({}, lambda _: None),
        AboutWindow("1.0", [], lambda _: None), HistoryWindow(), RoutineChooser([]),
        SafetyNotice(BUILTIN, Profile(), first_run=True), SafetyNotice(BUILTIN, Profile(), first_run=False),
        HurtPage(BUILTIN), FinishPage(), PlayerPage(QWidget(), 3), WeekCard(), review, checkin,
    ]  # fmt: skip
    english = {source for _, source, _ in messages(catalogue.TEMPLATE)}
    untranslated = {text for widget in widgets for text in shown_texts(widget) if text in english}
    assert untranslated <= {"deskbreak", "Program"}  # the app's name; a routine called "Program"
    assert tray.take_break.text() == "⟦Take a break now⟧"
    assert tray.snooze.text() == "⟦Snooze 5 min⟧"  # the placeholder filled after translating
    assert program.left_out.actions()[0].text() == "⟦Bring back Cat-cow⟧"
    # the review's words come from review_text (contexts ReviewText and Dates) and its charts
    assert review.card.title.text() == "⟦Week {week} · {span}⟧".format(week=48, span="23–29 ⟦Nov⟧ 2026")
    assert review.heatmap.text_for(today).startswith("⟦Thu⟧ 26 ⟦Nov⟧ 2026 \u2014 ⟦")
    assert review.heatmap.summary_text().startswith("⟦Past ")
    assert all(text.startswith("⟦⟦Week ") for text in review.chart.point_texts())
    assert review.chart.accessibleName() == "⟦Weekly check-ins⟧"
    assert checkin.heading.text().startswith("⟦<b>Weekly check-in</b> for ⟦Week ")
    assert checkin.stiffness.chosen.text() == "⟦Your answer: not chosen yet⟧"
    for widget in widgets:
        if not isinstance(widget, QMenu):
            widget.deleteLater()
