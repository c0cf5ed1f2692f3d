"""Where deskbreak keeps its files: the platform's user dirs, or DESKBREAK_HOME for everything."""

from __future__ import annotations

import os
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

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
        return self.data_dir / "deskbreak.lock"

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
    return Paths(
        config_dir=platformdirs.user_config_path(APP_NAME, appauthor=False),
        data_dir=platformdirs.user_data_path(APP_NAME, appauthor=False),
    )
