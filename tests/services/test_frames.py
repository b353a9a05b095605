"""Frames: one primary, any number of secondary, from the scheme's frame labels."""
import pytest
from sqlalchemy import select

from annotator.errors import Invalid, NotFound
from annotator.models import FrameChoice
from annotator.services.annotation import frames
from annotator.services.annotation.layer_checks import layer_problems
from annotator.services.team.projects import current_scheme, load_scheme
from tests.conftest import DEFAULT_SCHEME
from tests.factories import assign, make_document


@pytest.fixture
def aset(session, seeded):
    document = make_document(session, seeded.project, (("title", "T"), ("body", "One."), ("body", "Two.")))
    return assign(session, document, seeded.ann1)


def _choices(session):
    session.expire_all()
    return sorted(session.execute(select(FrameChoice.frame, FrameChoice.is_primary, FrameChoice.paragraph_id)).all())


def test_primary_is_one_and_secondaries_many(session, seeded, aset):
    choose = lambda frame, role, **kw: frames.choose_frame(session, seeded.ann1, aset.public_id, frame=frame,
                                                           role=role, **kw)
    choose("economic", "primary")
    choose("political", "secondary")
    choose("morality", "secondary")
    assert _choices(session) == [("economic", True, None), ("morality", False, None), ("political", False, None)]
    choose("political", "primary")  # the old primary is dropped; political is promoted
    assert _choices(session) == [("morality", False, None), ("political", True, None)]
    choose("morality", "none")
    choose("morality", "none")
    assert _choices(session) == [("political", True, None)]
    assert frames.frames_of_set(session, aset)[None] == {"political": "primary"}


@pytest.mark.parametrize("fields, error", [
    ({"frame": "astrology", "role": "primary"}, Invalid),
    ({"frame": "economic", "role": "main"}, Invalid),
    ({"frame": "economic", "role": "primary", "paragraph": 1}, Invalid),  # paragraph level is off
])
def test_bad_frames_save_nothing(session, seeded, aset, fields, error):
    with pytest.raises(error):
        frames.choose_frame(session, seeded.ann1, aset.public_id, **fields)
    assert _choices(session) == []


def test_paragraph_frames_when_the_scheme_asks(session, seeded, aset):
    text = DEFAULT_SCHEME.replace('paragraph_level: "off"   # quoted', 'paragraph_level: required   # quoted')
    load_scheme(session, seeded.project, text)
    scheme = current_scheme(session, seeded.project)
    assert scheme.frames.paragraph_level == "required"
    frames.choose_frame(session, seeded.ann1, aset.public_id, frame="economic", role="primary")
    frames.choose_frame(session, seeded.ann1, aset.public_id, frame="morality", role="primary", paragraph=1)
    with pytest.raises(NotFound):
        frames.choose_frame(session, seeded.ann1, aset.public_id, frame="morality", role="primary", paragraph=7)
    assert layer_problems(session, aset, scheme) == ["choose a frame for paragraph 3"]
