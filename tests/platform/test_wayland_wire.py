"""deskbreak's own Wayland wire client (platform/wayland_wire.py): the encoder and decoder
(property-based: any arguments, any message sequence cut at any byte boundaries), and the
connection's display, registry and callback handling over a socketpair where the test plays the
compositor byte by byte."""

from __future__ import annotations

import os
import socket
import struct
import time
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreak.platform import wayland_wire as wire

U32 = st.integers(0, 2**32 - 1)
ARGS = {
    "i": st.integers(-(2**31), 2**31 - 1),
    "u": U32,
    "o": U32,
    "n": U32,
    "f": st.integers(-(2**31), 2**31 - 1).map(lambda raw: raw / 256),
    "s": st.none() | st.text(st.characters(exclude_characters="\0", exclude_categories=("Cs",))),
    "a": st.binary(max_size=64),
}


@st.composite
def signed_args(draw: st.DrawFn) -> tuple[str, list[wire.Arg]]:
    signature = draw(st.text(alphabet="iuonfsa", max_size=8))
    return signature, [draw(ARGS[kind]) for kind in signature]


@st.composite
def messages(draw: st.DrawFn) -> tuple[int, int, bytes]:
    signature, args = draw(signed_args())
    return draw(U32), draw(st.integers(0, 0xFFFF)), wire.pack(signature, *args)


@given(signed_args())
def test_arguments_survive_pack_and_unpack(case: tuple[str, list[wire.Arg]]) -> None:
    signature, args = case
    payload = wire.pack(signature, *args)
    assert len(payload) % 4 == 0
    assert wire.unpack(signature, payload) == args


@given(st.text(st.characters(exclude_characters="\0", exclude_categories=("Cs",)), max_size=40))
def test_a_string_is_its_length_with_the_nul_then_the_bytes_padded_to_four(text: str) -> None:
    data = text.encode()
    payload = wire.pack("s", text)
    (length,) = struct.unpack_from("=I", payload)
    assert length == len(data) + 1
    assert payload[4 : 4 + length] == data + b"\0"
    assert len(payload) == 4 + (length + 3) // 4 * 4
    assert payload[4 + length :] == b"\0" * (len(payload) - 4 - length)


def test_a_null_string_is_a_zero_length() -> None:
    assert wire.pack("s", None) == b"\0\0\0\0"
    assert wire.unpack("s", b"\0\0\0\0") == [None]


@given(st.lists(messages(), max_size=12), st.data())
def test_messages_cut_anywhere_decode_to_the_same_messages(
    sent: list[tuple[int, int, bytes]], data: st.DataObject
) -> None:
    stream = b"".join(wire.encode(*message) for message in sent)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=10)))
    decoder = wire.Decoder()
    received: list[tuple[int, int, bytes]] = []
    for start, end in zip([0, *cuts], [*cuts, len(stream)], strict=True):
        decoder.feed(stream[start:end])
        received.extend(decoder.messages())
    assert received == sent
    assert decoder.pending == 0


def test_the_header_is_the_id_then_size_and_opcode() -> None:
    message = wire.encode(7, 3, wire.pack("u", 9))
    assert message == struct.pack("=III", 7, 12 << 16 | 3, 9)


@pytest.mark.parametrize("size", [0, 4, 10])
def test_a_malformed_header_is_an_error(size: int) -> None:
    decoder = wire.Decoder()
    decoder.feed(struct.pack("=II", 1, size << 16) + b"\0" * 8)
    with pytest.raises(wire.WaylandError, match="malformed"):
        list(decoder.messages())


def test_unpack_rejects_a_short_or_overrunning_message() -> None:
    with pytest.raises(wire.WaylandError):
        wire.unpack("uu", b"\0" * 4)
    with pytest.raises(wire.WaylandError):
        wire.unpack("s", struct.pack("=I", 9) + b"abcd")
    with pytest.raises(wire.WaylandError, match="NUL"):
        wire.unpack("s", struct.pack("=I", 4) + b"abcd")


def test_encode_and_pack_refuse_what_the_wire_cannot_carry() -> None:
    with pytest.raises(ValueError):
        wire.encode(1, 0, b"\0" * 0x10000)
    with pytest.raises(ValueError):
        wire.pack("uu", 1)
    with pytest.raises(TypeError):
        wire.pack("u", "x")


# -- the connection, the test being the compositor -----------------------------------------


@pytest.fixture
def pair() -> Iterator[tuple[wire.Connection, socket.socket]]:
    client, server = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    connection = wire.Connection(client)
    yield connection, server
    connection.close()
    server.close()


