"""Reading config.toml: created with commented defaults on first run, never written after that."""

from __future__ import annotations

from pathlib import Path

from ..core.problems import Problem
from ..core.settings import CONFIG_TEMPLATE, DEFAULTS, Settings, parse_settings


def load_settings(path: Path) -> tuple[Settings, list[Problem]]:
    """The user's settings; problems are reported, never fatal, and the file is left as it is."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as new_file:  # "x": only if it does not exist yet
            new_file.write(CONFIG_TEMPLATE)
        return DEFAULTS, []
    except FileExistsError:
        pass
    except OSError as exc:
        return DEFAULTS, [Problem(str(path), f"could not create it ({exc.strerror}); using defaults")]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return DEFAULTS, [Problem(str(path), "is not UTF-8 text; using all defaults")]
    except OSError as exc:
        return DEFAULTS, [Problem(str(path), f"cannot be read ({exc.strerror}); using all defaults")]
    return parse_settings(text, str(path))
