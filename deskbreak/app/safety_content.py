"""Reads the bundled safety text (resources/safety.toml) into plain SafetyContent.

Never fails: an unreadable or broken file gives the short built-in text plus a Problem saying
why, so the first-run notice and the "This hurts" panel always have something safe to show.
The file is found through bundled.resources_dir(), like every other bundled resource, so a
source checkout and an installed wheel read the same way.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from ..bundled import resources_dir
from ..core.problems import Problem, toml_error, undecodable, without_bom
from ..core.safety import BUILTIN, SafetyContent, parse

FILE_NAME = "safety.toml"


def safety_path() -> Path:
    return resources_dir() / FILE_NAME


def load_safety_content(path: Path | None = None) -> tuple[SafetyContent, list[Problem]]:
    """The safety content, and what was wrong with the file (empty when all is well)."""
    name = path.name if path is not None else FILE_NAME
    try:
        data = (path or safety_path()).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return BUILTIN, [Problem(name, f"cannot be read ({reason}); using the built-in safety text")]
    try:
        text = without_bom(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return BUILTIN, [Problem(name, f"{undecodable(data, exc)}; using the built-in safety text")]
    try:
        table = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        message, line = toml_error(exc, text)
        return BUILTIN, [Problem(name, f"{message}; using the built-in safety text", line=line)]
    return parse(table, text, name)
