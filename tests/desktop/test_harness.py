"""The desktop harness really provides a tray host, a notification daemon and a private bus."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from harness import DesktopError, DesktopSession

TRAY_PROBE = (
    "from PySide6.QtWidgets import QApplication, QSystemTrayIcon\n"
    "app = QApplication([])\n"
    "print(QSystemTrayIcon.isSystemTrayAvailable())\n"
)


def qt_sees_tray(env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-c", TRAY_PROBE], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_tray_host_owns_the_system_tray_selection(desktop: DesktopSession) -> None:
    owner = desktop.tray_manager_window()
    assert owner is not None
    # The owner is trayer's window: xprop can read it on this display.
    props = desktop.run("xprop", "-id", hex(owner), "WM_CLASS")
    assert props.returncode == 0, props.stderr
    assert qt_sees_tray(desktop.env) == "True"


def test_without_tray_host_qt_sees_no_tray_and_stop_ends_everything(
    desktop_tools: None, tmp_path: Path
) -> None:
    """Negative control for the test above, and the harness's cleanup promise."""
    with DesktopSession(tmp_path, tray=False, notifications=False) as bare:
        assert bare.tray_manager_window() is None
        assert qt_sees_tray(bare.env) == "False"
        pids = bare.pids
        display_socket = Path(f"/tmp/.X11-unix/X{bare.display.lstrip(':')}")
        assert display_socket.exists()
    assert set(pids) == {"xvfb", "dbus"}
    for pid in pids.values():
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert not display_socket.exists()
    assert bare.pids == {}


def test_notify_send_reaches_dunst_on_the_private_bus(desktop: DesktopSession) -> None:
    assert desktop.env["DBUS_SESSION_BUS_ADDRESS"] != os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    before = desktop.notifications_displayed()
    try:
        sent = desktop.run("notify-send", "deskbreak harness", "time to stretch")
        assert sent.returncode == 0, sent.stderr
        assert desktop.wait_until(lambda: desktop.notifications_displayed() == before + 1, 5)
    finally:
        desktop.close_notifications()
    assert desktop.wait_until(lambda: desktop.notifications_displayed() == 0, 5)


def test_screenshot_is_a_png_of_the_screen_size(desktop: DesktopSession, tmp_path: Path) -> None:
    shot = desktop.screenshot(tmp_path / "root.png")
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    assert (width, height) == (1280, 800)


def test_failing_xdotool_reports_its_stderr(desktop: DesktopSession) -> None:
    with pytest.raises(DesktopError, match="(?s)xdotool no-such-command failed.*Unknown command"):
        desktop.xdotool("no-such-command")


def test_start_failure_names_the_program_with_its_output_and_cleans_up(
    desktop_tools: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    fake_dunst = fake_bin / "dunst"
    fake_dunst.write_text("#!/bin/sh\necho 'dunst: cannot open the config of doom' >&2\nexit 3\n")
    fake_dunst.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake_bin}{os.pathsep}{os.environ['PATH']}")

    session = DesktopSession(tmp_path / "work", tray=False)
    with pytest.raises(DesktopError, match="(?s)dunst exited during start-up.*exit 3.*config of doom"):
        session.__enter__()
    assert session.pids == {}
    assert not Path(f"/tmp/.X11-unix/X{session.display.lstrip(':')}").exists()
