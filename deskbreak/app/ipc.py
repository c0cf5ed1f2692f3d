"""Talking to the running instance: the facade the app and the CLI use.

The protocol (one JSON request line in, one JSON reply line out) lives in ipc_protocol. The
transport is per platform: a Unix-domain socket where there is one (ipc_unix), else Qt's
QLocalServer (ipc_qt: a named pipe on Windows). The Unix one spares the tray app loading
QtNetwork, about 3 MiB resident all day. Both transports import ipc_protocol only, never this
module, so there is no import cycle.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any, Protocol

from .ipc_protocol import (
    CLIENT_TIMEOUT_MS,
    MAX_REQUEST,
    CommandServer,
    Following,
    Handler,
    NotRunning,
    answer,
    parse_reply,
    request_line,
)

__all__ = [
    "CLIENT_TIMEOUT_MS",
    "MAX_REQUEST",
    "CommandServer",
    "FollowStream",
    "Following",
    "Handler",
    "NotRunning",
    "answer",
    "follow",
    "parse_reply",
    "request_line",
    "send_command",
    "serve",
    "unix_sockets",
]


def unix_sockets(platform: str = sys.platform) -> bool:
    return platform != "win32"


class FollowStream(Protocol):
    def next(self, timeout: float) -> dict[str, Any] | None: ...

    def close(self) -> None: ...


def serve(name: str, handlers: Mapping[str, Handler], feed: Following | None = None) -> CommandServer:
    """Start answering commands under `name` (we hold the instance lock, so it is ours); with a
    feed (ipc_follow.StatusFeed), also serve followers of the status."""
    if unix_sockets():
        from .ipc_unix import UnixCommandServer

        return UnixCommandServer(name, handlers, feed)
    from .ipc_qt import QtCommandServer

    return QtCommandServer(name, handlers, feed)


def follow(name: str, timeout_ms: int = 3000) -> FollowStream:
    """Ask the running instance for status lines as its status changes (for the CLI)."""
    if unix_sockets():
        from .ipc_unix import UnixFollow

        return UnixFollow(name, timeout_ms)
    from .ipc_qt import QtFollow

    return QtFollow(name, timeout_ms)


def send_command(name: str, command: str, timeout_ms: int = 3000, **extra: Any) -> dict[str, Any]:
    """Send one command to the running instance and return its reply (blocking, for the CLI)."""
    if unix_sockets():
        from .ipc_unix import send_unix

        return send_unix(name, request_line(command, extra), timeout_ms)
    from .ipc_qt import send_qt

    return send_qt(name, request_line(command, extra), timeout_ms)
