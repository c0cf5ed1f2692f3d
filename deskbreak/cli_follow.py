"""`deskbreak status --follow`: a line per change, pushed by the app, for status bars and prompts.

The app writes a status line when its state changes (app/ipc_follow); between those, the minute
of sitting shown is advanced here from the last status and the monotonic time since it came, and
reprinted when it changes. Nothing polls the app. Without --wait, the app quitting ends this with
exit status 3 (after a last "not running" line for json and waybar); with --wait it says so and
looks for the app again every few seconds. Ctrl+C ends it with 0, as does its reader going away.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime
from typing import Any

from .cli_status import (
    EXIT_ERROR,
    EXIT_NOT_RUNNING,
    NOT_RUNNING,
    RETRY_SECONDS,
    advanced,
    form_of,
    line,
    next_print_in,
    not_running_line,
)

FIRST_LINE_SECONDS = 5.0  # the app answers a follow at once; this long means something is wrong


class _Gone(Exception):
    """The app closed the connection (it quit, or was killed)."""


def _emit(text: str | None) -> None:
    if text is not None:
        print(text, flush=True)


def _session(stream: Any, form: str) -> int:
    """Print what the app sends, and the minute updates between; returns an exit status when the
    app answered with an error, raises _Gone when it went away."""
    from .app.ipc import NotRunning

    try:
        status = stream.next(FIRST_LINE_SECONDS)
        if status is None:
            print(f"deskbreak: no status came in {FIRST_LINE_SECONDS:.0f} s", file=sys.stderr)
            return EXIT_ERROR
        if not status.pop("ok", False):
            print(f"deskbreak: {status.get('error')}", file=sys.stderr)
            return EXIT_ERROR
        came = time.monotonic()
        _emit(line(status, form, datetime.now().astimezone()))
        while True:
            shown = advanced(status, time.monotonic() - came)
            fresh = stream.next(next_print_in(shown))
            if fresh is None:  # no change: the minute shown moves on
                shown = advanced(status, time.monotonic() - came)
            else:
                fresh.pop("ok", None)
                status, came, shown = fresh, time.monotonic(), fresh
            _emit(line(shown, form, datetime.now().astimezone()))
    except NotRunning as exc:
        raise _Gone from exc


def follow(args: Any) -> int:
    """The whole of `status --follow [--format F] [--wait]`: its exit status."""
    form, wait = form_of(args), bool(args.wait)
    from .app.ipc import NotRunning
    from .app.ipc import follow as open_follow
    from .app.paths import resolve_paths

    name = resolve_paths().server_name
    said = False  # "not running" is said once per absence, not every few seconds
    quit_ = False  # the app went away while followed
    try:
        while True:
            try:
                stream = open_follow(name)
            except NotRunning:
                stream = None
            except (OSError, TimeoutError) as exc:
                print(f"deskbreak: cannot reach the running app ({exc})", file=sys.stderr)
                if not wait:
                    return EXIT_ERROR
                stream = None
            if stream is not None:
                said = False
                try:
                    code = _session(stream, form)
                except _Gone:
                    code, quit_ = None, True
                except ValueError as exc:  # a broken line
                    print(f"deskbreak: a broken status line ({exc})", file=sys.stderr)
                    code = EXIT_ERROR
                finally:
                    stream.close()
                if code is not None:
                    return code
            if not said:
                if form != "text" or wait:  # in a terminal, stderr says it
                    _emit(not_running_line(form))
                reason = "deskbreak quit" if quit_ else NOT_RUNNING
                print(f"{reason}{'; waiting for it' if wait else ''}.", file=sys.stderr, flush=True)
                said, quit_ = True, False
            if not wait:
                return EXIT_NOT_RUNNING
            time.sleep(RETRY_SECONDS)
    except KeyboardInterrupt:
        return 0
    except BrokenPipeError:
        # The reader went away (a bar reloading, `| head -1`): leave quietly, and keep Python's
        # own flush at exit from complaining about the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
