"""u-alpha on one continuum: paragraphs end to end, documents end to end (issue 10, item 1)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.domain.agreement import AgreementDataset, SpanRecord, build_report, unitizing_alpha
from annotator.domain.agreement.unitizing import document_unitizing_alpha

from .test_unitizing import BOOK_C, BOOK_K


def spans_dataset(spans, lengths, done):
    records = [SpanRecord(f"s{k}", a, d, p, "argument", label, s, e)
               for k, (a, d, p, label, s, e) in enumerate(spans)]
    return AgreementDataset(done_sets={d: frozenset(v) for d, v in done.items()}, paragraph_lengths=lengths,
                            spans=records, links=[], stances=[], frames=[], stance_units={},
                            span_layers={"argument": ["claim", "evidence"]})


def u_alpha(report, key="spans/argument/claim", measure="unitizing_alpha"):
    return report.variables[key].measures[measure].value


# The reproducer of the issue: paragraph 0 (length 44): a marks nothing, b marks [0, 44);
# paragraph 1 (length 10): a [1, 5), b [2, 7).
REPRODUCER = spans_dataset([("b", "d", 0, "claim", 0, 44), ("a", "d", 1, "claim", 1, 5),
                            ("b", "d", 1, "claim", 2, 7)],
                           {("d", 0): 44, ("d", 1): 10}, {"d": {"a", "b"}})


def test_reproducer_gives_the_concatenated_value_not_the_pooled_one():
    report = build_report(REPRODUCER, bootstrap=0, include=["spans"])
    # One continuum of 54 positions, a: [45, 49); b: [0, 44), [46, 51).
    # delta^2 (ordered pairs): b's [0,44) lies in a's gap: 44^2 twice; [45,49) x [46,51): 1 + 4 twice
    #   -> Do = 2 (1936 + 5) / (2 * 1 * 54^2) = 0.66564
    # gaps: a: 45, 5; b: 2, 3. Units l = 4, 44, 5 (N = 3); placements (g - l + 1 over g >= l):
    #   l=4: 42+2 = 44; l=44: 2; l=5: 41+1 = 42
    # E = 2 * (2*64-48+4)/3 + 2*(2*44^3-3*44^2+44)/3 + 2*(250-75+5)/3 + 16*44 + 1936*2 + 25*42
    e = 2 * (2 * 64 - 48 + 4) / 3 + 2 * (2 * 44 ** 3 - 3 * 44 ** 2 + 44) / 3 + 2 * (250 - 75 + 5) / 3 \
        + 16 * 44 + 1936 * 2 + 25 * 42
    de = 2 / 54 * e / (108 * 107 - (4 * 3 + 44 * 43 + 5 * 4))
    do = 2 * (1936 + 5) / (2 * 54 ** 2)
    assert u_alpha(report) == pytest.approx(1 - do / de, rel=1e-12)
    assert u_alpha(report) == pytest.approx(-0.50, abs=0.005)
    # The per-paragraph pooled figure stays as a secondary view: -28.6.
    assert u_alpha(report, measure="unitizing_alpha_paragraphs") == pytest.approx(-28.566, abs=1e-3)
    # and the public function for one document gives the same figure
    alpha, _, _ = document_unitizing_alpha({"a": [(1, 1, 5)], "b": [(0, 0, 44), (1, 2, 7)]}, [44, 10])
    assert alpha == pytest.approx(u_alpha(report), rel=1e-12)


def test_book_example_split_into_two_paragraphs_where_no_unit_crosses_equals_unsplit():
    # Krippendorff (2004) p. 254 on [150, 450); at 300 (offset 150) no unit of c or k crosses:
    # j's [220, 300) ends there and k's [300, 350) starts there.
    def split(units):
        return {o: [(0, s - 150, e - 150) if e <= 300 else (1, s - 300, e - 300) for s, e in spans]
                for o, spans in units.items()}
    for units, expected in ((BOOK_C, 0.7286), (BOOK_K, 1.0)):
        whole = unitizing_alpha(units, begin=150, length=300)[0]
        halves = document_unitizing_alpha(split(units), [150, 150])[0]
        assert halves == pytest.approx(whole, rel=1e-12) and whole == pytest.approx(expected, abs=1e-4)
    spans = [(o, "d", p, label, s, e) for label, units in (("claim", BOOK_C), ("evidence", BOOK_K))
             for o, parts in split(units).items() for p, s, e in parts]
    report = build_report(spans_dataset(spans, {("d", 0): 150, ("d", 1): 150}, {"d": {"i", "j"}}),
                          bootstrap=0, include=["spans"])
    assert u_alpha(report) == pytest.approx(0.7286, abs=1e-4)
    assert u_alpha(report, "spans/argument/evidence") == 1.0
    assert u_alpha(report, "spans/argument/__all__") == pytest.approx(0.8591, abs=5e-4)


@pytest.mark.parametrize("units, observers, message", [
    ({"a": [(0, 5)]}, None, "at least two observers"),
    ({"a": [(0, 5)], "b": [(5, 3)]}, None, "negative length"),
    ({"a": [(0, 5)], "b": [(3, 3)]}, None, "empty"),
    ({"a": [(0, 5)], "b": [(8, 12)]}, None, "outside the continuum"),
    ({"a": [(-1, 5)], "b": []}, None, "outside the continuum"),
    ({"a": [(0, 5)], "b": []}, 1, "fewer than"),
])
def test_unitizing_alpha_refuses_what_would_mislead(units, observers, message):
    with pytest.raises(ValueError, match=message):
        unitizing_alpha(units, begin=0, length=10, observers=observers)


def test_document_unitizing_alpha_refuses_a_unit_outside_its_paragraph():
    with pytest.raises(ValueError, match="outside paragraph 1"):
        document_unitizing_alpha({"a": [(1, 0, 11)], "b": []}, [44, 10])
    with pytest.raises(ValueError, match="paragraph 2"):
        document_unitizing_alpha({"a": [(2, 0, 1)], "b": []}, [44, 10])


# --- an independent implementation: the book's formulas, literally, on the project's continuum ---

def independent_u_alpha(documents):
    """documents: [(paragraph lengths, {observer: [(paragraph, start, end)]})], units non-overlapping.

    Documents end to end; each observer's gaps stop at the document's edges (the observers differ
    from one document to the next); m(m-1)L and mL become sums over documents.
    """
    squared, pair_positions, positions, gaps, units = 0.0, 0, 0, [], []
    for lengths, by_observer in documents:
        offsets = [sum(lengths[:p]) for p in range(len(lengths))]
        total, m = sum(lengths), len(by_observer)
        laid = {o: sorted((offsets[p] + s, offsets[p] + e) for p, s, e in us) for o, us in by_observer.items()}
        for i in laid:
            for j in laid:
                if i == j:
                    continue
                for s, e in laid[i]:
                    overlapping = [(s2, e2) for s2, e2 in laid[j] if s2 < e and s < e2]
                    squared += (sum((s - s2) ** 2 + (e - e2) ** 2 for s2, e2 in overlapping) if overlapping
                                else (e - s) ** 2)
                for s2, e2 in laid[j]:
                    if not any(s < e2 and s2 < e for s, e in laid[i]):
                        squared += (e2 - s2) ** 2
            position = 0
            for s, e in laid[i]:
                if s > position:
                    gaps.append(s - position)
                position = e
            if total > position:
                gaps.append(total - position)
            units += [e - s for s, e in laid[i]]
        pair_positions += m * (m - 1) * total
        positions += m * total
    n = len(units)
    e_sum = sum((n - 1) * (2 * l ** 3 - 3 * l ** 2 + l) / 3 + l ** 2 * sum(g - l + 1 for g in gaps if g >= l)
                for l in units)
    expected = 2 * e_sum / (positions * (positions - 1) - sum(l * (l - 1) for l in units))
    return 1 - (squared / pair_positions) / expected if expected else math.nan


@st.composite
def projects(draw):
    documents = []
    for _ in range(draw(st.integers(1, 4))):
        lengths = draw(st.lists(st.integers(1, 30), min_size=1, max_size=3))
        observers = draw(st.sets(st.sampled_from("abcd"), min_size=2, max_size=4))
        by_observer = {}
        for o in sorted(observers):
            spans = []
            for p, length in enumerate(lengths):
                cuts = sorted(draw(st.sets(st.integers(0, length), max_size=4)))
                spans += [(p, s, e) for s, e in zip(cuts[::2], cuts[1::2])]
            by_observer[o] = spans
        documents.append((lengths, by_observer))
    return documents


@settings(max_examples=150, deadline=None)
@given(projects())
def test_project_u_alpha_equals_the_independent_implementation(documents):
    spans, lengths, done = [], {}, {}
    for d, (paragraphs, by_observer) in enumerate(documents):
        name = f"d{d}"
        done[name] = set(by_observer)
        lengths.update({(name, p): n for p, n in enumerate(paragraphs)})
        spans += [(o, name, p, "claim", s, e) for o, us in by_observer.items() for p, s, e in us]
    report = build_report(spans_dataset(spans, lengths, done), bootstrap=0, include=["spans"])
    expected = independent_u_alpha(documents)
    got = u_alpha(report)
    if not spans:
        assert got is None
    elif math.isnan(expected):
        assert got is None
    else:
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-12)
