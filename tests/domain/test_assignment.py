"""The assignment strategy: balance, determinism, incremental filling, sampling."""
from __future__ import annotations

import ast
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import pytest

from annotator.domain.assignment import AssignmentError, plan_assignments, seeded_rank

DOCS = [f"d{i:03d}" for i in range(60)]
PEOPLE = ["amal", "badr", "chems", "dounia"]


def by_document(pairs, existing=None):
    result = defaultdict(list, {d: list(a) for d, a in (existing or {}).items()})
    for document, annotator in pairs:
        result[document].append(annotator)
    return result


def test_every_document_gets_k_distinct_annotators():
    plan = plan_assignments(DOCS, PEOPLE, per_document=2, seed=1)
    assigned = by_document(plan.added)
    assert set(assigned) == set(DOCS)
    assert all(len(names) == 2 == len(set(names)) for names in assigned.values())
    assert not plan.unfilled


def test_workload_is_balanced_to_within_one_document():
    plan = plan_assignments(DOCS[:59], PEOPLE, per_document=3, seed=7)
    loads = plan.loads
    assert sum(loads.values()) == 59 * 3
    assert max(loads.values()) - min(loads.values()) <= 1


def test_every_pair_of_annotators_shares_documents():
    plan = plan_assignments(DOCS, PEOPLE, per_document=2, seed=3)
    pairs = Counter(frozenset(sorted(names)) for names in by_document(plan.added).values())
    assert all(pairs[frozenset(p)] >= 1 for p in combinations(PEOPLE, 2))
    assert max(pairs.values()) - min(pairs.values()) <= 2


def test_same_seed_same_plan_whatever_the_input_order():
    first = plan_assignments(DOCS, PEOPLE, per_document=2, seed=5)
    second = plan_assignments(list(reversed(DOCS)), list(reversed(PEOPLE)), per_document=2, seed=5)
    assert sorted(first.added) == sorted(second.added)


def test_another_seed_gives_another_plan():
    first = plan_assignments(DOCS, PEOPLE, per_document=2, seed=5)
    second = plan_assignments(DOCS, PEOPLE, per_document=2, seed=6)
    assert sorted(first.added) != sorted(second.added)


def test_incremental_keeps_existing_and_fills_only_open_places():
    first = plan_assignments(DOCS[:40], PEOPLE[:3], per_document=2, seed=2)
    existing = by_document(first.added)
    # New documents and a new annotator arrive.
    second = plan_assignments(DOCS, PEOPLE, existing, per_document=2, seed=2)
    assert all(document in DOCS[40:] for document, _ in second.added)
    assert len(second.added) == 20 * 2
    # The newcomer, least loaded, takes the new work first.
    assert second.loads["dounia"] == 20
    # Nothing old moved: running again adds nothing.
    third = plan_assignments(DOCS, PEOPLE, by_document(second.added, existing), per_document=2, seed=2)
    assert third.added == ()


def test_existing_partial_document_is_completed_with_the_least_loaded():
    existing = {"d000": ["amal"], "d001": ["amal", "badr"], "d002": ["amal", "badr"]}
    plan = plan_assignments(["d000", "d001", "d002"], ["amal", "badr", "chems"], existing, per_document=2)
    assert plan.added == (("d000", "chems"),)


def test_excluded_annotator_is_not_given_the_document_back():
    plan = plan_assignments(["d000"], ["amal", "badr", "chems"], per_document=2,
                            excluded={"d000": ["amal"]})
    assert sorted(a for _, a in plan.added) == ["badr", "chems"]


def test_too_few_annotators_leaves_places_open_and_says_so():
    plan = plan_assignments(["d000"], ["amal"], per_document=2)
    assert plan.added == (("d000", "amal"),)
    assert plan.unfilled == {"d000": 1}


@pytest.mark.parametrize("fraction, expected", [(0.0, 0), (0.25, 15), (0.5, 30), (1.0, 60)])
def test_sample_double_codes_only_the_fraction(fraction, expected):
    plan = plan_assignments(DOCS, PEOPLE, per_document=2, sample=fraction, seed=11)
    counts = Counter(len(names) for names in by_document(plan.added).values())
    assert counts[2] == expected and counts[1] == 60 - expected
    assert len(plan.sampled) == expected


def test_sample_is_deterministic_and_incremental():
    first = plan_assignments(DOCS[:40], PEOPLE, per_document=2, sample=0.25, seed=4)
    again = plan_assignments(DOCS[:40], PEOPLE, per_document=2, sample=0.25, seed=4)
    assert first.sampled == again.sampled
    existing = by_document(first.added)
    more = plan_assignments(DOCS, PEOPLE, existing, per_document=2, sample=0.25, seed=4)
    assert first.sampled <= more.sampled
    assert len(more.sampled) == 15
    assert all(document in DOCS[40:] or document in more.sampled for document, _ in more.added)


@pytest.mark.parametrize("kwargs, field", [
    ({"per_document": 0}, "per_document"),
    ({"per_document": 2, "sample": 1.5}, "sample"),
    ({"per_document": 2, "sample": -0.1}, "sample"),
])
def test_bad_parameters_name_the_field(kwargs, field):
    with pytest.raises(AssignmentError) as caught:
        plan_assignments(DOCS, PEOPLE, **kwargs)
    assert caught.value.field == field


def test_domain_modules_import_neither_flask_nor_sqlalchemy():
    domain = Path(__file__).resolve().parents[2] / "annotator" / "domain"
    for name in ("assignment.py", "activity.py"):
        tree = ast.parse((domain / name).read_text())
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not imported & {"flask", "sqlalchemy"}, name


def test_documents_given_first_are_planned_first_in_that_order():
    from annotator.domain.assignment import planning_order

    documents = ["a", "b", "c", "d", "e"]
    rest = sorted(["a", "c", "e"], key=lambda d: seeded_rank(0, d))
    assert planning_order(documents, ["d", "b", "zzz", "d"], seed=0) == ["d", "b", *rest]
    # planned first, the first one meets the least loaded annotator
    plan = plan_assignments(documents, ["x", "y"], {"a": ["x"]}, per_document=1, first=["d", "b"])
    assert plan.added[0] == ("d", "y") and [d for d, _ in plan.added] == ["d", "b", *(d for d in rest if d != "a")]
