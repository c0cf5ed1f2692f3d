"""Weekly review benchmark: the review's figures, its window, `stats` and `export` on 5 years of
dense history (≥ 100,000 events), and again at 10× the data, both ways: 10× longer (50 years)
and 10× denser (5 years, ten times the events a day).

    python tests/bench/bench_review.py [--json out.json] [--quick]

A report, not a gate: exit 0 whatever the figures (FAIL lines say what is over target). Not
collected by pytest (bench_*.py). The tray app's memory before opening the review and after
closing it is measured on a real X desktop by bench_idle.py --review (see README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

from generate_history import generate  # noqa: E402

from deskbreak.core.review import goal_settings  # noqa: E402
from deskbreak.core.settings import DEFAULTS  # noqa: E402
from deskbreak.storage.database import connect  # noqa: E402
from deskbreak.storage.review_data import load_review  # noqa: E402

TODAY = date(2026, 11, 30)
TARGETS = {"figures": 0.050, "window": 0.300, "stats": 0.5, "export": 2.0}
GROWTH = 3.0  # at 10x the data, each within 3x its time


def _median(run: Callable[[], object], times: int) -> float:
    taken = []
    for _ in range(times):
        began = time.perf_counter()
        run()
        taken.append(time.perf_counter() - began)
    return statistics.median(taken)


def _cli(home: Path, *args: str) -> float:
    env = {**os.environ, "DESKBREAK_HOME": str(home), "PYTHONPYCACHEPREFIX": str(home / "pycache")}
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "deskbreak", *args], env=env, capture_output=True, text=True)
    taken = time.perf_counter() - began
    if done.returncode != 0:
        raise RuntimeError(f"deskbreak {' '.join(args)} failed: {done.stderr}")
    return taken


def measure(home: Path, years: int, per_day: int, runs: int) -> dict[str, float]:
    database = home / "history.sqlite3"
    home.mkdir(parents=True)
    conn = connect(database)
    began = time.perf_counter()
    events = generate(conn, years=years, per_day=per_day)
    generated = time.perf_counter() - began
    goals = goal_settings(DEFAULTS)
    figures_cold = _median(lambda: load_review(conn, TODAY, goals, save=False), runs)
    load_review(conn, TODAY, goals)  # saves the streak walk, as the app's first open does
    figures_warm = _median(lambda: load_review(conn, TODAY, goals), runs)
    window_first, window = _window(conn, goals, runs)
    conn.close()
    _cli(home, "stats")  # byte-code caches written once, as for an installed app
    stats = _median(lambda: _cli(home, "stats"), runs)
    export = _median(lambda: _cli(home, "export", "--format", "json", "--output", str(home / "all.json")), 3)
    return {
        "events": events,
        "size_mib": database.stat().st_size / 2**20,
        "generated_s": generated,
        "figures_cold": figures_cold,
        "figures": figures_warm,
        "window_first": window_first,
        "window": window,
        "stats": stats,
        "export": export,
    }


def _window(conn: object, goals: object, runs: int) -> tuple[float, float]:
    """The review window created, loaded, shown and painted (offscreen), then released."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])

    def open_and_paint() -> None:
        from deskbreak.ui.review_window import ReviewWindow

        window = ReviewWindow(lambda week: load_review(conn, TODAY, goals, week))  # type: ignore[arg-type]
        window.show()
        app.processEvents()
        window.grab()  # every widget painted
        window.close()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    began = time.perf_counter()
    open_and_paint()  # the first opening also imports the window's modules
    first = time.perf_counter() - began
    return first, _median(open_and_paint, runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 10x-denser set")
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    sets = {"5 years": (5, 60), "10x longer (50 years)": (50, 60)}
    if not args.quick:
        sets["10x denser (5 years)"] = (5, 600)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, (years, per_day)) in enumerate(sets.items()):
            results[name] = measure(Path(tmp) / f"set{n}", years, per_day, runs)
            r = results[name]
            print(
                f"{name}: {r['events']:,} events, {r['size_mib']:.0f} MiB"
                f" (generated in {r['generated_s']:.0f} s)\n"
                f"  figures and streaks {r['figures'] * 1000:.1f} ms"
                f" (first ever, walking everything: {r['figures_cold'] * 1000:.1f} ms)\n"
                f"  window opened and painted {r['window'] * 1000:.0f} ms (first, with imports:"
                f" {r['window_first'] * 1000:.0f} ms)\n"
                f"  stats {r['stats']:.2f} s wall, export of everything {r['export']:.2f} s"
            )
    base = results["5 years"]
    for key, target in TARGETS.items():
        verdict = "ok" if base[key] <= target else "FAIL"
        print(f"{verdict}: {key} {base[key]:.3f} s at 5 years (target {target} s)")
        for name, r in results.items():
            if name == "5 years":
                continue
            ratio = r[key] / base[key]
            verdict = "ok" if ratio <= GROWTH else "FAIL"
            print(f"{verdict}: {key} at {name}: {ratio:.2f}x the 5-year time (target <= {GROWTH}x)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
