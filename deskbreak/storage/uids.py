"""Event ids: random UUIDs (version 4), and ids derived from this installation and a number.

Written without the uuid module on purpose: derived ids would otherwise need uuid5, whose SHA-1
loads hashlib (~0.7 MiB resident) into a tray app that runs all day.

A derived id is the installation's id with a kind tag and a number (a moment in seconds, a
day's ordinal) mixed into bits that the version and variant never touch, so within one
installation different numbers always give different ids, and the same stretch logged twice
(at quit and after the restart) keeps its id. Other installations have other random ids.
"""

from __future__ import annotations

import os

_VERSION_4 = 0x4 << 76
_VARIANT = 0x2 << 62
_KEEP = ~((0xF << 76) | (0x3 << 62)) & ((1 << 128) - 1)
SITTING, REST_DAY, POSTPONED = 1, 2, 3  # kind tags


def _text(value: int) -> str:
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _as_v4(value: int) -> int:
    return (value & _KEEP) | _VERSION_4 | _VARIANT


def new_uid() -> str:
    """A random UUID (version 4), like uuid.uuid4()."""
    return _text(_as_v4(int.from_bytes(os.urandom(16), "big")))


def read_uid(text: str) -> int | None:
    """The 128-bit value of a UUID written with or without dashes, or None."""
    digits = text.strip().replace("-", "")
    if len(digits) != 32:
        return None
    try:
        return int(digits, 16)
    except ValueError:
        return None


def derived_uid(install: int, tag: int, number: int) -> str:
    """The id of this installation's `tag` event numbered `number` (0 <= number < 2**48)."""
    if not 0 <= number < 1 << 48 or not 0 < tag < 256:
        raise ValueError(f"cannot derive an id from tag {tag} and number {number}")
    return _text(_as_v4(install ^ ((tag << 80) | number)))
