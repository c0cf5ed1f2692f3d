"""The core's words in the user's language, without Qt: English unless the app hands in a translator.

The core writes what users read in English, through a context class's `tr` (a small class per
module, e.g. ``class CoachText(Context)``), which pyside6-lupdate files under the class's name:

- ``CoachText.tr("Get ready")``; values in named placeholders filled after translating:
  ``CoachText.tr("Exercise {number} of {count}").format(number=2, count=5)``.
- Plurals: ``Durations.tr("%n min", "", minutes)``. lupdate gives plural forms to ``Name.tr``
  calls (not to ``translate(...)``); with no translation, "%n" is the number and "(s)" reads as
  English does ("1 second", "2 seconds").
- Constants: ``QT_TRANSLATE_NOOP("CoachText", "Turn")``, translated where shown:
  ``CoachText.tr(MOVE_WORDS[focus])``.

Until `use_translator` is given one (ui/i18n.install_translator gives QCoreApplication.translate
once a translation is loaded, and takes it back with the translation), every call returns the
English source text: the command line, the config template, the docs and the core tests read it.
The translator is the one piece of process-wide state here: like a loaded .qm file it only
changes the words shown, never what the core decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# (context, text, disambiguation, n) -> the text in the user's language; QCoreApplication.translate
Translator = Callable[[str, str, str | None, int], str]


def english_plural(text: str, n: int) -> str:
    """ "%n problem(s)" with no translation: "1 problem", "2 problems" (a translation has no "(s)")."""
    return text if n < 0 else text.replace("(s)", "" if n == 1 else "s")


def english(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The source text as it is, "%n" filled (what Qt gives back with no translation loaded)."""
    return text.replace("%n", str(n)) if n >= 0 else text


@dataclass
class _Installed:
    translator: Translator = english


_installed = _Installed()


def use_translator(translator: Translator | None) -> None:
    """The app's translator for the core's words from now on; None: English again."""
    _installed.translator = english if translator is None else translator


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` of `context` in the user's language: the installed translator's, or the English."""
    return english_plural(_installed.translator(context, text, disambiguation, n), n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks a constant for lupdate; it is translated where shown, with its context's `tr`."""
    return text


class Context:
    """A translation context: subclass it with the context's name, then call ``Name.tr(...)``."""

    @classmethod
    def tr(cls, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return translate(cls.__name__, text, disambiguation, n)
