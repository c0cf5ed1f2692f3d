"""A problem found in one of the user's files: which file, which line and key, and what is wrong.

Also the small helpers every reader uses to say *where* and *what*: the line a key is written
on (tomllib gives no positions), the line of a TOML syntax error, and a short, printable
rendering of whatever value was found (a 10 MB string must not become a 10 MB message).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

BOM = "\ufeff"
SHOWN_CHARS = 40  # longest text quoted back to the user; longer text is cut with "…"
MAX_MESSAGE = 600  # no message is ever longer than this (plus the file name)


@dataclass(frozen=True)
class Problem:
    """Something wrong in a file we read; shown to the user, never fatal.

    str() reads like `config.toml:7: sit_limit: "0s" is too short; allowed 1s..8h; using the default 45m`.
    """

    file: str
    message: str
    key: str | None = None
    line: int | None = None  # 1-based, None when not known

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        message = self.message if len(self.message) <= MAX_MESSAGE else self.message[:MAX_MESSAGE] + "…"
        return f"{where}: {self.key}: {message}" if self.key else f"{where}: {message}"


def shown(value: Any) -> str:
    """A value as the user wrote it in TOML, short and printable: "45m", 45, true, an array, a table."""
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if abs(value) < 10**30:
            return str(value)
        if abs(value).bit_length() < 14_000:  # str() is refused past 4,300 digits: count only below
            return f"a {len(str(abs(value)))}-digit number"
        return f"a number of about {int(abs(value).bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, float):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(str(value), _cut(repr(value)))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return f"an array of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a table"
    return _cut(repr(value))


def kind(value: Any) -> str:
    """What sort of TOML value this is, in words: "text", "a number", "true/false"."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, datetime | date | time):
        return "a date or time"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def quoted(text: str) -> str:
    """Text in double quotes with control characters escaped, cut to SHOWN_CHARS characters."""
    head = text[: SHOWN_CHARS + 1]
    escaped = "".join(ch if ch.isprintable() and ch != '"' else _escape(ch) for ch in head[:SHOWN_CHARS])
    if len(text) > SHOWN_CHARS:
        return f'"{escaped}…" ({len(text):,} characters)'
    return f'"{escaped}"'


def _escape(ch: str) -> str:
    return '\\"' if ch == '"' else ch.encode("unicode_escape").decode("ascii")


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def without_bom(text: str) -> str:
    """Text with a leading UTF-8 byte-order mark removed (editors on Windows add one)."""
    return text[1:] if text.startswith(BOM) else text


def undecodable(data: bytes, error: UnicodeDecodeError) -> str:
    """Where invalid UTF-8 sits in a file: "is not UTF-8 text (byte 0xff on line 3)"."""
    line = data.count(b"\n", 0, error.start) + 1
    bad = data[error.start : error.start + 1].hex()
    return f"is not UTF-8 text (byte 0x{bad} on line {line}); save it as UTF-8"


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


_HUGE_NUMBER = re.compile(r"[0-9_]{4300,}")


def toml_error(exc: Exception, text: str) -> tuple[str, int | None]:
    """The message and line of a TOML syntax error: ("expected '=' after a key (column 9)", 7)."""
    if isinstance(exc, RecursionError):
        return "values are nested too deeply", None
    message = str(exc)
    found = _TOML_POSITION.search(message)
    if found:
        return f"{message[: found.start()]} (column {found.group(2)})", int(found.group(1))
    at_end = _TOML_AT_END.search(message)
    if at_end:
        return f"{message[: at_end.start()]} (at the end of the file)", text.count("\n") + 1
    if isinstance(exc, ValueError) and "digits" in message:  # tomllib on a huge decimal integer
        huge = _HUGE_NUMBER.search(text)
        line = text.count("\n", 0, huge.start()) + 1 if huge else None
        return "a number with more than 4,300 digits", line
    return _cut(message), None


def line_of(
    text: str, key: str, start: int = 1, stop: int | None = None, top_level: bool = False
) -> int | None:
    """The first line in start..stop (1-based, inclusive) where `key` is written.

    Finds `key = ...`, `"key" = ...`, `key.sub = ...` and `[key]` / `[[key]]` headers. A scan of
    the text, because tomllib reports no positions; good enough to point the user at the line.
    With top_level, the scan ends at the first table header that is not the key's own.
    """
    name = re.escape(key)
    pattern = re.compile(rf"""[ \t]*(?:\[\[?[ \t]*)?(?:{name}|"{name}"|'{name}')[ \t]*[=.\]]""")
    for number, line in enumerate(text.split("\n"), start=1):
        if number < start:
            continue
        if stop is not None and number > stop:
            break
        if pattern.match(line):
            return number
        if top_level and line.lstrip(" \t").startswith("["):
            return None
    return None


def headers(text: str, name: str) -> list[int]:
    """The lines (1-based) of every `[[name]]` header: where each array-of-tables entry starts."""
    pattern = re.compile(rf"[ \t]*\[\[[ \t]*(?:{re.escape(name)}|\"{re.escape(name)}\")[ \t]*\]\]")
    return [n for n, line in enumerate(text.split("\n"), start=1) if pattern.match(line)]
