"""The project's agreement options, kept in Project.settings["agreement"] (a JSON column: no migration).

* ``bootstrap``: bootstrap replicates per report (default 1000).
* ``min_documents``: the fewest comparable documents (two or more done sets) an interval may rest
  on (default 5); below it the figure is shown without an interval and says why.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from ...errors import Invalid, Phrase
from ...models import Project
from ..tx import transaction

DEFAULT_BOOTSTRAP = 1000
DEFAULT_MIN_DOCUMENTS = 5


def agreement_settings(project: Project) -> dict:
    stored = (project.settings or {}).get("agreement", {})
    return {"bootstrap": int(stored.get("bootstrap", DEFAULT_BOOTSTRAP)),
            "min_documents": int(stored.get("min_documents", DEFAULT_MIN_DOCUMENTS))}


def set_agreement_settings(session: Session, project: Project, *, min_documents: int | None = None,
                           bootstrap: int | None = None) -> dict:
    """Change the options given, all or nothing; returns the options in force."""
    if min_documents is not None and (isinstance(min_documents, bool) or not isinstance(min_documents, int)
                                      or min_documents < 1):
        raise Invalid(Phrase("must be a whole number of at least 1, not {value}", value=repr(min_documents)),
                      "min_documents")
    if bootstrap is not None and (isinstance(bootstrap, bool) or not isinstance(bootstrap, int)
                                  or not 0 <= bootstrap <= 100_000):
        raise Invalid(Phrase("must be a whole number from 0 to 100000, not {value}", value=repr(bootstrap)),
                      "bootstrap")
    changes = {k: v for k, v in (("min_documents", min_documents), ("bootstrap", bootstrap)) if v is not None}
    with transaction(session):
        settings = dict(project.settings or {})
        settings["agreement"] = {**settings.get("agreement", {}), **changes}
        project.settings = settings  # a new dict, so the JSON column sees the change
    return agreement_settings(project)
