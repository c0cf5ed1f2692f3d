"""A client that suspends the X server's screensaver, as mpv does: XScreenSaverSuspend(dpy, True).

    DISPLAY=:n python xss_suspender.py

Prints ``suspended`` once the server has the request; then reads stdin line by line:
``resume`` calls XScreenSaverSuspend(dpy, False) and prints ``resumed``; ``suspend`` suspends
again and prints ``suspended``; end of input closes the display and exits (the server drops a
closed client's suspension too). Plain ctypes, no toolkit.
"""

from __future__ import annotations

import ctypes
import sys


def main() -> int:
    x11 = ctypes.CDLL("libX11.so.6")
    xss = ctypes.CDLL("libXss.so.1")
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xss.XScreenSaverSuspend.argtypes = [ctypes.c_void_p, ctypes.c_int]
    xss.XScreenSaverSuspend.restype = None
    display = x11.XOpenDisplay(None)
    if not display:
        print("cannot open display", flush=True)
        return 1

    def suspend(on: bool) -> None:
        xss.XScreenSaverSuspend(display, 1 if on else 0)
        x11.XSync(display, 0)  # the server has it once XSync returns
        print("suspended" if on else "resumed", flush=True)

    suspend(True)
    for line in sys.stdin:
        command = line.strip()
        if command == "resume":
            suspend(False)
        elif command == "suspend":
            suspend(True)
    x11.XCloseDisplay(display)
    return 0


if __name__ == "__main__":
    sys.exit(main())
