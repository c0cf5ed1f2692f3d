"""`deskbreak install-desktop-entry [--uninstall]` and `deskbreak autostart [on|off|status]`.

pip installs no launcher and no icons, so the first command writes them for the current user:
the launcher to $XDG_DATA_HOME/applications and the icons into the user's hicolor theme. Its
Exec starts the tray app, so opening it while deskbreak runs activates the running copy.
Windows has no launcher to install, but the notifications extra leaves a registry key (the
toast app registration desktop-notifier makes): there --uninstall removes that.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from .bundled import resources_dir
from .platform.autostart import create_autostart
from .platform.autostart_base import AutostartError, launch_command, remove_file, write_whole
from .platform.autostart_linux import DesktopEntryFile, EntryState, xdg_home

EXIT_ERROR, EXIT_USAGE = 1, 2
ICON_SIZES = (16, 22, 32, 48, 64, 128)
LAUNCHER_MARKER = "X-Deskbreak-Launcher"
NOT_XDG = ("win32", "darwin", "cygwin")


def add_parsers(sub: Any) -> None:
    install = sub.add_parser(
        "install-desktop-entry",
        help="add deskbreak to the applications menu, with its icons (Linux, this user)",
        description="Install deskbreak's launcher in ~/.local/share/applications and its icons in "
        "~/.local/share/icons/hicolor ($XDG_DATA_HOME if set), for the current user only. On Windows, "
        "--uninstall removes the notification registration desktop-notifier made for deskbreak "
        "(HKEY_CURRENT_USER\\Software\\Classes\\AppUserModelId\\deskbreak).",
    )
    install.add_argument(
        "--uninstall",
        action="store_true",
        help="remove exactly the files it installs (Windows: the notification registration)",
    )
    autostart = sub.add_parser(
        "autostart",
        help="start deskbreak when you log in: on, off, or status (the default)",
        description="Linux: an entry in ~/.config/autostart; Windows: the per-user Run key; macOS: a "
        "LaunchAgent. Off removes exactly what on added.",
    )
    autostart.add_argument("action", nargs="?", choices=("on", "off", "status"), default="status")


def icon_files(data_home: Path) -> list[tuple[Path, Path]]:
    """(bundled icon, where it goes in the user's hicolor theme) for every size and the SVG."""
    icons, hicolor = resources_dir() / "icons", data_home / "icons" / "hicolor"
    pairs = [
        (icons / f"deskbreak-{n}.png", hicolor / f"{n}x{n}" / "apps" / "deskbreak.png") for n in ICON_SIZES
    ]
    return [*pairs, (icons / "deskbreak.svg", hicolor / "scalable" / "apps" / "deskbreak.svg")]


def launcher_file(data_home: Path) -> DesktopEntryFile:
    return DesktopEntryFile(data_home / "applications" / "deskbreak.desktop", LAUNCHER_MARKER)


def _refresh_caches(data_home: Path) -> None:
    """Bring the user's menu and icon caches up to date where they exist (never create one).

    Desktops watch these folders and read them without a cache; creating one would leave a
    file behind that --uninstall does not remove. A missing tool or a failure is ignored.
    """
    applications, hicolor = data_home / "applications", data_home / "icons" / "hicolor"
    for tool, args, cache in (
        ("update-desktop-database", ["-q", str(applications)], applications / "mimeinfo.cache"),
        ("gtk-update-icon-cache", ["-q", "-t", "-f", str(hicolor)], hicolor / "icon-theme.cache"),
    ):
        program = shutil.which(tool)
        if program and cache.exists():
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run([program, *args], capture_output=True, timeout=30, check=False)


def _install(uninstall: bool) -> int:
    data_home = xdg_home("XDG_DATA_HOME", ".local/share")
    launcher = launcher_file(data_home)
    trouble = []
    try:
        if not uninstall and launcher.state() is EntryState.FOREIGN:
            raise AutostartError(
                f"{launcher.path} was not written by deskbreak (or was edited since), so it was not "
                "replaced; delete it and run this again"
            )
        for source, target in icon_files(data_home):
            try:
                if uninstall:
                    remove_file(target, data_home)
                else:
                    write_whole(target, source.read_bytes())
            except AutostartError as exc:
                trouble.append(str(exc))
        if uninstall:
            launcher.remove(stop=data_home)
        else:
            launcher.write(launcher.render(launch_command()))
    except (AutostartError, OSError) as exc:
        trouble.append(str(exc))
    _refresh_caches(data_home)
    if trouble:
        print("\n".join(f"deskbreak: {line}" for line in trouble), file=sys.stderr)
        return EXIT_ERROR
    if uninstall:
        print(f"Removed deskbreak's launcher ({launcher.path}) and its icons.")
    else:
        print(f"Installed {launcher.path} and the icons in {data_home / 'icons' / 'hicolor'}.")
        print("deskbreak is in your applications menu; opened while it runs, it shows the running copy.")
    return 0


def _autostart(action: str, platform: str) -> int:
    autostart = create_autostart(platform)
    try:
        if action == "status":
            on = autostart.enabled()
            where = None if on else autostart.switched_off_in()
            state = "on" if on else f"off (switched off in {where})" if where else "off"
            print(f"Start at login: {state} ({autostart.location})")
        elif action == "on":
            autostart.enable()
            print(f"deskbreak will start when you log in ({autostart.location}).")
        else:
            was_on, where = autostart.enabled(), autostart.switched_off_in()
            autostart.disable()
            if was_on:
                print(f"deskbreak will no longer start when you log in (removed {autostart.location}).")
            elif where and autostart.switched_off_in() is None:  # gone now, not just left alone
                print(f"Removed {autostart.location}, which was switched off in {where}.")
            else:
                print("Start at login was already off.")
    except AutostartError as exc:
        print(f"deskbreak autostart: {exc}", file=sys.stderr)
        return EXIT_ERROR
    return 0


def _forget_toast_registration() -> int:
    """Windows: delete the toast registration desktop-notifier wrote for deskbreak, if there."""
    from .platform.toast_registration_windows import RegistrationError, ToastRegistration

    registration = ToastRegistration()
    try:
        removed = registration.remove()
    except RegistrationError as exc:
        print(f"deskbreak install-desktop-entry: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if removed:
        print(
            f"Removed {registration.location}, which desktop-notifier wrote so that reminders show "
            "deskbreak's name and icon (a deskbreak still running writes it again at its next reminder)."
        )
    else:
        print(f"Nothing to remove: {registration.location} is not there.")
    return 0


def run(args: argparse.Namespace, platform: str = sys.platform) -> int:
    if args.command == "autostart":
        return _autostart(args.action, platform)
    if platform == "win32" and args.uninstall:
        return _forget_toast_registration()
    if platform.startswith(NOT_XDG):
        print(
            "deskbreak install-desktop-entry: launchers and icon themes of this kind are for Linux "
            "desktops; on Windows and macOS start deskbreak from where pip installed it.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return _install(args.uninstall)
