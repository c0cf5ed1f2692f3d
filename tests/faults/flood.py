"""Malformed and oversized messages for the app's command socket, drawn from a seeded random.

Never a valid command that changes anything (`quit`, `break-now`): only requests the app must
refuse, drop or time out. Each message is (kind, payload, how the client behaves).
"""

from __future__ import annotations

import contextlib
import json
import random
from dataclasses import dataclass

from deskbreak.app.ipc import MAX_REQUEST

KINDS = (
    "garbage",  # random bytes ending in a newline (NULs, invalid UTF-8)
    "huge_line",  # more than MAX_REQUEST bytes, with or without a newline at the end
    "invalid_json",  # near-JSON that does not parse, or parses to the wrong shape
    "unknown_command",  # well-formed JSON naming a command that does not exist
    "silent",  # connects and says nothing, held open until the flood ends
    "half_line",  # part of a request, then the client hangs up
    "half_line_held",  # part of a request, then silence, held open until the flood ends
    "pipelined",  # several lines in one write: only the first may be answered
)

NEAR_JSON = (
    b'{"cmd": "status"',
    b'{"cmd": status}',
    b"{'cmd': 'status'}",
    b"[]",
    b"null",
    b'"status"',
    b"42",
    b'{"cmd": null}',
    b'{"cmd": ["quit"]}',
    b'{"cmd": {"quit": 1}}',
    b'{"command": "quit"}',
    b'{"cmd": "quit", "cmd": 1}',
    b"\xef\xbb\xbf{}",
    b"{" * 5000,
    b"[" * 60000,
    b'{"cmd": "' + "\u202e".encode() * 1000 + b'"}',
    b"\x00" * 100,
    b"",
)


@dataclass(frozen=True)
class Message:
    kind: str
    payload: bytes
    hold: bool = False  # keep the connection open, silent, until the flood ends
    expect_reply: bool = False  # a complete line below the size limit: must get {"ok": false}


def unknown_command(rng: random.Random) -> bytes:
    name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz-_ ") for _ in range(rng.randint(1, 40)))
    if name.strip() in ("status", "quit", "break-now", "activate"):
        name += "?"
    extra = {"arg": "x" * rng.randint(0, 2000)} if rng.random() < 0.5 else {}
    return json.dumps({"cmd": name, **extra}).encode()


def message(rng: random.Random, kind: str) -> Message:
    if kind == "garbage":
        body = bytes(rng.randrange(256) for _ in range(rng.randint(1, 512))).replace(b"\n", b" ")
        return Message(kind, body + b"\n", expect_reply=True)
    if kind == "huge_line":
        size = rng.choice((MAX_REQUEST + 1, MAX_REQUEST + 4096, 256 * 1024, 2 * 1024 * 1024))
        body = json.dumps({"cmd": "status", "pad": "x" * size}).encode()
        return Message(kind, body + (b"\n" if rng.random() < 0.5 else b""))
    if kind == "invalid_json":
        return Message(kind, rng.choice(NEAR_JSON) + b"\n", expect_reply=True)
    if kind == "unknown_command":
        return Message(kind, unknown_command(rng) + b"\n", expect_reply=True)
    if kind == "silent":
        return Message(kind, b"", hold=True)
    if kind in ("half_line", "half_line_held"):
        line = json.dumps({"cmd": "status"}).encode()
        return Message(kind, line[: rng.randint(1, len(line) - 1)], hold=kind == "half_line_held")
    if kind == "pipelined":
        lines = [unknown_command(rng) for _ in range(rng.randint(2, 20))]
        return Message(kind, b"\n".join(lines) + b"\n", expect_reply=True)
    raise ValueError(kind)


def flood(rng: random.Random, count: int) -> list[Message]:
    """`count` messages, each kind equally often (a quarter are held open), in a random order."""
    kinds = [KINDS[i % len(KINDS)] for i in range(count)]
    rng.shuffle(kinds)
    return [message(rng, kind) for kind in kinds]


def fire(path: str, seed: int, count: int) -> int:
    """Send `count` messages as fast as possible, not waiting for replies; returns how many
    connects found the listen queue full (run as a separate process to flood concurrently)."""
    import socket
    import time

    full = 0
    held: list[socket.socket] = []
    for msg in flood(random.Random(seed), count):
        while True:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(5.0)
            try:
                sock.connect(path)
                break
            except BlockingIOError:
                sock.close()
                full += 1
                time.sleep(0.001)
        with contextlib.suppress(OSError):  # an oversized request is hung up on
            sock.sendall(msg.payload)
        if msg.hold:
            held.append(sock)
        else:
            sock.close()
    for sock in held:
        sock.close()
    return full


if __name__ == "__main__":
    import sys

    print(fire(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
