"""Thin PySide6 widgets: they show plain view data and emit signals; no SQL and no policy here."""
