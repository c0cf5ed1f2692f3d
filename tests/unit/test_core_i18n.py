"""The core's words without Qt (core/i18n.py): English as written until the app hands in a
translator, every word through it once it has, and English again when it is taken back."""

from __future__ import annotations

from deskbreak.core.i18n import QT_TRANSLATE_NOOP, Context, english_plural, translate, use_translator

SEEN: list[tuple[str, str, str | None, int]] = []


def bracketed(context: str, text: str, disambiguation: str | None, n: int) -> str:
    """A translator that marks every text it was asked for, as Qt would fill %n."""
    SEEN.append((context, text, disambiguation, n))
    return f"⟦{text}⟧".replace("%n", str(n)) if n >= 0 else f"⟦{text}⟧"


class Sample(Context):
    """A context named like the class, as lupdate files `Sample.tr(...)`."""


def test_without_a_translator_the_english_comes_back_with_counts_and_plurals_filled_in():
    assert translate("Ctx", "Get ready") == "Get ready"
    assert Sample.tr("Week {week} of {weeks}").format(week=3, weeks=6) == "Week 3 of 6"
    assert [Sample.tr("%n second(s)", "", n) for n in (0, 1, 2)] == ["0 seconds", "1 second", "2 seconds"]
    assert Sample.tr("second(s)", "", 1) == "second" and english_plural("second(s)", 5) == "seconds"
    assert QT_TRANSLATE_NOOP("Ctx", "Turn") == "Turn"


def test_an_installed_translator_gets_each_text_with_its_context_until_it_is_taken_back():
    SEEN.clear()
    use_translator(bracketed)
    assert Sample.tr("Hold") == "⟦Hold⟧"
    assert Sample.tr("%n min", "", 12) == "⟦12 min⟧"
    assert translate("Other", "Rest", "noun") == "⟦Rest⟧"
    assert SEEN == [("Sample", "Hold", None, -1), ("Sample", "%n min", "", 12), ("Other", "Rest", "noun", -1)]
    use_translator(None)
    assert Sample.tr("Hold") == "Hold"


def test_a_translation_missing_its_plural_still_reads_as_english():
    """Qt gives back the source for a text with no translation: "(s)" is settled here."""
    use_translator(lambda context, text, disambiguation, n: text.replace("%n", str(n)))
    assert Sample.tr("%n break(s)", "", 1) == "1 break"
    assert Sample.tr("%n break(s)", "", 4) == "4 breaks"
