"""The floor of deskbreak's stack: a minimal PySide6 tray app with one APScheduler QtScheduler job.

Run by bench_idle.py in the same desktop session and measured the same way as deskbreak:

    python tests/bench/baseline_tray.py

QApplication + QSystemTrayIcon (a plain pixmap icon, a one-item menu) + QtScheduler with the
debug executor (jobs on the GUI thread, as deskbreak does) and one interval job every 30 s doing
trivial work. The job is added before start() so the scheduler keeps exactly one pending QTimer.
SIGTERM keeps its default action (the process ends), which is all the bench needs.
"""

from __future__ import annotations

import sys

from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)

    pixmap = QPixmap(32, 32)
    pixmap.fill(QColor("#2e7d32"))
    tray = QSystemTrayIcon(QIcon(pixmap))
    menu = QMenu()
    menu.addAction("Quit", app.quit)
    tray.setContextMenu(menu)
    tray.setToolTip("baseline")
    tray.show()

    ticks = [0]

    def job() -> None:
        ticks[0] += 1  # trivial work on the GUI thread

    scheduler = QtScheduler(executors={"default": {"type": "debug"}})
    scheduler.add_job(job, "interval", seconds=30, id="tick")
    scheduler.start()
    code = app.exec()
    scheduler.shutdown(wait=False)
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
