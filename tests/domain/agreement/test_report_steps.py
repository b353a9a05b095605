"""build_report tells how far it got: one call per step, the total fixed from the first call."""

import pytest

from annotator.domain.agreement import build_report
from annotator.domain.agreement.steps import report_steps
from tests.domain.agreement.test_report import dataset


@pytest.mark.parametrize("include, total", [(None, 12), (["stance"], 5), (["spans", "links"], 9)])
def test_the_report_calls_progress_once_a_step_with_a_total_that_never_moves(include, total):
    calls = []
    plain = build_report(dataset(), bootstrap=50, seed=2, include=include)
    followed = build_report(dataset(), bootstrap=50, seed=2, include=include,
                            progress=lambda done, of: calls.append((done, of)))
    assert calls == [(n, total) for n in range(1, total + 1)]
    assert report_steps(include or ("spans", "attributes", "links", "stance", "frames")) == total
    assert followed.to_dict() == plain.to_dict()  # following the build changes no figure
