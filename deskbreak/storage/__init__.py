"""SQLite storage: the break log and the little state that survives a restart."""
