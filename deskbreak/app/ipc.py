"""Talking to the running instance: one JSON request line in, one JSON reply line out.

The transport is per platform: a Unix-domain socket where there is one (ipc_unix), else Qt's
QLocalServer (ipc_qt: a named pipe on Windows). The Unix one spares the tray app loading
QtNetwork, about 3 MiB resident all day.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from typing import Any, Protocol

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], dict[str, Any]]
MAX_REQUEST = 64 * 1024
CLIENT_TIMEOUT_MS = 5000  # a client that connects and says nothing is dropped after this


class NotRunning(Exception):
    """No deskbreak instance answers on this data folder."""


class CommandServer(Protocol):
    def close(self) -> None: ...


def answer(raw: bytes, handlers: dict[str, Handler]) -> bytes:
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


def unix_sockets(platform: str = sys.platform) -> bool:
    return platform != "win32"


def serve(name: str, handlers: dict[str, Handler]) -> CommandServer:
    """Start answering commands under `name` (we hold the instance lock, so it is ours)."""
    if unix_sockets():
        from .ipc_unix import UnixCommandServer

        return UnixCommandServer(name, handlers)
    from .ipc_qt import QtCommandServer

    return QtCommandServer(name, handlers)


def send_command(name: str, command: str, timeout_ms: int = 3000, **extra: Any) -> dict[str, Any]:
    """Send one command to the running instance and return its reply (blocking, for the CLI)."""
    if unix_sockets():
        from .ipc_unix import send_unix

        return send_unix(name, request_line(command, extra), timeout_ms)
    from .ipc_qt import send_qt

    return send_qt(name, request_line(command, extra), timeout_ms)
