"""The program's content (resources/program.toml): for each track, each stage's title, a
one-line description and the routines it offers, by id:

    [[stage]]
    track = "standard"      # standard or gentle
    weeks = "1-2"           # as program_schedule.SCHEDULE says; "after" for maintenance
    title = "Gentle range"
    about = "Small, easy moves, mostly in your chair."
    routines = ["upper-back-basics", "quick-reset"]

parse_program is total: a Program with every stage of every track exactly once, or a
RoutineError naming the file, the line and the field (`stage 3, weeks`).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .exercises import _Read, choice, load_toml, text_field
from .problems import Problem, headers, line_of, quoted, shown
from .program_schedule import SCHEDULE, Track, stage_count, weeks_label
from .routines import RoutineError

STAGE_FIELDS = ("track", "weeks", "title", "about", "routines")
TITLE_LIMIT = 40
ABOUT_LIMIT = 120
ROUTINES = (1, 12)
_TRACKS = tuple(t.value for t in Track)


@dataclass(frozen=True)
class Stage:
    track: Track
    index: int  # 0-based; the last one is maintenance
    weeks: str  # "1-2", "6" or "after"
    title: str
    about: str  # one line for the break window and the tray tooltip
    routines: tuple[str, ...]  # routine ids, in the order offered

    @property
    def maintenance(self) -> bool:
        return self.index == len(SCHEDULE[self.track])


@dataclass(frozen=True)
class Program:
    stages: tuple[Stage, ...]  # every track's stages, in track then index order
    source: str = ""

    def stage(self, track: Track, index: int) -> Stage:
        return next(s for s in self.stages if s.track is track and s.index == index)

    def track(self, track: Track) -> tuple[Stage, ...]:
        return tuple(s for s in self.stages if s.track is track)


class _StageRead(_Read):
    """Errors about one [[stage]] table, pointing at the field's line within that table."""

    def __init__(self, text: str, file: str, number: int) -> None:
        super().__init__(text, file)
        self.number = number
        heads = headers(text, "stage")
        self.start = heads[number - 1] if number <= len(heads) else None
        self.stop = heads[number] - 1 if number < len(heads) else None

    def error(self, message: str, field: str | None = None) -> RoutineError:
        key = f"stage {self.number}" + (f", {field}" if field else "")
        line = self.start
        if field and self.start is not None:
            line = line_of(self.text, field, self.start + 1, self.stop, top_level=True) or self.start
        return RoutineError(Problem(self.file, message, key, line))


def _stage(data: object, read: _StageRead, routine_ids: Collection[str]) -> Stage:
    if not isinstance(data, dict):
        raise read.error(f"found {shown(data)}, not a [[stage]] table")
    extra = [k for k in data if k not in STAGE_FIELDS]
    if extra:
        raise read.error(f"unknown field {quoted(extra[0])} (allowed: {', '.join(STAGE_FIELDS)})")
    track = Track(choice(data.get("track"), _TRACKS, "track", read))
    allowed = tuple(weeks_label(track, i) for i in range(stage_count(track)))
    weeks = choice(data.get("weeks"), allowed, "weeks", read)
    title = text_field(data.get("title"), TITLE_LIMIT, "title", read)
    about = text_field(data.get("about"), ABOUT_LIMIT, "about", read)
    names = data.get("routines")
    low, high = ROUTINES
    if (
        not isinstance(names, list)
        or not low <= len(names) <= high
        or not all(isinstance(n, str) for n in names)
    ):
        found = "is missing" if names is None else f"found {shown(names)}"
        raise read.error(
            f'{found}; needs a list of {low} to {high} routine ids like ["quick-reset"]', "routines"
        )
    for name in names:
        if name not in routine_ids:
            known = ", ".join(sorted(routine_ids)[:40])
            raise read.error(f"no routine {quoted(name)} (known: {known})", "routines")
    if len(set(names)) != len(names):
        raise read.error("names a routine twice", "routines")
    return Stage(track, allowed.index(weeks), weeks, title, about, tuple(names))


def parse_program(text: str, file: str, routine_ids: Collection[str]) -> Program:
    """The program from its file's text; every routine it names must be in routine_ids."""
    data, read = load_toml(text, file)
    extra = [k for k in data if k != "stage"]
    if extra:
        raise read.error(f"unknown field {quoted(extra[0])} (allowed: stage)", extra[0][:60])
    tables = data.get("stage")
    if not isinstance(tables, list):
        raise read.error("needs [[stage]] tables, one for each stage of each track", "stage")
    stages: dict[tuple[Track, int], Stage] = {}
    for number, table in enumerate(tables, start=1):
        stage_read = _StageRead(read.text, file, number)
        stage = _stage(table, stage_read, routine_ids)
        if (stage.track, stage.index) in stages:
            raise stage_read.error(
                f"the {stage.track} track already has a stage for weeks {stage.weeks}", "weeks"
            )
        stages[stage.track, stage.index] = stage
    for track in Track:
        for index in range(stage_count(track)):
            if (track, index) not in stages:
                label = weeks_label(track, index)
                raise RoutineError(
                    Problem(file, f"the {track} track has no [[stage]] for weeks {quoted(label)}")
                )
    ordered = tuple(stages[t, i] for t in Track for i in range(stage_count(t)))
    return Program(ordered, file)
