"""The Wayland wire format: messages to and from bytes, no socket (wayland_wire sends them).

* a message is the object id (u32), then ``size << 16 | opcode`` (u32; the size counts these 8
  bytes), then the arguments, each 32-bit aligned, in the host's byte order;
* ``i``/``u``/``f``/``o``/``n`` (int, uint, fixed 24.8, object id, new id) are 4 bytes; ``s`` (a
  string) is its length with the NUL (u32; 0 for a null string) and the bytes with the NUL,
  padded to 4; ``a`` (an array) its length and its bytes, padded. ``wl_registry.bind``'s new_id
  without an interface goes out as ``s u n`` (interface, version, id), as libwayland sends it.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

__all__ = ["HEADER", "MAX_MESSAGE", "Arg", "Decoder", "WaylandError", "encode", "pack", "unpack"]

Arg = int | float | str | bytes | None

HEADER = struct.Struct("=II")
MAX_MESSAGE = 0xFFFF  # the size field is 16 bits

_U32 = struct.Struct("=I")
_I32 = struct.Struct("=i")


class WaylandError(Exception):
    """The connection cannot be used: it broke, or a message was malformed."""


def _padded(data: bytes) -> bytes:
    return _U32.pack(len(data)) + data + b"\0" * (-len(data) % 4)


def pack(signature: str, *args: Arg) -> bytes:
    """Arguments in wire form; ``signature`` has one letter a value (i u f o n s a)."""
    if len(signature) != len(args):
        raise ValueError(f"signature {signature!r} takes {len(signature)} values, got {len(args)}")
    out = bytearray()
    for kind, value in zip(signature, args, strict=True):
        if kind == "s":
            if value is None:
                out += _U32.pack(0)
            elif isinstance(value, str):
                out += _padded(value.encode() + b"\0")
            else:
                raise TypeError(f"a string argument must be str or None, got {value!r}")
        elif kind == "a":
            if not isinstance(value, bytes):
                raise TypeError(f"an array argument must be bytes, got {value!r}")
            out += _padded(value)
        elif kind == "f" and isinstance(value, int | float):
            out += _I32.pack(round(value * 256))
        elif kind == "i" and isinstance(value, int):
            out += _I32.pack(value)
        elif kind in "uon" and isinstance(value, int):
            out += _U32.pack(value)
        elif kind == "o" and value is None:
            out += _U32.pack(0)
        else:
            raise TypeError(f"cannot send {value!r} as {kind!r}")
    return bytes(out)


def unpack(signature: str, payload: bytes) -> list[Arg]:
    """The arguments of one message's payload; WaylandError when it does not fit the signature."""
    values: list[Arg] = []
    offset = 0
    for kind in signature:
        if offset + 4 > len(payload):
            raise WaylandError(f"message too short for {signature!r}: {len(payload)} bytes")
        (word,) = _U32.unpack_from(payload, offset)
        offset += 4
        if kind in "sa":
            end = offset + word
            if end > len(payload):
                raise WaylandError(f"{kind!r} argument of {word} bytes overruns the message")
            data = payload[offset:end]
            offset = end + (-word % 4)
            if kind == "a":
                values.append(data)
            elif word == 0:
                values.append(None)
            elif data[-1:] != b"\0":
                raise WaylandError("string argument without its NUL")
            else:
                values.append(data[:-1].decode(errors="replace"))
        elif kind == "i":
            values.append(_I32.unpack_from(payload, offset - 4)[0])
        elif kind == "f":
            values.append(_I32.unpack_from(payload, offset - 4)[0] / 256)
        else:
            values.append(word)
    return values


def encode(object_id: int, opcode: int, payload: bytes = b"") -> bytes:
    """One whole message: header and payload."""
    size = HEADER.size + len(payload)
    if size > MAX_MESSAGE or len(payload) % 4:
        raise ValueError(f"a message must be 4-byte aligned and at most {MAX_MESSAGE} bytes, not {size}")
    return HEADER.pack(object_id, size << 16 | opcode) + payload


class Decoder:
    """Whole messages out of a byte stream that arrives in pieces of any size."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> None:
        self._buffer += data

    @property
    def pending(self) -> int:
        """Bytes held of a message not yet whole."""
        return len(self._buffer)

    def messages(self) -> Iterator[tuple[int, int, bytes]]:
        """(object id, opcode, payload) of each whole message so far, in order."""
        buffer = self._buffer
        while len(buffer) >= HEADER.size:
            object_id, word = HEADER.unpack_from(buffer)
            size = word >> 16
            if size < HEADER.size or size % 4:
                raise WaylandError(f"malformed message header: size {size}")
            if len(buffer) < size:
                return
            payload = bytes(buffer[HEADER.size : size])
            del buffer[:size]
            yield object_id, word & 0xFFFF, payload
