"""Where deskbreak keeps its files: the platform's user dirs, or DESKBREAK_HOME for everything.

Settings and history live in the config and data folders. The instance lock and the command
socket live in a per-user runtime folder that only this user can open (see :func:`runtime_dir`),
so another user can neither command the app nor take its lock, and a read-only data folder is
never mistaken for "already running".
"""

from __future__ import annotations

import os
import stat
import sys
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "deskbreak"
HOME_ENV = "DESKBREAK_HOME"


@dataclass(frozen=True)
class Paths:
    config_dir: Path
    data_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def routines_dir(self) -> Path:
        return self.config_dir / "routines"

    @property
    def database(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def lock_file(self) -> Path:
        """The instance lock, beside the command socket in the private runtime folder.

        Raises RuntimeDirError (an OSError) when no private folder can be had."""
        return runtime_dir(self.server_name) / f"{self.server_name}.lock"

    @property
    def server_name(self) -> str:
        """The local IPC name: one per user and data folder, so test homes never collide."""
        # crc32, not hashlib: a name needs no cryptography, and hashlib costs ~0.7 MiB resident.
        key = f"{_user()}:{self.data_dir}".encode()
        return f"{APP_NAME}-{zlib.crc32(key):08x}{len(key):03x}"


def _user() -> str:
    """Who we run as, without getpass (which loads termios into a process that never prompts)."""
    for name in ("USER", "LOGNAME", "USERNAME"):
        if value := os.environ.get(name):
            return value
    return str(os.getuid()) if hasattr(os, "getuid") else "user"


def resolve_paths(environ: Mapping[str, str] = os.environ) -> Paths:
    home = environ.get(HOME_ENV, "").strip()
    if home:
        root = Path(home).expanduser().resolve()
        return Paths(config_dir=root, data_dir=root)
    # Imported only here and for Windows' runtime folder: ~0.2 MiB resident (tests/bench) that a
    # DESKBREAK_HOME, and every Unix runtime folder, does without.
    import platformdirs

    return Paths(
        config_dir=platformdirs.user_config_path(APP_NAME, appauthor=False),
        data_dir=platformdirs.user_data_path(APP_NAME, appauthor=False),
    )


RUN_USER = "/run/user"
FALLBACK_TMP = "/tmp"
MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux, 104 on macOS


class RuntimeDirError(PermissionError):
    """No folder private to this user for the lock and the socket; the message says which and why."""


def _private(st: os.stat_result, uid: int) -> bool:
    return stat.S_ISDIR(st.st_mode) and st.st_uid == uid and not st.st_mode & 0o077


def runtime_dir(name: str, environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> Path:
    """The per-user folder for `name`'s lock and socket (created if needed; only we can open it).

    XDG_RUNTIME_DIR when it is a folder of ours with no group/other permissions and the socket
    path fits (sun_path is short); else <tmp>/deskbreak-<uid>, created 0700 and checked (without
    following a symlink) to be ours and private. On Windows: the user's own runtime folder.
    """
    if platform == "win32" or not hasattr(os, "getuid"):
        import platformdirs

        folder = platformdirs.user_runtime_path(APP_NAME, appauthor=False)
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    uid = os.getuid()
    # The same folder whatever the environment says, as far as possible: a shell without
    # XDG_RUNTIME_DIR (su, ssh, cron) must find the app the desktop session started, and never
    # start a second one beside it. /run/user/<uid> is what XDG_RUNTIME_DIR normally is.
    for runtime in (environ.get("XDG_RUNTIME_DIR", ""), f"{RUN_USER}/{uid}"):
        if not runtime or not os.path.isabs(runtime):
            continue
        path = Path(runtime)
        try:
            usable = _private(path.stat(), uid)
        except OSError:
            usable = False
        if usable and len(os.fsencode(path / f"{name}.sock")) <= MAX_SOCKET_PATH:
            return path
    folder = Path(FALLBACK_TMP) / f"{APP_NAME}-{uid}"  # not TMPDIR: that differs between shells
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise RuntimeDirError(f"cannot create {folder} for the lock and command socket: {exc}") from exc
    st = folder.lstat()
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != uid:
        raise RuntimeDirError(
            f"{folder} is not a folder owned by this user (uid {uid}); it holds deskbreak's lock and "
            f"command socket, so it must be yours alone: remove it or set XDG_RUNTIME_DIR to a 0700 folder"
        )
    if st.st_mode & 0o077:  # ours, but opened up (chmod): make it private again
        folder.chmod(0o700)
    return folder
