"""Active time from the event log.

Rule: a person's active time in a project is the sum of the gaps between their consecutive
events in that project, each gap capped at ``ACTIVE_GAP_CAP`` (5 minutes). A longer pause
(a coffee, a night) therefore counts as 5 minutes of reading or thinking, not as hours; time
before the first event and after the last is not counted, so a single event is 0 seconds.
The event log records every change, so this measures time spent working, not time logged in.
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import datetime, timedelta

ACTIVE_GAP_CAP = timedelta(minutes=5)


def active_seconds_by_person(events: Iterable[tuple[Hashable, datetime]],
                             cap: timedelta = ACTIVE_GAP_CAP) -> dict[Hashable, float]:
    """``events``: (person, time) pairs ordered by person then time (as the query sorts them)."""
    totals: dict[Hashable, float] = {}
    previous_person, previous_at = None, None
    cap_seconds = cap.total_seconds()
    for person, at in events:
        if person != previous_person:
            totals.setdefault(person, 0.0)
        else:
            gap = (at - previous_at).total_seconds()
            totals[person] += min(max(gap, 0.0), cap_seconds)
        previous_person, previous_at = person, at
    return totals


def format_duration(seconds: float) -> str:
    """'2 h 05 min', '12 min', '0 min': what a lead reads at a glance."""
    minutes = int(seconds // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"
