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


@lru_cache(maxsize=None)
def catalog(language: str):
    from babel.support import Translations  # here, not at import: the CLI's --help stays light

    return Translations.load(str(TRANSLATIONS), [language])  # no catalog: the English itself


def translate(message: str, language: str) -> str:
    return message if language == "en" else catalog(language).gettext(message)
