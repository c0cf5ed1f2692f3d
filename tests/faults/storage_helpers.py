"""The storage tests' fault helpers (tests/storage/faulty_fs.py, fault_harness.py), for the fault
suite: loaded by path once each, so every test here shares one module object per helper."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

STORAGE_TESTS = Path(__file__).resolve().parents[1] / "storage"


def storage_helper(name: str) -> ModuleType:
    key = f"deskbreak_faults_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, STORAGE_TESTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module
    spec.loader.exec_module(module)
    return module
