"""The command protocol both transports speak: one JSON request line in, one JSON reply line out.

Shared by ipc_unix and ipc_qt (which import only this module) and re-exported by the ipc facade.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from typing import Any, Protocol

log = logging.getLogger("deskbreak.app.ipc")

Handler = Callable[[dict[str, Any]], dict[str, Any]]
MAX_REQUEST = 64 * 1024
CLIENT_TIMEOUT_MS = 5000  # a client that connects and says nothing is dropped after this


class NotRunning(Exception):
    """No deskbreak instance answers on this data folder."""


class CommandServer(Protocol):
    def close(self) -> None: ...


def answer(raw: bytes, handlers: Mapping[str, Handler]) -> bytes:
    """The reply line for one request line; never raises."""
    try:
        request = json.loads(raw)
        command = str(request["cmd"])
        handler = handlers[command]
    except Exception:  # malformed JSON, a non-object, nesting too deep: all just bad requests
        reply: dict[str, Any] = {"ok": False, "error": f"unknown request {raw[:80]!r}"}
    else:
        try:
            reply = {"ok": True, **handler(request)}
        except Exception as exc:  # a failing command must not take the tray app down
            log.exception("command %s failed", command)
            reply = {"ok": False, "error": str(exc)}
    return json.dumps(reply).encode() + b"\n"


def request_line(command: str, extra: dict[str, Any]) -> bytes:
    return json.dumps({"cmd": command, **extra}).encode() + b"\n"


def parse_reply(data: bytes) -> dict[str, Any]:
    reply: dict[str, Any] = json.loads(data)
    return reply
