"""The composition root: builds every part, wires them together and runs the tray app."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from ..bundled import icon_path, resources_dir

if TYPE_CHECKING:
    from ..platform.inhibitors import InhibitCheck
    from ..platform.postpone import PostponeCheck
from ..core.clock import SystemClock
from ..core.durations import humanize
from ..core.policy import BreakPolicy
from ..core.problems import Problem
from ..platform.asking import BuiltOnFirstUse
from ..platform.display import missing_display
from ..platform.idle import NULL_NOTICE_TITLE, create_idle_monitor, idle_notice
from ..platform.memory import release_free_memory
from ..platform.notify import TrayMessageNotifier, create_notifier
from ..platform.screen_awake import create_screen_awake
from ..platform.session_lock import create_session_lock_watcher
from ..platform.sleep_watch import SleepWatcher
from ..storage.break_log import open_history
from ..ui.i18n import install_translator
from ..ui.icons import load_icon
from ..ui.tray import Tray
from . import crash_log
from .commands import command_handlers
from .config_watch import ConfigWatcher
from .configuration import load_configuration
from .controller import Controller
from .ipc import CommandServer, serve
from .ipc_follow import StatusFeed
from .paths import resolve_paths
from .program_service import ProgramService
from .program_windows import ProgramWindows
from .review_service import ReviewService
from .safety_content import load_safety_content
from .session_events import SessionEvents
from .settings_service import SettingsService
from .single_instance import hand_over, install_signal_handlers, lock_trouble
from .sound_cues import LazySound
from .wakeups import SchedulerWakeups

log = logging.getLogger("deskbreak")
NO_TRAY = (
    "no system tray was found, so deskbreak has no icon for now; reminders still come as "
    "notifications, and the icon appears once a tray is there. To get one: on GNOME, install and "
    "enable the AppIndicator extension (gnome-shell-extension-appindicator); on sway and other "
    "wlroots desktops, a bar with a tray (waybar's tray module, or swaybar); elsewhere, add a "
    "system tray or notification-area applet to your panel."
)
EXIT_NO_DESKTOP = 2  # no screen, or no private folder for the lock and command socket


def _postpone_checks() -> PostponeCheck:
    """The postpone checks, their module too imported only when first asked (asking.py)."""
    from ..platform.postpone import create_postpone_checks

    return create_postpone_checks()


def _inhibit_check() -> InhibitCheck:
    from ..platform.inhibitors import create_inhibit_check

    return create_inhibit_check()


def run_app() -> int:
    logging.basicConfig(level=logging.WARNING, format="deskbreak: %(levelname)s: %(message)s")
    if (no_display := missing_display()) is not None:
        print(no_display, file=sys.stderr)
        return EXIT_NO_DESKTOP
    paths = resolve_paths()
    crash_log.install(paths.data_dir / "deskbreak.log")
    try:
        lock_path = paths.lock_file
    except OSError as exc:
        print(f"deskbreak: {exc}", file=sys.stderr)
        return EXIT_NO_DESKTOP
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_translator(app)  # the system language's deskbreak_<lang>.qm, when there is one
    app.setApplicationName("deskbreak")
    app.setDesktopFileName("deskbreak")
    app.setQuitOnLastWindowClosed(False)

    lock = QLockFile(str(lock_path))
    lock.setStaleLockTime(0)
    while not lock.tryLock(100):
        if lock.error() != QLockFile.LockError.LockFailedError:  # not held by another copy: broken
            print(f"deskbreak: {lock_trouble(lock_path)}", file=sys.stderr)
            return EXIT_NO_DESKTOP
        handed = hand_over(paths)
        if handed >= 0:
            return handed

    clock = SystemClock()
    config = load_configuration(paths)
    settings = config.settings
    problems = list(config.problems)
    # Never raises: a folder that cannot be written (read-only, full, missing) leaves the log
    # running from memory, retrying, and saying so; nothing recorded is lost once it can write.
    break_log = open_history(paths.database, monotonic=clock.monotonic)
    now = clock.now()
    break_log.close_dangling(now)  # a break left open by a crash ends at its last sign of life
    saved = break_log.load_state()
    if break_log.problem_reason is not None:
        problems.append(Problem(str(paths.database), break_log.problem_reason))
    policy = BreakPolicy(config.policy, now, saved)
    safety, lasting = load_safety_content()  # problems a reload of config.toml does not clear

    icon = load_icon("deskbreak")
    app.setWindowIcon(icon)
    tray = Tray(icon, humanize(settings.snooze))  # the live icon is drawn (ui/tray_art.py)
    tray.show()  # first: the icon appears while the rest is wired up
    notifier = create_notifier(tray.show_message, icon=str(icon_path("deskbreak-64.png")))
    if not QSystemTrayIcon.isSystemTrayAvailable():
        # Reminders still come as notifications; Qt docks the icon when a tray host appears.
        print(f"deskbreak: {NO_TRAY}", file=sys.stderr)
        notifier.show("deskbreak is running without a tray icon", NO_TRAY, {})
    for route in notifier.routes:
        if isinstance(route, TrayMessageNotifier):
            tray.icon.messageClicked.connect(route.message_clicked)
    idle = create_idle_monitor()
    # Said once, ever: without idle time all the time at the desk counts as sitting.
    if (notice := idle_notice(idle)) and break_log.value("idle_notice") != "shown":
        tray.show_message(NULL_NOTICE_TITLE, notice)
        break_log.set_value("idle_notice", "shown")
    controller: Controller | None = None

    review: ReviewService | None = None

    def check() -> None:
        if controller is not None:
            controller.tick()
        if review is not None:
            review.check()  # the weekly check-in (also one missed while the app was off)

    wakeups = SchedulerWakeups(check)
    controller = Controller(
        clock=clock,
        policy=policy,
        break_log=break_log,
        routine=config.routine,
        idle=idle,
        notifier=notifier,
        tray=tray,
        wakeups=wakeups,
        problems=problems,
        notifications=settings.notifications,
        footer=safety.short,
        screen_awake=create_screen_awake(),
    )

    postpone = BuiltOnFirstUse(_postpone_checks)  # when a reminder first falls due
    controller.hold = lambda: postpone.probe.reason()
    inhibitors = BuiltOnFirstUse(_inhibit_check)  # when idle is first as long as a break
    controller.watching = lambda: inhibitors.probe.inhibited()
    sound = LazySound(resources_dir() / "sounds", settings.sounds)
    controller.windows.sound = sound.play
    controller.windows.library = config.library.exercises
    controller.windows.safety = safety
    program = ProgramService(controller, tray, break_log, config, safety, lasting)
    program_windows = ProgramWindows(program)
    preferences = SettingsService(paths.config_file, break_log, program)
    problems += lasting

    def busy() -> bool:
        return controller is not None and (
            controller.lifecycle.on_break or controller.lifecycle.reminder is not None
        )

    review = ReviewService(
        clock, break_log, settings, lambda title, body: notifier.show(title, body, {}), wakeups, busy
    )
    review.program_label = program.label
    tray.review_requested.connect(review.open_review)
    in_force = [config]  # what a file that breaks while running falls back to

    def reload() -> None:
        assert controller is not None
        fresh = load_configuration(paths, last_good=in_force[0])
        in_force[0] = fresh
        controller.apply_configuration(fresh, extra_problems=lasting)
        controller.windows.library = fresh.library.exercises
        program.apply_configuration(fresh)
        sound.set_enabled(fresh.settings.sounds)
        review.apply_settings(fresh.settings)
        preferences.reloaded()
        for problem in fresh.problems:
            print(f"deskbreak: {problem}", file=sys.stderr)

    session = SessionEvents(controller)
    lock_watcher = create_session_lock_watcher()  # the screen locking ends a break
    lock_watcher.locked.connect(session.locked)
    lock_watcher.unlocked.connect(session.unlocked)
    if callable(watch := getattr(lock_watcher, "watch", None)):  # macOS polls, only during a break
        controller.status_changed.connect(
            lambda: watch(controller is not None and controller.lifecycle.on_break)
        )
    sleep_watcher = SleepWatcher()  # logind on the system bus, where there is one
    sleep_watcher.sleeping.connect(session.sleeping)
    sleep_watcher.woke.connect(session.woke)
    watcher = ConfigWatcher(paths.config_file, paths.routines_dir, reload)
    tray.settings_requested.connect(preferences.open_settings)
    tray.welcome_requested.connect(preferences.open_welcome)
    folders = [("Settings", paths.config_dir), ("History", paths.data_dir)]
    tray.about_requested.connect(lambda: preferences.open_about(folders))
    controller.quit_requested.connect(app.quit)

    handlers = command_handlers(
        controller, preferences.open_settings, review.open_review, lambda: QTimer.singleShot(0, app.quit)
    )
    feed = StatusFeed(controller.status)  # `deskbreak status --follow`
    controller.status_changed.connect(feed.publish)
    try:
        server: CommandServer | None = serve(paths.server_name, handlers, feed)
    except OSError as exc:
        server = None
        problems.append(Problem(paths.server_name, f"`deskbreak` commands cannot reach this app ({exc})"))
    keep_signals = install_signal_handlers(app)

    def on_quit() -> None:
        assert controller is not None
        review.close()
        preferences.close()
        notifier.withdraw()  # no reminder left behind whose buttons would do nothing
        for route in notifier.routes:
            if callable(closing := getattr(route, "close", None)):
                closing()
        controller.shutdown()
        if server is not None:
            server.close()
        idle.close()
        sound.close()
        postpone.close()
        inhibitors.close()
        sleep_watcher.close()
        lock_watcher.close()
        tray.hide()
        lost = break_log.close()
        if lost:
            print(f"deskbreak: {lost} events could not be saved to {paths.database}", file=sys.stderr)
        lock.unlock()

    app.aboutToQuit.connect(on_quit)
    for problem in problems:
        print(f"deskbreak: {problem}", file=sys.stderr)
    if problems:
        more = f"\n(+{len(problems) - 1} more in the tray menu)" if len(problems) > 1 else ""
        tray.show_message("deskbreak: a problem with your files", f"{problems[0]}{more}")
    QTimer.singleShot(0, check)
    QTimer.singleShot(0, preferences.first_run)  # the welcome, then the safety notice, until each is done

    def settle() -> None:
        break_log.shrink_memory()
        release_free_memory()

    QTimer.singleShot(2000, settle)  # start-up's garbage, once it has settled
    controller.window_closed.connect(lambda: QTimer.singleShot(1000, settle))
    code = app.exec()
    del keep_signals, watcher, program_windows  # (on_quit keeps lock_watcher)
    return int(code)
