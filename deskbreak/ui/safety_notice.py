"""The safety notice: how exercises should feel, when to stop, warning signs that need a
clinician, and the user's own choices (conditions to take care with, a resistance band).

Two modes. At first run it is titled "Before you start" and has one primary "Continue" button,
which emits the chosen profile with safety_seen set; closing it any other way emits nothing, so
the notice comes back next time. Reopened from the tray it shows the same text with the current
choices ticked, and "Save" / "Close". Takes plain data only: the parsed SafetyContent and a Profile.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.profile import CARE_LABELS, Care, Profile
from ..core.safety import SafetyContent
from .i18n import QT_TRANSLATE_NOOP
from .safety_blocks import Callout, SoftLabel, bullets, escape, heading

FIRST_RUN_TITLE = QT_TRANSLATE_NOOP("SafetyNotice", "Before you start")
REVIEW_TITLE = QT_TRANSLATE_NOOP("SafetyNotice", "Safety and your choices")
BAND_LABEL = QT_TRANSLATE_NOOP("SafetyNotice", "I have a resistance band")
BAND_NOTE = QT_TRANSLATE_NOOP(
    "SafetyNotice", "Adds light strength exercises that use a band to the routines on offer."
)
EMERGENCY = QT_TRANSLATE_NOOP(
    "SafetyNotice", "Urgent: call your local emergency number or go to an emergency department if you have"
)
SAME_DAY = QT_TRANSLATE_NOOP(
    "SafetyNotice", "Urgent: see a doctor today, or call your local health advice line, if you have"
)


class SafetyNotice(QDialog):
    """Emits profile_chosen(Profile) on Continue (first run) or Save (from the tray)."""

    profile_chosen = Signal(object)  # Profile

    def __init__(
        self,
        content: SafetyContent,
        profile: Profile,
        *,
        first_run: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.content = content
        self.profile = profile
        self.first_run = first_run
        title = self.tr(FIRST_RUN_TITLE if first_run else REVIEW_TITLE)
        self.setWindowTitle(self.tr("deskbreak — {title}").format(title=title))
        self.setAccessibleName(title)
        self.setAccessibleDescription(content.short)
        self.setMinimumSize(400, 420)
        self.resize(520, 640)

        outer = QVBoxLayout(self)
        em = self.fontMetrics().height()
        outer.setContentsMargins(em, em, em, em * 3 // 4)
        outer.setSpacing(em // 2)
        self.title = heading(title, 1.5)
        outer.addWidget(self.title)
        self.intro = SoftLabel(content.short)
        self.intro.setAccessibleName(content.short)
        outer.addWidget(self.intro)

        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setAccessibleName(self.tr("Safety information and your choices"))
        self.scroller.setAccessibleDescription(
            self.tr("Page Up and Page Down scroll; Tab moves between choices.")
        )
        body = QWidget()
        body.setBackgroundRole(self.backgroundRole())
        self.scroller.viewport().setBackgroundRole(self.backgroundRole())
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 0, em // 2, 0)
        self.body.setSpacing(em // 3)
        self._build_text(content)
        self._build_choices(content, profile)
        self.body.addStretch(1)
        self.scroller.setWidget(body)
        outer.addWidget(self.scroller, 1)

        self.buttons = QDialogButtonBox()
        if first_run:
            self.primary = QPushButton(self.tr("Continue"))
            self.primary.setAccessibleName(self.tr("Continue"))
            self.primary.setAccessibleDescription(self.tr("Keep these choices and start using deskbreak"))
            self.buttons.addButton(self.primary, QDialogButtonBox.ButtonRole.AcceptRole)
            self.close_button: QPushButton | None = None
        else:
            self.primary = QPushButton(self.tr("Save"))
            self.primary.setAccessibleName(self.tr("Save"))
            self.primary.setAccessibleDescription(self.tr("Save these choices"))
            self.buttons.addButton(self.primary, QDialogButtonBox.ButtonRole.AcceptRole)
            self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
            self.close_button.setAccessibleName(self.tr("Close"))
            self.close_button.setAccessibleDescription(self.tr("Close without changing your choices"))
        self.primary.setDefault(True)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    # --- building ---------------------------------------------------------------------------

    def _section(self, title: str) -> None:
        self.body.addSpacing(self.fontMetrics().height() // 3)
        self.body.addWidget(heading(title))

    def _build_text(self, content: SafetyContent) -> None:
        self._section(self.tr("How exercises should feel"))
        self.body.addWidget(bullets(content.how_it_should_feel, self.tr("How exercises should feel")))
        self._section(self.tr("Stop the exercise straight away if you notice"))
        self.body.addWidget(bullets(content.stop_signs, self.tr("Stop signs")))
        self._section(self.tr("If something hurts"))
        self.body.addWidget(bullets(content.this_hurts, self.tr("If something hurts")))
        self.body.addSpacing(self.fontMetrics().height() // 3)
        for tone, title, items in (
            ("urgent", EMERGENCY, content.get_help_now),
            ("soon", SAME_DAY, content.see_a_doctor_soon),
        ):
            box, title = Callout(tone), self.tr(title)
            box.box.addWidget(heading(title, 1.0))
            box.box.addWidget(bullets(items, title))
            self.body.addWidget(box)
        self._section(self.tr("See a doctor or physiotherapist if"))
        self.body.addWidget(bullets(content.see_a_clinician, self.tr("See a doctor or physiotherapist if")))
        self._section(self.tr("Why the upper back"))
        why = QLabel(content.why_upper_back)
        why.setWordWrap(True)
        why.setAccessibleName(self.tr("Why the upper back"))
        why.setAccessibleDescription(content.why_upper_back)
        self.body.addWidget(why)

    def _build_choices(self, content: SafetyContent, profile: Profile) -> None:
        self._section(self.tr("Does any of this apply to you?"))
        self.body.addWidget(
            SoftLabel(
                self.tr(
                    "Tick what applies and deskbreak adjusts its routines. "
                    "You can change this at any time from the tray menu."
                )
            )
        )
        self.care_boxes: dict[Care, QCheckBox] = {}
        for care, label in CARE_LABELS.items():
            note = content.cares.get(care)
            text = f"{note.advice}\n{_what_deskbreak_does(note.deskbreak)}" if note else ""
            box = self._choice(label, text, care in profile.cares)
            self.care_boxes[care] = box
        self.band = self._choice(self.tr(BAND_LABEL), self.tr(BAND_NOTE), profile.has_band)

    def _choice(self, label: str, note: str, checked: bool) -> QCheckBox:
        box = QCheckBox(label)
        box.setChecked(checked)
        box.setAccessibleName(label)
        box.setAccessibleDescription(note.replace("\n", " ") or label)
        self.body.addSpacing(self.fontMetrics().height() // 4)
        self.body.addWidget(box)
        if note:
            advice, _, does = note.partition("\n")
            caption = SoftLabel(f"{escape(advice)}<br><i>{escape(does)}</i>" if does else escape(advice))
            caption.setTextFormat(Qt.TextFormat.RichText)
            caption.setIndent(box.style().pixelMetric(box.style().PixelMetric.PM_IndicatorWidth) + 8)
            caption.setAccessibleName(self.tr("About: {choice}").format(choice=label))
            self.body.addWidget(caption)
        return box

    # --- result -----------------------------------------------------------------------------

    def chosen_profile(self) -> Profile:
        """The profile as the boxes stand now (safety_seen set in first-run mode)."""
        cares = frozenset(care for care, box in self.care_boxes.items() if box.isChecked())
        seen = True if self.first_run else self.profile.safety_seen
        return replace(self.profile, cares=cares, has_band=self.band.isChecked(), safety_seen=seen)

    def _confirm(self) -> None:
        self.profile_chosen.emit(self.chosen_profile())
        self.accept()


def _what_deskbreak_does(does: str) -> str:
    """ "Leaves out neck turns." -> "deskbreak leaves out neck turns." """
    return f"deskbreak {does[:1].lower()}{does[1:]}"
