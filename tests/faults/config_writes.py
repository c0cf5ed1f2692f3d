"""config.toml contents and ways of writing them, good and bad, drawn from a seeded random."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

BOM = b"\xef\xbb\xbf"
SYNTAX_ERRORS = (
    b'sit_limit = "2h',
    b"sit_limit = ",
    b"[[[",
    b"x = = 1",
    b'sit_limit = "2h"\nsit_limit = "3h"\n',  # a key given twice is a TOML error
    b"\x00\x01\x02",
    b"\xff\xfe not utf-8",
    b'notifications = false\nroutine = "quick-test\n',
)
BAD_VALUES = (
    b'sit_limit = "9999999999999999999999h"',
    b'sit_limit = "0s"',
    b'sit_limit = "-5m"',
    b'sit_limit = "nan"',
    b"sit_limit = 5",
    b"sit_limit = nan",
    b"sit_limit = true",
    b"sit_limit = [1, 2]",
    b'sit_limit = "' + b"9" * 100_000 + b'h"',
    b'notifications = "yes"',
    b"routine = 42",
    b'routine = "' + b"x" * 1_000_000 + b'"',
    b"no_such_setting = 1",
)
VALID_SIT_LIMITS = ("1h", "2h", "90m", "3h", "4h30m", "8h")
KINDS = ("valid", "crlf", "bom", "bom_crlf", "syntax_error", "bad_value", "empty")
WAYS = ("in_place", "in_place", "in_place", "partial", "truncated", "replace", "delete")


# These tests run at whatever hour CI runs them: counting stays on at any hour and day.
ALWAYS = b'work_days = "every day"\nwork_hours = "always"\n'


def valid(sit_limit: str, rng: random.Random | None = None) -> bytes:
    lines = [f'sit_limit = "{sit_limit}"', "notifications = false", 'routine = "quick-test"']
    lines += ['work_days = "every day"', 'work_hours = "always"']
    if rng is not None and rng.random() < 0.5:
        lines.append(f'snooze = "{rng.choice(("1m", "5m", "10m"))}"')
    if rng is not None:
        rng.shuffle(lines)
    return ("\n".join(lines) + "\n").encode()


def content(rng: random.Random, kind: str) -> bytes:
    body = valid(rng.choice(VALID_SIT_LIMITS), rng)
    if kind == "valid":
        return body
    if kind == "crlf":
        return body.replace(b"\n", b"\r\n")
    if kind == "bom":
        return BOM + body
    if kind == "bom_crlf":
        return BOM + body.replace(b"\n", b"\r\n")
    if kind == "syntax_error":
        return rng.choice(SYNTAX_ERRORS)
    if kind == "bad_value":
        return ALWAYS + b"notifications = false\n" + rng.choice(BAD_VALUES) + b"\n"
    if kind == "empty":
        return b""
    raise ValueError(kind)


def write(path: Path, data: bytes, way: str) -> None:
    """Write `data` to `path` the way an editor, a sync tool or a crash would."""
    if way == "in_place":
        path.write_bytes(data)
    elif way == "partial":  # two writes with a gap: a reader may see the first half only
        with path.open("wb") as file:
            file.write(data[: len(data) // 2])
            file.flush()
            time.sleep(0.001)
            file.write(data[len(data) // 2 :])
    elif way == "truncated":  # the writer died half way
        path.write_bytes(data[: len(data) // 2])
    elif way == "replace":  # save to a temporary file, rename over the old one
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    elif way == "delete":
        path.unlink(missing_ok=True)
    else:
        raise ValueError(way)
