"""Replacing a file whole or not at all: a temporary file beside it, flushed to disk, renamed
over the original, and the folder synced so the rename itself survives a power cut. A reader
(or a crash at any moment) sees the old file or the new one, never a half-written one. Used for
config.toml, exports, the autostart entry and the launcher files."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["replace_file", "replacing_text"]


def replace_file(path: Path, data: bytes) -> None:
    """Write `data` as `path` (or a symlink's target), creating its folders; OSError on failure,
    with the old file untouched. An existing file keeps its permission bits."""
    Path(os.path.realpath(path)).parent.mkdir(parents=True, exist_ok=True)
    with _replacing(path, "wb", None) as stream:
        stream.write(data)


def replacing_text(path: Path) -> contextlib.AbstractContextManager[IO[str]]:
    """A UTF-8 text stream that becomes `path` when the block ends without an exception; its
    folder must exist (an export to a mistyped folder fails rather than making it)."""
    return _replacing(path, "w", "utf-8")


@contextlib.contextmanager
def _replacing(path: Path, mode: str, encoding: str | None) -> Iterator[IO[Any]]:
    target = Path(os.path.realpath(path))
    kept = stat.S_IMODE(target.stat().st_mode) if target.exists() else None
    temp = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o600 if kept is not None else 0o666)  # a new file: the umask's mode
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline="" if encoding else None) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if kept is not None:
            os.chmod(temp, kept)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); folders cannot be opened this way on Windows."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
