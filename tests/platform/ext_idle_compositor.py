"""A stand-in Wayland compositor offering ext_idle_notifier_v1 (v2) and a wl_seat, nothing else.

Written with pywayland's server side, so the client side of ext-idle-notify-v1 can be tested
where no real compositor has it (Debian 12's sway 1.7 offers only org_kde_kwin_idle). It runs
as its own process, listening on WAYLAND_DISPLAY under XDG_RUNTIME_DIR, and takes commands on
stdin, one a line, answering each with one JSON line on stdout:

    list             -> {"notifications": [{"timeout_ms": 30000, "input_only": true, "idle": false}, ...]}
    idled [I]        -> every notification not idle (or the I-th) gets `idled`  ({"sent": n})
    resumed [I]      -> every idle notification (or the I-th) gets `resumed`     ({"sent": n})
    kick             -> every client is disconnected (the compositor "crashes" for it)

It prints "ready" once it listens and ends on EOF or SIGTERM. The events are sent when the test
says so, not from real input: what is real is the socket, libwayland on both sides and the
protocol's messages.

pywayland's server side does not reach request handlers (see _requests_raw) and does not decode a
request's new_id and object arguments (it treats them as client proxies), so the notifier's
requests are decoded here from the raw wl_argument array.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from pywayland import lib
from pywayland.protocol.ext_idle_notify_v1 import (
    ExtIdleNotificationV1,
    ExtIdleNotifierV1,
)
from pywayland.protocol.wayland import WlSeat
from pywayland.server import Display, EventLoop


def _requests_raw(resource: Any) -> None:
    """Let pywayland's dispatcher reach this resource's request handlers, with raw arguments.

    pywayland 0.4 registers a resource's Python handle as its data but not as its
    implementation, which is what libwayland hands the dispatcher: re-register it as both.
    """
    resource.dispatcher.messages = [_Raw(m) for m in resource.dispatcher.messages]
    lib.wl_resource_set_dispatcher(
        resource._ptr, lib.dispatcher_func, resource._handle, resource._handle, lib.resource_destroy_func
    )


class _Raw:
    """Stands in for a request's Message: hands the handler the raw C argument array."""

    def __init__(self, message: Any) -> None:
        self.name = message.name

    def c_to_arguments(self, args: Any) -> list[Any]:
        return [args]


class Compositor:
    def __init__(self) -> None:
        self.display = Display()
        self.notifications: list[dict[str, Any]] = []
        self.resources: list[Any] = []  # every resource made, kept alive
        seat = WlSeat.global_class(self.display, 1)
        seat.bind_func = self._bind_seat
        notifier = ExtIdleNotifierV1.global_class(self.display, 2)
        notifier.bind_func = self._bind_notifier
        self.globals = [seat, notifier]

    def _bind_seat(self, resource: Any) -> None:
        self.resources.append(resource)
        resource.capabilities(3)  # pointer and keyboard

    def _bind_notifier(self, resource: Any) -> None:
        self.resources.append(resource)
        _requests_raw(resource)
        resource.dispatcher["destroy"] = lambda res, args: None
        resource.dispatcher["get_idle_notification"] = lambda res, args: self._make(res, args, False)
        resource.dispatcher["get_input_idle_notification"] = lambda res, args: self._make(res, args, True)

    def _make(self, manager: Any, args: Any, input_only: bool) -> None:
        new_id, timeout_ms = args[0].n, args[1].u
        client = lib.wl_resource_get_client(manager._ptr)
        resource = ExtIdleNotificationV1.resource_class(client, manager.version, new_id)
        _requests_raw(resource)
        entry = {"timeout_ms": timeout_ms, "input_only": input_only, "idle": False, "resource": resource}

        def destroyed(res: Any, _args: Any) -> None:
            entry["gone"] = True
            res.destroy()

        resource.dispatcher["destroy"] = destroyed
        self.resources.append(resource)
        self.notifications.append(entry)

    def live(self) -> list[dict[str, Any]]:
        return [n for n in self.notifications if not n.get("gone")]

    def command(self, line: str) -> dict[str, Any]:
        if line == "list":
            return {
                "notifications": [
                    {k: n[k] for k in ("timeout_ms", "input_only", "idle")} for n in self.live()
                ]
            }
        verb, _, which = line.partition(" ")
        if verb in ("idled", "resumed"):
            line = verb
            sent = 0
            chosen = self.live() if not which else [self.live()[int(which)]]
            for n in chosen:
                if n["idle"] == (line == "resumed"):
                    getattr(n["resource"], line)()
                    n["idle"] = line == "idled"
                    sent += 1
            self.display.flush_clients()
            return {"sent": sent}
        if line == "kick":
            for n in self.live():
                client = lib.wl_resource_get_client(n["resource"]._ptr)
                lib.wl_client_destroy(client)
                break
            self.notifications.clear()
            self.display.flush_clients()
            return {"kicked": True}
        return {"error": f"unknown command {line!r}"}


def main() -> int:
    compositor = Compositor()
    name = compositor.display.add_socket(os.environ.get("WAYLAND_DISPLAY", "wayland-idle-test"))
    loop: EventLoop = compositor.display.get_event_loop()
    buffer = b""
    stop = False

    def on_stdin(fd: int, mask: int, data: Any) -> int:
        nonlocal buffer, stop
        chunk = os.read(fd, 4096)
        if not chunk:
            stop = True
            return 0
        buffer += chunk
        while b"\n" in buffer:
            raw, buffer = buffer.split(b"\n", 1)
            reply = compositor.command(raw.decode().strip())
            sys.stdout.write(json.dumps(reply) + "\n")
            sys.stdout.flush()
        return 0

    source = loop.add_fd(sys.stdin.fileno(), on_stdin, EventLoop.FdMask.WL_EVENT_READABLE, None)
    sys.stdout.write(f"ready {name}\n")
    sys.stdout.flush()
    while not stop:
        compositor.display.flush_clients()
        loop.dispatch(-1)
    source.remove()
    compositor.display.destroy()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
