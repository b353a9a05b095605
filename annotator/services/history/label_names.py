"""The names a project's scheme gives its labels, for what the history panel and the audit page
say about a change ("tagged «…» as ادعاء" in Arabic where the event stored the key ``claim``)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.history import label_names
from ...models import Document, Project, SchemeVersion
from ..team.projects import cached_scheme, scheme_of

# By the scheme's content hash: versions never change, and every undo and panel asks for them.
_NAMES: dict[str, dict[str, dict]] = {}
_CURRENT = (select(SchemeVersion.id, SchemeVersion.content_hash)
            .join(Project, Project.current_scheme_id == SchemeVersion.id))


def project_label_names(session: Session, project_id: int | None) -> dict[str, dict]:
    """Read, not changed, by the callers (one dict serves every request on the same scheme)."""
    if project_id is None:
        return {}
    return _names(session, _CURRENT.where(Project.id == project_id))


def document_label_names(session: Session, document_id: int) -> dict[str, dict]:
    """The same names, found from a document (a set's): its project's row is not loaded."""
    return _names(session, _CURRENT.join(Document, Document.project_id == Project.id)
                  .where(Document.id == document_id))


def scheme_label_names(session: Session, version_id: int, content_hash: str) -> dict[str, dict]:
    """The same names, for a scheme version the caller has read (its id and content hash)."""
    names = _NAMES.get(content_hash)
    if names is None:
        scheme = cached_scheme(content_hash) or scheme_of(session.get(SchemeVersion, version_id))
        names = _NAMES[content_hash] = label_names(scheme)
    return names


def _names(session: Session, statement) -> dict[str, dict]:
    # Two small columns, not the version's row: its parsed content is a JSON document to decode.
    current = session.execute(statement).first()
    if current is None:
        return {}
    return scheme_label_names(session, current.id, current.content_hash)
