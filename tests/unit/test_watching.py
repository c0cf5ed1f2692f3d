"""Idle while something holds an idle inhibitor (a video player, a call) is still sitting: the
reminder comes on time and no natural break is logged; the check is made only when idle is long."""

from __future__ import annotations

from datetime import timedelta

from desk import SETTINGS, at

from deskbreak.core.effects import LogNaturalBreak, LogReminder
from deskbreak.core.lifecycle import BreakLifecycle
from deskbreak.core.policy import BreakPolicy


class Video:
    """Watching from `start` to `end` without touching anything; the player inhibits idling."""

    def __init__(self, start, end, inhibits=True):
        self.start, self.end, self.inhibits, self.asked, self.now = start, end, inhibits, 0, None

    def idle(self, now):
        return (now - self.start).total_seconds() if self.start <= now < self.end else 0.0

    def __call__(self):
        self.asked += 1
        return self.inhibits and self.start <= self.now < self.end


def day(video, until):
    policy = BreakPolicy(SETTINGS, at(9, 0))
    life = BreakLifecycle(policy, timedelta(minutes=3), 3)
    effects, now = [], at(9, 0)
    while now <= until:
        video.now = now
        effects += [(now, e) for e in life.tick(now, video.idle(now), None, watching=video)]
        now += timedelta(seconds=30)
    return effects


def test_a_forty_minute_video_with_an_inhibitor_is_sitting_and_the_reminder_comes_on_time():
    video = Video(at(9, 10), at(9, 50))
    effects = day(video, at(9, 55))
    assert [t for t, e in effects if isinstance(e, LogReminder)] == [at(9, 45)]
    assert not [e for _, e in effects if isinstance(e, LogNaturalBreak)]


def test_the_same_idle_without_an_inhibitor_is_a_natural_break():
    video = Video(at(9, 10), at(9, 50), inhibits=False)
    effects = day(video, at(9, 55))
    assert [e for _, e in effects if isinstance(e, LogNaturalBreak)]
    assert not [e for _, e in effects if isinstance(e, LogReminder)]


def test_it_is_asked_only_once_idle_is_as_long_as_a_natural_break():
    video = Video(at(9, 10), at(9, 14))  # four minutes: never long enough to ask
    day(video, at(9, 30))
    assert video.asked == 0
