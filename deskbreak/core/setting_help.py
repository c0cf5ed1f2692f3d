"""What each setting does, in words a user reads: the settings window shows them in the user's
language (`explanation`), the config template, the docs and `deskbreak config` in English (`DOES`)."""

from __future__ import annotations

from .i18n import QT_TRANSLATE_NOOP, Context


class SettingHelp(Context):
    """The translation context of the settings' explanations."""


DOES = {
    "sit_limit": QT_TRANSLATE_NOOP(
        "SettingHelp",
        "How long you may sit before deskbreak reminds you to move. Values under a minute are "
        "only useful for trying deskbreak out.",
    ),
    "snooze": QT_TRANSLATE_NOOP("SettingHelp", '"Snooze" postpones a reminder by this long.'),
    "natural_break": QT_TRANSLATE_NOOP(
        "SettingHelp", "Being away from the keyboard and mouse this long counts as a break on its own."
    ),
    "routine": QT_TRANSLATE_NOOP(
        "SettingHelp",
        'Which routine a break plays. "program": the 6-week program picks one for each break, '
        "changing through the day and moving on over the weeks. Or always the same one: a built-in "
        "routine (upper-back-basics, quick-reset, standing-reset and more: `deskbreak routines list` "
        "shows them all) or the file name, without .toml, of one of your own in the routines folder "
        "next to this file.",
    ),
    "notifications": QT_TRANSLATE_NOOP(
        "SettingHelp", "Show desktop notifications when a break is due (the tray icon changes either way)."
    ),
    "heads_up": QT_TRANSLATE_NOOP(
        "SettingHelp", "A quiet notice a minute before the reminder, to finish what you are doing."
    ),
    "max_reminders": QT_TRANSLATE_NOOP(
        "SettingHelp",
        "A reminder you have not answered comes again after the snooze length, up to this many "
        "times in all; then it is logged as unanswered and the sitting count starts again.",
    ),
    "sounds": QT_TRANSLATE_NOOP(
        "SettingHelp",
        "Play a short sound in the break window when the count starts, at each new exercise or side, "
        "and at the end. Silent where the system has no sound player; the window works without it.",
    ),
    "daily_goal": QT_TRANSLATE_NOOP(
        "SettingHelp",
        "How many breaks a working day needs to meet your goal. A break counts when its routine "
        "was completed, or ended after at least half of its steps.",
    ),
    "work_days": QT_TRANSLATE_NOOP(
        "SettingHelp",
        "The days you work. Only these have a goal; other days neither break nor extend a streak. "
        "On other days nothing counts as sitting and nothing reminds.",
    ),
    "work_hours": QT_TRANSLATE_NOOP(
        "SettingHelp",
        "Your working hours on working days, local time. Outside them nothing counts as sitting "
        'and nothing reminds; the count starts when they begin. "always" counts at any hour of '
        "the working days.",
    ),
    "count_natural_breaks": QT_TRANSLATE_NOOP(
        "SettingHelp", "Also count time away from the desk (a natural break) toward the daily goal."
    ),
    "weekly_checkin": QT_TRANSLATE_NOOP(
        "SettingHelp",
        "Ask once a week how stiff your upper back and how sore your lower back have been, to "
        "follow the trend over the weeks.",
    ),
    "checkin_day": QT_TRANSLATE_NOOP("SettingHelp", "The day of the week the check-in is asked."),
    "checkin_time": QT_TRANSLATE_NOOP(
        "SettingHelp",
        "The time the check-in is asked. If deskbreak is not running then, it asks at the next start.",
    ),
}


def explanation(key: str) -> str:
    """What the setting `key` does, in the user's language (core/i18n.py)."""
    return SettingHelp.tr(DOES[key])
