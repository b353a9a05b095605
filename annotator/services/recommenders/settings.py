"""The project's suggestion options, kept in Project.settings["suggestions"] (JSON: no migration).

* ``enabled``: suggestions on for the project (default on; off for a blind first pass);
* ``off_for``: usernames who see no suggestions (a blind first pass per annotator);
* ``threshold``: the held-out F1 a recommender must reach to suggest (default 0.6);
* ``active_ordering``: annotators' queues ordered by the recommenders' uncertainty (default off);
* ``external_url`` and ``external_timeout`` (seconds): an external recommender (docs/recommenders.md).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from ...domain.recommenders import DEFAULT_THRESHOLD
from ...errors import Invalid, Phrase
from ...models import Project
from ..tx import transaction

DEFAULT_TIMEOUT = 2.0


def suggestion_settings(project: Project) -> dict:
    stored = (project.settings or {}).get("suggestions", {})
    return {"enabled": bool(stored.get("enabled", True)), "off_for": sorted(stored.get("off_for", [])),
            "threshold": float(stored.get("threshold", DEFAULT_THRESHOLD)),
            "active_ordering": bool(stored.get("active_ordering", False)),
            "external_url": stored.get("external_url") or None,
            "external_timeout": float(stored.get("external_timeout", DEFAULT_TIMEOUT))}


def _check(changes: dict) -> None:
    for key in ("enabled", "active_ordering"):
        if key in changes and not isinstance(changes[key], bool):
            raise Invalid(Phrase("must be true or false, not {value}", value=repr(changes[key])), key)
    threshold = changes.get("threshold")
    if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, int | float)
                                  or not 0 <= threshold <= 1):
        raise Invalid(Phrase("must be a number from 0 to 1, not {value}", value=repr(threshold)), "threshold")
    timeout = changes.get("external_timeout")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, int | float)
                                or not 0 < timeout <= 30):
        raise Invalid(Phrase("must be a number of seconds above 0 and at most 30, not {value}", value=repr(timeout)),
                      "external_timeout")
    url = changes.get("external_url")
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise Invalid(Phrase("must be an http:// or https:// address, not {value}", value=repr(url)), "external_url")
    off_for = changes.get("off_for")
    if off_for is not None and (not isinstance(off_for, list) or not all(isinstance(u, str) for u in off_for)):
        raise Invalid("must be a list of usernames", "off_for")


def set_suggestion_settings(session: Session, project: Project, **changes) -> dict:
    """Change the options given (None: unchanged), all or nothing; returns the options in force."""
    changes = {k: v for k, v in changes.items() if v is not None}
    unknown = set(changes) - set(suggestion_settings(project))
    if unknown:
        raise Invalid(Phrase("unknown option {option}", option=repr(sorted(unknown)[0])), sorted(unknown)[0])
    _check(changes)
    with transaction(session):
        settings = dict(project.settings or {})
        settings["suggestions"] = {**settings.get("suggestions", {}), **changes}
        project.settings = settings
    return suggestion_settings(project)


def suggestions_on_for(project: Project, username: str) -> bool:
    s = suggestion_settings(project)
    return s["enabled"] and username not in s["off_for"]
