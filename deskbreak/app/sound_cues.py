"""The break window's sound cues, set up on the first cue rather than at start-up: the tray app
that sits idle all day does not carry the sound player's code (or look for a player) until a
break is taken."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..platform.sound import Sound


class LazySound:
    def __init__(self, folder: Path, enabled: bool) -> None:
        self.folder, self.enabled = folder, enabled
        self._sound: Sound | None = None

    def play(self, name: str) -> None:
        if not self.enabled:
            return
        if self._sound is None:
            from ..platform.sound import create_sound

            self._sound = create_sound(self.folder, True)
        self._sound.play(name)

    def set_enabled(self, enabled: bool) -> None:
        """The `sounds` setting changed: off closes the player; on finds one at the next cue."""
        self.enabled = enabled
        if not enabled:
            self.close()

    def close(self) -> None:
        if self._sound is not None:
            self._sound.close()
            self._sound = None
