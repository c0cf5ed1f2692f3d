"""No traceback ever reaches a user: unexpected errors go to a log file, users get one line.

Exceptions raised inside Qt slots do not stop the event loop; PySide prints them to stderr and
carries on. The hook below sends them to `deskbreak.log` in the data folder instead (or, when
that cannot be written, keeps only the one-line summary), so the app keeps running and the
details are there for a bug report.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

log = logging.getLogger(__name__)
MAX_LOG_BYTES = 1_000_000  # the log is started afresh beyond this


def write_report(
    log_file: Path, kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> bool:
    """Append one traceback to the log file; False if it cannot be written."""
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if log_file.exists() and log_file.stat().st_size > MAX_LOG_BYTES else "a"
        with log_file.open(mode, encoding="utf-8") as out:
            out.write(f"--- {datetime.now().astimezone().isoformat(timespec='seconds')}\n")
            out.write("".join(traceback.format_exception(kind, error, tb)))
        return True
    except OSError:
        return False


def summary(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text}"[:300] if text else type(error).__name__


def install(log_file: Path, say: Callable[[str], None] | None = None) -> None:
    """Route uncaught exceptions (including those in Qt slots) to `log_file`."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        saved = write_report(log_file, kind, error, tb)
        where = f"; details in {log_file}" if saved else ""
        line = f"deskbreak: an internal error was caught and the app carries on ({summary(error)}){where}"
        print(line, file=sys.stderr)
        if say is not None:
            with contextlib.suppress(Exception):  # reporting must never raise in turn
                say(line)

    sys.excepthook = hook
