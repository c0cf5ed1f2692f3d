"""The core's words without Qt (core/i18n.py): English as written until the app hands in a
translator, every word through it once it has, and English again when it is taken back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreak.app.routine_library import load_library
from deskbreak.bundled import builtin_routines_dir
from deskbreak.core.coach import Coach
from deskbreak.core.coach_view import coached, frame, posture_word
from deskbreak.core.durations import humanize
from deskbreak.core.history import BreakRecord
from deskbreak.core.i18n import QT_TRANSLATE_NOOP, Context, english_plural, translate, use_translator
from deskbreak.core.policy import Outcome
from deskbreak.core.program import Progress, Track
from deskbreak.core.settings import CONFIG_TEMPLATE, SPEC_BY_KEY, reference_table

LIBRARY = load_library(builtin_routines_dir(), Path("/nonexistent-user-folder"))

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


# -- the core's words: English as before without a translator, every one through it with one ----


def humanize_before(value: timedelta) -> str:
    """humanize as it was written before its words went through core/i18n.py."""
    minutes = int(value.total_seconds() // 60)
    if minutes < 1:
        return "under a minute"
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


DURATIONS = st.timedeltas(min_value=timedelta(days=-1), max_value=timedelta(days=400))


@given(DURATIONS)
def test_humanize_without_a_translator_reads_as_it_always_did(value):
    assert humanize(value) == humanize_before(value)


@given(DURATIONS)
def test_humanize_with_a_translator_puts_every_word_through_it(value):
    use_translator(bracketed)
    try:
        text = humanize(value)
    finally:
        use_translator(None)
    assert text.startswith("⟦") and text.endswith("⟧") and "{" not in text and "%n" not in text
    assert text.strip("⟦⟧") == humanize(value)  # the pseudo-translation keeps the English inside


def frame_texts(routine_id: str) -> list[tuple[str, ...]]:
    """Every text of the player page, half a second apart, through a whole built-in routine."""
    routine = LIBRARY.routines[routine_id]
    items = coached(routine, LIBRARY.exercises)
    coach, now, texts = Coach(tuple(i.move for i in items), 0.0), 0.0, []
    while not coach.finished:
        coach.tick(now)
        f = frame(coach, items, now)
        texts.append((f.position, f.time_left, f.instruction, f.detail, f.unit))
        now += 0.5
    return texts


@pytest.mark.parametrize("routine_id", ["upper-back-basics", "quick-reset", "standing-reset"])
def test_every_word_the_player_shows_goes_through_the_translator(routine_id):
    english = frame_texts(routine_id)
    assert not any("⟦" in text for texts in english for text in texts)
    use_translator(bracketed)
    translated = frame_texts(routine_id)
    assert len(translated) == len(english)
    for texts in translated:
        assert all(text.startswith("⟦") for text in texts), texts
    assert [posture_word(p) for p in ("seated", "wall", "")] == ["⟦Seated⟧", "⟦At a wall⟧", ""]


def test_the_program_and_the_settings_speak_the_translator_but_the_files_stay_english():
    where, held = Progress(Track.STANDARD, 3, 1), Progress(Track.STANDARD, 3, 1, held=True)
    assert where.label == "Week 3 of 6"
    assert Progress(Track.GENTLE, 7, 4).label == "Program complete · keeping it up"
    assert held.message == (
        "Staying with easier routines until a break feels about right. The gentle track may suit you better."
    )
    table, spec = reference_table(), SPEC_BY_KEY["sit_limit"]
    assert spec.explanation == spec.does and spec.does.startswith("How long you may sit")
    use_translator(bracketed)
    assert where.label == "⟦Week 3 of 6⟧" and held.message and held.message.startswith("⟦Staying")
    assert spec.explanation == f"⟦{spec.does}⟧"
    assert reference_table() == table and "⟦" not in CONFIG_TEMPLATE  # config.toml and the docs


def describe_before(outcome: Outcome, done: int | None, total: int | None, skipped: int | None) -> str:
    """BreakRecord.describe as it was written before its words went through core/i18n.py."""
    text = {
        Outcome.PENDING: "waiting for an answer", Outcome.COMPLETED: "completed",
        Outcome.ENDED_EARLY: "ended early", Outcome.SKIPPED: "skipped", Outcome.SNOOZED: "snoozed",
        Outcome.STEPPED_AWAY: "stepped away (counted as a break)", Outcome.UNANSWERED: "not answered",
    }[outcome]  # fmt: skip
    if outcome is Outcome.ENDED_EARLY and total:
        text += f" after {done or 0} of {total} steps"
    elif outcome is Outcome.COMPLETED and skipped:
        text += f" ({skipped} step{'s' if skipped > 1 else ''} skipped)"
    return text


STEPS = st.none() | st.integers(0, 40)


@given(st.sampled_from(Outcome), STEPS, STEPS, STEPS)
def test_the_history_line_reads_as_before_and_goes_through_the_translator(outcome, done, total, skipped):
    at = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    record = BreakRecord(1, at, True, outcome, None, None, None, None, done, total, skipped, None)
    english = record.describe()
    if total == 1 and outcome is Outcome.ENDED_EARLY:  # the one change: "of 1 step", not "of 1 steps"
        assert english == describe_before(outcome, done, total, skipped)[:-1]
    else:
        assert english == describe_before(outcome, done, total, skipped)
    use_translator(bracketed)
    try:
        assert record.describe() == f"⟦{english}⟧"
    finally:
        use_translator(None)
