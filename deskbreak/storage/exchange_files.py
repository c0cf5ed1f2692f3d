"""Export files: writing records as JSON or CSV, and reading either back, checked (see
docs/history-format.md).

Reading is all or nothing: every record is checked before anything is returned, and the first
problem raises ImportRefused naming the file and the CSV line or JSON record and the field. A
file larger than MAX_FILE_BYTES or with more than MAX_EVENTS records is refused unread.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import IO

from .exchange_format import (
    ALL_FIELDS,
    COMMON_FIELDS,
    FORMAT_NAME,
    FORMAT_VERSION,
    KIND_FIELDS,
    LATER_FIELDS,
    ImportRefused,
    check_record,
)

MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_EVENTS = 2_000_000
MAX_CSV_CELL = 10_000


def _ordered(record: Mapping[str, object]) -> dict[str, object]:
    kind = str(record["kind"])
    return {name: record.get(name) for name in COMMON_FIELDS + KIND_FIELDS.get(kind, ())}


def write_json(
    records: Iterable[Mapping[str, object]], stream: IO[str], exported_at: datetime | None = None
) -> int:
    """The JSON export (one event a line inside the envelope); returns how many events were written."""
    moment = exported_at or datetime.now().astimezone()
    head = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "exported_at": moment.isoformat("T", "seconds")}
    stream.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "events": [')
    count = 0
    for record in records:
        stream.write(",\n" if count else "\n")
        stream.write(json.dumps(_ordered(record), ensure_ascii=False, allow_nan=False))
        count += 1
    stream.write("\n]}\n")
    return count


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def write_csv(records: Iterable[Mapping[str, object]], stream: IO[str]) -> int:
    """The CSV export: a header naming every field, one row per event; returns the rows written."""
    writer = csv.writer(stream, lineterminator="\r\n")  # RFC 4180; a cell with a lone CR is quoted too
    writer.writerow(ALL_FIELDS)
    count = 0
    for record in records:
        writer.writerow([_cell(record.get(name)) for name in ALL_FIELDS])
        count += 1
    return count


# -- reading ------------------------------------------------------------------------------------


def _read_text(path: Path, name: str) -> str:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ImportRefused(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused(f"{name}: is too large to import (more than {MAX_FILE_BYTES // 2**20:,} MiB)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportRefused(
            f"{name} line {line}: is not UTF-8 text; not a deskbreak history export"
        ) from None
    return text.removeprefix("\ufeff")


def _no_constant(text: str) -> object:
    raise ValueError(f"{text} is not a number JSON allows")


Located = tuple[str, dict[str, object]]  # where it was in the file, the checked record


def _from_json(text: str, name: str) -> Iterator[Located]:
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"{name} line {exc.lineno}: is not valid JSON ({exc.msg})") from None
    except (ValueError, RecursionError) as exc:
        raise ImportRefused(f"{name}: is not valid JSON ({str(exc)[:80]})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ImportRefused(
            f'{name}: is not a deskbreak history export (one starts with {{"format": "{FORMAT_NAME}"}})'
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused(f'{name}: "version" must be a whole number, like {FORMAT_VERSION}')
    if version > FORMAT_VERSION:
        raise ImportRefused(
            f"{name}: was written by a newer deskbreak (format version {version}); "
            f"this one reads version {FORMAT_VERSION}"
        )
    events = data.get("events")
    if not isinstance(events, list):
        raise ImportRefused(f'{name}: "events" must be a list of events')
    if len(events) > MAX_EVENTS:
        raise ImportRefused(f"{name}: has too many events to import (more than {MAX_EVENTS:,})")
    for number, raw in enumerate(events, 1):
        where = f"{name} record {number}"
        if not isinstance(raw, dict):
            raise ImportRefused(f"{where}: must be an object holding the event's fields")
        yield where, check_record(raw, where)


def _from_csv(text: str, name: str) -> Iterator[Located]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ImportRefused(f"{name} line 1: is not a deskbreak history export ({exc})") from None
    names = [h.strip() for h in header or []]
    if not {"id", "kind", "at"} <= set(names):
        raise ImportRefused(
            f"{name}: is not a deskbreak history export (its first line names the columns "
            f"{','.join(ALL_FIELDS[:5])},…)"
        )
    unknown = [n for n in names if n not in ALL_FIELDS]
    missing = [n for n in ALL_FIELDS if n not in names and n not in LATER_FIELDS]
    twice = sorted({n for n in names if names.count(n) > 1})
    for problem, listed in (("unknown", unknown), ("missing", missing), ("repeated", twice)):
        if listed:
            shown = ", ".join(f'"{n[:30]}"' for n in listed[:5]) + (", …" if len(listed) > 5 else "")
            raise ImportRefused(f"{name} line 1: {problem} column{'s' if len(listed) > 1 else ''} {shown}")
    count = 0
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise ImportRefused(f"{name} line {line}: cannot be read as CSV ({exc})") from None
        if row is None:
            return
        where = f"{name} line {line}"
        line = reader.line_num + 1
        if not row or row == [""]:
            continue
        if len(row) != len(names):
            raise ImportRefused(f"{where}: has {len(row)} cells; the header names {len(names)} columns")
        count += 1
        if count > MAX_EVENTS:
            raise ImportRefused(f"{name}: has too many events to import (more than {MAX_EVENTS:,})")
        if any(len(cell) > MAX_CSV_CELL for cell in row):
            raise ImportRefused(f"{where}: has a cell longer than {MAX_CSV_CELL:,} characters")
        yield where, check_record(dict(zip(names, row, strict=True)), where, from_text=True)


def read_export(path: Path | str) -> list[dict[str, object]]:
    """Every record of a JSON or CSV export (told apart by content), checked; or ImportRefused."""
    path = Path(path)
    name = str(path)
    text = _read_text(path, name)
    start = text.lstrip()[:1]
    if start == "[":
        raise ImportRefused(f'{name}: is a JSON list, not a deskbreak history export ({{"format": ...}})')
    records: list[dict[str, object]] = []
    seen: dict[object, str] = {}
    for where, record in _from_json(text, name) if start == "{" else _from_csv(text, name):
        first = seen.setdefault(record["id"], where)
        if first != where:
            earlier = first.removeprefix(name).strip()
            raise ImportRefused(f'{where}: "id" {record["id"]} appears twice (also at {earlier})')
        records.append(record)
    return records
