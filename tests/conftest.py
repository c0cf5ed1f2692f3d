"""Shared test setup: Qt runs offscreen in-process; each test gets its own DESKBREAK_HOME."""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Times shown to users are local; pin the zone so expectations like "09:45" hold everywhere.
os.environ["TZ"] = "UTC"
time.tzset()
