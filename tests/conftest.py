"""Shared test setup: Qt runs offscreen in-process; each test gets its own DESKBREAK_HOME."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
