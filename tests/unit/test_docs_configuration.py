"""docs/configuration.md says what the code does: its tables are generated from the same specs."""

from __future__ import annotations

import re
from pathlib import Path

from deskbreak.cli import EPILOG, HISTORY_LIMIT
from deskbreak.core import routines, settings

DOC = (Path(__file__).parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")


def _between(marker: str) -> str:
    found = re.search(rf"<!-- {marker}:[^>]*-->\n(.*?)<!-- /{marker} -->", DOC, re.S)
    assert found, f"docs/configuration.md lost its {marker} markers"
    return found.group(1)


def test_the_settings_table_is_the_one_the_code_validates_with() -> None:
    assert _between("settings-table") == settings.reference_table()
    for spec in settings.SPECS:
        assert f"| `{spec.key}` | {spec.type} | `{spec.toml_default}` | {spec.allowed} |" in DOC


def test_the_routine_table_is_the_one_the_code_validates_with() -> None:
    assert _between("routine-table") == routines.reference_table()


def test_the_command_line_ranges_and_exit_statuses_match_the_help() -> None:
    low, high = HISTORY_LIMIT
    assert f"`--limit N` is a whole number from {low} to {high:,}" in DOC
    statuses = re.findall(r"^  (\d)  (.+)$", EPILOG, re.M)
    assert [status for status, _ in statuses] == ["0", "1", "2", "3"]
    for status, meaning in statuses:
        assert f"| {status} | {meaning.split(':')[0].split(' (')[0]}" in DOC


def test_the_document_links_nowhere_outside_the_repository() -> None:
    assert "http://" not in DOC and "https://" not in DOC and "](" not in DOC
