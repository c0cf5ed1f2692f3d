"""The safety text: every key is there, every warning sign from the evidence file is covered,
and nothing in resources/ over-claims (no cure, fix, treat, heal or guarantee)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from deskbreak.app.safety_content import load_safety_content, safety_path
from deskbreak.bundled import resources_dir
from deskbreak.core.profile import Care
from deskbreak.core.safety import BUILTIN, SafetyContent

KEYS = (
    "short", "why_upper_back", "how_it_should_feel", "stop_signs", "this_hurts",
    "get_help_now", "see_a_doctor_soon", "see_a_clinician", "cares",
)  # fmt: skip

# Every red flag in the evidence file (§3), as a pattern its wording must match.
URGENT_FLAGS = {
    "pain, tingling, weakness or numbness in both legs": r"both legs",
    "numbness around the genitals or buttocks": r"numb\w* around (your |the )?genitals or buttocks",
    "difficulty peeing, or loss of bladder or bowel control": r"peeing.*bladder or bowels?",
    "chest pain": r"chest pain",
    "pain after a serious accident": r"serious accident",
    "new difficulty swallowing": r"difficulty swallowing",
    "weak grip in both hands": r"weak grip in both hands",
    "tingling down both arms": r"tingling down both arms",
    "stumbling": r"stumbling",
    "heart attack: pain between the shoulder blades, jaw, neck or arm": r"jaw, neck or arm.*heart attack",
}
SOON_FLAGS = {
    "fever": r"fever",
    "unexplained weight loss": r"weight loss",
    "a lump or a change in back shape": r"lump.*shape",
    "pain not eased by rest, or worse at night": r"rest does not ease.*worse at night",
    "pain worse on coughing or sneezing": r"cough or sneeze",
    "pain between the shoulders": r"between your shoulder blades",
    "cancer, steroid use or immunosuppression": r"cancer.*steroids.*immune",
    "new pain under 20 or over 50": r"under 20 or over 50",
    "minor trauma with osteoporosis": r"(knock|fall).*osteoporosis",
    "constant, progressive pain that does not change with movement": r"constant.*getting worse.*move",
}
STOP_SIGNS = {
    "sharp": r"sharp", "increasing": r"builds|increas|worse", "numbness": r"numb", "tingling": r"tingl",
    "dizziness": r"dizz", "spreading": r"spread\w* into an arm or a leg",
}  # fmt: skip

FORBIDDEN = (
    r"cur(e|es|ed|ing)", r"fix(es|ed|ing)?", r"treat\w*", r"heal(s|ed|ing)?", r"guarantee\w*",
    r"clinically proven", r"prevent\w*", r"damag\w*", r"bad posture", r"miracle",
    r"permanent\w*", r"eliminat\w*", r"diagnos\w*",
)  # fmt: skip
NEGATION = re.compile(r"\b(not|no|nothing|never|nor|cannot|without)\b|n't", re.IGNORECASE)


def over_claims(text: str) -> list[str]:
    """Forbidden words used as claims; a word under a nearby negation ("not a treatment") is fine."""
    found = []
    for pattern in FORBIDDEN:
        for match in re.finditer(rf"\b{pattern}\b", text, re.IGNORECASE):
            before = text[max(0, match.start() - 24) : match.start()]
            if not NEGATION.search(before):
                found.append(text[max(0, match.start() - 30) : match.end() + 30].replace("\n", " "))
    return found


def _words(content: SafetyContent, *keys: str) -> str:
    return " ".join(item for key in keys for item in getattr(content, key))


@pytest.fixture(scope="module")
def content() -> SafetyContent:
    loaded, problems = load_safety_content()
    assert problems == []
    return loaded


def test_every_key_is_in_the_file_and_every_condition_has_a_note(content: SafetyContent):
    data = tomllib.loads(safety_path().read_text(encoding="utf-8"))
    assert set(KEYS) <= set(data)
    assert set(content.cares) == set(Care)
    assert all(note.advice and note.deskbreak for note in content.cares.values())
    assert isinstance(data["short"], str) and data["short"]  # the break window's footer


def test_items_are_short(content: SafetyContent):
    for key in KEYS[2:-1]:
        for item in getattr(content, key):
            assert len(item) <= 170, (key, item)
    for note in content.cares.values():
        assert len(note.advice) <= 230 and len(note.deskbreak) <= 110


@pytest.mark.parametrize("source", ["file", "builtin"])
def test_every_red_flag_in_the_evidence_file_is_covered(source: str, content: SafetyContent):
    text = content if source == "file" else BUILTIN
    urgent = _words(text, "get_help_now")
    soon = _words(text, "see_a_doctor_soon")
    missing = [flag for flag, pattern in URGENT_FLAGS.items() if not re.search(pattern, urgent, re.I)]
    missing += [flag for flag, pattern in SOON_FLAGS.items() if not re.search(pattern, soon, re.I)]
    assert missing == []


@pytest.mark.parametrize("source", ["file", "builtin"])
def test_stop_signs_and_this_hurts_advice(source: str, content: SafetyContent):
    text = content if source == "file" else BUILTIN
    signs = _words(text, "stop_signs")
    assert [s for s, pattern in STOP_SIGNS.items() if not re.search(pattern, signs, re.I)] == []
    hurts = _words(text, "this_hurts")
    assert re.search(r"stop this exercise now", hurts, re.I)
    assert re.search(r"easier version", hurts, re.I) and re.search(r"leave it out", hurts, re.I)
    assert re.search(r"doctor|physiotherapist|clinician", hurts, re.I)


def test_how_it_should_feel_names_easy_stretch_mild_effort_and_no_pain(content: SafetyContent):
    feel = _words(content, "how_it_should_feel")
    assert "easy stretch" in feel and "mild effort" in feel and "Pain is not" in feel


def test_the_conditions_needing_care_are_named(content: SafetyContent):
    notes = " ".join(f"{n.advice} {n.deskbreak}" for n in content.cares.values())
    assert all(word in notes for word in ("Leaves out", "twist", "surgeon", "midwife", "dizzy", "steady"))


def test_why_upper_back_is_hedged_and_names_no_cause_of_low_back_pain(content: SafetyContent):
    why = content.why_upper_back
    assert "may ease" in why and "weeks" in why
    assert not re.search(r"lower back|low back|because|compensat|will (ease|change|help)", why, re.I)


def test_no_over_claiming_in_the_safety_text(content: SafetyContent):
    everything = [content.short, content.why_upper_back, *_words(content, *KEYS[2:-1]).split(". ")]
    everything += [f"{n.advice} {n.deskbreak}" for n in content.cares.values()]
    builtin = [BUILTIN.short, BUILTIN.why_upper_back, _words(BUILTIN, *KEYS[2:-1])]
    assert [hit for text in everything + builtin for hit in over_claims(text)] == []


def test_no_over_claiming_anywhere_in_resources():
    files = [p for p in resources_dir().rglob("*") if p.suffix in {".toml", ".md", ".txt", ".desktop"}]
    assert safety_path() in files and len(files) > 20
    hits = [f"{p.name}: {hit}" for p in files for hit in over_claims(p.read_text(encoding="utf-8"))]
    assert hits == []


def test_the_checker_catches_claims_and_lets_negations_through():
    assert over_claims("This routine fixes back pain and cures stiffness.") != []
    assert len(over_claims("Guaranteed results; it heals and treats.")) == 3
    assert over_claims("It is not a treatment, and there is no cure.") == []
    assert over_claims("Health and wealth; a fixture") == []


def test_a_broken_file_gives_the_builtin_text_and_a_problem(tmp_path: Path):
    broken = tmp_path / "safety.toml"
    broken.write_text('short = "ok"\nstop_signs = [\n', encoding="utf-8")
    loaded, problems = load_safety_content(broken)
    assert loaded == BUILTIN and len(problems) == 1
    assert problems[0].file == "safety.toml" and "built-in" in str(problems[0])
    broken.write_bytes(b'short = "\xff"\n')
    assert load_safety_content(broken)[0] == BUILTIN
    loaded, problems = load_safety_content(tmp_path / "missing.toml")
    assert loaded == BUILTIN and "cannot be read" in str(problems[0])


def test_a_bad_key_falls_back_alone_and_is_named_with_its_line(tmp_path: Path):
    path = tmp_path / "safety.toml"
    text = safety_path().read_text(encoding="utf-8").replace('"Sharp pain', '3, "Sharp pain', 1)
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_safety_content(path)
    assert [p.key for p in problems] == ["stop_signs"]
    assert problems[0].line == text.splitlines().index("stop_signs = [") + 1
    assert loaded.stop_signs == BUILTIN.stop_signs
    assert loaded.get_help_now != BUILTIN.get_help_now  # the rest still comes from the file
