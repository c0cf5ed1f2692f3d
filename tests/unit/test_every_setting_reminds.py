"""Every allowed value of every setting still reminds: a user who keeps working (short pauses to
read or think included) gets the reminder exactly at the sit limit, whatever the natural break,
the snooze or the poll interval; and a snooze brings it back exactly a snooze later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from deskbreak.core.clock import FakeClock
from deskbreak.core.effects import LogReminder
from deskbreak.core.lifecycle import BreakLifecycle
from deskbreak.core.policy import BreakPolicy, PolicySettings
from deskbreak.core.settings import SPEC_BY_KEY


def allowed(key: str) -> st.SearchStrategy[timedelta]:
    spec = SPEC_BY_KEY[key]
    low, high = int(spec.low.total_seconds()), int(spec.high.total_seconds())
    return st.one_of(st.sampled_from([low, high]), st.integers(low, high)).map(lambda s: timedelta(seconds=s))


@settings(max_examples=300, deadline=None)
@given(
    sit=allowed("sit_limit"),
    snooze=allowed("snooze"),
    natural=allowed("natural_break"),
    pause=st.floats(min_value=0, max_value=0.99),
)
def test_any_allowed_settings_remind_on_time(sit, snooze, natural, pause):
    clock = FakeClock(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    life = BreakLifecycle(
        BreakPolicy(PolicySettings(sit, snooze, natural), clock.now()), timedelta(minutes=3), 3
    )
    start = clock.now()
    reminders: list[datetime] = []

    still = pause * natural.total_seconds()  # pauses (reading, thinking) just under a natural break
    cycle = still + 60.0  # ...then a minute of typing

    def idle() -> float:
        into = (clock.now() - start).total_seconds() % cycle
        return into if into < still else 0.0

    def run_until(end: datetime) -> None:
        for _ in range(100_000):
            effects = life.tick(clock.now(), idle(), clock.monotonic())
            reminders.extend(e.at for e in effects if isinstance(e, LogReminder))
            wake = life.next_wakeup(clock.now(), idle())
            if wake > end:
                break
            clock.advance(max(wake - clock.now(), timedelta()))
        else:  # pragma: no cover
            raise AssertionError("the next wake-up never moved on")

    run_until(start + sit)
    assert reminders == [start + sit]
    life.snooze(clock.now())
    run_until(start + sit + snooze)
    assert reminders == [start + sit, start + sit + snooze]
