"""Files replaced whole or not at all: an error part-way leaves the old file and no litter; an
existing file keeps its permissions; a symlinked file is replaced at its target."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from deskbreak.atomic_write import replace_file, replacing_text


def test_a_failure_part_way_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("old = 1\n")
    with pytest.raises(RuntimeError), replacing_text(path) as stream:
        stream.write("new = 2\n")
        raise RuntimeError("the writer failed")
    assert path.read_text() == "old = 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]


def test_a_new_file_and_its_folders_are_made(tmp_path):
    path = tmp_path / "a" / "b" / "entry.desktop"
    replace_file(path, b"[Desktop Entry]\n")
    assert path.read_bytes() == b"[Desktop Entry]\n"
    with replacing_text(path) as stream:
        stream.write("line\r\n")  # written as given, no newline translation
    assert path.read_bytes() == b"line\r\n"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits and symlinks")
def test_permissions_are_kept_and_a_symlink_is_followed(tmp_path):
    real = tmp_path / "dotfiles" / "config.toml"
    real.parent.mkdir()
    real.write_text("old\n")
    os.chmod(real, 0o640)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    replace_file(link, b"new\n")
    assert link.is_symlink() and real.read_text() == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_failed_rename_raises_and_changes_nothing(tmp_path, monkeypatch):
    from deskbreak import atomic_write

    path = tmp_path / "f"
    path.write_text("old")

    def no_room(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_write.os, "replace", no_room)
    with pytest.raises(OSError, match="No space"):
        replace_file(path, b"new")
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["f"]


def test_a_text_stream_needs_its_folder_to_exist(tmp_path):
    with pytest.raises(FileNotFoundError), replacing_text(tmp_path / "typo" / "export.csv") as stream:
        stream.write("never")
    assert list(tmp_path.iterdir()) == []


def test_a_file_where_a_folder_should_be_raises(tmp_path):
    (tmp_path / "plain").write_text("")
    with pytest.raises(OSError):
        replace_file(tmp_path / "plain" / "f", b"new")


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_a_file_deskbreak_owns_replaces_its_link_and_never_writes_through_it(tmp_path):
    elsewhere = tmp_path / "package" / "deskbreak.png"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(b"theirs")
    elsewhere.parent.chmod(0o500)  # where the link points cannot be written (as for a non-root user)
    link = tmp_path / "icons" / "deskbreak.png"
    link.parent.mkdir()
    link.symlink_to(elsewhere)
    try:
        replace_file(link, b"ours", follow_symlinks=False)
    finally:
        elsewhere.parent.chmod(0o700)
    assert not link.is_symlink() and link.read_bytes() == b"ours" and elsewhere.read_bytes() == b"theirs"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_is_written_to_not_replaced(tmp_path):
    import threading

    pipe = tmp_path / "export.csv"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    with replacing_text(pipe) as stream:
        stream.write("id,kind\n")
    reader.join(10)
    assert got == [b"id,kind\n"] and stat.S_ISFIFO(pipe.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]


@pytest.mark.skipif(not os.path.exists("/dev/stdout"), reason="/dev/stdout")
def test_standard_output_through_its_link_is_written_to(tmp_path, capfd):
    with replacing_text(Path("/dev/stdout")) as stream:
        stream.write("to the terminal\n")
    assert capfd.readouterr().out == "to the terminal\n" and os.path.islink("/dev/stdout")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="/dev/null")
def test_a_file_deskbreak_owns_linked_to_dev_null_is_replaced_not_written_into(tmp_path):
    masked = tmp_path / "autostart" / "deskbreak.desktop"
    masked.parent.mkdir()
    masked.symlink_to("/dev/null")  # how some people mask an autostart entry
    replace_file(masked, b"[Desktop Entry]\n", follow_symlinks=False)
    assert not masked.is_symlink() and masked.read_bytes() == b"[Desktop Entry]\n"


@pytest.mark.skipif(not os.path.isdir("/dev/shm"), reason="/dev/shm")
def test_a_plain_file_under_dev_is_still_replaced_whole(tmp_path):
    path = Path("/dev/shm") / f"deskbreak-test-{os.getpid()}.csv"
    path.write_text("old,complete\n")
    try:
        with pytest.raises(OSError), replacing_text(path) as stream:
            stream.write("partial")
            raise OSError("the history went away mid-export")
        assert path.read_text() == "old,complete\n"
    finally:
        path.unlink()
