"""Input records: hashable, read-only, and the signed stance scale."""

import pytest

from annotator.domain.agreement import DEFAULT_INTENSITY, SpanRecord, signed_stance


def test_span_record_is_hashable_and_its_attributes_read_only():
    a = SpanRecord("s1", "ann", "d", 0, "argument", "evidence", 0, 5, {"evidence_type": "statistic"})
    b = SpanRecord("s1", "ann", "d", 0, "argument", "evidence", 0, 5, {"evidence_type": "statistic"})
    assert a == b and len({a, b}) == 1
    with pytest.raises(TypeError):
        a.attributes["evidence_type"] = "anecdote"


@pytest.mark.parametrize("value, intensity, expected", [
    ("favor", 3, 3), ("favor", None, DEFAULT_INTENSITY), ("against", 1, -1), ("against", None, -2),
    ("neutral", None, 0), ("not_stated", None, None),
])
def test_signed_stance_scale(value, intensity, expected):
    assert signed_stance(value, intensity) == expected
