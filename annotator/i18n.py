"""The gettext catalogs (translations/<lang>/LC_MESSAGES/messages.mo) read outside a template.

Templates get their words through Flask-Babel's _(); the code that builds words for a page in a
language it is given (the annotation pages' word tables, a Problem's message) reads the same
catalogs here. ``N_`` only marks an English phrase for ``pybabel extract``; it is translated where
it is shown.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def N_(message: str) -> str:
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a counted phrase (its two English forms) for ``pybabel extract``, like N_."""
    return singular, plural


@lru_cache(maxsize=None)
def catalog(language: str):
    from babel.support import Translations  # here, not at import: the CLI's --help stays light

    return Translations.load(str(TRANSLATIONS), [language])  # no catalog: the English itself


def translate(message: str, language: str) -> str:
    return message if language == "en" else catalog(language).gettext(message)


_PLURAL_SAMPLES = (0, 1, 2, 3, 11, 100, 1_000_000)  # a number of each plural category, in every language offered


def plural_forms(singular: str, plural: str, language: str) -> dict[str, str]:
    """A counted phrase's forms by CLDR plural category (Arabic has six), for a page script to pick
    with ``Intl.PluralRules`` in the page's language."""
    from babel import Locale

    plural_of = Locale.parse(language).plural_form
    forms: dict[str, str] = {}
    for n in _PLURAL_SAMPLES:
        forms.setdefault(plural_of(n), (singular if n == 1 else plural) if language == "en"
                         else catalog(language).ngettext(singular, plural, n))
    return forms


LIST_SEPARATORS = (N_("; "), N_(", "), N_(" or "))  # Phrase joiners: Arabic writes «؛ », «، » and « أو »


class Phrase(str):
    """Words built from parts, translated where they are shown: ``template`` (its msgid, with
    {placeholders}) filled with ``values``. A value may be a Phrase, a list of values joined by
    ``joiner``, or a name per language (``{"ar": "ادعاء", "en": "Claim"}``).

    The phrase *is* its English words as a string (what the CLI, the logs, the API and the tests
    read), so code that compares, searches or serialises it needs nothing special; ``in_language``
    gives the words a person reads in the interface language."""

    def __new__(cls, template: str, joiner: str = "; ", **values):
        phrase = super().__new__(cls, _filled(template, joiner, values, "en"))
        phrase.template, phrase.joiner, phrase.values = template, joiner, values
        return phrase

    def __reduce__(self):  # a copy, or a phrase through pickle (a job's queue), keeps its parts
        return _restored, (type(self), str(self), dict(self.__dict__))

    def in_language(self, language: str) -> str:
        return _filled(self.template, self.joiner, self.values, language)

    def __str__(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"Phrase({str.__repr__(self)})"


class Plural(Phrase):
    """A phrase whose words follow a number, ``count`` (in the template as {count}): gettext's
    plural forms, so Arabic gets its dual and its forms for 3-10 and 11-99 where English has two."""

    def __new__(cls, singular: str, plural: str, count: int, joiner: str = "; ", **values):
        phrase = Phrase.__new__(cls, singular if count == 1 else plural, joiner, count=count, **values)
        phrase.singular, phrase.plural = singular, plural
        return phrase

    def in_language(self, language: str) -> str:
        count = self.values["count"]
        template = (self.singular if count == 1 else self.plural) if language == "en" else \
            catalog(language).ngettext(self.singular, self.plural, count)
        return _format(template, self.joiner, self.values, language)


class Keyword(Phrase):
    """A stored key (``not_stated``, ``supports``) inside a phrase: the key itself in English, what
    the CLI, the audit export and scripts read; ``msgid``'s translation in another language."""

    def __new__(cls, key: str, msgid: str):
        phrase = str.__new__(cls, key)
        phrase.template, phrase.joiner, phrase.values = msgid, "; ", {}
        return phrase

    def in_language(self, language: str) -> str:
        return str(self) if language == "en" else translate(self.template, language)


def _restored(cls, english: str, parts: dict) -> Phrase:
    phrase = str.__new__(cls, english)
    phrase.__dict__.update(parts)
    return phrase


def _filled(template: str, joiner: str, values: dict, language: str) -> str:
    return _format(translate(template, language), joiner, values, language)


def _format(template: str, joiner: str, values: dict, language: str) -> str:
    def shown(value):
        if isinstance(value, Phrase):
            return value.in_language(language)
        if isinstance(value, (list, tuple)):
            return translate(joiner, language).join(str(shown(item)) for item in value)
        if isinstance(value, dict):  # a name per language
            return value.get(language) or value.get("en") or next(iter(value.values()), "")
        return value

    return template.format(**{key: shown(value) for key, value in values.items()}) if values else template


# A phrase kept in a text column (a job's error or progress note) keeps its parts, so that a page
# reads it in the viewer's language: JSON starting with STORED_MARK, the English words first (what
# the CLI, the API and anyone reading the column see). A plain text (an older row) reads as it is.
STORED_MARK = '{"en":'


def stored(words: str, field: str | None = None, *, english: bool = True) -> str:
    """``words`` as a column keeps them: a Phrase's parts as JSON, with the field at fault (which
    the English words name first); a plain text as it is. ``english=False`` leaves the English
    out where the column is short (a progress note): ``english_words`` rebuilds it."""
    import json

    said = f"{field}: {words}" if field else str(words)
    if not isinstance(words, Phrase):
        return said
    kept = {"en": said if english else "", "phrase": _parts(words)}
    if field:
        kept["field"] = field
    return json.dumps(kept, ensure_ascii=False, separators=(",", ":"))


def _kept(text: str | None) -> dict | None:
    import json

    if not text or not text.startswith(STORED_MARK):
        return None
    try:
        kept = json.loads(text)
        return {**kept, "phrase": _from_parts(kept["phrase"])}
    except (ValueError, KeyError, TypeError):
        return None


def english_words(text: str | None) -> str | None:
    """A stored text's English words (the field first): for the CLI, the API and the logs."""
    kept = _kept(text)
    if kept is None:
        return text
    return kept["en"] or (f"{kept['field']}: {kept['phrase']}" if kept.get("field") else str(kept["phrase"]))


def shown_words(text: str | None, language: str) -> str:
    """A stored text as a page shows it: a phrase in ``language`` (without the field code, which
    is for scripts), another text looked up in the catalog as it is (an older row: as written)."""
    kept = _kept(text)
    if kept is not None:
        return kept["phrase"].in_language(language)
    return translate(text, language) if text else ""


def _parts(value):
    if isinstance(value, Plural):
        return {"p": [value.singular, value.plural], "j": value.joiner,
                "v": {k: _parts(v) for k, v in value.values.items() if k != "count"}, "n": value.values["count"]}
    if isinstance(value, Phrase):
        return {"t": value.template, "j": value.joiner, "v": {k: _parts(v) for k, v in value.values.items()}}
    if isinstance(value, (list, tuple)):
        return [_parts(item) for item in value]
    if isinstance(value, dict):
        return {"names": value}
    return value


def _from_parts(parts):
    if isinstance(parts, list):
        return [_from_parts(item) for item in parts]
    if not isinstance(parts, dict):
        return parts
    if "names" in parts:
        return parts["names"]
    values = {k: _from_parts(v) for k, v in parts.get("v", {}).items()}
    if "p" in parts:
        return Plural(*parts["p"], parts["n"], parts.get("j", "; "), **values)
    return Phrase(parts["t"], parts.get("j", "; "), **values)
