"""Where the bundled resources (routines, icons) are, from a wheel or from a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The resources folder: inside the package when installed from a wheel, else the repo's."""
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        if (candidate / "routines").is_dir():
            return candidate
    raise FileNotFoundError(f"deskbreak resources not found next to {_PACKAGE_DIR}")


def builtin_routines_dir() -> Path:
    return resources_dir() / "routines"


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / name
