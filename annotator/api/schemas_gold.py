"""Adjudication and gold, in and out: the page's decision form with code points and unknown fields
refused; the queue, the proposal and the gold sets as the adjudication pages show them."""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from ..schemas.adjudication import DecisionForm, StatusForm, UndoForm
from .schemas_out import UtcDateTime


class DecisionIn(DecisionForm):
    """``start``/``end`` (edit, add) are code points into the paragraph's NFC text, checked against
    ``text`` and stored as given; the page sends UTF-16 units and snaps to words."""

    class Meta:
        unknown = RAISE


class UndoIn(UndoForm):
    class Meta:
        unknown = RAISE


class AdjudicationStatusIn(StatusForm):
    class Meta:
        unknown = RAISE


class AutoAdjudicationIn(Schema):
    class Meta:
        unknown = RAISE

    min_agree = fields.Integer(load_default=None, validate=validate.Range(min=2),
                               metadata={"description": "annotators who must agree (default: the project's setting)"})
    documents = fields.List(fields.String(validate=validate.Length(min=1, max=200)), load_default=list,
                            metadata={"description": "external ids; none: every document"})


class GoldQuery(Schema):
    class Meta:
        unknown = RAISE

    adjudicated = fields.Boolean(load_default=False, metadata={"description": "only documents marked adjudicated"})


class QueueRowOut(Schema):
    document = fields.String(required=True, attribute="public_id")
    external_id = fields.String(required=True)
    title = fields.String(required=True)
    state = fields.String(required=True, metadata={"description": "ready, in_adjudication, stale, adjudicated or "
                                                                  "not_ready"})
    coders = fields.Integer(required=True, metadata={"description": "done sets"})
    open_units = fields.Integer(required=True)
    agreed_units = fields.Integer(required=True)
    decided_units = fields.Integer(required=True)
    stale = fields.List(fields.String(), required=True, metadata={"description": "what changed since adjudicated"})
    agreed_share = fields.Float(allow_none=True, required=True)


class AdjudicatorCountsOut(Schema):
    decisions = fields.Integer(required=True)
    adjudicated = fields.Integer(required=True)


class AdjudicationQueueOut(Schema):
    rows = fields.List(fields.Nested(QueueRowOut), required=True)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    by_adjudicator = fields.Dict(keys=fields.String(), values=fields.Nested(AdjudicatorCountsOut), required=True)


class UnitVersionOut(Schema):
    number = fields.Integer(required=True, metadata={"description": "what pick, merge and label_version name"})
    owners = fields.List(fields.String(), required=True, metadata={"description": "names, or A, B, C when blind"})
    label = fields.String(required=True)
    agreed = fields.Boolean(required=True)
    text = fields.String(required=True)
    attributes = fields.String(required=True)
    detail = fields.String(required=True)


class UnitOut(Schema):
    key = fields.String(required=True, metadata={"description": "the unit a decision names"})
    kind = fields.String(required=True)
    state = fields.String(required=True, metadata={"description": "open, agreed or decided"})
    fingerprint = fields.String(required=True, metadata={"description": "send it with the decision: a changed "
                                                                        "unit answers 409"})
    paragraph = fields.Integer(allow_none=True, required=True)
    label = fields.String(allow_none=True, required=True)
    title = fields.String(required=True)
    versions = fields.List(fields.Nested(UnitVersionOut), required=True)
    missing = fields.List(fields.String(), required=True)
    method = fields.String(allow_none=True, required=True)
    decided_by = fields.String(allow_none=True, required=True)
    cause = fields.String(allow_none=True, required=True)
    note = fields.String(required=True)
    collapsed = fields.Boolean(required=True)


class ProposalParagraphOut(Schema):
    index = fields.Function(lambda pu: pu.paragraph.index, required=True)
    text = fields.Function(lambda pu: pu.paragraph.text, required=True)
    units = fields.List(fields.Nested(UnitOut), required=True)


class DocumentAdjudicationOut(Schema):
    document = fields.Function(lambda page: page.state.document.public_id, required=True)
    status = fields.Function(lambda page: page.state.adjudication.status, required=True)
    gold_set = fields.Function(lambda page: page.state.gold_set.public_id, required=True,
                               metadata={"description": "read it with GET /sets/{id}"})
    blind = fields.Boolean(required=True)
    coders = fields.List(fields.String(), required=True)
    stale = fields.List(fields.String(), required=True)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    paragraphs = fields.List(fields.Nested(ProposalParagraphOut), required=True)
    links = fields.List(fields.Nested(UnitOut), required=True)
    stances = fields.List(fields.Nested(UnitOut), required=True)
    frames = fields.List(fields.Nested(UnitOut), required=True)


class DecisionOut(Schema):
    kind = fields.String(required=True)
    method = fields.String(required=True)
    decision = fields.String(allow_none=True, required=True, attribute="decision_id")
    gold = fields.String(allow_none=True, required=True, attribute="gold_item_id",
                         metadata={"description": "the gold item written; null for a rejection"})
    paragraph = fields.Integer(allow_none=True, required=True)
    counts = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)


class AdjudicationStatusOut(Schema):
    status = fields.String(required=True)


class AgreedCountsOut(Schema):
    spans = fields.Integer(required=True)
    links = fields.Integer(required=True)
    stances = fields.Integer(required=True)
    frames = fields.Integer(required=True)
    skipped = fields.Integer(required=True, metadata={"description": "agreed, but gold already held them"})


class GoldSetOut(Schema):
    set = fields.String(required=True, attribute="set_id", metadata={"description": "read it with GET /sets/{id}"})
    document = fields.String(required=True)
    external_id = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.String(required=True, metadata={"description": "in_adjudication or adjudicated"})
    spans = fields.Integer(required=True)
    adjudicated_by = fields.String(allow_none=True, required=True)
    adjudicated_at = UtcDateTime(allow_none=True, required=True)
    updated_at = UtcDateTime(required=True)


class JobOut(Schema):
    id = fields.String(required=True, attribute="public_id")
    kind = fields.String(required=True)
    state = fields.String(required=True, metadata={"description": "queued, running, done, failed or cancelled"})
    done = fields.Integer(required=True)
    total = fields.Integer(allow_none=True, required=True)
    note = fields.String(allow_none=True, required=True, attribute="english_note")
    error = fields.String(allow_none=True, required=True, attribute="english_error")
    result = fields.Dict(allow_none=True, required=True, metadata={"description": "the job's report once done"})
    status_url = fields.Function(lambda job: f"/api/v1/jobs/{job.public_id}", required=True)
    created_at = UtcDateTime(required=True)
