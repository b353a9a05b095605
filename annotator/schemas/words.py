"""marshmallow's own validation words as phrases, so that a form's refusal reads in the person's
interface language ("start: Not a valid integer." is «start: ليس عدداً صحيحاً.» in Arabic).

marshmallow formats its messages into plain strings before we see them; the fixed ones are
looked up in the catalogs as they are, the ones with a value in them ("Must be one of: a, b.")
are read back into their template and values. Our own messages are Phrases already.
"""
from __future__ import annotations

import re

from ..i18n import N_, Phrase

# marshmallow's fixed messages (fields' default_error_messages, Schema's, the validators')
FIXED = frozenset({
    N_("Missing data for required field."), N_("Field may not be null."), N_("Invalid value."),
    N_("Not a valid boolean."), N_("Not a valid date."), N_("Not a valid datetime."), N_("Not a valid mapping type."),
    N_("Not a valid integer."), N_("Not a valid list."), N_("Invalid type."), N_("Not a valid number."),
    N_("Number too large."), N_("Not a valid string."), N_("Not a valid utf-8 string."), N_("Not a valid URL."),
    N_("Not a valid email address."), N_("Not a valid UUID."), N_("Not a valid tuple."), N_("Unknown field."),
    N_("Invalid input type."), N_("Invalid input."), N_("String does not match expected pattern."),
})

# marshmallow's messages with values, as it writes them; the placeholders are ours to name
TEMPLATED = (
    N_("Must be one of: {choices}."),
    N_("Shorter than minimum length {min}."),
    N_("Longer than maximum length {max}."),
    N_("Length must be between {min} and {max}."),
    N_("Length must be {equal}."),
    N_("Must be greater than or equal to {min} and less than or equal to {max}."),
    N_("Must be greater than or equal to {min}."),
    N_("Must be less than or equal to {max}."),
    N_("Must be equal to {other}."),
)


def _pattern(template: str) -> re.Pattern:
    return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", re.escape(template)) + r"\Z", re.S)


_READ_BACK = tuple((template, _pattern(template)) for template in TEMPLATED)


def phrase_of(message) -> Phrase:
    """A validation message as a Phrase: its English words unchanged, translated where shown."""
    if isinstance(message, Phrase):
        return message
    message = str(message)
    if message in FIXED:
        return Phrase(message)
    for template, pattern in _READ_BACK:
        found = pattern.match(message)
        if found:
            return Phrase(template, **found.groupdict())
    return Phrase(message)  # a literal of ours (extracted where it is written), or English as it is
