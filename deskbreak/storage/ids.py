"""Row ids handed out before the row is written, and where each landed in the current file.

The log gives every reminder and break its id at once, even while the file cannot be written,
so `answer()` and `break_finished()` can refer to it later. Normally the id is also the row's
id in the file. If the rows have to go to another file (the old one was deleted, or replaced
by another deskbreak database that already uses those ids) each keeps its id where that is
free there and otherwise gets the next free one; this map remembers which, for as long as that
file is in use.
"""

from __future__ import annotations

from collections.abc import Callable


class IdMap:
    def __init__(self, first_free: int) -> None:
        self._rows: dict[int, int] = {}
        self._next = first_free

    @property
    def first_free(self) -> int:
        return self._next

    def reset(self, first_free: int) -> None:
        """A (re)opened file: nothing of ours is known to be in it yet."""
        self._rows.clear()
        self._next = first_free

    def place(self, logical: int, is_free: Callable[[int], bool]) -> int:
        """The file's id for a row we are about to write: its own id whenever that is free there."""
        found = self._rows.get(logical)
        if found is None:
            taken = set(self._rows.values())
            found = logical
            if found in taken or not is_free(found):
                found = self._next
                while found in taken or not is_free(found):
                    found += 1
            self._rows[logical] = found
            self._next = max(self._next, found + 1)
        return found

    def pin(self, logical: int, file_id: int) -> int:
        """The row is already in this file under `file_id` (found by its uid): keep writing it there."""
        self._rows[logical] = file_id
        self._next = max(self._next, file_id + 1)
        return file_id

    def find(self, logical: int) -> int:
        """The file's id of a row written earlier (unknown rows: the same id)."""
        return self._rows.get(logical, logical)

    def placed(self) -> set[int]:
        """The file ids of the rows this run has written to this file."""
        return set(self._rows.values())
