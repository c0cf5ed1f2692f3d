"""Adapters to the operating system, one small module per concern and OS, each with a Null fallback."""
