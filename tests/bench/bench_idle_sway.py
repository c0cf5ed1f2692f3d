"""Idle-cost benchmark under a real headless sway: deskbreak (Wayland idle source) against the bare tray.

    python tests/bench/bench_idle_sway.py [--idle-seconds 120] [--json out.json] [--no-warmup] [--keep]

A report, not a gate: exit 0 whatever the figures (FAIL lines say what is over target); exit 2
when sway (or swaybar, wtype, Xvfb, dbus-daemon) is missing or the session cannot start. Not
collected by pytest (bench_*.py). The measuring is bench_idle.py's (imported, not copied); see
tests/bench/README.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
for folder in (HERE, REPO / "tests" / "desktop"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from app_runner import seen_safety_notice, write_config  # noqa: E402
from bench_idle import (  # noqa: E402
    CLK_TCK,
    TARGET_CPU_PER_MIN,
    TARGET_CTXT_PER_MIN,
    AppResult,
    idle_cost,
    memory,
    sample,
    stop,
)
from harness import DesktopError, DesktopSession, missing_tools  # noqa: E402
from sway_session import SwayError, SwaySession, missing_sway_tools  # noqa: E402

TARGET_RSS_RATIO = 1.10  # issue 9: within 1.10x of the bare tray in the same environment

QUIET_WINDOW = 1.0  # seconds: a start is over once the process used less than ...
QUIET_CPU_MS = 10.0  # ... this much CPU over the last QUIET_WINDOW
START_TIMEOUT = 30.0
STEP = 0.25
TRAY_TIMEOUT = 10.0  # seconds for an app's icon to be registered with swaybar's tray

# A bar with a tray on every output. sway would start swaybar itself, as its own (unprivileged)
# user and without our session bus; `true` stands in, and the bench starts swaybar (TrayHost).
BAR_ID = "bar-0"
BAR_CONFIG = f"bar {{\n  id {BAR_ID}\n  swaybar_command true\n  tray_output *\n}}\n"
_REGISTERED = re.compile(r"Registering Status Notifier Item '([^/']+)/")


class TrayHost:
    """swaybar as the StatusNotifierItem host (and watcher) on the bench's session bus: the tray
    of a sway desktop. Qt's wayland platform registers a QSystemTrayIcon with it over D-Bus."""

    def __init__(self, sway: SwaySession, desktop: DesktopSession, workdir: Path) -> None:
        self.env = sway.client_env(desktop.env)
        self.log_path = workdir / "swaybar.log"
        ipc = next(Path(sway.runtime or "").glob("sway-ipc.*.sock"), None)
        if ipc is None:
            raise SwayError("no sway IPC socket for swaybar")
        self.env["SWAYSOCK"] = str(ipc)
        with open(self.log_path, "wb") as log:
            self.popen = subprocess.Popen(
                ["swaybar", "-b", BAR_ID, "-s", str(ipc)],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + TRAY_TIMEOUT
        while not self._bus("NameHasOwner", "string:org.kde.StatusNotifierWatcher").endswith("true"):
            if self.popen.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SwayError(f"swaybar's tray did not come up:\n{self.log()[-2000:]}")
            time.sleep(0.05)

    def _bus(self, method: str, *args: str) -> str:
        done = subprocess.run(
            ["dbus-send", "--session", "--print-reply=literal", "--dest=org.freedesktop.DBus",
             "/org/freedesktop/DBus", f"org.freedesktop.DBus.{method}", *args],
            env=self.env, capture_output=True, text=True, timeout=10, check=False,
        )  # fmt: skip
        return done.stdout.strip()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def registered_by(self, pid: int) -> bool:
        """Whether swaybar registered an item whose bus connection belongs to process `pid`."""
        for name in _REGISTERED.findall(self.log()):
            if self._bus("GetConnectionUnixProcessID", f"string:{name}").split()[-1:] == [str(pid)]:
                return True
        return False

    def wait_registered(self, popen: subprocess.Popen[bytes], t0: float) -> float | None:
        """Seconds from launch until swaybar registered the process's icon; None if it did not."""
        while time.monotonic() - t0 < TRAY_TIMEOUT and popen.poll() is None:
            if self.registered_by(popen.pid):
                return time.monotonic() - t0
            time.sleep(0.05)
        return None

    def stop(self) -> None:
        stop(self.popen)


def _cpu_ms(pid: int) -> float:
    s = sample(pid)
    return (s.cpu_ns / 1e6) if s.cpu_ns is not None else s.stat_ticks * 1000.0 / CLK_TCK


def wait_quiet(popen: subprocess.Popen[bytes], t0: float) -> float | None:
    """Seconds from launch until the process has gone quiet (its start-up is over); None if it
    died or never did. Offscreen there is no tray icon to watch, so both apps are judged the same
    way: the process CPU clock, read from outside, nothing asked of the app."""
    history: list[tuple[float, float]] = []
    while time.monotonic() - t0 < START_TIMEOUT:
        if popen.poll() is not None:
            return None
        try:
            history.append((time.monotonic(), _cpu_ms(popen.pid)))
        except (OSError, ValueError):
            return None
        now, cpu = history[-1]
        older = [(at, used) for at, used in history if at <= now - QUIET_WINDOW]
        if older and now - t0 >= 1.0 and cpu - older[-1][1] < QUIET_CPU_MS:
            return now - t0
        time.sleep(STEP)
    return None


class SwayRunner:
    def __init__(self, sway: SwaySession, desktop: DesktopSession, tray: TrayHost, workdir: Path) -> None:
        self.sway = sway
        self.desktop = desktop
        self.tray = tray
        self.workdir = workdir
        self.count = 0

    def env_for(self, name: str) -> dict[str, str]:
        # The private session bus from the DesktopSession (swaybar's tray is on it); the display
        # is sway's (client_env drops DISPLAY, so the Xvfb is not used) through Qt's own wayland
        # platform, as a Qt app runs on a sway desktop.
        env = self.sway.client_env(self.desktop.env)
        env.update(XDG_SESSION_TYPE="wayland", XDG_CURRENT_DESKTOP="sway", QT_QPA_PLATFORM="wayland")
        env.pop("CI", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte-code caches as installed (see bench_idle)
        env["PYTHONPYCACHEPREFIX"] = str(self.workdir / "pycache")
        if name == "deskbreak":
            home = Path(tempfile.mkdtemp(prefix="home-", dir=self.workdir))
            env["DESKBREAK_HOME"] = str(home)
            seen_safety_notice(home)  # a returning user
            write_config(home, "")  # default settings, counting at any hour
        return env

    def launch(
        self, name: str, command: list[str], env: dict[str, str]
    ) -> tuple[subprocess.Popen[bytes], float]:
        self.count += 1
        self.sway.wtype("x")  # the user was just here: sway's idle count starts now
        log = open(self.workdir / f"{self.count:02d}-{name}.log", "wb")  # noqa: SIM115
        t0 = time.monotonic()
        popen = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        return popen, t0

    def measure(self, name: str, command: list[str], args: argparse.Namespace) -> AppResult:
        result = AppResult(name, command)
        if args.warmup:  # page cache, .pyc files, fontconfig cache
            popen, t0 = self.launch(name, command, self.env_for(name))
            wait_quiet(popen, t0)
            stop(popen)
        env = self.env_for(name)
        popen, t0 = self.launch(name, command, env)
        try:
            tray = self.tray.wait_registered(popen, t0)
            quiet = wait_quiet(popen, t0)
            if tray is None:
                result.error = f"its tray icon was not registered with swaybar within {TRAY_TIMEOUT:g} s"
            if quiet is None:
                result.error = (
                    f"start-up not over within {START_TIMEOUT:g} s (process "
                    f"{'running' if popen.poll() is None else f'exited {popen.returncode}'}; "
                    f"log {self.count:02d}-{name}.log in the work folder; use --keep)"
                )
                return result
            result.timings.append(
                {
                    "quiet_after_seconds": round(quiet, 3),
                    "tray_seconds": None if tray is None else round(tray, 3),
                }
            )
            time.sleep(args.settle)
            result.memory = memory(popen.pid)
            first = sample(popen.pid)
            time.sleep(args.idle_seconds)  # no input to sway, no polling of the app
            result.idle = idle_cost(first, sample(popen.pid))
            if name == "deskbreak":
                done = subprocess.run(
                    [sys.executable, "-m", "deskbreak", "status", "--json"],
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=20,
                    check=False,
                )
                result.status = json.loads(done.stdout) if done.returncode == 0 else None
                if result.status is None:
                    result.error = f"status --json failed (exit {done.returncode}): {done.stderr.strip()}"
        except (OSError, ValueError) as exc:
            result.error = f"measuring failed: {exc!r} (process exit {popen.poll()})"
        finally:
            stop(popen)
        return result


# -- report --------------------------------------------------------------------------------


def _fmt(value: float | None, digits: int) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _get(r: AppResult, section: str, key: str) -> float | None:
    value = getattr(r, section).get(key) if getattr(r, section) else None
    return None if value is None else float(value)


def build_rows(base: AppResult, desk: AppResult) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def row(metric: str, key: tuple[str, str], digits: int, target: str, ok: Any = None) -> None:
        b, d = _get(base, *key), _get(desk, *key)
        passed = None if ok is None or d is None else ok(b, d)
        ratio = d / b if b and d is not None else None
        rows.append(
            {
                "metric": metric,
                "baseline": b,
                "deskbreak": d,
                "ratio": ratio,
                "target": target,
                "pass": passed,
                "digits": digits,
            }
        )

    row(
        "RSS after start (MiB)",
        ("memory", "rss_mib"),
        1,
        f"<= {TARGET_RSS_RATIO:.2f}x baseline",
        lambda b, d: None if b is None else d <= TARGET_RSS_RATIO * b,
    )
    row("  anon (MiB)", ("memory", "rss_anon_mib"), 1, "info")
    row("  file (MiB)", ("memory", "rss_file_mib"), 1, "info")
    row("PSS after start (MiB)", ("memory", "pss_mib"), 1, "info")
    row("threads", ("memory", "threads"), 0, "info")
    row(
        "idle CPU (s/min)",
        ("idle", "cpu_s_per_min"),
        4,
        f"<= {TARGET_CPU_PER_MIN}",
        lambda b, d: d <= TARGET_CPU_PER_MIN,
    )
    ticks = f"info ({1 / CLK_TCK:.2f} s ticks)"
    row("idle CPU utime+stime (s/min)", ("idle", "cpu_s_per_min_stat"), 3, ticks)
    row(
        "idle ctxt switches (/min)",
        ("idle", "ctxt_per_min"),
        1,
        f"<= {TARGET_CTXT_PER_MIN:g}",
        lambda b, d: d <= TARGET_CTXT_PER_MIN,
    )
    row("  voluntary (/min)", ("idle", "ctxt_voluntary_per_min"), 1, "info")
    row("  nonvoluntary (/min)", ("idle", "ctxt_nonvoluntary_per_min"), 1, "info")
    return rows


def checks(base: AppResult, desk: AppResult, rows: list[dict[str, Any]]) -> list[str]:
    """Every FAIL line: targets missed or not measured, an app that failed (its icon not in
    swaybar's tray included), the wrong idle source."""
    fails = [
        f"{r['metric'].strip()}: deskbreak {_fmt(r['deskbreak'], r['digits'])} "
        f"(baseline {_fmt(r['baseline'], r['digits'])}), target {r['target']}"
        for r in rows
        if r["pass"] is False
    ]
    fails += [
        f"{r['metric'].strip()}: not measured"
        for r in rows
        if not r["target"].startswith("info") and r["pass"] is None
    ]
    fails += [f"{app.name}: {app.error}" for app in (base, desk) if app.error]
    if desk.status is not None and desk.status.get("idle_source") != "wayland":
        fails.append(f"deskbreak idle_source is {desk.status.get('idle_source')!r}, not 'wayland'")
    tray = (desk.status or {}).get("tray")
    if desk.status is not None and isinstance(tray, dict) and tray.get("available") is not True:
        fails.append("deskbreak says the system tray is not available")
    return fails


def per_thread_lines(app: AppResult) -> list[str]:
    idle = app.idle
    minutes = idle["window_seconds"] / 60.0
    lines = [
        f"  per thread over {idle['window_seconds']:.1f} s: ctxt/min (vol/nonvol counts), CPU ms; "
        f"machine-wide steal meanwhile {idle['machine_steal_seconds']:.2f} s:"
    ]
    for th in sorted(idle["threads"], key=lambda x: -(x["ctxt_voluntary"] + x["ctxt_nonvoluntary"])):
        total = th["ctxt_voluntary"] + th["ctxt_nonvoluntary"]
        cpu = "—" if th["cpu_ms"] is None else f"{th['cpu_ms']:.2f}"
        lines.append(
            f"    {th['tid']:>7} {th['comm']:<16} {total / minutes:>6.1f}/min "
            f"({th['ctxt_voluntary']:>4}/{th['ctxt_nonvoluntary']:<3}) {cpu:>8} {th['note']}"
        )
    return lines


def print_report(
    base: AppResult, desk: AppResult, rows: list[dict[str, Any]], fails: list[str], idle_seconds: float
) -> None:
    headers = ["metric", "baseline", "deskbreak", "ratio", "target", "result"]
    table = [
        [
            r["metric"],
            _fmt(r["baseline"], r["digits"]),
            _fmt(r["deskbreak"], r["digits"]),
            _fmt(r["ratio"], 2),
            r["target"],
            "" if r["pass"] is None else ("PASS" if r["pass"] else "FAIL"),
        ]
        for r in rows
    ]
    widths = [max(len(h), *(len(t[i]) for t in table)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(
        f"\nIdle benchmark under headless sway ({idle_seconds:g} s idle window, no input, "
        "Qt wayland, swaybar's tray)\n"
    )
    print(line)
    print("-" * len(line))
    for t in table:
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(t, widths, strict=True))
            )
        )
    for app in (base, desk):
        quiet = app.timings[-1]["quiet_after_seconds"] if app.timings else None
        tray = app.timings[-1]["tray_seconds"] if app.timings else None
        print(
            f"\n{app.name}: tray icon registered with swaybar after {_fmt(tray, 2)} s; "
            f"start-up over (CPU quiet) after {_fmt(quiet, 2)} s"
        )
        if app.idle:
            print("\n".join(per_thread_lines(app)))
    if desk.status is not None:
        tray = desk.status.get("tray") or {}
        print(
            f"\ndeskbreak status after the window: idle_source={desk.status.get('idle_source')} "
            f"state={desk.status.get('state')} idle_seconds={desk.status.get('idle_seconds')} "
            f"tray available={tray.get('available') if isinstance(tray, dict) else tray}"
        )
    print()
    for message in fails:
        print(f"FAIL: {message}")
    if not fails:
        print("All targets met.")


# -- main ----------------------------------------------------------------------------------


def missing() -> list[str]:
    tools = missing_sway_tools() + [t for t in missing_tools() if t in ("Xvfb", "dbus-daemon")]
    tools += [t for t in ("swaybar", "dbus-send") if shutil.which(t) is None]
    return tools


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idle-seconds", type=float, default=120.0, help="idle window per app (default 120)")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after start-up before RSS (3)")
    parser.add_argument(
        "--no-warmup", dest="warmup", action="store_false", help="skip the untimed first start of each app"
    )
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, homes, sway.log)")
    args = parser.parse_args(argv)

    lacking = missing()
    if lacking:
        print(f"no sway session: missing {', '.join(lacking)} (apt install sway wtype dbus)", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="deskbreak-bench-sway-"))
    apps = {
        "baseline": [sys.executable, str(HERE / "baseline_tray.py")],
        "deskbreak": [sys.executable, "-m", "deskbreak"],
    }
    results: dict[str, AppResult] = {}
    try:
        with (
            SwaySession(workdir / "sway", extra_config=BAR_CONFIG) as sway,
            DesktopSession(workdir / "desktop", tray=False, notifications=False) as desktop,
        ):
            tray = TrayHost(sway, desktop, workdir)
            try:
                runner = SwayRunner(sway, desktop, tray, workdir)
                for name, command in apps.items():
                    print(
                        f"measuring {name}: {args.settle:g} s settle, {args.idle_seconds:g} s idle ...",
                        flush=True,
                    )
                    results[name] = runner.measure(name, command, args)
            finally:
                tray.stop()
    except (SwayError, DesktopError) as exc:
        print(f"no sway session: {exc}", file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print(f"work folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    base, desk = results["baseline"], results["deskbreak"]
    rows = build_rows(base, desk)
    fails = checks(base, desk, rows)
    print_report(base, desk, rows, fails, args.idle_seconds)
    if args.json:
        payload = {
            "environment": "sway (headless, pixman), QT_QPA_PLATFORM=wayland, swaybar's tray",
            "idle_seconds": args.idle_seconds,
            "settle_seconds": args.settle,
            "clk_tck": CLK_TCK,
            "targets": {
                "rss_ratio": TARGET_RSS_RATIO,
                "cpu_s_per_min": TARGET_CPU_PER_MIN,
                "ctxt_per_min": TARGET_CTXT_PER_MIN,
            },
            "rows": [{k: v for k, v in r.items() if k != "digits"} for r in rows],
            "fails": fails,
            "apps": {name: asdict(r) for name, r in results.items()},
        }
        args.json.write_text(json.dumps(payload, indent=2, default=str))
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
