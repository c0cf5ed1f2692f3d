"""The program in the running app: which routine each break plays, "Week 3 of 6", the routine
chooser, favourites, exercises left out after "this hurts", the safety notice (on first run and
from the tray) and the Program menu (move on, restart, switch track).

The user's profile and program state are small JSON values in the history database
(core/profile.py, core/program.py); the settings file stays the user's own.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot

from ..bundled import resources_dir
from ..core import profile as profiles
from ..core import program as programs
from ..core.problems import Problem
from ..core.program_file import Program, parse_program
from ..core.routines import Routine, RoutineError
from ..core.safety import SafetyContent
from ..storage.program_data import feedback_since, routines_done_on
from .configuration import Configuration

if TYPE_CHECKING:
    from ..core.program_choice import Choice
    from ..core.suitability import Adapted
    from ..storage.break_log import BreakLog
    from ..ui.program_menu import ProgramMenu
    from ..ui.tray import Tray
    from .controller import Controller

log = logging.getLogger(__name__)
STATE_KEY = "program"
FEEDBACK_DAYS = 120  # how far back feedback is read (more than the whole program)


def load_program(routine_ids: set[str], problems: list[Problem]) -> Program | None:
    path = resources_dir() / "program.toml"
    try:
        return parse_program(path.read_text(encoding="utf-8"), str(path), routine_ids)
    except RoutineError as exc:
        problems.append(exc.problem)
    except (OSError, ValueError) as exc:
        problems.append(
            Problem(str(path), f"cannot be read ({exc}); breaks play the routine in the settings")
        )
    return None


class ProgramService(QObject):
    def __init__(
        self,
        controller: Controller,
        tray: Tray,
        break_log: BreakLog,
        config: Configuration,
        safety: SafetyContent,
        problems: list[Problem],
    ) -> None:
        super().__init__()
        self.controller, self.tray, self.log, self.safety = controller, tray, break_log, safety
        self.clock = controller.clock
        self.config = config
        self.program = load_program(set(config.library.routines), problems)
        self.profile = profiles.decode(break_log.value(profiles.KEY))
        today = self._today()
        self.state = programs.decode(break_log.value(STATE_KEY), today, self.profile)
        if break_log.value(STATE_KEY) is None:
            self._save_state(self.state)
        self._windows: list[Any] = []  # dialogs kept alive while open
        self._menu: ProgramMenu | None = None  # built when the tray menu first opens
        tray.routines_requested.connect(self.open_chooser)
        tray.safety_requested.connect(lambda: self.open_safety(first_run=False))
        tray.menu_opened.connect(self._refresh_menu)
        controller.routines.picker = self.pick
        controller.program_label = self.label
        controller.notes_after_break = self.notes_after_break
        controller.windows.program = self.label
        controller.windows.skip_in_future.connect(self.leave_out)

    # -- reading ---------------------------------------------------------------------------

    def _today(self) -> date:
        return self.clock.now().astimezone().date()

    def _done_today(self) -> list[str]:
        return self.log.store.read(lambda c: routines_done_on(c, self._today())) or []

    def _feedback(self) -> list[programs.Feedback]:
        since = self._today() - timedelta(days=FEEDBACK_DAYS)
        return self.log.store.read(lambda c: feedback_since(c, since)) or []

    def progress(self) -> programs.Progress:
        return programs.progress(self.state, self._today(), self._feedback())

    @property
    def active(self) -> bool:
        """The program chooses (routine = "program" in the settings, and its file loaded)."""
        return self.program is not None and self.config.follows_program

    def choice(self) -> Choice | None:
        if self.program is None:
            return None
        from ..core.program_choice import routine_for_now  # on the first break, not at start-up

        library = self.config.library
        return routine_for_now(
            self.state, self.profile, self.program, library.routines, library.exercises,
            self._today(), self._done_today(), self._feedback(),
        )  # fmt: skip

    def pick(self) -> Routine | None:
        """The routine the next break plays: the program's, or the configured one made to suit."""
        if self.active:
            chosen = self.choice()
            return chosen.routine if chosen else None
        routine = self.config.routine
        if routine is None:
            return None
        from ..core.suitability import offer

        adapted = offer(routine, self.config.library.exercises, self.profile)
        return adapted.routine if adapted is not None else routine

    def label(self) -> str:
        return self.progress().label if self.active else ""

    def notes_after_break(self, now: datetime) -> list[str]:
        """Today's breaks against the goal, and the program's message when feedback changed the pace."""
        notes = []
        day = now.astimezone().date()
        summary = self.log.events.day_summaries(day, day).get(day)
        goal = self.config.settings.daily_goal
        if summary is not None and day.weekday() in self.config.settings.work_days:
            done = summary.breaks
            notes.append(
                f"{done} of {goal} breaks today: goal met."
                if done >= goal
                else f"{done} of {goal} breaks today."
            )
        if self.active and (message := self.progress().message):
            notes.append(message)
        return notes

    # -- changing --------------------------------------------------------------------------

    def apply_configuration(self, config: Configuration) -> None:
        self.config = config

    def _save_profile(self, profile: profiles.Profile) -> None:
        self.profile = profile
        self.log.set_value(profiles.KEY, profile.encode())

    def _save_state(self, state: programs.ProgramState) -> None:
        self.state = state
        self.log.set_value(STATE_KEY, state.encode())
        self.controller.refresh_tray()

    @Slot(str)
    def leave_out(self, exercise_id: str) -> None:
        self._save_profile(self.profile.with_skipped(exercise_id))

    @Slot(str, bool)
    def favourite(self, routine_id: str, pinned: bool) -> None:
        self._save_profile(self.profile.with_favourite(routine_id, pinned))

    @Slot()
    def move_on(self) -> None:
        self._save_state(programs.advance(self.state, self._today()))

    @Slot()
    def restart(self) -> None:
        self._save_state(programs.restart(self.state, self._today()))

    @Slot(object)
    def switch_track(self, track: programs.Track) -> None:
        self._save_state(programs.switch_track(self.state, track))

    @property
    def menu(self) -> ProgramMenu:
        if self._menu is None:
            from ..ui.program_menu import ProgramMenu

            self._menu = ProgramMenu(self.tray.program_menu)
            self._menu.move_on.connect(self.move_on)
            self._menu.restart.connect(self.restart)
            self._menu.track_chosen.connect(self.switch_track)
        return self._menu

    def _refresh_menu(self) -> None:
        where = self.progress() if self.program is not None else None
        self.menu.show_progress(where, self.active)

    # -- windows ---------------------------------------------------------------------------

    def _keep(self, window: Any) -> None:
        from PySide6.QtCore import Qt

        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self._windows.append(window)
        window.destroyed.connect(
            lambda _=None, w=window: self._windows.remove(w) if w in self._windows else None
        )
        window.show()
        window.raise_()
        window.activateWindow()

    def _forget(self, window: Any) -> None:
        if window in self._windows:
            self._windows.remove(window)

    def chooser_rows(self) -> list[Any]:
        from ..core.suitability import suitable_routines
        from ..ui.routine_rows import RoutineRow

        library = self.config.library
        today = self.choice() if self.active else None
        rows = []
        for adapted in suitable_routines(library.routines.values(), library.exercises, self.profile):
            routine = adapted.routine
            minutes = max(1, round(self._length(adapted).total_seconds() / 60))
            postures = ", ".join(dict.fromkeys(p.capitalize() for p in routine.postures)) or ""
            rows.append(
                RoutineRow(
                    routine.id, routine.title, routine.summary, minutes, routine.level or "", postures,
                    favourite=routine.id in self.profile.favourites,
                    today=today is not None and today.routine.id == routine.id,
                    note="; ".join(adapted.notes[:2]),
                )
            )  # fmt: skip
        return rows

    @staticmethod
    def _length(adapted: Adapted) -> timedelta:
        from ..core.coach_view import coached_length

        return coached_length(adapted.routine)

    @Slot()
    def open_chooser(self) -> None:
        from ..ui.routine_chooser import RoutineChooser

        chooser = RoutineChooser(self.chooser_rows())
        chooser.favourite_toggled.connect(self.favourite)
        chooser.routine_chosen.connect(self._start_chosen)
        self._keep(chooser)

    @Slot(str)
    def _start_chosen(self, routine_id: str) -> None:
        library = self.config.library
        routine = library.routines.get(routine_id)
        if routine is None:
            return
        from ..core.suitability import offer

        adapted = offer(routine, library.exercises, self.profile)
        self.controller.take_break(adapted.routine if adapted is not None else routine)

    def open_safety(self, first_run: bool) -> None:
        from ..ui.safety_notice import SafetyNotice

        notice = SafetyNotice(self.safety, self.profile, first_run=first_run)
        notice.profile_chosen.connect(self._profile_chosen)
        self._keep(notice)

    @Slot(object)
    def _profile_chosen(self, profile: profiles.Profile) -> None:
        first = not self.profile.safety_seen and profile.safety_seen
        self._save_profile(profile)
        if first and self.state.started >= self._today() - timedelta(days=1):
            # Declared on first run: the program starts on the track that suits them.
            self._save_state(replace(self.state, track=programs.default_track(profile)))

    def first_run(self) -> None:
        """The safety notice, once, until the user has read it to the end."""
        if not self.profile.safety_seen:
            self.open_safety(first_run=True)
