"""Generated histories round-trip exactly; mutated exports import cleanly or are refused whole."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from history_samples import days_table, sample_database, table_counts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskbreak.core.policy import Outcome
from deskbreak.core.review import iso_week_label
from deskbreak.storage import days
from deskbreak.storage.database import connect
from deskbreak.storage.exchange import (
    ImportRefused,
    export_events,
    import_events,
    read_export,
    write_csv,
    write_json,
)
from deskbreak.storage.exchange_format import AWAY_HOW, FEEDBACK, KINDS, SITTING_ENDS, WAIT_REASONS

OFFSETS = st.sampled_from([-300, -240, 0, 60, 120, 330, 345, 600, -570, 840])
MOMENTS = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2031, 12, 31))
SECONDS = st.one_of(st.none(), st.floats(0, 1e6, allow_nan=False), st.integers(0, 86_400).map(float))
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)  # quotes, commas, new lines, emoji
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _at(moment: datetime, minutes: int) -> datetime:
    return moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))


def _time(draw: st.DrawFn, nullable: bool = True) -> str | None:
    if nullable and draw(st.booleans()):
        return None
    return _at(draw(MOMENTS), draw(OFFSETS)).isoformat()


@st.composite
def records(draw: st.DrawFn) -> dict[str, object]:
    kind = draw(st.sampled_from(KINDS))
    minutes = draw(OFFSETS)
    at = _at(draw(MOMENTS), minutes)
    day = at.date() if kind != "rest_day" else at.date() - timedelta(days=draw(st.integers(0, 3)))
    record: dict[str, object] = {
        "id": str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)))),
        "kind": kind,
        "at": at.isoformat(),
        "date": day.isoformat(),
        "utc_offset_minutes": minutes,
    }
    steps = st.one_of(st.none(), st.integers(0, 12))
    if kind in ("reminder", "break"):
        record.update(
            reminded=draw(st.booleans()),
            outcome=draw(st.sampled_from([o.value for o in Outcome if o is not Outcome.PENDING])),
            sitting_seconds=draw(SECONDS),
            answered_at=_time(draw),
            started_at=_time(draw, nullable=False) if kind == "break" else None,
            ended_at=_time(draw),
            routine=draw(st.one_of(st.none(), TEXT.filter(bool))),
            steps_done=draw(steps),
            steps_total=draw(steps),
            steps_skipped=draw(steps),
            active_seconds=draw(SECONDS),
            feedback=draw(st.one_of(st.none(), st.sampled_from(FEEDBACK))),
            pain=draw(st.booleans()),
        )
    elif kind == "sitting":
        record.update(
            ended_at=_time(draw), seconds=draw(SECONDS), ended_by=draw(st.sampled_from(SITTING_ENDS))
        )
    elif kind == "natural_break":
        record.update(ended_at=_time(draw), seconds=draw(SECONDS), how=draw(st.sampled_from(AWAY_HOW)))
    elif kind == "postponed":
        record.update(ended_at=_time(draw), seconds=draw(SECONDS), reason=draw(st.sampled_from(WAIT_REASONS)))
    elif kind == "checkin":
        record.update(
            week=iso_week_label(draw(st.dates(date(2020, 1, 1), date(2031, 12, 31)))),
            stiffness=draw(st.integers(0, 10)),
            low_back_pain=draw(st.integers(0, 10)),
            note=draw(TEXT),
        )
    else:
        record["rest"] = draw(st.booleans())
    return record


HISTORIES = st.lists(records(), max_size=25, unique_by=lambda r: r["id"])


def _write(path: Path, history: list[dict[str, object]], fmt: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        (write_csv if fmt == "csv" else write_json)(history, stream)


def _by_time(history: list[dict[str, object]]) -> list[dict[str, object]]:
    def key(r: dict[str, object]) -> tuple[str, str]:
        return datetime.fromisoformat(str(r["at"])).astimezone(UTC).strftime("%Y%m%d%H%M%S"), str(r["id"])

    return sorted(history, key=key)


@SETTINGS
@given(history=HISTORIES, fmt=st.sampled_from(["csv", "json"]))
def test_generated_histories_round_trip_exactly_through_the_file_and_the_database(
    tmp_path_factory, history, fmt
):
    path = tmp_path_factory.mktemp("rt") / f"export.{fmt}"
    _write(path, history, fmt)
    assert read_export(path) == history
    conn = connect(None)
    assert import_events(conn, history).added == len(history)
    assert list(export_events(conn)) == _by_time(history)


def _mutate(text: str, data: st.DataObject) -> str:
    how = data.draw(st.sampled_from(["delete", "insert", "replace", "swap_lines", "cut", "cell"]))
    if not text:
        return text
    at = data.draw(st.integers(0, len(text) - 1))
    if how == "delete":
        return text[:at] + text[at + data.draw(st.integers(1, 30)) :]
    if how == "insert":
        return (
            text[:at]
            + data.draw(st.sampled_from([",", '"', "\n", "{", "}", "x", "-1", "null", "é"]))
            + text[at:]
        )
    if how == "replace":
        return text[:at] + data.draw(st.characters(blacklist_categories=("Cs",))) + text[at + 1 :]
    if how == "cut":
        return text[:at]
    lines = text.split("\n")
    n = data.draw(st.integers(0, len(lines) - 1))
    if how == "swap_lines":
        m = data.draw(st.integers(0, len(lines) - 1))
        lines[n], lines[m] = lines[m], lines[n]
    else:
        cells = lines[n].split(",")
        cells[data.draw(st.integers(0, len(cells) - 1))] = data.draw(
            st.sampled_from(
                ["", "11", "-5", "true", "maybe", "2026-13-40", "1e999", "nan", "break", "x" * 600]
            )
        )
        lines[n] = ",".join(cells)
    return "\n".join(lines)


@SETTINGS
@given(fmt=st.sampled_from(["csv", "json"]), data=st.data())
def test_mutated_exports_import_cleanly_or_are_refused_without_writing(tmp_path_factory, fmt, data):
    folder = tmp_path_factory.mktemp("mut")
    source = sample_database(weeks=1)
    path = folder / f"export.{fmt}"
    _write(path, list(export_events(source))[:20], fmt)
    text = path.read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        text = _mutate(text, data)
    path.write_text(text, encoding="utf-8")
    target = sample_database(monday=date(2026, 6, 1), weeks=1)
    before, figures = table_counts(target), days_table(target)
    try:
        result = import_events(target, read_export(path))
    except ImportRefused as refused:
        assert str(path) in str(refused) or str(refused).startswith("record ")
        assert table_counts(target) == before and days_table(target) == figures
    else:
        assert result.added == sum(table_counts(target)[:2]) - sum(before[:2])
        kept = days_table(target)
        days.rebuild(target)  # the triggers kept every day's figures right
        assert days_table(target) == kept
