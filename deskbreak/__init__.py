"""deskbreak: break up long sitting with short upper-back mobility routines."""

__version__ = "0.1.0"
