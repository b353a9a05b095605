"""Active time: gaps between a person's consecutive events, each capped at five minutes."""
from __future__ import annotations

from datetime import datetime, timedelta

from annotator.domain.activity import active_seconds_by_person, format_duration

T0 = datetime(2025, 3, 1, 9, 0)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_gaps_are_summed_and_long_pauses_count_five_minutes():
    events = [("amal", at(0)), ("amal", at(2)), ("amal", at(3)), ("amal", at(60)), ("amal", at(61))]
    # 2 + 1 + capped 5 + 1 minutes
    assert active_seconds_by_person(events) == {"amal": 9 * 60}


def test_each_person_is_counted_separately_and_one_event_is_zero():
    events = [("amal", at(0)), ("amal", at(1)), ("badr", at(0.5))]
    assert active_seconds_by_person(events) == {"amal": 60, "badr": 0}


def test_format_duration():
    assert format_duration(0) == "0 min"
    assert format_duration(12 * 60 + 59) == "12 min"
    assert format_duration(2 * 3600 + 5 * 60) == "2 h 05 min"
