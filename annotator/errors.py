"""Problems that services raise and the web layer and CLI turn into answers.

Each names the field at fault (or None) and says what is wrong in words a person can act on.
"""
from __future__ import annotations

from .i18n import LIST_SEPARATORS, Phrase, Plural  # noqa: F401 (where services find them)


class Problem(Exception):
    """``names`` fills {placeholders} in the message with a name per language (a label's names, say),
    so that a person reads "ادعاء" or "Claim" where the code knows ``claim``: the web layer picks the
    interface language, the CLI English."""

    status = 400

    def __init__(self, message: str | Phrase, field: str | None = None, *, names: dict | None = None, **extra):
        self.template = message
        self.names = names or {}
        self.message = self.in_language("en")
        super().__init__(self.message)
        self.field = field
        self.extra = extra

    def in_language(self, language: str) -> str:
        # A message written as a literal is in the gettext catalogs (pybabel extracts the first
        # argument of every Problem class); one built with an f-string stays English.
        from .i18n import translate

        if isinstance(self.template, Phrase):
            return self.template.in_language(language)
        template = translate(self.template, language)
        if not self.names:
            return template
        return template.format(**{key: by_language.get(language) or by_language.get("en") or key
                                       for key, by_language in self.names.items()})

    def to_dict(self) -> dict:
        body = {"error": self.message, "field": self.field}
        body.update(self.extra)
        return body


class Invalid(Problem):
    """The input is malformed or breaks a rule (422 for well-formed but wrong data)."""

    status = 422


class BadRequest(Problem):
    status = 400


class NotFound(Problem):
    """Also what blind annotation answers for records of another annotator: ids reveal nothing."""

    status = 404

    def __init__(self, message: str = "not found", field: str | None = None, **extra):
        super().__init__(message, field, **extra)


class Forbidden(Problem):
    status = 403


class Conflict(Problem):
    """A change based on an old version, or one that a record's state refuses."""

    status = 409


class Stopped(Exception):
    """Work called off while it ran (a job cancelled, or taken over by another attempt), raised
    from its progress report: not a failure to log and carry on from, but the end of the work."""
