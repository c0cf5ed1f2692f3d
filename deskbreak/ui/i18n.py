"""Translations: install the translator for the user's language, and `translate` for the strings
of plain functions and module constants.

Conventions (pyside6-lupdate reads these; tests/tools/update_translations.py runs it):

- In a QObject or QWidget subclass: ``self.tr("Take a break now")``; the context is the class.
- Module constants: ``QT_TRANSLATE_NOOP("Tray", "For an hour")``, this module's (it returns the
  text typed as str, where PySide6's is typed object, and loads no Qt, so app/views.py, which the
  command line imports, can use it too), translated where shown: ``self.tr(text)`` in that class,
  or ``translate("Tray", text)``.
- Plain functions: ``translate("TrayStatus", "On a break")``, QCoreApplication.translate's arguments
  (context, text, disambiguation, n). Named `translate`, not `tr`: lupdate reads a bare ``tr(a, b)``
  as (text, disambiguation), filing the context as the text; and only calls spelled out in full are
  read (an alias such as ``_ = self.tr`` hides its strings from lupdate).
- Values go in named ``{}`` placeholders, filled after translating, so a translation may reorder
  them: ``self.tr("Closes in {seconds} s").format(seconds=left)``. Never an f-string inside tr
  (lupdate cannot read it, and the translated text would never be found).
- Plurals: ``self.tr("%n problem(s) with your files…", "", n)`` in a class, then `english_plural`,
  so English reads "1 problem" without any .qm file. lupdate gives plural forms to tr calls only:
  ``translate(context, "%n …(s)", None, n)`` works (English included) but has a single form.
- The core's words (coach text, durations, the program's label, the settings' explanations) are
  marked the same way without Qt (core/i18n.py); install_translator hands the core Qt's
  translation along with the .qm file, and remove_translators takes it back.
- Not translated: the contents of resources/*.toml (exercise and safety text are data), log
  messages, command-line output, config keys and file names.

The .qm files are built from resources/translations/deskbreak_<lang>.ts by pyside6-lrelease
(README "Translations"), next to the .ts files; none is committed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.i18n import english, use_translator
from ..core.i18n import english_plural as english_plural  # the tray's plural

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

TRANSLATOR_NAME = "deskbreak-translator"  # the translators this module installed (to replace them)


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the user's language (QCoreApplication.translate), or as it is.

    Without a running Qt application (the command line) no translator can be installed: the text
    comes back in English and no Qt is loaded for it."""
    return english_plural(qt_translation(context, text, disambiguation, n), n)


def qt_translation(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """QCoreApplication.translate, "(s)" left as it is; English without a Qt application."""
    core = sys.modules.get("PySide6.QtCore")
    if core is None or core.QCoreApplication.instance() is None:
        return english(context, text, disambiguation, n)
    return str(core.QCoreApplication.translate(context, text, disambiguation, n))


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """PySide6.QtCore's marker without loading Qt, for modules the command line also uses."""
    return text


def translations_dir() -> Path:
    from ..bundled import resources_dir

    return resources_dir() / "translations"


def qm_names(locale: QLocale) -> list[str]:
    """The files to try, most specific first: deskbreak_de_DE.qm, then deskbreak_de.qm, ..."""
    names: list[str] = []
    for language in locale.uiLanguages():
        name = f"deskbreak_{language.replace('-', '_')}.qm"
        if name not in names:
            names.append(name)
    return names


def install_translator(
    app: QCoreApplication, locale: QLocale | str | None = None, folder: Path | None = None
) -> bool:
    """Install deskbreak's translation for `locale` (the system's by default; "de" or "de_DE"),
    found in `folder` (resources/translations), then Qt's own for its standard buttons and dialogs
    (only with deskbreak's, so a window never mixes two languages). Replaces what an earlier call
    installed. True when a deskbreak translation was loaded."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    remove_translators(app)
    if locale is None:
        locale = QLocale.system()
    elif isinstance(locale, str):
        locale = QLocale(locale)
    folder = translations_dir() if folder is None else folder
    ours = checked_translator(app)  # parented to the app, so it lives as long as the app
    ours.setObjectName(TRANSLATOR_NAME)
    if not any(ours.load(str(folder / name)) for name in qm_names(locale) if (folder / name).is_file()):
        ours.deleteLater()
        return False  # English throughout, Qt's own buttons included
    app.installTranslator(ours)
    use_translator(qt_translation)  # the core's words too (core/i18n.py)
    qt_own = QTranslator(app)
    qt_own.setObjectName(TRANSLATOR_NAME)
    if qt_own.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
    return True


def placeholders(text: str) -> frozenset[str] | None:
    """The `{name}` fields str.format fills in `text`; None when it cannot be formatted at all
    (a lone brace)."""
    from string import Formatter

    try:
        return frozenset(field for _, field, _, _ in Formatter().parse(text) if field is not None)
    except ValueError:
        return None


def fits(source: str, translation: str) -> bool:
    """Whether `translation` can stand in for `source`: the same placeholders, each formattable.
    A translation that drops, renames or breaks one would raise when filled in (or lose a value),
    so the English is shown instead."""
    if "{" not in source and "{" not in translation and "}" not in translation:
        return True
    return placeholders(translation) == placeholders(source) is not None


def checked_translator(app: QCoreApplication) -> QTranslator:
    """A QTranslator that gives up a translation whose placeholders do not fit its source (the
    English is shown for that text alone): a slip in a .qm file never stops a window or a timer.

    Its `translate` runs Python under Qt's translator lock: install and remove translators only
    while no other thread translates (deskbreak does it once, at start, before any thread runs)."""
    from PySide6.QtCore import QTranslator

    class CheckedTranslator(QTranslator):
        def translate(  # None: "not translated here" (Qt's null string)
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str | None:
            text = super().translate(context, source, disambiguation, n)
            return text if text and fits(source, text) else None

    return CheckedTranslator(app)


def remove_translators(app: QCoreApplication) -> None:
    """Back to the English text: uninstall the translators install_translator installed."""
    from PySide6.QtCore import QTranslator

    use_translator(None)
    for translator in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(translator)
        translator.setObjectName("")
        translator.deleteLater()
