"""What the API answers: one schema per resource, the same in the responses and in OpenAPI."""
from __future__ import annotations

from datetime import UTC

from marshmallow import Schema, fields


class UtcDateTime(fields.DateTime):
    """Times are stored as naive UTC: the API says so (RFC 3339 with an offset), as OpenAPI's
    date-time requires."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)



class ProjectOut(Schema):
    id = fields.String(required=True, attribute="public_id")
    name = fields.String(required=True)
    time_zone = fields.String(required=True)
    role = fields.String(required=True, metadata={"description": "the token holder's role in the project"})
    created_at = UtcDateTime(required=True)


class MemberOut(Schema):
    username = fields.String(required=True)
    display_name = fields.String(required=True)
    role = fields.String(required=True)


class SchemeVersionOut(Schema):
    version = fields.Integer(required=True)
    content_hash = fields.String(required=True)
    current = fields.Boolean(required=True)
    created_at = UtcDateTime(required=True)
    content = fields.Dict(required=True)


class ParagraphOut(Schema):
    index = fields.Integer(required=True)
    kind = fields.String(required=True)
    text = fields.String(required=True)
    language = fields.String(allow_none=True, required=True)
    direction = fields.String(allow_none=True, required=True)


class DocumentOut(Schema):
    id = fields.String(required=True, attribute="public_id")
    external_id = fields.String(required=True)
    title = fields.String(required=True)
    author = fields.String(allow_none=True, required=True)
    source_url = fields.String(allow_none=True, required=True)
    published_date = fields.Date(allow_none=True, required=True)
    language = fields.String(required=True)
    direction = fields.String(required=True)
    revision = fields.Integer(required=True)
    imported_at = UtcDateTime(required=True)


class DocumentDetailOut(DocumentOut):
    paragraphs = fields.List(fields.Nested(ParagraphOut), required=True)


class DocumentPageOut(Schema):
    items = fields.List(fields.Nested(DocumentOut), required=True)
    next_cursor = fields.String(allow_none=True, required=True,
                                metadata={"description": "pass as ?cursor= for the next page; null on the last"})


class ImportOut(Schema):
    files = fields.Integer(required=True)
    documents = fields.Integer(required=True)
    paragraphs = fields.Integer(required=True)
    skipped = fields.List(fields.Dict(), required=True)
    document_ids = fields.List(fields.String(), required=True)


class AssignmentOut(Schema):
    added = fields.Integer(required=True)
    already = fields.Integer(required=True)
    unfilled_documents = fields.Integer(required=True)


class SetOut(Schema):
    id = fields.String(required=True, attribute="public_id")
    document = fields.String(required=True)
    owner = fields.String(required=True, metadata={"description": "the annotator's username, or model:NAME"})
    status = fields.String(required=True)
    assigned = fields.Boolean(required=True)
    updated_at = UtcDateTime(required=True)


class SpanOut(Schema):
    id = fields.String(required=True)
    paragraph = fields.Integer(required=True)
    layer = fields.String(required=True)
    label = fields.String(required=True)
    start = fields.Integer(required=True, metadata={"description": "code points into the paragraph's NFC text"})
    end = fields.Integer(required=True)
    text = fields.String(required=True)
    attributes = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    origin = fields.String(required=True)
    version = fields.Integer(required=True)


class LinkOut(Schema):
    id = fields.String(required=True)
    source = fields.String(required=True)
    target = fields.String(required=True)
    link_type = fields.String(required=True)
    version = fields.Integer(required=True)


class StanceOut(Schema):
    id = fields.String(required=True)
    actor = fields.String(required=True)
    actor_name = fields.String(required=True)
    paragraph = fields.Integer(allow_none=True, required=True)
    value = fields.String(required=True)
    intensity = fields.Integer(allow_none=True, required=True)
    holder = fields.String(required=True)
    evidence = fields.List(fields.String(), required=True)
    version = fields.Integer(required=True)


class FrameOut(Schema):
    frame = fields.String(required=True)
    role = fields.String(required=True)
    paragraph = fields.Integer(allow_none=True, required=True)


class SetDetailOut(SetOut):
    spans = fields.List(fields.Nested(SpanOut), required=True)
    links = fields.List(fields.Nested(LinkOut), required=True)
    stances = fields.List(fields.Nested(StanceOut), required=True)
    frames = fields.List(fields.Nested(FrameOut), required=True)


class AliasOut(Schema):
    text = fields.String(required=True)
    language = fields.String(allow_none=True, required=True)


class ActorOut(Schema):
    id = fields.String(required=True)
    name = fields.String(required=True)
    kind = fields.String(required=True)
    status = fields.String(required=True)
    aliases = fields.List(fields.Nested(AliasOut), required=True)


class AgreementOut(Schema):
    state = fields.String(required=True, metadata={"description": "current, stale (being refreshed) or computing"})
    computed_at = UtcDateTime(allow_none=True, required=True)
    report = fields.Dict(allow_none=True, required=True,
                         metadata={"description": "the same report as `annotator agreement --json`"})


class ExportOut(Schema):
    id = fields.String(required=True)
    format = fields.String(required=True)
    state = fields.String(required=True)
    rows = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    download = fields.String(allow_none=True, required=True)


class AnnotationImportOut(Schema):
    created = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    notes = fields.List(fields.String(), required=True)


class TokenOut(Schema):
    id = fields.String(required=True, attribute="public_id")
    name = fields.String(required=True)
    prefix = fields.String(required=True)
    scope = fields.String(required=True)
    state = fields.String(required=True)
    expires_at = UtcDateTime(allow_none=True, required=True)
    last_used_at = UtcDateTime(allow_none=True, required=True)
    created_at = UtcDateTime(required=True)
