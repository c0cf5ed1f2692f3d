"""Colours and sizes for the review's hand-drawn charts, all taken from the widget's palette and font.

Nothing is a fixed colour: every shade is a mix of the palette's window, text and highlight, so
the charts read in light and dark themes alike, and every size comes from the font's metrics so
they scale with the user's font and the screen's device pixel ratio.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFontMetrics, QPalette


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """a blended towards b by t (0 = a, 1 = b)."""
    t = max(0.0, min(1.0, t))
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        1.0,
    )


@dataclass(frozen=True)
class Shades:
    background: QColor
    text: QColor
    soft_text: QColor  # captions and axis labels
    accent: QColor
    empty: QColor  # a working day with no breaks yet
    off: QColor  # a day off: barely there
    outline: QColor  # untracked days, grid lines
    rest: QColor  # the dot on a rest day
    bar: QColor  # adherence bars behind the check-in lines
    second: QColor  # the second line (low-back pain)

    def level(self, share: float) -> QColor:
        """A working day's fill: the empty shade at 0, the full accent at 1."""
        return self.empty if share <= 0 else mix(self.empty, self.accent, 0.3 + 0.7 * min(1.0, share))


def shades(palette: QPalette) -> Shades:
    bg = palette.color(QPalette.ColorRole.Window)
    fg = palette.color(QPalette.ColorRole.WindowText)
    accent = palette.color(QPalette.ColorRole.Highlight)
    return Shades(
        background=bg,
        text=fg,
        soft_text=mix(fg, bg, 0.3),
        accent=accent,
        empty=mix(bg, fg, 0.12),
        off=mix(bg, fg, 0.045),
        outline=mix(bg, fg, 0.22),
        rest=mix(bg, fg, 0.55),
        bar=mix(bg, accent, 0.2),
        second=mix(fg, bg, 0.12),
    )


@dataclass(frozen=True)
class Metrics:
    line: int  # one line of text
    cell: int  # a heatmap cell's side
    gap: int

    @property
    def step(self) -> int:
        return self.cell + self.gap


def metrics(fm: QFontMetrics) -> Metrics:
    line = fm.height()
    cell = max(9, round(line * 0.8))
    return Metrics(line=line, cell=cell, gap=max(2, cell // 5))
