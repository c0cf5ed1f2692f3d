"""A slip in a translation file never stops the app: a translated text whose placeholders do not
fit its English (a lone brace, a renamed or dropped placeholder) is shown in English, alone, and
every other text keeps its translation."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st
from pseudo_translation import catalogue, lrelease, pseudo

from deskbreak.core.coach_view import CoachText
from deskbreak.core.program import Progress
from deskbreak.core.program_schedule import Track
from deskbreak.ui.i18n import fits, install_translator, remove_translators, translate

SLIPS = {
    ("CoachText", "Exercise {number} of {count}"): "⟦Übung {number} von {count} {⟧",  # a lone brace
    ("ProgramText", "Week {week} of {weeks}"): "⟦Woche {wek} von {weeks}⟧",  # a misspelt name
    ("TrayStatus", "On a break"): "⟦Pause}⟧",  # a brace where none belongs
}


def _with_slips(tmp_path):
    pseudo(catalogue.TEMPLATE, tmp_path / "deskbreak_eo.ts")
    tree = ET.parse(tmp_path / "deskbreak_eo.ts")
    found = set()
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            key = (context.findtext("name") or "", message.findtext("source") or "")
            if key in SLIPS:
                message.find("translation").text = SLIPS[key]  # type: ignore[union-attr]
                found.add(key)
    assert found == set(SLIPS)  # each slip is a real message of the catalogue
    tree.write(tmp_path / "deskbreak_eo.ts", encoding="utf-8", xml_declaration=True)
    lrelease(tmp_path / "deskbreak_eo.ts", tmp_path / "deskbreak_eo.qm")


def test_a_broken_translation_shows_the_english_and_the_rest_stays_translated(qapp, tmp_path):
    _with_slips(tmp_path)
    assert install_translator(qapp, "eo", tmp_path)
    try:
        assert CoachText.tr("Exercise {number} of {count}").format(number=2, count=5) == "Exercise 2 of 5"
        assert Progress(Track.STANDARD, 3, 1).label == "Week 3 of 6"
        assert translate("TrayStatus", "On a break") == "On a break"
        assert CoachText.tr("Get ready") == "⟦Get ready⟧"  # the good ones still translated
        assert translate("TrayStatus", "Paused") == "⟦Paused⟧"
    finally:
        remove_translators(qapp)


def test_the_fit_rules():
    assert fits("Week {week} of {weeks}", "Woche {week} von {weeks}")
    assert fits("Week {week} of {weeks}", "{weeks}: Woche {week}")  # reordered is fine
    assert fits("Get ready", "Bereit machen") and fits("%n min", "%n Min.")
    assert not fits("Week {week} of {weeks}", "Woche {week}")  # a value lost
    assert not fits("Get ready", "Bereit {")
    assert not fits("Get ready", "Bereit {name}")


names = st.from_regex(r"[a-z]{1,6}", fullmatch=True)


@given(st.lists(names, max_size=3, unique=True), st.text(max_size=30))
def test_whatever_fits_can_be_filled_in(fields, noise):
    source = " ".join("{" + f + "}" for f in fields) + " text"
    translation = noise + source
    if fits(source, translation):
        translation.format(**{f: 1 for f in fields})  # never raises
