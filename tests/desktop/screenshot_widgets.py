"""In-process helpers for make_screenshots.py: which moment of a routine to photograph, and the
break window drawn in a dark palette at that moment.

The routine is the one the running app reports playing (`status --json` gives its id), read from
the same files and adapted to the same profile as the app does (core/suitability.offer), so the
timeline computed here is the one the app's coach follows.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from deskbreak.core.coach import Phase, timeline
from deskbreak.core.coach_view import coached
from deskbreak.core.exercises import LibraryExercise
from deskbreak.core.routines import Routine

MID_MOVEMENT = 0.55  # how far into the movement the picture is taken (the figure clearly moving)


@dataclass(frozen=True)
class Played:
    routine: Routine  # as the app plays it, adapted to the user's profile
    library: Mapping[str, LibraryExercise]


def routine_as_played(home: Path, routine_id: str) -> Played:
    """The routine `routine_id` as the app with DESKBREAK_HOME=`home` plays it."""
    from deskbreak.app.configuration import load_configuration
    from deskbreak.app.paths import resolve_paths
    from deskbreak.core import profile as profiles
    from deskbreak.core.suitability import offer

    config = load_configuration(resolve_paths({"DESKBREAK_HOME": str(home)}))
    library = config.library
    routine = library.routines[routine_id]
    adapted = offer(routine, library.exercises, profiles.decode(_stored_value(home, profiles.KEY)))
    return Played(adapted.routine if adapted is not None else routine, library.exercises)


def _stored_value(home: Path, key: str) -> str | None:
    """A small value the app keeps in its history, read without writing (the app is running)."""
    uri = f"file:{home / 'history.sqlite3'}?mode=ro"
    with sqlite3.connect(uri, uri=True, timeout=5) as db:
        row = db.execute("SELECT value FROM app_state WHERE key = ?", (f"app.{key}",)).fetchone()
    return str(row[0]) if row else None


def moment_mid_movement(played: Played) -> float:
    """Seconds after the window opens at which an exercise with a figure is mid-movement with a
    rep or two already counted (rep 3, or the last if fewer): past the get-ready, ring part-filled.
    For a routine of holds only, the middle of its first hold."""
    items = coached(played.routine, played.library)
    start = 0.0
    first_hold: float | None = None
    for segment in timeline(tuple(item.move for item in items)):
        item = items[segment.exercise]
        reps = item.move.dose.reps or 0
        if segment.phase is Phase.MOVE and item.pose is not None and segment.rep == min(3, reps) > 1:
            return start + MID_MOVEMENT * segment.seconds
        if segment.phase is Phase.HOLD and first_hold is None and not segment.rep:
            first_hold = start + 0.5 * segment.seconds
        start += segment.seconds
    if first_hold is None:
        raise ValueError(f"{played.routine.id}: no movement or hold to photograph")
    return first_hold


def dark_palette() -> object:
    """The colours KDE's Breeze Dark theme hands to Qt apps (Plasma 5), as a QPalette; light,
    mid and dark shades derived by Qt from the button and window colours."""
    from PySide6.QtGui import QColor, QPalette

    role, group = QPalette.ColorRole, QPalette.ColorGroup
    palette = QPalette(QColor("#31363b"), QColor("#31363b"))
    colours = {
        role.Window: "#31363b",
        role.WindowText: "#eff0f1",
        role.Base: "#232629",
        role.AlternateBase: "#31363b",
        role.Text: "#eff0f1",
        role.Button: "#31363b",
        role.ButtonText: "#eff0f1",
        role.Highlight: "#3daee9",
        role.HighlightedText: "#eff0f1",
        role.ToolTipBase: "#31363b",
        role.ToolTipText: "#eff0f1",
        role.PlaceholderText: "#a1a9b1",
        role.Link: "#2980b9",
        role.LinkVisited: "#7f8c8d",
    }
    for name, colour in colours.items():
        palette.setColor(name, QColor(colour))
    for name in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, name, QColor("#6e7175"))
    return palette


def render_break_window_dark(
    display: str, played: Played, at: float, program: str, path: Path, *, size: tuple[int, int]
) -> Path:
    """Build the real BreakWindow in this process on the Xvfb `display` (xcb) with a dark palette
    set on the QApplication, drive it with a FakeClock to `at` seconds after it opened, and save
    what it draws. Same routine, header, footer and window size as the app's window."""
    os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    from PySide6.QtWidgets import QApplication

    from deskbreak.app.safety_content import load_safety_content
    from deskbreak.core.clock import FakeClock
    from deskbreak.ui.break_window import BreakWindow

    app = QApplication.instance() or QApplication(["deskbreak"])
    assert isinstance(app, QApplication)
    app.setPalette(dark_palette())  # type: ignore[arg-type]
    safety, _ = load_safety_content()
    clock = FakeClock(datetime.now().astimezone())
    window = BreakWindow(
        played.routine, clock, footer=safety.short, library=played.library, program=program, safety=safety
    )
    window.resize(*size)
    window.show()
    app.processEvents()
    step = 0.1  # the coach ticks as in the app, not in one jump
    while clock.monotonic() - window._opened_at < at - 1e-9:  # type: ignore[operator]
        clock.advance(min(step, at - (clock.monotonic() - window._opened_at)))  # type: ignore[operator]
        window.refresh()
    app.processEvents()
    window.timer.stop()
    if not window.grab().save(str(path)):
        raise OSError(f"could not save {path}")
    window.close()
    app.processEvents()
    return path
