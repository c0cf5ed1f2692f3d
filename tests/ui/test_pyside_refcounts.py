"""Guard against a Qt binding that leaks references to None/True/False (PySide6 6.12.0 on 3.11).

Each leaked reference is harmless alone, but a tray app calls Qt all day: the count reaches zero
and the interpreter aborts. This checks the calls the tray makes on every refresh.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction


class _Emitter(QObject):
    fired = Signal()


def test_qt_calls_do_not_drain_references_to_none_and_bools(qapp):
    action = QAction("x")
    emitter = _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2000):
        action.setEnabled(False)
        action.setText("x")
        emitter.fired.emit()
    assert sys.getrefcount(None) - none_before > -100
    assert sys.getrefcount(True) - true_before > -100
