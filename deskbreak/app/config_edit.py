"""Changing config.toml for the settings window and `deskbreak config`, as a careful hand would.

Only the keys being set are touched (comments, order, blank lines, unknown keys, a BOM and CRLF
ends stay: tomlkit); a setting commented out at its template default is uncommented where it
stands; the file is re-read just before writing, so an edit made meanwhile in an editor is kept.
Values are checked by the file's own reader (the same words) and written in the template's form
("45m", true). Writes are atomic: a temporary file beside it, fsync, rename over the original."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from ..atomic_write import replace_file
from ..core import setting_values
from ..core.calendar_values import DAY_NAMES, format_days, format_time_of_day
from ..core.durations import format_duration
from ..core.problems import Problem, quoted, toml_error, without_bom
from ..core.setting_values import Refused
from ..core.settings import CONFIG_TEMPLATE, MAX_FILE_CHARS, SPEC_BY_KEY, SPECS, Spec, parse_settings
from ..core.work_hours import format_work_hours
from .config_file import read_text

ATTEMPTS = 5  # a file that changes under us this many times in a row is left alone
FileValue = str | bool | int  # a setting's value as TOML holds it


class SettingRefused(ValueError):
    """An unknown key or a value that cannot be used; str() reads `sit_limit: "0s" is too short; ...`."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key, self.reason = key, reason


class ConfigFileError(Exception):
    """config.toml cannot be read, is not valid TOML, or cannot be written; it is left unchanged.

    The message names the file (and the line of a syntax error)."""


@dataclass(frozen=True)
class Reading:
    """Every setting in force, in SPECS order: as typed (`values`: 45m, true) and as TOML
    (`literals`: "45m", true); and the file's values that were refused (their defaults are
    in force), worded as the app words them."""

    values: dict[str, str]
    literals: dict[str, str]
    problems: tuple[Problem, ...]


def spec_of(key: str) -> Spec:
    """The setting called `key`, or SettingRefused naming the closest known keys."""
    spec = SPEC_BY_KEY.get(key)
    if spec is not None:
        return spec
    close = difflib.get_close_matches(key.strip().lower(), list(SPEC_BY_KEY), n=3, cutoff=0.6)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    name = key if len(key) <= 40 and key.isprintable() else quoted(key)
    raise SettingRefused(name, f"unknown setting; {hint}(known settings: {', '.join(sorted(SPEC_BY_KEY))})")


def check_value(key: str, text: str) -> str:
    """`text` (as typed: 45m, true, mon-fri) checked for `key`, in the form it will be written.

    Raises SettingRefused with the words the file reader uses for the same value."""
    return _shown(_file_value(spec_of(key), text))


def as_toml(key: str, text: str) -> str:
    """A checked value as a TOML literal: 45m -> "45m", true -> true (for `key = value` lines)."""
    return tomlkit.item(_file_value(spec_of(key), text)).as_string()


def read_settings(path: Path) -> Reading:
    """The settings in force from `path` (the defaults where unset or refused; a missing file is
    all defaults). Raises ConfigFileError when the file cannot be read or is not valid TOML."""
    text = _read(path) or ""
    _parse(text, path, "")  # a syntax error is raised with its file and line
    settings, problems = parse_settings(text, str(path))
    values = {spec.key: _canonical(spec, getattr(settings, spec.key)) for spec in SPECS}
    return Reading(
        {key: _shown(value) for key, value in values.items()},
        {key: tomlkit.item(value).as_string() for key, value in values.items()},
        tuple(p for p in problems if p.key in SPEC_BY_KEY),
    )


def read_value(path: Path, key: str) -> str:
    """One setting in force, as the user would write it; SettingRefused for an unknown key."""
    spec_of(key)
    return read_settings(path).values[key]


def set_value(path: Path, key: str, text: str) -> bool:
    """Set one setting; False when the file already said so (then it is not written)."""
    return bool(set_values(path, {key: text}))


def set_values(path: Path, changes: Mapping[str, str]) -> list[str]:
    """Set several settings in one write; returns the keys whose value changed.

    Every key and value is checked first (SettingRefused: nothing is written). The file is read
    again just before the write and the change is made on what it says then; if it changed
    while we worked, the change is made again on the new text. A missing file is created from
    the commented template. ConfigFileError (file unchanged) when it cannot be read, is not
    valid TOML, or cannot be written."""
    wanted = {key: _file_value(spec_of(key), text) for key, text in changes.items()}
    for _ in range(ATTEMPTS):
        before = _read(path)
        text = CONFIG_TEMPLATE if before is None else before
        data = _parse(text, path, "; nothing was written")
        changed = [key for key, value in wanted.items() if not _same(key, data, value)]
        if not changed:
            return []
        try:  # tomlkit reads what tomllib reads; should it ever not, or touch more, nothing is written
            edited = _edit(without_bom(text), {key: wanted[key] for key in changed}, data)
            kept = tomllib.loads(edited) == {**data, **{key: wanted[key] for key in changed}}
        except (TOMLKitError, ValueError, RecursionError):
            kept = False
        if not kept:
            raise ConfigFileError(f"{path}: cannot be changed without touching other lines; it is unchanged")
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        if _read(path) != before:
            continue  # edited meanwhile: start again from what it says now
        _write_atomic(path, (bom + edited).encode("utf-8"))
        return changed
    raise ConfigFileError(f"{path}: kept changing while being saved; it is unchanged, try again")


