"""The interface language and digits of a request, and the Jinja filters that write numbers and
dates in them (Babel's CLDR data: separators, date order, Arabic-Indic digits on request).

Which language: ?lang= (a link or a test may force one), then the person's choice on their
account page, then the browser's Accept-Language; a code not offered is English, never an error.
"""
from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as _babel_date, format_datetime as _babel_datetime, format_time as _babel_time
from babel.dates import get_time_format, parse_pattern
from babel.numbers import format_decimal as _babel_decimal, format_percent as _babel_percent
from flask import Flask, g, request
from flask_babel import pgettext
from flask_login import current_user

from ..i18n import Phrase, shown_words
from ..services.accounts.interface import DIGITS, LANGUAGES

UI_LANGUAGES = LANGUAGES
LANGUAGE_NAMES = {"en": "English", "ar": "العربية", "fr": "Français"}  # each in itself, as menus show them
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def init_app(app: Flask) -> None:
    app.before_request(choose)
    app.context_processor(lambda: {"ui_lang": getattr(g, "ui_lang", "en")})
    app.jinja_env.filters.update(num=number, pct=percent, when=when, day=day, digits=digits, role=role_name,
                                 language_name=language_name, clock=clock, said=said, kept=kept)


def said(words):
    """Words a service built (a Phrase) in the interface language; other text as it is."""
    return words.in_language(getattr(g, "ui_lang", "en")) if isinstance(words, Phrase) else words


def kept(text: str | None) -> str:
    """Words a column kept with their parts (i18n.stored: a job's error, a dropped suggestion's
    reason) in the interface language; an older plain text as it was written."""
    return shown_words(text, getattr(g, "ui_lang", "en"))


def install_template_gettext(app: Flask) -> None:
    """Templates' _(), ngettext() and pgettext() read the catalog of g.ui_lang directly (one
    cached Translations per language, annotator.i18n.catalog): Flask-Babel's own callables find
    the translations again on every call, some 25 µs each, a millisecond on a page with forty
    strings. Jinja's newstyle wrappers still escape the values and fill the placeholders."""
    from ..i18n import catalog

    def current():
        return catalog(getattr(g, "ui_lang", "en"))

    app.jinja_env.install_gettext_callables(
        gettext=lambda s: current().ugettext(s), ngettext=lambda s, p, n: current().ungettext(s, p, n),
        pgettext=lambda c, s: current().upgettext(c, s),
        npgettext=lambda c, s, p, n: current().unpgettext(c, s, p, n), newstyle=True)


def choose() -> None:
    chosen = request.args.get("lang")
    login = getattr(current_user, "login", None) if current_user else None
    own = getattr(login, "ui_language", None)
    if chosen in UI_LANGUAGES:
        g.ui_lang = chosen
    elif own in UI_LANGUAGES:
        g.ui_lang = own
    else:
        g.ui_lang = request.accept_languages.best_match(UI_LANGUAGES) or "en"
    g.ui_digits = getattr(login, "digits", None) if getattr(login, "digits", None) in DIGITS else "latn"


def _lang() -> str:
    return getattr(g, "ui_lang", "en")


def _numbering() -> str:
    return getattr(g, "ui_digits", "latn")


def digits(text) -> str:
    """Any text's ASCII digits in the person's digits (Arabic-Indic when they chose them)."""
    text = str(text)
    return text.translate(_ARABIC_INDIC) if _numbering() == "arab" else text


def number(value, decimals: int | None = None) -> str:
    if value is None:
        return "—"
    pattern = None if decimals is None else "#,##0." + "0" * decimals if decimals else "#,##0"
    # Babel gives the numbering system's separators (٬ ٫); the digits themselves are ours to shape.
    return digits(_babel_decimal(value, format=pattern, locale=_lang(), numbering_system=_numbering()))


def percent(value, decimals: int = 0) -> str:
    """``value`` a fraction (0.42 is 42 %)."""
    if value is None:
        return "—"
    pattern = "#,##0%" if not decimals else "#,##0." + "0" * decimals + "%"
    return digits(_babel_percent(value, format=pattern, locale=_lang(), numbering_system=_numbering()))


def when(value: datetime | None, form: str = "short") -> str:
    """A date and time in the interface language's order (times stored in UTC are shown as such)."""
    if value is None:
        return "—"
    return digits(_babel_datetime(value, form, tzinfo=timezone.utc, locale=_lang()))


def clock(value, form: str = "medium") -> str:
    """A time of day alone (the history panel's), in the interface language's form: Babel's
    format_time with its locale and pattern looked up once (a panel shows thirty times)."""
    if value is None:
        return "—"
    if not isinstance(value, datetime) or form not in ("full", "long", "medium", "short"):
        return digits(_babel_time(value, form, tzinfo=timezone.utc, locale=_lang()))
    return digits(_clock_text(_lang(), form, value))


@lru_cache(maxsize=4096)
def _clock_text(language: str, form: str, value: datetime) -> str:
    # The panel shows the same thirty times again after every undo and redo: each is formatted once.
    locale, pattern = _time_pattern(language, form)
    at = (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    return pattern.apply(at.timetz(), locale, reference_date=value.date())


@lru_cache(maxsize=None)
def _time_pattern(language: str, form: str):
    locale = Locale.parse(language)
    return locale, parse_pattern(get_time_format(form, locale=locale))


def day(value, form: str = "medium") -> str:
    if value is None:
        return "—"
    return digits(_babel_date(value, form, locale=_lang()))


def role_name(role: str) -> str:
    """A project role (stored as its English key) as the interface language names it."""
    names = {"admin": pgettext("role", "site administrator"), "lead": pgettext("role", "lead"),
             "annotator": pgettext("role", "annotator"), "adjudicator": pgettext("role", "adjudicator")}
    return names.get(role, role)


def language_name(code: str | None) -> str:
    """An article's language code (ar, en, fr, und...) named in the interface language (CLDR)."""
    if not code or code == "und":
        return "—"
    try:
        return Locale.parse(_lang()).languages.get(code.split("-")[0], code)
    except ValueError:
        return code
