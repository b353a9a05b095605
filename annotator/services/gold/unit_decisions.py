"""How each kind of unit is settled into gold: spans, links, stances, frames (see decisions.py)."""
from __future__ import annotations

import statistics

from sqlalchemy.orm import Session

from ...domain.adjudication import Proposal, Unit, Version
from ...domain.scheme import STANCE_VALUES
from ...domain.spans import SpanError, browser_selection_to_span, validate_span
from ...errors import Conflict, Invalid, Phrase, Plural
from ...models import User
from . import gold_writes as gw
from .evidence import carry_evidence
from .decisions import Choice, Outcome, record, sources_of
from .state import DocumentState, proposal

NOT_AGREED = "this unit is open (the annotators disagree): pick a version with 1..n, merge, edit or reject it"


def version_at(unit: Unit, number: int | None, field: str = "version") -> Version:
    if number is None or not 1 <= number <= len(unit.versions):
        raise Invalid(Phrase("{field} must be between 1 and {count} for this unit", field=field,
                             count=len(unit.versions)), field)
    return unit.versions[number - 1]


def _scheme_version(session: Session, state: DocumentState):
    return state.scheme(session)


def _selection(paragraph_text: str, choice: Choice) -> tuple[int, int]:
    if choice.start is None or choice.end is None or choice.text is None:
        raise Invalid("an edit names its boundaries: start, end and the quoted text", "start")
    try:
        if choice.codepoints:  # as the API's spans: stored as given once valid, never snapped
            validate_span(paragraph_text, choice.start, choice.end, choice.text)
            return choice.start, choice.end
        start, end, _text = browser_selection_to_span(paragraph_text, choice.start, choice.end, choice.text,
                                                      snap_words=True)
    except SpanError as exc:
        raise Invalid(exc.problem, exc.field) from exc
    return start, end


def _label(scheme, key: str | None, layer: str | None = None) -> str:
    """The layer of a label that may be used now (else 422)."""
    found = scheme.find_label(key or "")
    if found is None or (layer is not None and found[0].key != layer):
        raise Invalid(Phrase("'{key}' is not a label of the layer '{layer}' in this project's scheme", key=key,
                             layer=layer) if layer else
                      Phrase("'{key}' is not a label in this project's scheme", key=key), "label")
    if found[1].retired:
        raise Invalid(Phrase("the label '{key}' is retired", key=key), "label")
    return found[0].key


def write_span(session, user, state, unit: Unit | None, *, method: str, paragraph: int, layer: str, label: str,
               start: int, end: int, attributes: dict, chosen=()) -> Outcome:
    _scheme, version_id = _scheme_version(session, state)
    row = state.paragraph_row(session, paragraph)
    if row is None:
        raise Invalid(Phrase("no paragraph {paragraph} in this document", paragraph=paragraph), "paragraph")
    span_id = gw.add_span(session, state.gold_set, row, layer=layer, label=label, start=start, end=end,
                          attributes=attributes, scheme_version_id=version_id)
    key = unit.key if unit else f"add:{span_id}"
    decision = record(session, user, state, kind="span", key=key, method=method,
                      sources=sources_of(unit, chosen) if unit else [], gold_item_id=span_id,
                      paragraph=paragraph)
    return Outcome("span", paragraph, method, decision.public_id, span_id)


