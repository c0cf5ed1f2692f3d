"""Handing freed memory back: clears the source-line cache and trims the heap on Linux."""

from __future__ import annotations

import linecache
import sys

import pytest

from deskbreak.platform.memory import release_free_memory


def test_release_clears_cached_source_lines():
    linecache.getline(__file__, 1)
    assert __file__ in linecache.cache
    release_free_memory()
    assert __file__ not in linecache.cache


def _rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc malloc_trim")
def test_freed_heap_pages_go_back_to_the_system_on_linux():
    # Freed blocks with live ones between them stay resident until the heap is trimmed.
    blocks = [(bytearray(b"x" * 32_000), bytearray(b"k" * 1000)) for _ in range(1500)]
    keep = [small for _, small in blocks]
    del blocks
    before = _rss_mib()
    assert release_free_memory() is True
    assert before - _rss_mib() > 20
    assert len(keep) == 1500
    assert release_free_memory(platform="darwin") is False


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