def requests(server: socket.socket) -> list[tuple[int, int, bytes]]:
    decoder = wire.Decoder()
    server.settimeout(1.0)
    decoder.feed(server.recv(65536))
    return list(decoder.messages())


def test_get_registry_bind_and_sync_on_the_wire(pair: tuple[wire.Connection, socket.socket]) -> None:
    connection, server = pair
    registry = connection.get_registry(lambda *_: None)
    seat = connection.bind(registry, 5, "wl_seat", 1, None)
    connection.sync(lambda: None)
    connection.flush()
    assert (registry, seat) == (2, 3)
    assert requests(server) == [
        (1, 1, struct.pack("=I", 2)),  # wl_display.get_registry(new_id 2)
        (2, 0, wire.pack("usun", 5, "wl_seat", 1, 3)),  # wl_registry.bind
        (1, 0, struct.pack("=I", 4)),  # wl_display.sync(new_id 4)
    ]


def test_roundtrip_dispatches_events_before_done(pair: tuple[wire.Connection, socket.socket]) -> None:
    connection, server = pair
    globals_: list[wire.Arg] = []
    registry = connection.get_registry(lambda op, payload: globals_.append(wire.unpack("usu", payload)[1]))
    callback = registry + 1  # the sync's callback takes the next id
    server.sendall(
        wire.encode(registry, 0, wire.pack("usu", 1, "wl_seat", 7))
        + wire.encode(registry, 0, wire.pack("usu", 2, "org_kde_kwin_idle", 1))
        + wire.encode(callback, 0, wire.pack("u", 0))
        + wire.encode(1, 1, wire.pack("u", callback))  # delete_id: the id is free again
    )
    connection.roundtrip(1.0)
    assert globals_ == ["wl_seat", "org_kde_kwin_idle"]
    connection.read()
    connection.dispatch()
    assert connection.new_id() == callback


def test_a_partial_message_waits_for_the_rest(pair: tuple[wire.Connection, socket.socket]) -> None:
    connection, server = pair
    seen: list[int] = []
    target = connection.new_id(lambda opcode, _: seen.append(opcode))
    message = wire.encode(target, 1, wire.pack("s", "resumed"))
    server.sendall(message[:5])
    time.sleep(0.01)
    connection.read()
    assert connection.dispatch() == 0
    server.sendall(message[5:] + wire.encode(99, 0))  # then one for an object nobody handles
    time.sleep(0.01)
    connection.read()
    assert connection.dispatch() == 2
    assert seen == [1]


def test_a_protocol_error_raises(pair: tuple[wire.Connection, socket.socket]) -> None:
    connection, server = pair
    server.sendall(wire.encode(1, 0, wire.pack("ous", 3, 2, "invalid arguments")))
    with pytest.raises(wire.ProtocolError, match="invalid arguments") as caught:
        connection.roundtrip(1.0)
    assert (caught.value.object_id, caught.value.code) == (3, 2)


def test_a_closed_socket_ends_the_roundtrip(pair: tuple[wire.Connection, socket.socket]) -> None:
    connection, server = pair
    server.sendall(wire.encode(1, 1, wire.pack("u", 9)))
    server.close()
    assert connection.read() == 12  # what came before the end is still read ...
    assert connection.eof  # ... and the end is seen
    assert connection.dispatch() == 1
    with pytest.raises(wire.ConnectionLost):  # sending fails (EPIPE), or reading finds the end
        connection.roundtrip(1.0)


def test_a_silent_compositor_times_out(pair: tuple[wire.Connection, socket.socket]) -> None:
    connection, _server = pair
    started = time.monotonic()
    with pytest.raises(wire.WaylandTimeout, match="did not answer"):
        connection.roundtrip(0.1)
    assert time.monotonic() - started < 1.0


def test_connect_to_a_missing_socket_fails(tmp_path: object) -> None:
    with pytest.raises(wire.ConnectionLost):
        wire.connect(f"{tmp_path}/wayland-none")


def test_wayland_socket_is_taken_once_like_libwayland() -> None:
    client, server = socket.socketpair()
    environ = {"WAYLAND_SOCKET": str(client.detach())}
    fd = wire.take_socket_fd(environ)
    assert fd is not None and "WAYLAND_SOCKET" not in environ
    assert not os.get_inheritable(fd)
    connection = wire.connect(fd=fd)
    connection.get_registry(lambda *_: None)
    connection.flush()
    assert requests(server) == [(1, 1, struct.pack("=I", 2))]
    connection.close()
    server.close()
    assert wire.take_socket_fd({}) is None
    with pytest.raises(wire.ConnectionLost):
        wire.take_socket_fd({"WAYLAND_SOCKET": "nope"})