def _file_value(spec: Spec, text: str) -> FileValue:
    """What typed text means for `spec`, checked and in the template's form."""
    raw = _raw(spec, text)
    try:
        value = setting_values.read_value(spec, raw)
    except Refused as exc:
        raise SettingRefused(spec.key, f"{exc}; allowed {spec.allowed}") from None
    return _canonical(spec, value)


def _raw(spec: Spec, text: str) -> Any:
    """Typed text as the TOML value it stands for: quotes are optional for text settings, and
    true/false and numbers are read as TOML (anything else stays text, refused as the file's)."""
    literal: Any = text
    if "\n" not in text and "\r" not in text:
        try:
            literal = tomllib.loads(f"v = {text}")["v"]
        except tomllib.TOMLDecodeError:
            literal = text
    if spec.type in ("true/false", "whole number"):
        return literal
    return literal if isinstance(literal, str) and text.strip()[:1] in ("'", '"') else text


def _canonical(spec: Spec, value: Any) -> FileValue:
    """A read value as the template writes it ("1h30m", "mon-fri", "09:30", true)."""
    if isinstance(value, timedelta):
        return format_duration(value) if not value.microseconds else f"{value.total_seconds()}s"
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return DAY_NAMES[value] if spec.type == "day" else value
    if isinstance(value, frozenset):
        return format_days(value)
    if isinstance(value, time):
        return format_time_of_day(value)
    if spec.type == "hours":
        return format_work_hours(value)
    return str(value)


def _shown(value: FileValue) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _same(key: str, data: Mapping[str, Any], value: FileValue) -> bool:
    """Whether the file already sets `key` to this value (in any spelling: "0h45m" is "45m")."""
    if key not in data:
        return False
    spec = SPEC_BY_KEY[key]
    try:
        return bool(setting_values.read_value(spec, data[key]) == setting_values.read_value(spec, value))
    except Refused:
        return False


def _read(path: Path) -> str | None:
    """The file's text, None when it does not exist."""
    try:
        text = read_text(path, MAX_FILE_CHARS)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise ConfigFileError(f"{path}: {exc}") from None
    if len(text) > MAX_FILE_CHARS:
        raise ConfigFileError(f"{path}: is too large ({len(text):,} characters; at most {MAX_FILE_CHARS:,})")
    return text


def _parse(text: str, path: Path, suffix: str) -> dict[str, Any]:
    text = without_bom(text)
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError, ValueError, OverflowError) as exc:
        message, line = toml_error(exc, text)
        raise ConfigFileError(
            str(Problem(str(path), f"not valid TOML: {message}{suffix}", line=line))
        ) from None


def _edit(text: str, values: Mapping[str, FileValue], data: Mapping[str, Any]) -> str:
    """`text` with each of `values` set: in place where the key is written or commented out at top
    level (keeping an inline comment), else added at the end of the top-level keys."""
    for key in values:
        if key not in data:
            text = _uncomment(text, key)
    document = tomlkit.parse(text)
    for key, value in values.items():
        if key in document:
            document[key] = value
    text = document.as_string()
    missing = [key for key in values if key not in tomllib.loads(text)]
    if not missing:
        return text
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = "".join(f"{key} = {tomlkit.item(values[key]).as_string()}{newline}" for key in missing)
    end = _top_level_end(text)
    if end == len(text):
        return text + (newline if text and not text.endswith("\n") else "") + lines
    return text[:end] + lines + newline + text[end:]


_COMMENTED = re.compile(r"([ \t]*)#[ \t]?")


def _uncomment(text: str, key: str) -> str:
    """`text` with the first top-level `# key = ...` line uncommented, if there is one."""
    end = _top_level_end(text)
    pattern = re.compile(rf"[ \t]*#[ \t]*{re.escape(key)}[ \t]*=")
    for start, line in _lines(text[:end]):
        if not pattern.match(line) or not _statement_starts(text, start):
            continue
        plain = _COMMENTED.sub(r"\1", line, count=1)
        try:
            if set(tomllib.loads(plain)) != {key}:
                continue
        except tomllib.TOMLDecodeError:
            continue  # prose that happens to start like the key
        return text[:start] + plain + text[start + len(line) :]
    return text


def _top_level_end(text: str) -> int:
    """Where the first table header begins (the end of the top-level keys), or len(text)."""
    for start, line in _lines(text):
        if line.lstrip(" \t").startswith("[") and _statement_starts(text, start):
            return start
    return len(text)


def _statement_starts(text: str, offset: int) -> bool:
    """Whether `offset` is between statements, not inside a multi-line string or array."""
    try:
        tomllib.loads(text[:offset])
    except tomllib.TOMLDecodeError:
        return False
    return True


def _lines(text: str) -> list[tuple[int, str]]:
    """Each line's offset and text, without its line end."""
    found, start = [], 0
    for line in text.split("\n"):
        found.append((start, line.removesuffix("\r")))
        start += len(line) + 1
    return found


def _write_atomic(path: Path, data: bytes) -> None:
    try:
        replace_file(path, data)
    except OSError as exc:
        raise ConfigFileError(f"{path}: cannot be written ({exc.strerror or exc}); it is unchanged") from None
