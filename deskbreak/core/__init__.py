"""The pure core: no Qt, no APScheduler, no sqlite3, no OS calls, and no reading of the clock."""
