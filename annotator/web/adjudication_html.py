"""One adjudication unit as HTML: every annotator's version side by side.

Written in Python rather than as a Jinja include, for the reason marked_text is: a long document
has a thousand units, and an include per unit was most of the page's render time. Everything
from the data is escaped.
"""
from __future__ import annotations

from functools import lru_cache

from flask import g
from markupsafe import Markup, escape

from ..domain.history import KEY_WORDS
from ..i18n import N_, Phrase, translate

CAUSES = ("boundary", "label", "missed_by_some", "guideline_unclear", "annotator_error", "text_ambiguous")


WORDS = {"note": N_("Note"), "why": N_("Why:"), "note_title": N_("Write why you decided (W)"),
         "agreed": N_("agreed"), "open": N_("open"), "not_marked_by": N_("not marked by {names}"),
         "collapsed": N_("both ends fell into one unit: it cannot enter gold"), "pick": N_("Pick this version"),
         "accept": N_("Accept"), "reject": N_("Reject"), "edit": N_("Edit boundaries"), "merge": N_("Merge"),
         "cause": N_("Cause"), "drop": N_("Drop"),
         # how a unit was decided (DECISION_METHODS) and why annotators disagreed (DISAGREEMENT_CAUSES)
         "method_agreed": N_("agreed"), "method_picked": N_("picked"), "method_merged": N_("merged"),
         "method_edited": N_("edited"), "method_added": N_("added"), "method_rejected": N_("rejected"),
         "cause_boundary": N_("boundary"), "cause_label": N_("label"), "cause_missed_by_some": N_("missed by some"),
         "cause_guideline_unclear": N_("guideline unclear"), "cause_annotator_error": N_("annotator error"),
         "cause_text_ambiguous": N_("text ambiguous")}


@lru_cache(maxsize=8)
def _words(language: str) -> dict[str, str]:
    return {key: str(escape(translate(phrase, language))) for key, phrase in WORDS.items()}


def _key_word(key: str, language: str) -> str:
    """A stance's value or a link's type, stored as its key: the reader's word (English: the key)."""
    return translate(KEY_WORDS[key], language) if key in KEY_WORDS and language != "en" else key


def _said(words, language: str) -> str:
    return words.in_language(language) if isinstance(words, Phrase) else words


def _note_html(u, words: dict) -> str:
    """The adjudicator's own note on the unit: why they decided (the page adds it when one is written)."""
    if not u.note:
        return ""
    return (f'<p class="adj-decision-note"><strong>{words["why"]}</strong> '
            f'<span class="adj-note-text" dir="auto">{escape(u.note)}</span></p>')


def _note_button(words: dict) -> str:
    return f'<button type="button" data-action="note" title="{words["note_title"]}"><kbd>W</kbd> {words["note"]}</button>'


def _state_text(u, words: dict) -> str:
    if u.state == "decided":
        method = words.get(f"method_{u.method}") or escape(u.method)
        return method + (Markup(" · ") + escape(u.decided_by) if u.decided_by else "")
    return words["agreed"] if u.state == "agreed" else words["open"]


def _title(u, labels: dict, language: str) -> str:
    """A link's ends by their labels' names in the page's language; any other unit's title as said."""
    if not u.ends:
        return _said(u.title, language)

    def end(label: str, text: str) -> str:
        info = labels.get(label)
        return f"{info.name if info else label}: {text}" if label else text
    return f"{end(*u.ends[0])} → {end(*u.ends[1])}"


def unit_html(u, labels: dict, direction: str | None = None, frame_names: dict | None = None) -> Markup:
    """``u``: a services.gold.page_view.UnitView; ``labels``: label key -> LabelInfo; ``frame_names``:
    frame key -> its name in the page's language (a frame unit's versions carry the frame's key)."""
    decided = u.state == "decided"
    language = g.get("ui_lang") or "en"
    words = _words(language)
    out = [f'<li class="adj-unit state-{escape(u.state)}" data-unit="{escape(u.key)}" data-fp="{escape(u.fingerprint)}"'
           f' data-kind="{escape(u.kind)}"']
    if u.paragraph is not None:
        out.append(f' data-paragraph="{u.paragraph}"')
    out.append(f' data-versions="{len(u.versions)}" data-label="{escape(u.label or "")}"')
    if u.collapsed:
        out.append(' data-collapsed="1"')
    out.append(' tabindex="-1"><div class="adj-unit-head">')
    out.append(f'<span class="adj-state">{_state_text(u, words)}</span>')
    if u.title:
        out.append(f'<bdi class="adj-title">{escape(_title(u, labels, language))}</bdi>')
    if u.missing and not decided:
        missing = str(escape(", ".join(u.missing)))
        out.append(f'<span class="muted">{words["not_marked_by"].replace("{names}", missing)}</span>')
    if u.collapsed:
        out.append(f'<span class="muted">{words["collapsed"]}</span>')
    out.append('</div><ol class="adj-versions">')
    disabled = " disabled" if decided or u.collapsed else ""
    for v in u.versions:
        info = labels.get(v.label)
        name = info.name if info else (frame_names or {}).get(v.label) or _key_word(v.label, language)
        out.append(f'<li class="adj-version{" agreed" if v.agreed else ""}" data-number="{v.number}">'
                   f'<button type="button" class="adj-pick" data-action="pick" data-version="{v.number}"{disabled}'
                   f' title="{words["pick"]}"><kbd>{v.number}</kbd></button>'
                   f'<span class="adj-label">{escape(name)}</span>')
        if u.kind == "span":
            out.append(f'<span class="adj-snippet" dir="{escape(direction or "auto")}">{escape(v.before)}'
                       f'<mark>{escape(v.text)}</mark>{escape(v.after)}</span>')
        if v.detail:
            out.append(f'<span class="adj-detail muted">{escape(_key_word(v.detail, language))}</span>')
        if v.attributes:
            out.append(f'<span class="adj-attrs muted">{escape(v.attributes)}</span>')
        out.append(f'<span class="adj-who">{escape(", ".join(v.owners))}</span></li>')
    out.append("</ol>")
    if u.notes:
        out.append('<ul class="adj-notes">')
        out.extend(f'<li dir="auto">{escape(note)}</li>' for note in u.notes)
        out.append("</ul>")
    out.append(_note_html(u, words))
    if not decided and not u.collapsed:
        out.append('<p class="adj-actions">')
        if u.state == "agreed":
            out.append(f'<button type="button" data-action="accept"><kbd>A</kbd> {words["accept"]}</button>')
        out.append(f'<button type="button" data-action="reject"><kbd>X</kbd> {words["reject"]}</button>')
        if u.kind == "span":
            out.append(f'<button type="button" data-action="edit"><kbd>E</kbd> {words["edit"]}</button>')
            if len(u.versions) > 1:
                out.append(f'<button type="button" data-action="merge"><kbd>M</kbd> {words["merge"]}</button>')
        out.append(f'<label class="adj-cause">{words["cause"]} <select data-action="cause"><option value="">—</option>')
        for cause in CAUSES:
            selected = " selected" if u.cause == cause else ""
            out.append(f'<option value="{cause}"{selected}>{words["cause_" + cause]}</option>')
        out.append(f"</select></label>{_note_button(words)}</p>")
    elif u.collapsed and not decided:
        out.append(f'<p class="adj-actions"><button type="button" data-action="reject"><kbd>X</kbd> {words["drop"]}</button></p>')
    else:
        out.append(f'<p class="adj-actions">{_note_button(words)}</p>')
    out.append("</li>")
    return Markup("".join(out))
