"""An unexpected error never shows a user a traceback: one line on stderr, details in the log."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from deskbreak.app import crash_log


def test_an_error_in_a_slot_is_logged_and_summarised_in_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    log_file = tmp_path / "data" / "deskbreak.log"
    said: list[str] = []
    crash_log.install(log_file, say=said.append)
    try:
        raise ValueError("the widget was already gone\nsecond line")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "ValueError: the widget was already gone" in err and str(log_file) in err
    assert said == [err.strip()]
    assert "Traceback (most recent call last)" in log_file.read_text()


def test_an_unwritable_log_still_gives_the_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    crash_log.install(blocker / "deskbreak.log")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    err = capsys.readouterr().err
    assert (
        err.strip() == "deskbreak: an internal error was caught and the app carries on (RuntimeError: boom)"
    )


def test_an_exception_inside_a_qt_slot_does_not_print_a_traceback(tmp_path):
    """A real Qt event loop, a slot that raises: the process carries on and prints one line."""
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication, QTimer
        from deskbreak.app import crash_log
        app = QCoreApplication([])
        crash_log.install(Path({str(tmp_path / "deskbreak.log")!r}))
        def broken():
            raise KeyError("missing")
        QTimer.singleShot(0, broken)
        QTimer.singleShot(50, lambda: (print("still running"), app.quit()))
        sys.exit(app.exec())
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", **__import__("os").environ},
    )
    assert done.returncode == 0
    assert "still running" in done.stdout
    assert "Traceback" not in done.stderr
    assert "KeyError" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" in (tmp_path / "deskbreak.log").read_text()
