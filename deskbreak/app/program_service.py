"""The program in the running app: which routine each break plays, "Week 3 of 6", the routine
chooser, favourites, exercises left out after "this hurts", the safety notice (on first run and
from the tray) and the Program menu (move on, restart, switch track).

The user's profile and program state are small JSON values in the history database
(core/profile.py, core/program.py); the settings file stays the user's own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from ..bundled import resources_dir
from ..core import profile as profiles
from ..core import program as programs
from ..core.i18n import english_plural
from ..core.problems import Problem
from ..core.program_file import Program, parse_program
from ..core.routines import Routine, RoutineError
from ..core.safety import SafetyContent
from ..storage.program_data import feedback_since, routines_done_on
from .configuration import Configuration

if TYPE_CHECKING:
    from ..core.program_choice import Choice
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
        self.profile = profiles.Profile()
        self.state = programs.start(self._today(), self.profile)
        self.loaded = False  # the stored profile and program have been read
        self._wants_notice = False  # the first-run notice waits until the profile is read
        self._progress: tuple[tuple[date, int], programs.Progress] | None = None  # cached per day
        # The safety notice, opened by app/program_windows.py (which also wires the tray's
        # "Choose a routine…" and "Safety notice…" to its windows).
        self.open_notice: Callable[[bool], None] = lambda first_run: None
        self._menu: ProgramMenu | None = None  # built when the tray menu first opens
        tray.menu_opened.connect(self._refresh_menu)
        controller.routines.picker = self.pick
        controller.program_label = self.label
        controller.program_status = self.english_label
        controller.notes_after_break = self.notes_after_break
        controller.windows.program = self.label
        controller.windows.skip_in_future.connect(self.leave_out)
        self._load()  # now if the history can be read; else at the next use

    # -- reading ---------------------------------------------------------------------------

    def _load(self) -> bool:
        """Read the stored profile and program, once the history file can be read. Until then
        nothing is saved over them: a file locked for a moment at start must not reset the
        program to week 1 or forget the cautions a user declared."""
        if self.loaded:
            return True
        profile = self.log.stored_value(profiles.KEY)
        state = self.log.stored_value(STATE_KEY)
        if profile is None or state is None:
            return False  # unreachable for now; tried again at the next use
        self.loaded = True
        self.profile = profiles.decode(profile[0])
        self.state = programs.decode(state[0], self._today(), self.profile)
        if state[0] is None:
            self._save_state(self.state)  # the program starts today
        if self._wants_notice:
            self.first_run()
        return True

    def _today(self) -> date:
        return self.clock.now().astimezone().date()

    def _done_today(self) -> list[str]:
        return self.log.store.read(lambda c: routines_done_on(c, self._today())) or []

    def _feedback(self) -> list[programs.Feedback]:
        since = self._today() - timedelta(days=FEEDBACK_DAYS)
        return self.log.store.read(lambda c: feedback_since(c, since)) or []

    def progress(self) -> programs.Progress:
        """Where the user is; read from the history once a day or after a break's feedback
        (the tray asks at every refresh)."""
        self._load()
        key = (self._today(), self.log.feedback_changes)
        if self._progress is None or self._progress[0] != key:
            self._progress = (key, programs.progress(self.state, self._today(), self._feedback()))
        return self._progress[1]

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
        """The routine the next break plays: the program's, or the configured one made to suit.
        Never one with an exercise the user's cautions rule out or that they left out: when the
        pinned routine is no longer worth offering, another that suits is played instead."""
        self._load()
        from ..core.suitability import adapt, offer, suitable_routines

        library = self.config.library
        if self.active and (chosen := self.choice()) is not None:
            return chosen.routine
        routine = self.config.routine
        if routine is not None and (adapted := offer(routine, library.exercises, self.profile)):
            return adapted.routine
        suits = suitable_routines(library.routines.values(), library.exercises, self.profile)
        if suits:
            return suits[0].routine
        if routine is not None:  # nothing is worth offering: what is left of the configured one
            left = adapt(routine, library.exercises, self.profile, swaps=False).routine
            return left if left.exercises else None
        return None

    def label(self) -> str:
        return self.progress().label if self.active else ""

    def english_label(self) -> str:
        return self.progress().english_label if self.active else ""

    def notes_after_break(self, now: datetime) -> list[str]:
        """Today's breaks against the goal, and the program's message when feedback changed the pace."""
        notes = []
        day = now.astimezone().date()
        summary = self.log.events.day_summaries(day, day).get(day)
        goal = self.config.settings.daily_goal
        if summary is not None and day.weekday() in self.config.settings.work_days:
            done = summary.breaks
            # the plural follows the goal: "1 of 4 breaks today", "0 of 1 break today"
            text = (
                self.tr("{done} of %n break(s) today: goal met.", "", goal)
                if done >= goal
                else self.tr("{done} of %n break(s) today.", "", goal)
            )
            notes.append(english_plural(text, goal).format(done=done))
        if self.active and (message := self.progress().message):
            notes.append(message)
        return notes

    # -- changing --------------------------------------------------------------------------

    def apply_configuration(self, config: Configuration) -> None:
        self.config = config

    def _save_profile(self, profile: profiles.Profile) -> None:
        self._load()
        self.profile = profile
        self.log.set_value(profiles.KEY, profile.encode())
        self.controller.routines.offered = None  # a reminder's pick may no longer suit

    def _save_state(self, state: programs.ProgramState) -> None:
        self.state = state
        self._progress = None
        self.log.set_value(STATE_KEY, state.encode())
        self.controller.routines.offered = None
        self.controller.refresh_tray()

    @Slot(str)
    def leave_out(self, exercise_id: str) -> None:
        if exercise_id in self.config.library.exercises:  # written-out exercises have no id to skip
            self._load()
            self._save_profile(self.profile.with_skipped(exercise_id))

    @Slot(str, bool)
    def favourite(self, routine_id: str, pinned: bool) -> None:
        self._load()
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
            self._menu.bring_back.connect(self.bring_back)
        return self._menu

    def _refresh_menu(self) -> None:
        where = self.progress() if self.program is not None else None
        self.menu.show_progress(where, self.active)
        library = self.config.library.exercises
        left_out = {i: library[i].title for i in sorted(self.profile.skipped) if i in library}
        self.menu.show_left_out(left_out)

    @Slot(str)
    def bring_back(self, exercise_id: str) -> None:
        """An exercise left out after "this hurts" comes back into the routines."""
        self._load()
        self._save_profile(self.profile.with_skipped(exercise_id, skip=False))

    def first_run(self) -> None:
        """The safety notice, once, until the user has read it to the end (and only once the
        stored profile has been read, so nobody who has read it sees it again)."""
        self._wants_notice = not self._load()
        if not self._wants_notice and not self.profile.safety_seen:
            self.open_notice(True)
