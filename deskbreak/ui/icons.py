"""The app's icons from pre-rendered PNGs (see tests/tools/render_icons.py)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from ..bundled import resources_dir


def load_icon(stem: str) -> QIcon:
    """All rendered sizes of an icon, so each panel height picks a crisp one."""
    icon = QIcon()
    for png in sorted((resources_dir() / "icons").glob(f"{stem}-[0-9]*.png")):
        icon.addFile(str(png))
    return icon
