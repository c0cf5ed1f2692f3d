"""Reading config.toml: created with commented defaults on first run; after that only
app/config_edit.py writes it, when the user asks (the settings window, `deskbreak config set`)."""

from __future__ import annotations

from pathlib import Path

from ..core.problems import Problem, undecodable
from ..core.settings import CONFIG_TEMPLATE, DEFAULTS, MAX_FILE_CHARS, Settings, parse_settings


def read_text(path: Path, max_chars: int) -> str:
    """The text of a user's file as UTF-8 (a BOM is dropped later by the parser).

    Raises OSError, or ValueError with a message for the user (not UTF-8, far too large).
    At most 4 bytes per character are read, so a huge file is never loaded whole.
    """
    with path.open("rb") as file:
        data = file.read(4 * max_chars + 1)
    if len(data) > 4 * max_chars:
        raise ValueError(f"is too large (more than {4 * max_chars:,} bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(undecodable(data, exc)) from None


def load_settings(path: Path, keep: Settings | None = None) -> tuple[Settings, list[Problem]]:
    """The user's settings; problems are reported, never fatal, and the file is left as it is.

    `keep` is the settings in force while the app runs: a file that cannot be read or is not
    valid TOML leaves them in force (with a Problem saying so); at start (keep=None) the
    defaults are used instead. A missing file is created from the commented template.
    """
    using = "using all defaults" if keep is None else "keeping the settings in force"
    fallback = DEFAULTS if keep is None else keep
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as new_file:  # "x": only if it does not exist yet
            new_file.write(CONFIG_TEMPLATE)
        return DEFAULTS, []
    except FileExistsError:
        pass
    except OSError as exc:
        return fallback, [Problem(str(path), f"could not create it ({exc.strerror or exc}); {using}")]
    try:
        text = read_text(path, MAX_FILE_CHARS)
    except ValueError as exc:
        return fallback, [Problem(str(path), f"{exc}; {using}")]
    except OSError as exc:
        return fallback, [Problem(str(path), f"cannot be read ({exc.strerror or exc}); {using}")]
    return parse_settings(text, str(path), keep)
