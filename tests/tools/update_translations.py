"""Regenerate the translation catalogues from the marked source files (deskbreak/ui/i18n.py says how
strings are marked).

    .venv/bin/python tests/tools/update_translations.py

runs pyside6-lupdate over SOURCES into resources/translations/deskbreak.ts (the English template a
new language starts from) and into every deskbreak_<lang>.ts there, keeping their translations,
adding new strings as unfinished and dropping strings that are gone. tests/ui/test_translations.py
fails when deskbreak.ts no longer matches the sources: run this, then commit the .ts files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TEMPLATE = TRANSLATIONS / "deskbreak.ts"
# Every file with marked strings (self.tr, Context.tr, translate(...), QT_TRANSLATE_NOOP); the test checks
# that no marked file is missing from this list.
SOURCES = (
    "deskbreak/app/effect_actions.py",
    "deskbreak/app/info_windows.py",
    "deskbreak/app/program_service.py",
    "deskbreak/app/reminder_notices.py",
    "deskbreak/app/views.py",
    "deskbreak/core/coach_view.py",
    "deskbreak/core/durations.py",
    "deskbreak/core/history.py",
    "deskbreak/core/program.py",
    "deskbreak/core/setting_help.py",
    "deskbreak/ui/about_window.py",
    "deskbreak/ui/break_feedback.py",
    "deskbreak/ui/break_window.py",
    "deskbreak/ui/checkin_dialog.py",
    "deskbreak/ui/count_ring.py",
    "deskbreak/ui/figure.py",
    "deskbreak/ui/finish_page.py",
    "deskbreak/ui/history_window.py",
    "deskbreak/ui/hurt_page.py",
    "deskbreak/ui/hurt_panel.py",
    "deskbreak/ui/player_page.py",
    "deskbreak/ui/program_menu.py",
    "deskbreak/ui/review_charts.py",
    "deskbreak/ui/review_checkin_chart.py",
    "deskbreak/ui/review_text.py",
    "deskbreak/ui/date_words.py",
    "deskbreak/ui/review_window.py",
    "deskbreak/ui/routine_chooser.py",
    "deskbreak/ui/routine_delegate.py",
    "deskbreak/ui/routine_rows.py",
    "deskbreak/ui/safety_notice.py",
    "deskbreak/ui/settings_fields.py",
    "deskbreak/ui/settings_window.py",
    "deskbreak/ui/tray.py",
    "deskbreak/ui/week_card.py",
    "deskbreak/ui/welcome_window.py",
)
# English source text; no line numbers, so moving code does not change the catalogues; strings no
# longer in the sources are dropped rather than kept as "obsolete".
OPTIONS = (
    "-source-language", "en", "-locations", "none", "-no-obsolete", "-silent",
    # no guessed translations copied from the same text in another context
    "-disable-heuristic", "sametext", "-disable-heuristic", "similartext",
)  # fmt: skip


def qt_tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: beside this Python (the venv's bin), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found (it comes with PySide6)")
    return found


def lupdate(targets: list[Path], extra: tuple[str, ...] = ()) -> None:
    """Update (or create) the .ts files `targets` from SOURCES."""
    command = [qt_tool("pyside6-lupdate"), *SOURCES, *OPTIONS, *extra, "-ts", *map(str, targets)]
    subprocess.run(command, cwd=ROOT, check=True, timeout=120)


def main() -> int:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    lupdate([TEMPLATE])
    languages = sorted(TRANSLATIONS.glob("deskbreak_*.ts"))
    if languages:
        lupdate(languages)
    for path in (TEMPLATE, *languages):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
