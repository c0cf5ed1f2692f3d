"""The safety text the app shows, as plain data: how exercises should feel, when to stop,
warning signs that need a clinician, and what to take care with for each declarable condition.

parse() is total: it takes whatever a TOML file held and returns complete content, using the
built-in text below for every key that is missing or of the wrong shape, with a Problem for each.
The built-in text is short on purpose; the full wording lives in resources/safety.toml.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from .problems import Problem, kind, line_of
from .profile import Care

MAX_TEXT = 2000  # longest single item kept; longer text is cut
MAX_ITEMS = 30


@dataclass(frozen=True)
class CareNote:
    advice: str  # what to take care with
    deskbreak: str  # what deskbreak changes in its routines when the condition is declared


@dataclass(frozen=True)
class SafetyContent:
    short: str
    why_upper_back: str
    how_it_should_feel: tuple[str, ...]
    stop_signs: tuple[str, ...]
    this_hurts: tuple[str, ...]
    get_help_now: tuple[str, ...]  # urgent: emergency services
    see_a_doctor_soon: tuple[str, ...]  # urgent: a doctor the same day
    see_a_clinician: tuple[str, ...]  # not urgent
    cares: Mapping[Care, CareNote] = field(default_factory=dict, hash=False)


BUILTIN = SafetyContent(
    short="General movement ideas, not medical advice. Stop any exercise that causes pain.",
    why_upper_back=(
        "Long spells in a chair can leave the upper back feeling stiff. Regular, gentle movement "
        "may ease stiffness; any change usually takes weeks of regular practice."
    ),
    how_it_should_feel=("An easy stretch or a mild effort, never pain.", "Move slowly; no bouncing."),
    stop_signs=(
        "Sharp or increasing pain.",
        "Numbness, tingling or dizziness.",
        "Pain spreading into an arm or a leg.",
    ),
    this_hurts=(
        "Stop this exercise now.",
        "Next time, try its easier version or leave it out.",
        "See a clinician if the pain stays or any warning sign appears.",
    ),
    get_help_now=(
        "Chest pain, or pain between the shoulder blades or in the jaw, neck or arm with feeling "
        "unwell: it can be a heart attack.",
        "Pain, tingling, numbness or weakness in both legs; numbness around the genitals or buttocks.",
        "Difficulty peeing, or losing control of your bladder or bowels.",
        "Pain after a serious accident.",
        "New difficulty swallowing, a weak grip in both hands, tingling down both arms, or stumbling.",
    ),
    see_a_doctor_soon=(
        "Fever, weight loss you cannot explain, a lump or a change in the shape of your back.",
        "Pain that rest does not ease, is worse at night, or is worse when you cough or sneeze.",
        "Pain between your shoulder blades; constant pain that keeps getting worse and does not "
        "change when you move.",
        "New pain under 20 or over 50; past cancer, steroids or a weakened immune system; a small "
        "knock or fall with osteoporosis.",
    ),
    see_a_clinician=("Pain that has not got better after two weeks, or keeps coming back.",),
    cares={},
)

_LISTS = (
    "how_it_should_feel", "stop_signs", "this_hurts", "get_help_now", "see_a_doctor_soon", "see_a_clinician",
)  # fmt: skip
_TEXTS = ("short", "why_upper_back")


def _cut(text: str) -> str:
    return " ".join(text.split())[:MAX_TEXT]


def parse(data: Mapping[str, Any], text: str, file: str) -> tuple[SafetyContent, list[Problem]]:
    """Content from a parsed TOML table; every bad or missing key falls back to BUILTIN."""
    problems: list[Problem] = []

    def trouble(key: str, message: str) -> None:
        problems.append(Problem(file, f"{message}; using the built-in text", key, line_of(text, key)))

    values: dict[str, Any] = {}
    for key in _TEXTS:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            values[key] = _cut(value)
        else:
            trouble(key, "is missing" if value is None else f"should be text, found {kind(value)}")
            values[key] = getattr(BUILTIN, key)
    for key in _LISTS:
        value = data.get(key)
        items = value if isinstance(value, list) else None
        if items and all(isinstance(v, str) and v.strip() for v in items):
            values[key] = tuple(_cut(v) for v in items[:MAX_ITEMS])
        else:
            found = "is missing" if value is None else f"should be a list of text, found {kind(value)}"
            trouble(key, found)
            values[key] = getattr(BUILTIN, key)
    values["cares"] = _cares(data.get("cares"), trouble)
    assert {f.name for f in fields(SafetyContent)} == set(values)
    return SafetyContent(**values), problems


def _cares(value: object, trouble: Callable[[str, str], None]) -> dict[Care, CareNote]:
    table = value if isinstance(value, dict) else {}
    if not isinstance(value, dict):
        trouble("cares", "is missing" if value is None else f"should be a table, found {kind(value)}")
    notes: dict[Care, CareNote] = {}
    for care in Care:
        entry = table.get(care.value)
        advice = entry.get("advice") if isinstance(entry, dict) else None
        does = entry.get("deskbreak") if isinstance(entry, dict) else None
        if isinstance(advice, str) and isinstance(does, str):
            notes[care] = CareNote(_cut(advice), _cut(does))
        elif table:
            trouble(f"cares.{care.value}", "needs both advice and deskbreak as text")
    return notes
