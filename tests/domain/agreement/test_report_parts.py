"""A long step of build_report tells its own parts: ``within(done, total)`` between two steps, each
run of parts counting up to its total, and an exception raised there (a cancelled job's Stopped)
stops the build."""

import pytest

from annotator.domain.agreement import build_report
from annotator.domain.agreement.prepare import PREPARE_PARTS
from tests.domain.agreement.test_report import dataset


def test_the_parts_of_each_step_count_up_to_their_total_between_the_steps():
    events = []
    plain = build_report(dataset(), bootstrap=50, seed=2)
    followed = build_report(dataset(), bootstrap=50, seed=2,
                            progress=lambda done, total: events.append(("step", done, total)),
                            within=lambda done, total: events.append(("part", done, total)))
    steps = [e for e in events if e[0] == "step"]
    assert [done for _kind, done, _total in steps] == list(range(1, 13))
    assert events[:PREPARE_PARTS] == [("part", n, PREPARE_PARTS) for n in range(1, PREPARE_PARTS + 1)]
    runs, run = [], []
    for kind, done, total in events:
        if kind == "part":
            run.append((done, total))
        elif run:
            runs.append(run)
            run = []
    assert len(runs) >= 8  # prepare, matching, the four span measures, the intervals, the views
    for parts in runs:
        assert [d for d, _t in parts] == list(range(1, len(parts) + 1))  # one at a time, forward
        assert len({t for _d, t in parts}) == 1 and parts[-1][0] == parts[-1][1]  # a fixed total, reached
    assert followed.to_dict() == plain.to_dict()  # following the parts changes no figure


class Stopped(Exception):
    pass


@pytest.mark.parametrize("after", [1, 12, 30])
def test_an_exception_raised_by_the_parts_callable_stops_the_build(after):
    calls = []

    def within(done, total):
        calls.append(done)
        if len(calls) == after:
            raise Stopped()

    with pytest.raises(Stopped):
        build_report(dataset(), bootstrap=50, seed=2, within=within)
    assert len(calls) == after
