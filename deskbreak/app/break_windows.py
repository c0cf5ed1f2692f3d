"""The break windows, each known by the token the lifecycle gave it.

Every signal a window sends carries its own token, so a window that is closing or being
destroyed can only ever speak for itself: it cannot end or clear a newer break.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..core.clock import Clock
from ..core.exercises import LibraryExercise
from ..core.routines import Routine
from ..core.safety import SafetyContent

if TYPE_CHECKING:
    from ..core.player import PlayerResult
    from ..ui.break_window import BreakWindow


class BreakWindows(QObject):
    """Opens, raises and closes break windows by token; reports their ends by token."""

    ended = Signal(int, object)  # token, PlayerResult: the routine finished or was ended
    closed = Signal(int, object)  # token, PlayerResult | None: the window is gone
    opened = Signal(object)  # BreakWindow
    feedback = Signal(str)  # how the break that just ended felt (from its last page)
    skip_in_future = Signal(str)  # an exercise id to leave out from now on ("this hurts")

    def __init__(self, clock: Clock, footer: str = "") -> None:
        super().__init__()
        self.clock = clock
        self.footer = footer
        self._windows: dict[int, BreakWindow] = {}
        self.library: Mapping[str, LibraryExercise] = {}  # for breathing, feel and easier variants
        self.program: Callable[[], str] = str  # e.g. "Week 3 of 6" for the window's header
        self.sound: Callable[[str], None] | None = None  # plays a named cue, or None for silence
        self.safety: SafetyContent | None = None  # the "this hurts" advice (built-in text if None)

    def open(self, token: int, routine: Routine) -> BreakWindow:
        from PySide6.QtCore import Qt  # building the Qt namespace's enums costs ~1 MiB: not at start

        from ..ui.break_window import BreakWindow

        window = BreakWindow(
            routine,
            self.clock,
            footer=self.footer,
            library=self.library,
            program=self.program(),
            sound=self.sound,
            safety=self.safety,
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        window.break_finished.connect(lambda result, t=token: self.ended.emit(t, result))
        window.feedback_given.connect(self.feedback)
        window.skip_in_future.connect(self.skip_in_future)
        window.window_closed.connect(lambda result, t=token: self._gone(t, result))
        window.destroyed.connect(lambda _=None, t=token: self._gone(t, None))
        self._windows[token] = window
        window.show()
        self.raise_(token)
        self.opened.emit(window)
        return window

    def _gone(self, token: int, result: PlayerResult | None) -> None:
        if self._windows.pop(token, None) is not None:
            self.closed.emit(token, result)

    def get(self, token: int | None) -> BreakWindow | None:
        return self._windows.get(token) if token is not None else None

    def visible(self, token: int | None) -> bool:
        window = self.get(token)
        try:
            return window is not None and window.isVisible()
        except RuntimeError:  # the C++ side is already gone
            return False

    def current_result(self, token: int | None) -> PlayerResult | None:
        """Stop the routine in the window now and return how it went (None if no window)."""
        window = self.get(token)
        if window is None:
            return None
        try:
            return window.stop()
        except RuntimeError:
            return None

    def raise_(self, token: int) -> None:
        window = self.get(token)
        if window is not None:
            if window.isMinimized():  # asked for again: it must be seen, not just be "shown"
                window.showNormal()
            window.show()
            window.raise_()
            window.activateWindow()

    def close(self, token: int) -> None:
        """Close the window; its own close reports its result first (ended, then closed)."""
        window = self._windows.get(token)
        if window is None:
            return
        with contextlib.suppress(RuntimeError):  # the C++ side is already gone
            window.close()
        self._gone(token, None)  # a no-op when its own signal has reported it already

    def note(self, token: int, text: str) -> None:
        window = self.get(token)
        if window is not None:
            window.add_note(text)

    def close_all(self) -> None:
        for token in list(self._windows):
            self.close(token)