def decide_span(session: Session, user: User, state: DocumentState, current: Proposal, unit: Unit,
                choice: Choice) -> Outcome:
    layer = unit.items[0].layer
    if choice.action == "reject":
        return _reject_span(session, user, state, unit, choice)
    if choice.action in ("accept", "pick"):
        if choice.action == "accept" and unit.agreed is None:
            raise Conflict(NOT_AGREED, "unit")
        version = unit.agreed if choice.action == "accept" else version_at(unit, choice.version)
        base = version.first
        return write_span(session, user, state, unit, method="agreed" if choice.action == "accept" else "picked",
                          paragraph=base.paragraph, layer=layer, label=base.label, start=base.start, end=base.end,
                          attributes=dict(base.attributes or {}), chosen=version.items)
    if choice.action == "merge":
        bounds, named = version_at(unit, choice.version), version_at(unit, choice.label_version, "label_version")
        b, n = bounds.first, named.first
        return write_span(session, user, state, unit, method="merged", paragraph=b.paragraph, layer=layer,
                          label=n.label, start=b.start, end=b.end, attributes=dict(n.attributes or {}),
                          chosen=bounds.items + named.items)
    # edit: new boundaries from a selection, with the label chosen (or the first version's)
    scheme, _version_id = _scheme_version(session, state)
    label = choice.label or unit.versions[0].first.label
    _label(scheme, label, layer)
    row = state.paragraph_row(session, unit.paragraph)
    start, end = _selection(row.text, choice)
    named = next((v for v in unit.versions if v.first.label == label), None)
    return write_span(session, user, state, unit, method="edited", paragraph=unit.paragraph, layer=layer,
                      label=label, start=start, end=end,
                      attributes=dict(named.first.attributes or {}) if named else {})


def _reject_span(session, user, state, unit: Unit, choice: Choice) -> Outcome:
    full = proposal(session, state)
    hanging = [link for link in full.links if unit.key in link.ends and link.decision is None]
    if hanging and choice.orphans != "reject":
        raise Conflict(Plural("rejecting this span leaves {count} link(s) with nothing at one end: confirm to reject "
                              "them too", "rejecting this span leaves {count} link(s) with nothing at one end: "
                              "confirm to reject them too", len(hanging)), "orphans", links=[link.key for link in hanging])
    for link in hanging:
        record(session, user, state, kind="link", key=link.key, method="rejected", sources=sources_of(link),
               gold_item_id=None, paragraph=None)
    decision = record(session, user, state, kind="span", key=unit.key, method="rejected", sources=sources_of(unit),
                      gold_item_id=None, paragraph=unit.paragraph)
    return Outcome("span", unit.paragraph, "rejected", decision.public_id, None)


def add_span(session: Session, user: User, state: DocumentState, choice: Choice) -> Outcome:
    """A unit nobody marked: the adjudicator's own selection and label."""
    if choice.paragraph is None:
        raise Invalid("an added span names its paragraph", "paragraph")
    scheme, _version_id = _scheme_version(session, state)
    layer = _label(scheme, choice.label)
    row = state.paragraph_row(session, choice.paragraph)
    if row is None:
        raise Invalid(Phrase("no paragraph {paragraph} in this document", paragraph=choice.paragraph), "paragraph")
    start, end = _selection(row.text, choice)
    return write_span(session, user, state, None, method="added", paragraph=choice.paragraph, layer=layer,
                      label=choice.label, start=start, end=end, attributes={})


def _gold_end(session, user, state, current: Proposal, key: str) -> str:
    """The gold span of a link's end; an agreed end is accepted with the link (it was agreed)."""
    end = current.find(key)
    if end is None:
        raise Conflict("an end of this link is no longer in the proposal: reload", "unit")
    if end.decision is not None:
        if end.decision.gold_item_id is None:
            raise Conflict("an end of this link was rejected: the link cannot enter gold", "unit")
        return end.decision.gold_item_id
    if end.agreed is None:
        raise Conflict("decide this link's end spans first: one of them is still open", "unit")
    base = end.agreed.first
    outcome = write_span(session, user, state, end, method="agreed", paragraph=base.paragraph, layer=base.layer,
                         label=base.label, start=base.start, end=base.end, attributes=dict(base.attributes or {}),
                         chosen=end.agreed.items)
    return outcome.gold_item_id


def decide_link(session, user, state, current: Proposal, unit: Unit, choice: Choice) -> Outcome:
    if choice.action == "reject" or unit.ends[0] == unit.ends[1]:
        if choice.action != "reject":
            raise Conflict(unit.note, "unit")
        decision = record(session, user, state, kind="link", key=unit.key, method="rejected",
                          sources=sources_of(unit), gold_item_id=None, paragraph=None)
        return Outcome("link", None, "rejected", decision.public_id, None)
    if choice.action == "accept" and unit.agreed is None:
        raise Conflict(NOT_AGREED, "unit")
    if choice.action not in ("accept", "pick"):
        raise Invalid("a link is accepted, picked (1..n) or rejected", "action")
    version = unit.agreed if choice.action == "accept" else version_at(unit, choice.version)
    source, target = (_gold_end(session, user, state, current, key) for key in unit.ends)
    _scheme, version_id = _scheme_version(session, state)
    link = gw.add_link(session, state.gold_set, source, target, version.shape[0], version_id)
    method = "agreed" if choice.action == "accept" else "picked"
    decision = record(session, user, state, kind="link", key=unit.key, method=method,
                      sources=sources_of(unit, version.items), gold_item_id=link.public_id, paragraph=None)
    return Outcome("link", None, method, decision.public_id, link.public_id)


