"""How far a report's build got: ``progress(done, total)`` as each of its steps ends.

A job computing agreement for a big project spends a minute in ``build_report``; without this
its progress bar stands still for that minute. The steps are known before the first one (a
family adds its own, span measures four), so the total never moves and the bar never goes back.

At 1,000,000 spans one step alone takes seconds (preparing the arrays, one u-alpha, the
bootstrap), so a step may also tell its own parts: ``within(done, total)``, a second plain
callable, counts the parts of the step under way (its total known when the step starts).
``progress`` is still called once a step, whatever the parts.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from typing import TypeVar

ReportProgress = Callable[[int, int], None]
PartProgress = Callable[[int, int], None]  # (parts done, parts in all) of the step under way
T = TypeVar("T")

SPAN_STEPS = 4  # the pooled, continuum and 2016 u-alphas, then span F1: each a long pass at 1,000,000 spans
FIRST_STEPS = 2  # preparing the arrays, matching the spans of every pair
LAST_STEPS = 2  # the bootstrap intervals, the views (pairs, documents, weeks, drift)


def report_steps(families: Collection[str]) -> int:
    return FIRST_STEPS + sum(SPAN_STEPS if family == "spans" else 1 for family in set(families)) + LAST_STEPS


class Steps:
    """``step(value)`` counts one step done and hands ``value`` back, so a step is counted on the
    line that computes it."""

    def __init__(self, progress: ReportProgress | None, families: Collection[str],
                 within: PartProgress | None = None):
        self._progress, self.total, self.done = progress, report_steps(families), 0
        self.within = within  # handed to the long steps, which count their parts with Parts

    def __call__(self, value: T = None) -> T:
        self.done += 1
        if self._progress is not None:
            self._progress(min(self.done, self.total), self.total)
        return value


class Parts:
    """The parts of one step: ``part()`` counts one done (and hands its value back, like
    Steps); ``each(items)`` counts one per item, once the caller is done with it."""

    def __init__(self, within: PartProgress | None, total: int):
        self._within, self.total, self.done = within, max(total, 1), 0

    def __call__(self, value: T = None) -> T:
        self.done += 1
        if self._within is not None:
            self._within(min(self.done, self.total), self.total)
        return value

    def each(self, items: Iterable[T]) -> Iterator[T]:
        for item in items:
            yield item
            self()
