"""Times in text are said as people say them: "14:05" today, "Tue 14:05" this week, "Mon 2 Nov
14:05" further off, with the year only when it is not this year; never an ISO date."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deskbreak.app.views import clock_time, day_and_time

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NOW = datetime(2026, 11, 30, 13, 52, tzinfo=UTC)


@pytest.fixture
def utc_local_time(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_each_distance_has_its_form(utc_local_time):
    assert clock_time(NOW + timedelta(hours=2), NOW) == "15:52"
    assert clock_time(NOW + timedelta(days=2), NOW) == "Wed 13:52"
    assert clock_time(NOW - timedelta(days=28), NOW) == "Mon 2 Nov 13:52"
    assert clock_time(NOW - timedelta(days=365), NOW) == "Sun 30 Nov 2025 13:52"
    assert day_and_time(NOW, NOW) == "Mon 30 Nov 13:52"


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=st.just(UTC)))
def test_no_form_is_an_iso_date_and_the_year_shows_only_when_it_differs(moment):
    for text in (clock_time(moment, NOW), day_and_time(moment, NOW)):
        assert not ISO_DATE.search(text), text
        assert str(moment.astimezone().year) in text or moment.astimezone().year == NOW.astimezone().year
        assert text.endswith(moment.astimezone().strftime("%H:%M"))
