"""The command protocol both transports speak: one JSON request line in, one JSON reply line out.

One request is different: {"cmd": "follow"} keeps its connection open, and the app writes a
status line to it now and whenever the status changes (ipc_follow), until either end closes it.

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
FOLLOW = "follow"  # the request that keeps its connection open for status lines


class NotRunning(Exception):
    """No deskbreak instance answers on this data folder."""


class CommandServer(Protocol):
    def close(self) -> None: ...


class Following(Protocol):
    """What a server needs of the status feed (ipc_follow.StatusFeed) to serve followers."""

    def add(self, key: object, write: Callable[[bytes], bool]) -> bool: ...

    def remove(self, key: object) -> None: ...


def wants_follow(raw: bytes) -> bool:
    """Whether a request line is {"cmd": "follow"}; never raises."""
    if FOLLOW.encode() not in raw:  # the cheap test first: nearly every request is something else
        return False
    try:
        request = json.loads(raw)
        return isinstance(request, dict) and request.get("cmd") == FOLLOW
    except Exception:  # malformed or too deeply nested: answer() refuses it
        return False


class LineReader:
    """Splits what arrives into lines, for a client reading a stream of status lines."""

    def __init__(self) -> None:
        self.buffer = b""

    def feed(self, chunk: bytes) -> list[dict[str, Any]]:
        self.buffer += chunk
        *lines, self.buffer = self.buffer.split(b"\n")
        if len(self.buffer) > MAX_REQUEST:
            raise ValueError("a status line too long to be one")
        return [parse_reply(line) for line in lines if line.strip()]


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
