"""Who annotates which document: the assignment strategy, free of any database.

Rules (the service applies them to the project's rows):

* k annotators per document, each annotator at most once per document.
* Incremental: existing assignments are never moved. Only the places still open are filled,
  so new documents and new annotators join without reshuffling anyone's work.
* Balanced: every open place goes to the least loaded annotator (load = documents assigned in
  the project, existing ones included); among equally loaded annotators, the one who has shared
  the fewest documents with the annotators already chosen for this document, so every pair of
  annotators meets on some documents and the pairwise agreement matrix has no empty cells.
* Deterministic for a seed: documents and annotators are ordered by a seeded hash of their ids,
  never by Python's per-process hash or the order rows came from the database.
* Sample: with ``sample=f`` only a fraction f of the documents (rounded, half up) is coded by k
  annotators, the rest by one. Documents that already have two or more annotators count towards
  the sample first; the others are drawn in seeded hash order, so a document's draw does not
  depend on which other documents exist.
* An annotator removed from a document (``excluded``) is not given it back automatically.
* Priority (``first``): documents given in ``first`` are planned before the others, in that order
  (active ordering passes the most uncertain first), so they meet the least loaded annotators.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from ..i18n import Phrase


@dataclass(frozen=True)
class AssignmentPlan:
    """New (document, annotator) pairs to create, and places that could not be filled."""

    added: tuple[tuple[Hashable, Hashable], ...]
    unfilled: Mapping[Hashable, int] = field(default_factory=dict)
    sampled: frozenset = frozenset()  # documents meant to be coded by k annotators

    @property
    def loads(self) -> Counter:
        return Counter(annotator for _, annotator in self.added)


class AssignmentError(ValueError):
    def __init__(self, field_name: str, problem: str):
        super().__init__(f"{field_name}: {problem}")
        self.field = field_name
        self.problem = problem


def seeded_rank(seed: int, item: Hashable) -> str:
    """A stable pseudo-random sort key: the same for the same seed and id on every run."""
    return hashlib.sha256(f"{seed}:{item}".encode()).hexdigest()


def sampled_documents(documents: Sequence[Hashable], existing: Mapping[Hashable, Collection[Hashable]],
                      sample: float, seed: int) -> frozenset:
    """The documents to code by k annotators when only a fraction is double-coded."""
    wanted = math.floor(sample * len(documents) + 0.5)
    already = [d for d in documents if len(existing.get(d, ())) >= 2]
    rest = sorted((d for d in documents if len(existing.get(d, ())) < 2), key=lambda d: seeded_rank(seed, d))
    return frozenset(already) | frozenset(rest[:max(0, wanted - len(already))])


def planning_order(documents: Sequence[Hashable], first: Sequence[Hashable], seed: int) -> list[Hashable]:
    """``first`` (those of ``documents``), in its order, then the rest in seeded hash order."""
    wanted = set(documents)
    ahead = [d for d in dict.fromkeys(first) if d in wanted]
    ahead_set = set(ahead)
    return ahead + sorted((d for d in documents if d not in ahead_set), key=lambda d: seeded_rank(seed, d))


def plan_assignments(
    documents: Sequence[Hashable],
    annotators: Sequence[Hashable],
    existing: Mapping[Hashable, Collection[Hashable]] | None = None,
    *,
    per_document: int,
    sample: float | None = None,
    seed: int = 0,
    excluded: Mapping[Hashable, Collection[Hashable]] | None = None,
    first: Sequence[Hashable] = (),
) -> AssignmentPlan:
    """Fill every document up to its number of annotators (see the module doc for the rules).

    ``existing`` maps a document to the annotators it is assigned to now; assignments of people
    not in ``annotators`` (a lead who annotates, say) still count towards the document's k.
    """
    if per_document < 1:
        raise AssignmentError("per_document", Phrase("must be at least 1"))
    if sample is not None and not 0.0 <= sample <= 1.0:
        raise AssignmentError("sample", Phrase("must be a fraction between 0 and 1"))
    existing = existing or {}
    excluded = excluded or {}
    sampled = (frozenset(documents) if sample is None
               else sampled_documents(documents, existing, sample, seed))
    load = Counter({a: 0 for a in annotators})
    shared: Counter = Counter()  # frozenset({a, b}) -> documents both are on
    for document, names in existing.items():
        for name in names:
            if name in load:
                load[name] += 1
        for a, b in combinations(sorted(names, key=str), 2):
            shared[frozenset((a, b))] += 1
    rank = {a: seeded_rank(seed, a) for a in annotators}

    added: list[tuple[Hashable, Hashable]] = []
    unfilled: dict[Hashable, int] = {}
    for document in planning_order(documents, first, seed):
        on_document = list(existing.get(document, ()))
        target = per_document if document in sampled else 1
        for _ in range(target - len(on_document)):
            candidates = [a for a in annotators
                          if a not in on_document and a not in excluded.get(document, ())]
            if not candidates:
                unfilled[document] = target - len(on_document)
                break
            chosen = min(candidates, key=lambda a: (
                load[a], sum(shared[frozenset((a, b))] for b in on_document), rank[a]))
            for other in on_document:
                shared[frozenset((chosen, other))] += 1
            on_document.append(chosen)
            load[chosen] += 1
            added.append((document, chosen))
    return AssignmentPlan(tuple(added), unfilled, sampled)
