"""The program's windows: the routine chooser and the safety notice (on first run and from the
tray), kept alive while open, one of each at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Slot

from ..core import profile as profiles
from ..core import program as programs

if TYPE_CHECKING:
    from ..core.suitability import Adapted
    from .program_service import ProgramService


class ProgramWindows(QObject):
    def __init__(self, service: ProgramService) -> None:
        super().__init__()
        self.service = service
        self.open_windows: list[Any] = []
        service.open_notice = lambda first_run: self.open_safety(first_run=first_run)
        service.tray.routines_requested.connect(self.open_chooser)
        service.tray.safety_requested.connect(lambda: self.open_safety(first_run=False))

    def _keep(self, window: Any) -> None:
        from PySide6.QtCore import Qt

        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.open_windows.append(window)
        window.destroyed.connect(lambda _=None, w=window: self._forget(w))
        window.show()
        window.raise_()
        window.activateWindow()

    def _forget(self, window: Any) -> None:
        if window in self.open_windows:
            self.open_windows.remove(window)

    def chooser_rows(self) -> list[Any]:
        from ..core.suitability import suitable_routines
        from ..ui.routine_rows import RoutineRow

        service = self.service
        library = service.config.library
        today = service.choice() if service.active else None
        rows = []
        for adapted in suitable_routines(library.routines.values(), library.exercises, service.profile):
            routine = adapted.routine
            minutes = max(1, round(self._length(adapted).total_seconds() / 60))
            postures = ", ".join(dict.fromkeys(p.capitalize() for p in routine.postures)) or ""
            rows.append(
                RoutineRow(
                    routine.id, routine.title, routine.summary, minutes, routine.level or "", postures,
                    favourite=routine.id in service.profile.favourites,
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
        chooser.favourite_toggled.connect(self.service.favourite)
        chooser.routine_chosen.connect(self._start_chosen)
        self._keep(chooser)

    @Slot(str)
    def _start_chosen(self, routine_id: str) -> None:
        """Play the chosen routine as it suits this user (the chooser lists only those that do)."""
        service = self.service
        library = service.config.library
        routine = library.routines.get(routine_id)
        if routine is None:
            return
        if service.controller.lifecycle.on_break:  # the chooser was open when a break began
            service.tray.show_message("deskbreak", "A break is already under way; finish it first.")
            service.controller.take_break()  # brings its window forward
            return
        from ..core.suitability import adapt

        adapted = adapt(routine, library.exercises, service.profile).routine
        service.controller.take_break(adapted if adapted.exercises else None)

    def open_safety(self, first_run: bool) -> None:
        from ..ui.safety_notice import SafetyNotice

        for window in self.open_windows:  # one notice at a time: bring the open one forward
            if isinstance(window, SafetyNotice):
                window.raise_()
                window.activateWindow()
                return
        self.service._load()
        notice = SafetyNotice(self.service.safety, self.service.profile, first_run=first_run)
        notice.profile_chosen.connect(self._profile_chosen)
        self._keep(notice)

    @Slot(object)
    def _profile_chosen(self, chosen: profiles.Profile) -> None:
        """Only what the notice asks about is taken from it: left-out exercises and favourites
        changed while it was open are kept."""
        service = self.service
        service._load()
        first = not service.profile.safety_seen and chosen.safety_seen
        profile = replace(
            service.profile,
            cares=chosen.cares,
            has_band=chosen.has_band,
            safety_seen=service.profile.safety_seen or chosen.safety_seen,
        )
        service._save_profile(profile)
        if first and service.state.started >= service._today() - timedelta(days=1):
            # Declared on first run: the program starts on the track that suits them.
            service._save_state(replace(service.state, track=programs.default_track(profile)))
