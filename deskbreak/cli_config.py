"""`deskbreak config path | get [KEY] | set KEY VALUE`: config.toml for scripts, checked as the app
checks the file. Works whether or not the app runs; a running app applies a change at once."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_FILE, EXIT_REFUSED = 1, 2


def _allowed() -> str:
    from .core.settings import SPECS

    rows = "\n".join(f"  {spec.key:<22}{spec.allowed} (default {spec.shown_default})" for spec in SPECS)
    return f"settings and their values:\n{rows}"


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    config = sub.add_parser(
        "config",
        help="show or change settings in config.toml (works without the app running)",
        description="Read or change config.toml the way the settings window does: comments, order and "
        "other lines are kept, and a running deskbreak applies a change at once.",
    )
    what = config.add_subparsers(dest="config_command", metavar="path|get|set", required=True)
    what.add_parser("path", help="print where config.toml is", description="Print the path of config.toml.")
    get = what.add_parser(
        "get",
        help="print a setting's value (all settings without KEY)",
        description="Print the value in force, as you would write it (45m, true, mon-fri): the\n"
        "file's value, or the default where the file does not set it or its value is refused\n"
        "(then the problem is said on stderr). Without KEY, every setting as a `key = value` line.",
        epilog=_allowed(),
        formatter_class=raw,
    )
    get.add_argument("key", nargs="?", metavar="KEY", help="a setting, like sit_limit")
    change = what.add_parser(
        "set",
        help="change a setting in config.toml, checked first",
        description="Set KEY to VALUE in config.toml. The value is checked as the app checks the\n"
        "file, and a bad one refused in the same words; quotes are not needed (sit_limit 30m).\n"
        "Only that line changes; a setting commented out at its default is uncommented in place.",
        epilog=_allowed(),
        formatter_class=raw,
    )
    change.add_argument("key", metavar="KEY", help="a setting, like sit_limit")
    change.add_argument("value", metavar="VALUE", help='its new value, like 30m, true, 4 or "mon-fri"')


def run(args: argparse.Namespace, config_file: Path | None = None) -> int:
    from .app import config_edit as edit

    if config_file is None:
        from .app.paths import resolve_paths

        config_file = resolve_paths().config_file
    command = args.config_command
    if command == "path":
        print(config_file)
        return 0
    try:
        if command == "set":
            changed = edit.set_value(config_file, args.key, args.value)
            literal = edit.as_toml(args.key, args.value)
            print(f"{args.key} = {literal}" + ("" if changed else " (unchanged)"))
            return 0
        return _get(config_file, args.key)
    except edit.SettingRefused as exc:
        print(f"deskbreak config {command}: {config_file}: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except edit.ConfigFileError as exc:
        print(f"deskbreak config {command}: {exc}", file=sys.stderr)
        return EXIT_FILE


def _get(config_file: Path, key: str | None) -> int:
    from .app import config_edit as edit

    if key is not None:
        edit.spec_of(key)
    reading = edit.read_settings(config_file)
    for problem in reading.problems:
        if key is None or problem.key == key:
            print(f"deskbreak config get: {problem}", file=sys.stderr)
    if key is not None:
        print(reading.values[key])
        return 0
    for name, literal in reading.literals.items():
        print(f"{name} = {literal}")
    return 0