def decide_stance(session, user, state, current: Proposal, unit: Unit, choice: Choice) -> Outcome:
    first = unit.items[0]
    if choice.action == "reject":
        decision = record(session, user, state, kind="stance", key=unit.key, method="rejected",
                          sources=sources_of(unit), gold_item_id=None, paragraph=None)
        return Outcome("stance", None, "rejected", decision.public_id, None)
    if choice.action == "accept":
        if unit.agreed is None:
            raise Conflict(NOT_AGREED, "unit")
        value, intensity, method, chosen = unit.agreed.shape[0], unit.proposed_intensity(), "agreed", unit.agreed.items
    elif choice.action == "pick":
        version = version_at(unit, choice.version)
        levels = [i.intensity for i in version.items if i.intensity is not None]
        value, intensity, method, chosen = (version.shape[0], statistics.median_low(levels) if levels else None,
                                            "picked", version.items)
    elif choice.action == "edit":
        if choice.value not in STANCE_VALUES:
            raise Invalid(Phrase("value must be one of {choices}", ", ", choices=list(STANCE_VALUES)), "value")
        if choice.intensity is not None and not 1 <= choice.intensity <= 3:
            raise Invalid("intensity goes from 1 (weak) to 3 (strong)", "intensity")
        value, intensity, method, chosen = choice.value, choice.intensity, "edited", ()
    else:
        raise Invalid("a stance is accepted, picked (1..n), edited or rejected", "action")
    _scheme, version_id = _scheme_version(session, state)
    stance = gw.add_stance(session, state.gold_set, actor_id=first.actor,
                           paragraph=state.paragraph_row(session, first.paragraph),
                           holder=first.holder, value=value, intensity=intensity, scheme_version_id=version_id)
    decision = record(session, user, state, kind="stance", key=unit.key, method=method,
                      sources=sources_of(unit, chosen), gold_item_id=stance.public_id, paragraph=None)
    carry_evidence(session, [state.adjudication.id], {stance.public_id: [i.id for i in chosen]})
    return Outcome("stance", None, method, decision.public_id, stance.public_id)


def decide_frame(session, user, state, current: Proposal, unit: Unit, choice: Choice) -> Outcome:
    if choice.action == "reject":
        decision = record(session, user, state, kind="frame", key=unit.key, method="rejected",
                          sources=sources_of(unit), gold_item_id=None, paragraph=None)
        return Outcome("frame", None, "rejected", decision.public_id, None)
    if choice.action == "accept" and unit.agreed is None:
        raise Conflict(NOT_AGREED, "unit")
    if choice.action not in ("accept", "pick"):
        raise Invalid("a frame is accepted, picked (1..n) or rejected", "action")
    version = unit.agreed if choice.action == "accept" else version_at(unit, choice.version)
    first = version.first
    _scheme, version_id = _scheme_version(session, state)
    frame = gw.add_frame(session, state.gold_set, frame=first.frame,
                         paragraph=state.paragraph_row(session, first.paragraph),
                         primary=unit.key.startswith("f:p:"), scheme_version_id=version_id)
    method = "agreed" if choice.action == "accept" else "picked"
    decision = record(session, user, state, kind="frame", key=unit.key, method=method,
                      sources=sources_of(unit, version.items), gold_item_id=frame.public_id, paragraph=None)
    return Outcome("frame", None, method, decision.public_id, frame.public_id)


DECIDERS = {"span": decide_span, "link": decide_link, "stance": decide_stance, "frame": decide_frame}
