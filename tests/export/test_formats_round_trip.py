"""Every format of another tool: ours -> format -> ours gives the same annotations (all the format
can hold, as docs/formats.md lists), gold and model sets included; the export is deterministic."""
from __future__ import annotations

import pytest

from annotator.services.interchange.formats import import_format
from annotator.services.team import projects
from tests.conftest import DEFAULT_SCHEME
from tests.export.formats_support import annotations, export_bytes
from tests.export_fixtures import build

SUFFIX = {"brat": "zip", "labelstudio": "zip", "webanno": "zip", "doccano": "zip", "aif": "zip"}
# What each format holds of ours (docs/formats.md, "what each format cannot hold").
HOLDS = {
    "brat": {"attributes": True, "frames": False},
    "labelstudio": {"attributes": True, "frames": True},
    "webanno": {"attributes": True, "frames": False, "trimmed": True},
    "doccano": {"attributes": False, "frames": "names"},
    "aif": {"attributes": False, "frames": False, "layers": {"argument"}},
}


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_ours_to_format_and_back_gives_the_same_annotations(session, seeded, fmt):
    build(session, seeded)
    data = export_bytes(session, seeded.project, fmt)
    assert data == export_bytes(session, seeded.project, fmt)  # the same data, the same bytes
    copy = projects.create_project(session, "Copy", DEFAULT_SCHEME)
    summary = import_format(session, copy, fmt, [(f"export.{SUFFIX[fmt]}", data)], user=seeded.lead)
    assert summary.created["documents"] == 2
    holds = HOLDS[fmt]
    assert annotations(session, copy, **holds) == annotations(session, seeded.project, **holds)


def test_the_demo_project_goes_out_and_back_in_through_every_format(app, session):
    """Done when: nothing lost that the format can hold (docs/formats.md says what each cannot)."""
    from sqlalchemy import select

    from annotator.demo.loader import PROJECT_NAME, load_demo
    from annotator.models import Project

    with app.app_context():
        load_demo()
    demo = session.scalar(select(Project).where(Project.name == PROJECT_NAME))
    for number, fmt in enumerate(SUFFIX):
        copy = projects.create_project(session, f"Demo via {fmt}", DEFAULT_SCHEME)
        import_format(session, copy, fmt, [(f"demo.{SUFFIX[fmt]}", export_bytes(session, demo, fmt))])
        holds = HOLDS[fmt]
        theirs, ours = annotations(session, copy, **holds), annotations(session, demo, **holds)
        assert theirs == ours, fmt
        assert sum(len(entry["spans"]) for entry in ours.values()) > 20
