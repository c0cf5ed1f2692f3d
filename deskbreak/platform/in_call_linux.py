"""Linux: "in a call" means a camera or a microphone is in use right now.

Microphone: ALSA publishes every capture substream's state in
``/proc/asound/card*/pcm*c/sub*/status`` (world-readable, a few small files). ``state: RUNNING``
means samples are being captured now, whoever holds the device. This is the main signal because
of how sound servers work: with PipeWire or PulseAudio, applications never open
``/dev/snd/pcmC*D*c`` themselves; the sound server does, on their behalf, and only while some
client records (both close an idle capture device after about 5 s, "suspend on idle"). So:

- a call through PipeWire/PulseAudio shows as a RUNNING capture substream, and the process
  holding the device file is the sound server, not the call app;
- a sound server keeping an idle device open shows as ``prepared``/``setup``, not RUNNING, and
  is not a call.

Known limits: a permanent capture client (e.g. EasyEffects' input effects, or an echo-cancel
module with a source always linked) keeps the substream RUNNING and reads as "in a call" all the
time; a Bluetooth headset's microphone (HFP/HSP) goes through BlueZ, not ALSA, and is not seen.

Only when no capture status file exists at all (a kernel without ALSA's procfs, a sandbox that
hides /proc/asound) are the user's processes searched for an open ``/dev/snd/pcmC*D*c``, and then
a sound server holding one does not count (it may just be idle).

Camera: no kernel file says a V4L2 device is streaming. Two steps keep this cheap:

1. A gate, from /sys: opening a ``/dev/videoN`` takes a reference on its driver's module
   (chrdev_open -> cdev_get), so ``/sys/class/video4linux/videoN/device/driver/module/refcnt``
   is 0 for every camera while none is open (``lsmod``'s "Used by" count for uvcvideo). No
   ``/dev/video*``, or every camera's module at 0: no camera in use, no search. A driver built
   into the kernel (no module) or an unreadable count means "cannot tell": search.
2. The search: the user's own processes (same uid), newest first, are searched for an open
   ``/dev/video*`` in their ``/proc/<pid>/fd/*`` links (readlinkat on one open directory).
   A video server holding the camera counts here (PipeWire opens it only for a stream). The
   search stops at the first hit, and gives up after ``time_budget`` seconds (logged once,
   counted as no call) so it never stalls the GUI thread: reading fd links costs about 5 us
   each, and a busy desktop has 10-20 thousand of them.

Known limit: ``/dev/video*`` nodes that are not cameras (hardware video codecs on some ARM
boards) count as cameras while a player uses them.

Measured on the development VM: the gate and the ALSA files take well under a millisecond; the
search reads about 200 fd links per millisecond. That VM has no sound card and no camera: the
ALSA states, the suspend-on-idle behaviour and the module reference count are taken from ALSA's,
PipeWire's and the kernel's documented behaviour and tested on fake trees, not on hardware.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = [
    "REASON",
    "SOUND_SERVERS",
    "LinuxInCallCheck",
]

log = logging.getLogger(__name__)

REASON = "in a call"
"""Equal to deskbreak.platform.postpone.IN_A_CALL (not imported: no import cycle)."""

SOUND_SERVERS = frozenset(
    {
        "pipewire",
        "pipewire-pulse",
        "wireplumber",
        "pipewire-media-",  # /proc/<pid>/comm is cut to 15 characters
        "pulseaudio",
        "jackd",
        "jackdbus",
    }
)
"""Process names (``/proc/<pid>/comm``) whose open capture device alone does not mean a call."""

_CAPTURE_DEVICE = re.compile(r"/dev/snd/pcmC\d+D\d+c\Z")
_CAMERA_PREFIX = "/dev/video"


class LinuxInCallCheck:
    """Postpone check: a camera or microphone in use by one of the current user's processes.

    ``proc_root``/``dev_root`` are injectable so tests build fake trees; ``uid`` is the owner
    whose processes count (default: ours); ``time_budget`` caps the process search (seconds).
    """

    name = "in-call-linux"

    def __init__(
        self,
        *,
        proc_root: Path | str = "/proc",
        dev_root: Path | str = "/dev",
        sys_root: Path | str = "/sys",
        uid: int | None = None,
        time_budget: float = 0.03,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self._proc = Path(proc_root)
        self._dev = Path(dev_root)
        self._sys = Path(sys_root)
        self._uid = os.getuid() if uid is None else uid
        self._budget = time_budget
        self._clock = clock
        self._budget_logged = False
        self._error_logged = False

    def reason(self) -> str | None:
        """ "in a call" when a microphone or camera is in use, else None; never raises."""
        try:
            if self._in_call():
                return REASON
        except Exception:  # a surprise in /proc must not stop a reminder
            if not self._error_logged:
                self._error_logged = True
                log.warning("in-call check failed (logged once)", exc_info=True)
        return None

    def close(self) -> None:
        return None

    # -- the signals ------------------------------------------------------------------------

    def _in_call(self) -> bool:
        capture = self.capture_states()
        if any(state == "RUNNING" for state in capture.values()):
            return True
        want_camera = self.camera_open() is not False
        want_microphone = not capture  # no ALSA status files: fall back to open device files
        if not (want_camera or want_microphone):
            return False
        return self.find_device_user(camera=want_camera, microphone=want_microphone) is not None

    def capture_states(self) -> dict[str, str]:
        """ALSA capture substreams and their state ("RUNNING", "PREPARED", "closed", ...).

        Keys are like "card0/pcm0c/sub0". Empty when /proc/asound has no capture streams (or
        does not exist).
        """
        states: dict[str, str] = {}
        asound = self._proc / "asound"
        for status in sorted(asound.glob("card*/pcm*c/sub*/status")):
            try:
                text = status.read_text(errors="replace")
            except OSError:
                continue
            key = "/".join(status.parts[-4:-1])
            states[key] = _state_of(text)
        return states

    def camera_devices(self) -> list[str]:
        """Names of the /dev/video* nodes (cameras, or virtual ones such as v4l2loopback)."""
        try:
            with os.scandir(self._dev) as entries:
                return sorted(entry.name for entry in entries if entry.name.startswith("video"))
        except OSError:
            return []

    def camera_open(self) -> bool | None:
        """Is any camera open, by anyone? False: surely not; True: yes; None: cannot tell.

        Read from each camera's driver module reference count in /sys (see the module's
        docstring); False as well when there is no /dev/video* at all.
        """
        unknown = False
        for name in self.camera_devices():
            refcnt = self._sys / "class" / "video4linux" / name / "device" / "driver" / "module" / "refcnt"
            try:
                count = int(refcnt.read_text().strip())
            except (OSError, ValueError):
                unknown = True  # built into the kernel, or not in /sys: only the search can tell
                continue
            if count > 0:
                return True
        return None if unknown else False

    def find_device_user(self, *, camera: bool = True, microphone: bool = True) -> tuple[int, str] | None:
        """(pid, device) of the first of the user's processes holding a camera or capture device.

        A capture device held by a sound server (SOUND_SERVERS) is skipped. None when nothing is
        found, or when the search ran past ``time_budget`` (logged once).
        """
        deadline = self._clock() + self._budget
        for pid in self._own_pids():
            if self._clock() > deadline:
                if not self._budget_logged:
                    self._budget_logged = True
                    log.warning(
                        "camera/microphone search stopped after %.0f ms (logged once); "
                        "a call may go unnoticed",
                        self._budget * 1000,
                    )
                return None
            for target in self._open_files(pid):
                if camera and target.startswith(_CAMERA_PREFIX):
                    return pid, target
                if microphone and _CAPTURE_DEVICE.match(target) and not self._is_sound_server(pid):
                    return pid, target
        return None

    # -- /proc ------------------------------------------------------------------------------

    def _own_pids(self) -> Iterator[int]:
        """PIDs of the user's processes, newest first (a call app is often younger than the desktop)."""
        try:
            with os.scandir(self._proc) as entries:
                listed = [entry for entry in entries if entry.name.isdigit()]
        except OSError:
            return
        listed.sort(key=lambda entry: int(entry.name), reverse=True)
        for entry in listed:
            try:
                if entry.stat(follow_symlinks=False).st_uid != self._uid:
                    continue
            except OSError:  # the process ended meanwhile
                continue
            yield int(entry.name)

    def _open_files(self, pid: int) -> Iterator[str]:
        """Targets of /proc/<pid>/fd/* that point into /dev (readlinkat on one open directory)."""
        try:
            fd_dir = os.open(self._proc / str(pid) / "fd", os.O_RDONLY | os.O_DIRECTORY)
        except OSError:  # gone, or not ours to read (a non-dumpable process)
            return
        try:
            try:
                names = os.listdir(fd_dir)
            except OSError:
                return
            for name in names:
                try:
                    target = os.readlink(name, dir_fd=fd_dir)
                except OSError:
                    continue
                if target.startswith("/dev/"):
                    yield target
        finally:
            os.close(fd_dir)

    def _is_sound_server(self, pid: int) -> bool:
        try:
            comm = (self._proc / str(pid) / "comm").read_text(errors="replace").strip()
        except OSError:
            return False
        return comm in SOUND_SERVERS


def _state_of(status_text: str) -> str:
    """The state in an ALSA substream status file: "closed" or the value of its "state:" line."""
    stripped = status_text.strip()
    if stripped == "closed":
        return "closed"
    for line in stripped.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "state":
            return value.strip()
    return "unknown"
