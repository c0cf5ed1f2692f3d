"""What the user has told deskbreak about themselves: declared cautions, a band, favourites,
exercises to leave out, and whether they have read the safety notice.

Kept as one small JSON value in the history database (the settings file is the user's and is
never written by the app). decode() is total: anything unreadable gives the empty profile,
and unknown names are dropped, so a newer or damaged value never stops the app.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Care(StrEnum):
    """Conditions a user can declare; exercises name which ones they skip or adapt for."""

    OSTEOPOROSIS = "osteoporosis"
    RECENT_SURGERY = "recent-surgery"
    PREGNANCY = "pregnancy"
    PAINFUL_SHOULDER = "painful-shoulder"
    NECK_PROBLEMS = "neck-problems"
    BALANCE = "balance"
    NEW_TO_EXERCISE = "new-to-exercise"


CARE_LABELS = {
    Care.OSTEOPOROSIS: "Osteoporosis or low bone density",
    Care.RECENT_SURGERY: "Surgery on the spine, chest or shoulder in the last year",
    Care.PREGNANCY: "Pregnancy, or a birth in the last few months",
    Care.PAINFUL_SHOULDER: "A painful or stiff shoulder",
    Care.NECK_PROBLEMS: "Neck problems, or dizziness when turning the head",
    Care.BALANCE: "Unsteady balance",
    Care.NEW_TO_EXERCISE: "New to exercise, or returning after a long time",
}

KEY = "profile"  # the name of the stored value


@dataclass(frozen=True)
class Profile:
    cares: frozenset[Care] = frozenset()
    has_band: bool = False
    safety_seen: bool = False  # the first-run notice was read to the end
    skipped: frozenset[str] = frozenset()  # exercise ids left out after "this hurts"
    favourites: tuple[str, ...] = ()  # routine ids, in the order pinned
    extra: dict[str, object] = field(default_factory=dict, compare=False)  # kept for newer versions

    def encode(self) -> str:
        data = {
            **self.extra,
            "cares": sorted(c.value for c in self.cares),
            "has_band": self.has_band,
            "safety_seen": self.safety_seen,
            "skipped": sorted(self.skipped),
            "favourites": list(self.favourites),
        }
        return json.dumps(data, sort_keys=True)

    def with_skipped(self, exercise_id: str, skip: bool = True) -> Profile:
        chosen = self.skipped | {exercise_id} if skip else self.skipped - {exercise_id}
        return replace(self, skipped=frozenset(chosen))

    def with_favourite(self, routine_id: str, pinned: bool = True) -> Profile:
        kept = tuple(r for r in self.favourites if r != routine_id)
        return replace(self, favourites=(*kept, routine_id) if pinned else kept)


def _names(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str) and 0 < len(v) <= 80] if isinstance(value, list) else []


def decode(text: str | None) -> Profile:
    try:
        data = json.loads(text) if text else {}
    except (ValueError, RecursionError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    known = {c.value for c in Care}
    return Profile(
        cares=frozenset(Care(c) for c in _names(data.get("cares")) if c in known),
        has_band=data.get("has_band") is True,
        safety_seen=data.get("safety_seen") is True,
        skipped=frozenset(_names(data.get("skipped"))),
        favourites=tuple(dict.fromkeys(_names(data.get("favourites")))),
        extra={k: v for k, v in data.items() if k not in Profile.__dataclass_fields__},
    )
