"""Replacing a file whole or not at all: a temporary file beside it, flushed to disk, renamed
over the original, and the folder synced so the rename itself survives a power cut. A reader
(or a crash at any moment) sees the old file or the new one, never a half-written one. Used for
config.toml, exports, the autostart entry and the launcher files."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["replace_file", "replacing_text"]


def replace_file(path: Path, data: bytes, *, follow_symlinks: bool = True) -> None:
    """Write `data` as `path`, creating its folders; OSError on failure, with the old file
    untouched. An existing file keeps its permission bits. A symlink's target is replaced (a
    config.toml kept in a dotfiles folder), or with follow_symlinks=False the link itself (files
    deskbreak owns, such as the launcher, which must not write into wherever a link points)."""
    target = Path(os.path.realpath(path)) if follow_symlinks else Path(os.path.abspath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    with _replacing(path, target, "wb", None, into_streams=follow_symlinks) as stream:
        stream.write(data)


def replacing_text(path: Path) -> contextlib.AbstractContextManager[IO[str]]:
    """A UTF-8 text stream that becomes `path` when the block ends without an exception; its
    folder must exist (an export to a mistyped folder fails rather than making it). A pipe or
    device (`--output /dev/stdout`, a FIFO) is written to directly, never replaced."""
    return _replacing(path, Path(os.path.realpath(path)), "w", "utf-8", into_streams=True)


@contextlib.contextmanager
def _replacing(
    path: Path, target: Path, mode: str, encoding: str | None, *, into_streams: bool
) -> Iterator[IO[Any]]:
    """`target` is `path` with its links resolved, or `path` itself where a link is replaced.
    into_streams: a pipe, a device or an open stream by name is written into; else whatever the
    name is (a link to /dev/null included) is replaced by a file."""
    try:
        found = os.stat(path) if into_streams else None  # through links: /dev/stdout is one
    except OSError:
        found = None
    if found is not None and (not stat.S_ISREG(found.st_mode) or _a_stream(path)):
        with open(path, mode, encoding=encoding, newline="" if encoding else None) as stream:
            yield stream  # a pipe or a device: nothing to replace, and renaming over it would break it
        return
    kept = stat.S_IMODE(found.st_mode) if found is not None and target.is_file() else None
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


_STREAM_NAME = re.compile(r"/dev/(stdout|stderr|fd/\d+)|/proc/(self|\d+)/fd/\d+")


def _a_stream(path: Path) -> bool:
    """/dev/stdout, /dev/fd/3, /proc/self/fd/1: an open stream by name, even when it is a file
    (output redirected with `>`), which is written through, never renamed over. Other files under
    /dev (a file in /dev/shm) are replaced whole like any other."""
    return _STREAM_NAME.fullmatch(os.path.abspath(path)) is not None


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); folders cannot be opened this way on Windows."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
