"""The side panels' own words (stance, frames, links, mentions) in the interface language.

Templates get them as ``lt.<key>``; layers.js gets the ``JS_KEYS`` subset as JSON on #layers.
Placeholders in braces are filled in by the code that uses the phrase.
"""
from __future__ import annotations

from ..i18n import N_, NP_, plural_forms, translate


TEXT: dict[str, str] = {  # key: the English phrase, its msgid in the catalogs
    "stance_title": N_("Stance toward actors"),
    "scope": N_("Scope"),
    "whole_document": N_("Whole document"),
    "paragraph_n": N_("Paragraph {n}"),
    "stance_hint": N_("On a row: 1 favor · 2 against · 3 neutral · 0 not stated · Shift+1–3 or +/− intensity "
                      "· E the selected span as evidence · Del clear · ↑↓ move · Esc back to the text"),
    "favor": N_("Favor"),
    "against": N_("Against"),
    "neutral": N_("Neutral"),
    "not_stated": N_("Not stated"),
    "no_stance": N_("no stance yet"),
    "intensity": N_("Intensity"),
    "intensity_n": N_("Intensity {n} (Shift+{n})"),
    "counted_title": N_("mentions that count; +n? uncertain ones waiting for your verdict"),
    "quoted": N_("Quoted sources' stances"),
    "holder_placeholder": N_("Who (e.g. the minister)"),
    "add": N_("Add"),
    "add_actor": N_("Add an actor"),
    "no_actor_document": N_("No actor of the registry is mentioned in this document."),
    "no_actor_paragraph": N_("No actor of the registry is mentioned in this paragraph."),
    "proposed": N_("proposed"),
    "evidence": N_("Evidence"),
    "remove": N_("Remove"),
    "frames_title": N_("Frames"),
    "primary_required": N_("a primary frame is required"),
    "primary_frame": N_("Primary frame"),
    "none": N_("— none —"),
    "secondary_frames": N_("Secondary frames"),
    "links_title": N_("Links"),
    "argument_map": N_("Argument map"),
    "links_hint": N_("Select a span, press L (or “Link…” in its menu), then click the span it supports or attacks."),
    "no_links": N_("No links yet."),
    "supports": N_("supports"),
    "attacks": N_("attacks"),
    "link_as": N_("Link «{source}» to «{target}» as:"),
    "cancel": N_("Cancel"),
    "mentions_title": N_("Mentions"),
    "mentions_count": N_("{n} in this document"),
    "uncertain_count": N_("{n} uncertain: they count only once you confirm them"),
    "confirm": N_("Confirm"),
    "alias_group": N_("{n} uncertain mentions of «{alias}» → {actor}"),
    "confirm_all": N_("Confirm all {n}"),
    "reject_all": N_("Reject all {n}"),
    "not_a_mention": N_("Not a mention"),
    "undo": N_("Undo"),
    "all_mentions": N_("All mentions ({n})"),
    "marked_by_you": N_("marked by you"),
    "rejected": N_("not a mention"),
    "uncertain": N_("uncertain"),
    "selection": N_("Selection:"),
    "select_words": N_("select words in the text"),
    "mark_as": N_("Mark it as a mention of"),
    "mark": N_("Mark"),
    "propose_title": N_("Propose a new actor from the selection"),
    "name": N_("Name"),
    "kind": N_("Kind"),
    "propose": N_("Propose"),
    "propose_note": N_("Only you and the project's leads see your proposal; a lead adds it to the registry or "
                       "merges it into an actor already there."),
    "rejected_title": N_("Your proposals a lead rejected"),
    "rejected_note": N_("Their marks no longer count; mark the text as a mention of an actor of the registry "
                        "if one fits."),
    "rejected_reason": N_("Reason:"),
    "claim_targets": N_("This claim targets"),
    "no_target": N_("— no actor —"),
    "as": N_("as"),
    "save_target": N_("Save target"),
    "map_counts": N_("{spans} spans · {links} links"),
    "map_arrows": N_("Arrows go from the supporting or attacking span to the one it argues about:"),
    "map_supports": N_("solid green: supports"),
    "map_attacks": N_("dashed red: attacks"),
    "map_click": N_("Click a box to open its span in the text."),
    "map_empty": N_("No claims or evidence in this set yet."),
    "back_to_document": N_("Back to the document"),
    "state": N_("state"),
    "armed_group": N_("armed group"),
    "organisation": N_("organisation"),
    "person": N_("person"),
    "other": N_("other"),
    # layers.js
    "js_link_start": N_("Link: click the span this one supports or attacks (or move with J/K and press Enter). "
                        "Esc cancels."),
    "js_link_select": N_("Select a span first (click it, or J/K), then press L."),
    "js_link_self": N_("A span cannot be linked to itself: choose another span."),
    "js_link_cancelled": N_("Link cancelled."),
    "js_link_choose": N_("Choose the link's type: 1, 2… (Esc cancels)."),
    "js_link_saved": N_("Links saved."),
    "js_intensity_first": N_("Intensity goes with favor or against: press 1 or 2 first."),
    "js_stance_first": N_("Take a stance first (1, 2, 3 or 0), then add its evidence."),
    "js_evidence_select": N_("Select the span that shows this stance in the text first (click it), then come back "
                             "with S and press E."),
    "js_link_button": N_("Link…"),
    "js_badge_from": N_("link {n} ({type}) starts here"),
    "js_badge_to": N_("link {n} ({type}) ends here"),
    "js_supports": N_("supports"),
    "js_attacks": N_("attacks"),
    "js_key_link": N_("Link the selected span to another (then click the target, choose the type)"),
    "js_key_stance": N_("Go to the stance panel (1 favor, 2 against, 3 neutral, 0 not stated)"),
    # layers_saving.js: what a failed write in a panel was, as the banner lists it
    "js_op_stance": N_("stance toward {actor}: {value}"),
    "js_op_stance_clear": N_("clearing the stance toward {actor}"),
    "js_op_evidence": N_("evidence for the stance toward {actor}"),
    "js_op_frame": N_("the frame choice"),
    "js_op_link": N_("the link"),
    "js_op_link_delete": N_("removing the link"),
    "js_op_mention": N_("the mention"),
    "js_op_target": N_("the claim's target"),
    "js_op_panel": N_("the side panel"),
    "js_favor": N_("favor"),
    "js_against": N_("against"),
    "js_neutral": N_("neutral"),
    "js_not_stated": N_("not stated"),
}

# layers.js: counted phrases travel as their forms by plural category (see plural_forms)
JS_COUNTED = {
    "js_links_gone": NP_("{n} link went with the deleted span.", "{n} links went with the deleted span."),
    "js_links_of_span": NP_("{n} link goes with it if you delete it", "{n} links go with it if you delete it"),
}
JS_KEYS = tuple(key for key in TEXT if key.startswith("js_"))
_BY_LANGUAGE: dict[str, dict[str, str]] = {}


def layer_words(language: str) -> dict[str, str]:
    if language not in _BY_LANGUAGE:
        _BY_LANGUAGE[language] = {key: translate(english, language) for key, english in TEXT.items()}
    return _BY_LANGUAGE[language]


def layer_js_words(language: str) -> dict:
    table = layer_words(language)
    words: dict = {key: table[key] for key in JS_KEYS}
    words.update({key: plural_forms(singular, plural, language) for key, (singular, plural) in JS_COUNTED.items()})
    return words
