"""Walk a parent stream and child streams side by side, as a merge join.

The streams come from separate queries ordered by the same prefix (see ``dataset.SET_ORDER``), so
each parent's children are the next run of child rows carrying its key: nothing is held beyond
one parent's children. Only keys are compared, never orders, so database collations cannot
disagree with Python's.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

_END = object()


class Run:
    """Hands out, parent by parent, the consecutive child rows that carry the parent's key."""

    def __init__(self, rows: Iterable, key: Callable[[Any], Any]):
        self._rows = iter(rows)
        self._key = key
        self._next = next(self._rows, _END)

    def take(self, parent_key) -> list:
        taken = []
        while self._next is not _END and self._key(self._next) == parent_key:
            taken.append(self._next)
            self._next = next(self._rows, _END)
        return taken

    def check_exhausted(self, what: str) -> None:
        # A child left over means the streams were not ordered alike: a bug, never bad input.
        if self._next is not _END:
            raise RuntimeError(f"{what}: rows out of step with their parents")


def grouped_by(parents: Iterable, children: Iterable, parent_key: Callable, child_key: Callable
               ) -> Iterator[tuple[Any, list]]:
    run = Run(children, child_key)
    for parent in parents:
        yield parent, run.take(parent_key(parent))
    run.check_exhausted("children")
