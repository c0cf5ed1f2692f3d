"""No tray host at start (a bare compositor, GNOME without the AppIndicator extension): deskbreak
says so once, with what to install, keeps reminding through notifications, and shows its icon as
soon as a tray host appears."""

from __future__ import annotations

from app_runner import RunningApp, write_config
from harness import DesktopSession


def test_without_a_tray_the_app_says_so_reminds_anyway_and_docks_when_a_tray_appears(desktop_tools, tmp_path):
    with DesktopSession(tmp_path / "desktop", tray=False) as desktop:
        home = tmp_path / "home"
        write_config(home, 'sit_limit = "4s"\n')
        app = RunningApp(desktop, home).start()
        try:
            assert app.status()["tray"]["available"] is False
            assert desktop.wait_until(lambda: "no system tray was found" in app.stderr, 10)
            assert app.stderr.count("no system tray was found") == 1
            assert "AppIndicator" in app.stderr and "waybar" in app.stderr
            # The reminder still reaches the user, as a notification.
            assert desktop.wait_until(lambda: app.status()["state"] == "due", 15), app.stderr
            assert desktop.notifications_displayed() >= 1
            # A tray host appears: the icon docks in it without a restart.
            desktop.start_tray()
            assert desktop.wait_until(lambda: app.status()["tray"]["geometry"][2] > 0, 15), app.status()
            tray = app.status()["tray"]
            assert tray["available"] and tray["visible"]
            assert app.stderr.count("no system tray was found") == 1
        finally:
            assert app.stop() == 0
