"""Sound cues: the platform's player is found and run without blocking; silence where there is none."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from deskbreak.bundled import resources_dir
from deskbreak.platform.sound import NAMES, CommandSound, NullSound, create_sound
from deskbreak.platform.sound_windows import WinSound

SOUNDS = resources_dir() / "sounds"


def test_every_cue_the_window_plays_is_shipped_as_a_short_wav():
    import wave

    for name in NAMES:
        with wave.open(str(SOUNDS / f"{name}.wav")) as file:
            seconds = file.getnframes() / file.getframerate()
        assert 0.1 < seconds < 1.0, name


def test_the_first_installed_linux_player_is_used_in_order_of_preference():
    installed = {"aplay": "/usr/bin/aplay", "paplay": "/usr/bin/paplay"}
    sound = create_sound(SOUNDS, True, platform="linux", which=installed.get)
    assert isinstance(sound, CommandSound) and sound.route == "paplay"
    assert (
        create_sound(SOUNDS, True, platform="darwin", which={"afplay": "/usr/bin/afplay"}.get).route
        == "afplay"
    )


def test_no_player_or_sounds_off_means_silence():
    assert isinstance(create_sound(SOUNDS, True, platform="linux", which=lambda _: None), NullSound)
    assert create_sound(SOUNDS, False, platform="linux", which=lambda c: f"/usr/bin/{c}").route == "none"
    NullSound().play("go")  # and playing into silence is fine


class FakeProcess:
    def __init__(self, args, **kwargs):
        self.args, self.kwargs, self.done = args, kwargs, False
        started.append(self)

    def poll(self):
        return 0 if self.done else None

    def kill(self):
        self.done = True

    def wait(self, timeout=None):
        return 0


started: list[FakeProcess] = []


def test_a_cue_is_dropped_while_the_last_one_still_sounds_and_never_blocks():
    started.clear()
    sound = CommandSound("/usr/bin/paplay", (), SOUNDS, spawn=FakeProcess)
    sound.play("go")
    sound.play("ready")  # the first is still playing: not stacked
    assert [p.args for p in started] == [["/usr/bin/paplay", str(SOUNDS / "go.wav")]]
    assert started[0].kwargs["stdin"] == subprocess.DEVNULL
    started[0].done = True
    sound.play("done")
    assert started[-1].args[-1].endswith("done.wav")
    sound.play("unknown")  # only the shipped cues
    assert len(started) == 2
    sound.close()
    assert started[-1].done


def test_a_player_that_hangs_is_ended_and_the_next_cue_plays():
    started.clear()
    now = [0.0]
    sound = CommandSound("/usr/bin/paplay", (), SOUNDS, spawn=FakeProcess, clock=lambda: now[0])
    sound.play("go")
    now[0] = 1.0
    sound.play("ready")  # still within a cue's length: dropped
    now[0] = 10.0
    sound.play("done")  # the first has "played" for 10 s: it hangs, so it is ended
    assert [p.args[-1].rsplit("/", 1)[-1] for p in started] == ["go.wav", "done.wav"]
    assert started[0].done and not started[1].done


def test_a_player_that_vanished_is_silence_not_an_error():
    def gone(*args, **kwargs):
        raise FileNotFoundError("paplay")

    sound = CommandSound("/usr/bin/paplay", (), SOUNDS, spawn=gone)
    sound.play("go")
    assert sound.running is None


def test_a_real_player_command_is_run_with_the_cue_file(tmp_path: Path):
    """The real subprocess route, with a stand-in `paplay` that records what it was asked to play."""
    record = tmp_path / "played.txt"
    player = tmp_path / "paplay"
    player.write_text(f'#!/bin/sh\necho "$@" >> {record}\n')
    player.chmod(0o755)
    sound = create_sound(SOUNDS, True, platform="linux", which=lambda c: shutil.which(c, path=str(tmp_path)))
    assert sound.route == "paplay"
    sound.play("done")
    assert isinstance(sound, CommandSound) and sound.running.wait(timeout=10) == 0
    assert record.read_text().strip() == str(SOUNDS / "done.wav")
    sound.close()


def test_windows_plays_asynchronously_through_winsound():
    calls = []
    fake = SimpleNamespace(
        SND_FILENAME=0x20000, SND_ASYNC=0x1, SND_NODEFAULT=0x2, SND_PURGE=0x40,
        PlaySound=lambda sound, flags: calls.append((sound, flags)),
    )  # fmt: skip
    sound = WinSound(fake, SOUNDS)  # type: ignore[arg-type]
    sound.play("go")
    sound.close()
    assert calls == [(str(SOUNDS / "go.wav"), 0x20000 | 0x1 | 0x2), (None, 0x40)]
    if sys.platform != "win32":
        assert create_sound(SOUNDS, True, platform="win32").route == "none"  # no winsound here
