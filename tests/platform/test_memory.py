"""Handing freed memory back: clears the source-line cache and trims the heap on Linux."""

from __future__ import annotations

import json
import linecache
import os
import subprocess
import sys
from pathlib import Path

import pytest

import deskbreak
from deskbreak.platform.memory import release_free_memory


def test_release_clears_cached_source_lines():
    linecache.getline(__file__, 1)
    assert __file__ in linecache.cache
    release_free_memory()
    assert __file__ not in linecache.cache


# Run in a fresh interpreter: in the test process the heap already holds whatever the tests
# before this one allocated and freed, so how much a trim gives back (and whether the blocks
# below land in new pages at all) depended on the order tests ran in.
TRIM_CHECK = """
import json
from deskbreak.platform.memory import release_free_memory

def rss_mib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")

# Freed blocks with live ones between them stay resident until the heap is trimmed.
blocks = [(bytearray(b"x" * 32_000), bytearray(b"k" * 1000)) for _ in range(1500)]
keep = [small for _, small in blocks]
del blocks
before = rss_mib()
trimmed = release_free_memory()
after = rss_mib()
print(json.dumps({"before": before, "after": after, "trimmed": trimmed, "kept": len(keep),
                  "elsewhere": release_free_memory(platform="darwin")}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc_trim")
def test_freed_heap_pages_go_back_to_the_system_on_linux():
    package_root = str(Path(deskbreak.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")])}
    child = subprocess.run(
        [sys.executable, "-c", TRIM_CHECK], env=env, capture_output=True, text=True, timeout=60
    )
    assert child.returncode == 0, child.stderr
    result = json.loads(child.stdout)
    assert result["trimmed"] is True
    assert result["before"] - result["after"] > 20, result
    assert result["kept"] == 1500
    assert result["elsewhere"] is False


def test_objects_alive_after_release_are_left_out_of_full_collections():
    import gc

    before = gc.get_freeze_count()
    keep = [[] for _ in range(1000)]
    release_free_memory()
    try:
        assert gc.get_freeze_count() >= before + 1000
    finally:
        gc.unfreeze()
    assert len(keep) == 1000


def test_pyside_import_check_keeps_no_source_lines(tmp_path, monkeypatch):
    from deskbreak.platform.memory import lighter_pyside_imports

    assert lighter_pyside_imports() is True
    feature = sys.modules["shibokensupport.feature"]
    uses = tmp_path / "memtest_uses_qt.py"
    uses.write_text("from PySide6.QtCore import QObject\n\nTHING = QObject\n")
    plain = tmp_path / "memtest_plain.py"
    plain.write_text("import os\n\nVALUE = os.sep\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    try:
        import memtest_plain  # noqa: F401
        import memtest_uses_qt  # noqa: F401
    finally:
        sys.modules.pop("memtest_plain", None)
        sys.modules.pop("memtest_uses_qt", None)
    assert str(uses) not in linecache.cache and str(plain) not in linecache.cache
    # The same answers as PySide6's own check: a module naming PySide6 may select features.
    assert feature.pyside_feature_dict.pop("memtest_uses_qt") == 0
    assert feature.pyside_feature_dict.pop("memtest_plain") == -1


def test_pyside_check_answers_without_a_source_file():
    from types import ModuleType

    from deskbreak.platform.memory import _mentions_pyside

    assert _mentions_pyside(sys) is False  # built in
    gone = ModuleType("gone")
    gone.__file__ = "/nonexistent/gone.py"
    assert _mentions_pyside(gone) is False
