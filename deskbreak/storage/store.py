"""The history file as the app sees it: a queue of writes that survives a disk that says no.

Every write goes into an ordered in-memory queue and is then written in one committed
transaction. While the file cannot be written (disk full, read-only, folder missing, I/O error,
not a deskbreak database) the queue keeps it, and each later write or `flush()` tries again;
once writing works, the whole backlog lands in order in one transaction. Every queued write is
idempotent (a full row by id, a key's latest value), so a retry after an ambiguous failure
cannot count anything twice.

Before each transaction the path is compared with the file that is open (device and inode):
a database deleted or moved away is recreated at the path, a replacement is checked (another
program's file or a newer schema is never written into) and, if it is a deskbreak database,
used from then on. SQLite keeps the old file open, so its inode cannot be reused meanwhile.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from . import trouble
from .database import StorageError, connect
from .file_identity import UNREACHABLE, file_id
from .ids import IdMap

log = logging.getLogger(__name__)
T = TypeVar("T")
Op = Callable[[sqlite3.Connection, IdMap], None]
REOPEN_EVERY = 30.0  # seconds between attempts to open a file that could not be opened


@dataclass
class Queued:
    op: Op
    key: str | None  # a later write with the same key replaces this one (it carries the full value)
    data: object = None  # what is written, for reading it back before it lands


def _max_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM breaks").fetchone()[0])


class HistoryStore:
    """One history file, its connection, and the writes still waiting for it."""

    def __init__(
        self,
        path: Path | None,
        conn: sqlite3.Connection | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        reopen_every: float = REOPEN_EVERY,
    ) -> None:
        self.path = path
        self.conn = conn
        self._monotonic = monotonic
        self._reopen_every = reopen_every
        self._next_open = monotonic()  # may try at once
        self._identity = file_id(path) if conn is not None and path is not None else None
        self.ids = IdMap(_max_id(conn) + 1 if conn is not None else 1)
        self.queue: list[Queued] = []
        self._why: str | None = None  # the current reason writes fail, or None
        self.notices: list[str] = []  # one-off reports (file recreated, writing works again)
        self.on_report: Callable[[str], None] | None = None
        self.on_new_file: Callable[[], None] | None = None  # a different file is now in use
        self.on_connected: Callable[[], None] | None = None  # any (re)connection
        self._changed = False  # the file at the path is not the one written so far
        self.written = 0  # queued writes that landed (for tests and the fault suite)
        self.failures = 0  # attempts to write the queue that failed
        if conn is None and path is not None:
            self._open(forced=True)

    # -- health -------------------------------------------------------------------------

    @property
    def why(self) -> str | None:
        return self._why

    @property
    def problem(self) -> str | None:
        if self._why is None:
            return None
        return trouble.problem_text(self.path, self._why, len(self.queue))

    def _report(self, text: str) -> None:
        self.notices.append(text)
        del self.notices[:-20]  # a long outage must not grow this
        if self.on_report is not None:
            try:
                self.on_report(text)
            except Exception:  # the UI failing to show it must not cost the write
                log.exception("history database: reporting failed")

    def _fail(self, exc: BaseException) -> None:
        try:
            why = trouble.cause(exc, self.path) if self.path is not None else str(exc)
        except Exception:  # working out the cause must never turn a failed write into a crash
            why = str(exc) or type(exc).__name__
        if why != self._why:
            self._why = why
            log.error("history database: %s", why)
            problem = self.problem
            assert problem is not None
            self._report(problem)

    def _recovered(self, written: int) -> None:
        if self._why is not None:
            self._why = None
            events = "1 event that waited was" if written == 1 else f"{written} events that waited were"
            self._report(f"{self.path}: saving the history works again; {events} written")

    # -- the connection -----------------------------------------------------------------

    def shrink_memory(self) -> None:
        """Hand back SQLite's page cache (~0.1 MiB after start-up); it refills from the file."""
        if self.conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA shrink_memory")

    def _drop(self) -> None:
        if self.conn is not None:
            with contextlib.suppress(sqlite3.Error):  # closing a broken file
                self.conn.close()
        self.conn = None
        self._identity = None

    def _open(self, *, forced: bool) -> bool:
        assert self.path is not None
        now = self._monotonic()
        if not forced and now < self._next_open:
            return False
        self._next_open = now + self._reopen_every
        try:
            conn = connect(self.path)
        except StorageError as exc:
            self._fail(exc.__cause__ if isinstance(exc.__cause__, sqlite3.Error | OSError) else exc)
            return False
        identity = file_id(self.path)
        if identity is None or identity == UNREACHABLE:  # gone again, or out of reach: later
            conn.close()
            return False
        self.conn, self._identity = conn, identity
        try:
            self.ids.reset(_max_id(conn) + 1)
        except sqlite3.Error as exc:
            self._drop()
            self._fail(exc)
            return False
        if self.on_connected is not None:
            self.on_connected()
        return True

    def _still_the_same_file(self) -> bool | None:
        """Check the path still leads to the open file; if not, say so and let go of the old one.
        None: the path cannot be looked at now (permission denied): keep the file, write later."""
        if self.path is None or self.conn is None:
            return self.conn is not None
        now = file_id(self.path)
        if now == self._identity:
            return True
        if now == UNREACHABLE:
            self._fail(PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self.path)))
            return None
        self._let_go()
        if now is None:
            self._report(
                f"{self.path} was deleted or moved away while deskbreak was running; "
                "a new history database is started there"
            )
        else:
            self._report(f"{self.path} was replaced by another file while deskbreak was running")
        return False

    def _let_go(self) -> None:
        """The open file is no longer the history: never write to it again, look at the path now."""
        self._drop()
        self._changed = True
        self._next_open = self._monotonic()

    def _connected(self) -> bool:
        """A usable connection to the file now at the path, opening or switching as needed."""
        if self.conn is not None:
            same = self._still_the_same_file()
            if same is None:
                return False
            if same:
                return True
        if self.path is None or not self._open(forced=False):
            return False
        if self._changed:
            self._changed = False
            if self.on_new_file is not None:
                self.on_new_file()
        return True

    # -- writing ------------------------------------------------------------------------

    def write(
        self, op: Op, key: str | None = None, data: object = None, *, flush: bool = True, first: bool = False
    ) -> bool:
        """Queue one write (in the place of a queued one with the same key) and write the queue.

        `first` puts a new write before everything queued (rows re-written to a new file).
        """
        for item in self.queue if key is not None else ():
            if item.key == key:
                item.op, item.data = op, data
                break
        else:
            self.queue.insert(0 if first else len(self.queue), Queued(op, key, data))
        return self.flush() if flush else not self.queue

    def flush(self) -> bool:
        """Write everything queued; True when nothing waits any more."""
        for _ in range(3):  # at most: a file found replaced, then the new file, then done
            if not self.queue:
                return True
            if not self._connected():
                return False
            assert self.conn is not None
            batch = list(self.queue)
            try:
                self._write_batch(self.conn, batch)
            except sqlite3.Error as exc:
                if self.conn is not None and self.conn.in_transaction:
                    try:
                        self.conn.rollback()
                    except sqlite3.Error:  # an I/O error on the journal too: start afresh later
                        self._drop()
                code = trouble.sqlite_code(exc)
                if code in (trouble.SQLITE_NOTADB, trouble.SQLITE_CORRUPT) or (
                    code == trouble.SQLITE_ERROR and "no such table" in str(exc)
                ):
                    self._let_go()  # overwritten or emptied in place: open it again, checked
                    continue
                self.failures += 1
                self._fail(exc)
                return False
            if not self._still_the_same_file():
                continue  # the file changed during the write: write it all again to the new one
            del self.queue[: len(batch)]
            self.written += len(batch)
            self._recovered(len(batch))
        return not self.queue

    def _write_batch(self, conn: sqlite3.Connection, batch: list[Queued]) -> None:
        conn.execute("BEGIN IMMEDIATE")
        for item in list(batch):
            try:
                item.op(conn, self.ids)
            except sqlite3.Error as exc:
                if trouble.is_environmental(exc):
                    raise
                # Our own statement is wrong: it would fail for ever. Drop it, keep the rest.
                log.error("history database: a write was dropped (%s)", exc)
                batch.remove(item)
                self.queue.remove(item)
            except Exception:
                # A bug in a write: it must not block the queue for good, nor leave a transaction open.
                self.queue.remove(item)
                conn.rollback()
                raise
        conn.execute("COMMIT")

    def read(self, query: Callable[[sqlite3.Connection], T]) -> T | None:
        """Run a query on the file if it can be reached (writing the queue first); else None."""
        self.flush()
        if not self._connected():
            return None
        assert self.conn is not None
        try:
            return query(self.conn)
        except sqlite3.Error as exc:
            self._fail(exc)
            return None

    def close(self) -> int:
        """Write what can be written and close; returns how many writes are lost."""
        self.flush()
        lost = len(self.queue)
        if lost:
            log.error("history database: %d event(s) could not be saved before quitting", lost)
        self._drop()
        return lost
