"""Day and month names in the user's language (context "Dates"), the same wherever a date is
shown: the review, the tray's times and the history. Not the C library's %a/%b, which follow the
system locale even where deskbreak has no translation, mixing two languages in one line."""

from __future__ import annotations

from datetime import date

from .i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["MONTHS", "WEEKDAYS", "month_abbr", "weekday_abbr"]

WEEKDAYS = (
    QT_TRANSLATE_NOOP("Dates", "Mon"), QT_TRANSLATE_NOOP("Dates", "Tue"), QT_TRANSLATE_NOOP("Dates", "Wed"),
    QT_TRANSLATE_NOOP("Dates", "Thu"), QT_TRANSLATE_NOOP("Dates", "Fri"), QT_TRANSLATE_NOOP("Dates", "Sat"),
    QT_TRANSLATE_NOOP("Dates", "Sun"),
)  # fmt: skip
MONTHS = (
    QT_TRANSLATE_NOOP("Dates", "Jan"), QT_TRANSLATE_NOOP("Dates", "Feb"), QT_TRANSLATE_NOOP("Dates", "Mar"),
    QT_TRANSLATE_NOOP("Dates", "Apr"), QT_TRANSLATE_NOOP("Dates", "May"), QT_TRANSLATE_NOOP("Dates", "Jun"),
    QT_TRANSLATE_NOOP("Dates", "Jul"), QT_TRANSLATE_NOOP("Dates", "Aug"), QT_TRANSLATE_NOOP("Dates", "Sep"),
    QT_TRANSLATE_NOOP("Dates", "Oct"), QT_TRANSLATE_NOOP("Dates", "Nov"), QT_TRANSLATE_NOOP("Dates", "Dec"),
)  # fmt: skip


def weekday_abbr(day: date | int) -> str:
    """Tue (a date, or a weekday number, 0 for Monday)."""
    return translate("Dates", WEEKDAYS[day if isinstance(day, int) else day.weekday()])


def month_abbr(day: date) -> str:
    """Nov."""
    return translate("Dates", MONTHS[day.month - 1])
