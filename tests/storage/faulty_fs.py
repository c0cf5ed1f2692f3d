"""Real broken folders for the storage tests: a tiny disk, a read-only folder.

Root ignores file permissions, so as root a read-only folder is a read-only bind mount of the
folder onto itself (the kernel then refuses every change with EROFS, whoever asks); as any
other user it is chmod.
A full disk is a tmpfs of a few hundred KiB. Where mounting is not permitted the test skips.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True, check=False)


@contextmanager
def tmpfs(folder: Path, size_kib: int) -> Iterator[Path]:
    """A fresh tmpfs of `size_kib` mounted on `folder` (skips the test if mounting is not allowed)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = _mount("-t", "tmpfs", "-o", f"size={size_kib}k,mode=0755", "tmpfs", str(folder))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


class ReadOnlySwitch:
    """Makes a folder read-only and writable again, for real.

    As root: a read-only bind mount of the folder onto itself (files already open stay open,
    as on a real remount, but nothing can be created or changed through the path: EROFS).
    """

    def __init__(self, folder: Path, *, as_root: bool) -> None:
        self.folder = folder
        self.as_root = as_root
        self.mounted = False

    def read_only(self) -> None:
        if not self.as_root:
            self.folder.chmod(0o555)
            return
        # Made read-only aside, then moved over the folder in one step: a process writing in the
        # folder meanwhile never sees a half-made mount (and never makes the remount "busy").
        stage = self.folder.with_name(self.folder.name + ".ro-stage")
        stage.mkdir(exist_ok=True)
        steps = (
            ("--bind", str(self.folder), str(stage)),
            ("-o", "remount,bind,ro", str(stage)),
            ("--move", str(stage), str(self.folder)),
        )
        for n, args in enumerate(steps):
            done = _mount(*args)
            if done.returncode != 0:
                if n:
                    subprocess.run(["umount", "-l", str(stage)], capture_output=True, check=False)
                stage.rmdir()
                pytest.skip(f"cannot make a read-only bind mount here: {done.stderr.strip()}")
        stage.rmdir()
        self.mounted = True

    def writable(self) -> None:
        if not self.as_root:
            self.folder.chmod(0o755)
        elif self.mounted:
            # lazy: a process may still hold a file opened through the read-only view
            subprocess.run(["umount", "-l", str(self.folder)], capture_output=True, check=True)
            self.mounted = False


@contextmanager
def switchable_folder(folder: Path) -> Iterator[ReadOnlySwitch]:
    """A folder that the test can make read-only and writable again."""
    folder.mkdir(parents=True, exist_ok=True)
    switch = ReadOnlySwitch(folder, as_root=os.geteuid() == 0)
    try:
        yield switch
    finally:
        switch.writable()


def fill(folder: Path, leave_bytes: int = 0) -> Path:
    """Fill the disk under `folder` (up to `leave_bytes` free); returns the filler file to delete."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as out:  # unbuffered: no flush at close to fail
        chunk = b"\0" * 4096
        try:
            while True:
                free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
                if free <= leave_bytes:
                    break
                out.write(chunk[: max(1, min(len(chunk), free - leave_bytes))])
        except OSError:
            pass
    return filler
