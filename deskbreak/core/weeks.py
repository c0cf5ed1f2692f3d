"""ISO weeks: the Monday of a day's week, and week labels like 2026-W47 read and written.

Small on purpose: the tray app needs these to know when the weekly check-in is due without
loading the review's figures.
"""

from __future__ import annotations

from datetime import date, timedelta


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def iso_week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"  # four digits, as parse_iso_week reads it


def parse_iso_week(text: str) -> date:
    """The Monday of an ISO week written like 2026-W47; ValueError with a plain message otherwise."""
    cleaned = text.strip()
    shown = cleaned if len(cleaned) <= 20 else cleaned[:20] + "…"
    parts = cleaned.upper().split("-W")
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(f"{shown!r} is not an ISO week like 2026-W47")
    year, week = int(parts[0]), int(parts[1])
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(f"{shown!r}: {year} has no week {week}") from None
