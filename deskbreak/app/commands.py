"""What the running app does for each `deskbreak` command that reaches it (break-now, snooze,
pause, status, ...): one handler per command, each taking the request and giving the reply that
ipc_protocol sends back. The command line words the replies for the user."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from ..core.settings import SPEC_BY_KEY
from .controller import Controller
from .ipc_protocol import Handler

SNOOZE = SPEC_BY_KEY["snooze"]  # the range of `deskbreak snooze DURATION`


def command_handlers(
    controller: Controller,
    open_settings: Callable[[], None],
    open_review: Callable[[], object],
    quit_soon: Callable[[], None],
) -> dict[str, Handler]:
    """The handlers by command name. `quit_soon` quits once the reply has gone out."""

    def state() -> dict[str, Any]:
        return {"state": controller.policy.phase.value}

    def activate(_: dict[str, Any]) -> dict[str, Any]:
        open_settings()  # the launcher (or `deskbreak`) again: the running copy's settings
        return state()

    def settings(_: dict[str, Any]) -> dict[str, Any]:
        open_settings()
        return {"opened": True}

    def break_now(_: dict[str, Any]) -> dict[str, Any]:
        return {"opened": controller.take_break() is not None}

    def quit_app(_: dict[str, Any]) -> dict[str, Any]:
        quit_soon()
        return {"quitting": True}

    def pause(request: dict[str, Any]) -> dict[str, Any]:
        until = controller.pause(str(request.get("until", "resume")))
        forever = until is not None and until.year >= 9999
        return {"paused_until": "resume" if forever else until.isoformat() if until else None}

    def resume(_: dict[str, Any]) -> dict[str, Any]:
        controller.resume()
        return state()

    def snooze(request: dict[str, Any]) -> dict[str, Any]:
        seconds = request.get("seconds")  # None: the snooze setting
        length = timedelta(seconds=float(seconds)) if seconds is not None else None
        if length is not None and not SNOOZE.low <= length <= SNOOZE.high:  # the CLI says it better
            raise ValueError("a snooze lasts from 1 minute to 2 hours")
        return {"snoozed": controller.snooze(length), **controller.status()}

    def skip(_: dict[str, Any]) -> dict[str, Any]:
        return {"skipped": controller.skip(), **controller.status()}

    def review(_: dict[str, Any]) -> dict[str, Any]:
        open_review()
        return {"opened": True}

    return {
        "status": lambda _: controller.status(),
        "break-now": break_now,
        "review": review,
        "pause": pause,
        "resume": resume,
        "snooze": snooze,
        "skip": skip,
        "quit": quit_app,
        "activate": activate,
        "settings": settings,
    }
