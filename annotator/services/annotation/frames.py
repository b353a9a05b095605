"""Frames: for the document (and, where the scheme allows, a paragraph), exactly one primary frame
and any number of secondary ones, from the scheme's frame labels.

A frame is primary, secondary or not chosen; choosing a new primary makes the old one not chosen
(radio-button semantics). The table's unique key does not fire on a NULL paragraph_id, so one row
per (set, paragraph, frame) is enforced here.
"""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import Invalid, Phrase
from ...models import AnnotationSet, Document, FrameChoice, Project, User
from ..events import record_event
from ..actors.mention_edits import paragraph_of_set
from ..team.projects import current_scheme
from .sets import note_change, writable_set
from ..tx import transaction

ROLES = ("primary", "secondary", "none")


def choose_frame(session: Session, user: User, set_public_id: str, *, frame: str, role: str,
                 paragraph: int | None = None, origin: str = "manual") -> None:
    """``origin``: "suggested" when a person accepts a recommender's frame; a frame already chosen
    keeps the origin it was chosen with (a change of role is not a new frame)."""
    with transaction(session):
        aset = writable_set(session, user, set_public_id)
        document = session.get(Document, aset.document_id)
        project = session.get(Project, document.project_id)
        scheme = current_scheme(session, project)
        if not scheme.frames.enabled:
            raise Invalid("frames are switched off in this project's scheme", "frame")
        label = next((lab for lab in scheme.frames.labels if lab.key == frame), None)
        if label is None or (label.retired and role != "none"):
            raise Invalid(Phrase("'{frame}' is not a frame of this project's scheme", frame=frame), "frame")
        if role not in ROLES:
            raise Invalid(Phrase("role must be one of {choices}", ", ", choices=list(ROLES)), "role")
        if paragraph is not None and scheme.frames.paragraph_level == "off":
            raise Invalid("this project's scheme records frames for the whole document only", "paragraph")
        paragraph_id = paragraph_of_set(session, aset, paragraph).id if paragraph is not None else None
        place = FrameChoice.paragraph_id.is_(None) if paragraph_id is None else FrameChoice.paragraph_id == paragraph_id
        choices = {c.frame: c for c in session.scalars(select(FrameChoice).where(FrameChoice.set_id == aset.id, place))}
        before = _roles(choices)
        current = choices.get(frame)
        if role == "none":
            if current is not None:
                session.delete(current)
        else:
            if role == "primary":
                for other in choices.values():
                    if other.is_primary and other.frame != frame:
                        session.delete(other)
            if current is None:
                current = FrameChoice(set_id=aset.id, paragraph_id=paragraph_id, frame=frame, origin=origin,
                                      scheme_version_id=project.current_scheme_id)
                session.add(current)
            current.is_primary = role == "primary"
        session.flush()
        after = _roles({c.frame: c for c in session.scalars(
            select(FrameChoice).where(FrameChoice.set_id == aset.id, place))})
        if after == before:
            return
        note_change(session, aset, document)
        record_event(session, action="frames.set", entity="set", entity_id=aset.public_id, user_id=user.id,
                     project_id=project.id, set_id=aset.id, before={"paragraph": paragraph, "frames": before},
                     after={"paragraph": paragraph, "frames": after})


def frames_of_set(session: Session, aset: AnnotationSet) -> dict[int | None, dict[str, str]]:
    """paragraph id (None for the document) -> frame -> "primary" or "secondary"."""
    found: dict[int | None, dict[str, str]] = defaultdict(dict)
    for choice in session.scalars(select(FrameChoice).where(FrameChoice.set_id == aset.id)):
        found[choice.paragraph_id][choice.frame] = "primary" if choice.is_primary else "secondary"
    return found


def _roles(choices: dict[str, FrameChoice]) -> dict[str, str]:
    return {key: "primary" if c.is_primary else "secondary" for key, c in sorted(choices.items())}
