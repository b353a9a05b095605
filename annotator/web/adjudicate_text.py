"""The adjudication page script's words (static/js/adjudicate.js), in the reader's language.

The script holds no English of its own: it reads these from the page's data-messages block.
A counted phrase travels as its forms by CLDR plural category (zero, one, two, few, many,
other), which the script picks with ``Intl.PluralRules`` for the page's language: Arabic has six.
"""
from __future__ import annotations

from functools import cache

from ..i18n import N_, NP_, plural_forms, translate

TEXT = {
    "adj_no_open_unit": N_("No open unit left."),
    "adj_merge_label": N_("Merge: boundaries of version {n}. Now the number of the version whose label to keep."),
    "adj_only_spans": N_("Only span boundaries are edited; pick a version, or reject."),
    "adj_edit_hint": N_("Edit: select the new boundaries in paragraph {n}, choose the label, then press Enter "
                        "(Esc cancels)."),
    "adj_across": N_("A span stays inside one paragraph."),
    "adj_select_first": N_("Select some text first."),
    "adj_select_inside": N_("Select inside paragraph {n}."),
    "adj_undone": N_("Undone."),
    "adj_nothing_agreed": N_("Nothing agreed is waiting for acceptance."),
    "adj_choose_unit": N_("Choose a unit first (J / K)."),
    "adj_unit_open": N_("This unit is open: pick a version (1…{n}), merge, edit or reject it."),
    "adj_merge_start": N_("Merge: press the number of the version whose boundaries to keep."),
    "adj_cause_saved": N_("Cause saved."),
    # What the banner names when a decision could not be saved.
    "adj_do_pick": N_("pick version {n}"),
    "adj_do_merge": N_("merge"),
    "adj_do_reject": N_("reject"),
    "adj_do_accept": N_("accept"),
    "adj_do_edit": N_("edit boundaries"),
    "adj_do_add": N_("add {label} — {text}"),
    "adj_do_undo": N_("undo"),
    "adj_do_accept_all": N_("accept all agreed"),
    "adj_do_cause": N_("cause {cause}"),
}
COUNTED = {
    "adj_reject_orphans": NP_("Rejecting this span leaves {n} link with nothing at one end. Reject it too?",
                              "Rejecting this span leaves {n} links with nothing at one end. Reject them too?"),
    "adj_versions": NP_("This unit has {n} version.", "This unit has {n} versions."),
    "adj_accept_agreed": NP_("Accept {n} agreed unit into gold? Open units stay open.",
                             "Accept {n} agreed units into gold? Open units stay open."),
}


@cache
def adjudicate_js_words(language: str) -> dict:
    words: dict = {key: translate(english, language) for key, english in TEXT.items()}
    words.update({key: plural_forms(singular, plural, language) for key, (singular, plural) in COUNTED.items()})
    return words
