"""What the API accepts: the page's own form schemas where there is one, with unknown fields refused.

A script gets told about a misspelt field instead of having it silently ignored, which is what
the browser forms do (they carry the CSRF token and htmx's extra fields)."""
from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from ..models import ROLES
from ..schemas import annotate, layers
from ..schemas.actors import ACTOR_KINDS, MAX_NAME

MAX_PAGE = 500


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class SpanCreateIn(annotate.SpanCreateForm):
    """Offsets are code points into the paragraph's NFC text, unlike the page's UTF-16 units."""

    class Meta:
        unknown = RAISE
        exclude = ("end_paragraph", "snap")


class SpanChangeIn(annotate.SpanChangeForm):
    """The version may come as If-Match instead (an ETag the span's answers carry)."""

    class Meta:
        unknown = RAISE

    version = fields.Integer(load_default=None, validate=validate.Range(min=1))


class VersionQuery(_Strict):
    version = fields.Integer(load_default=None, validate=validate.Range(min=1))


class SetStatusIn(annotate.SetStatusForm):
    class Meta:
        unknown = RAISE


class LinkCreateIn(layers.LinkCreateForm):
    class Meta:
        unknown = RAISE


class LinkRetypeIn(layers.LinkRetypeForm):
    class Meta:
        unknown = RAISE


class StanceIn(layers.StanceForm):
    """``version`` (or If-Match): the stance this change replaces; 409 when it changed meanwhile."""

    class Meta:
        unknown = RAISE

    version = fields.Integer(load_default=None, validate=validate.Range(min=1))


class FrameIn(layers.FrameForm):
    class Meta:
        unknown = RAISE


class ProjectCreateIn(_Strict):
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    scheme = fields.String(load_default=None, validate=validate.Length(min=1, max=1_000_000),
                           metadata={"description": "scheme YAML; the default scheme when left out"})
    time_zone = fields.String(load_default="UTC", validate=validate.Length(min=1, max=64))


class MemberIn(_Strict):
    username = fields.String(required=True, validate=validate.Length(min=1, max=80))
    role = fields.String(required=True, validate=validate.OneOf(ROLES[1:]))


class DocumentQuery(_Strict):
    cursor = fields.String(load_default=None, validate=validate.Length(max=200))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=MAX_PAGE))
    language = fields.String(load_default=None, validate=validate.Length(min=1, max=16))
    q = fields.String(load_default=None, validate=validate.Length(min=1, max=200),
                      metadata={"description": "words in the title"})


class ArticleIn(_Strict):
    id = fields.String(load_default=None, validate=validate.Length(min=1, max=200))
    title = fields.String(load_default=None, validate=validate.Length(max=2000))
    text = fields.String(required=True, validate=validate.Length(min=1))
    author = fields.String(load_default=None, validate=validate.Length(max=300))
    source = fields.String(load_default=None, validate=validate.Length(max=2000))
    date = fields.String(load_default=None, validate=validate.Length(max=40))
    language = fields.String(load_default=None, validate=validate.Length(max=16))


class FileIn(_Strict):
    name = fields.String(required=True, validate=validate.Length(min=1, max=255))
    content_base64 = fields.String(required=True)


class ImportIn(_Strict):
    articles = fields.List(fields.Nested(ArticleIn), load_default=None)
    files = fields.List(fields.Nested(FileIn), load_default=None,
                        metadata={"description": "files in any import format (.txt .md .docx .html .jsonl .csv)"})
    encoding = fields.String(load_default=None, validate=validate.Length(min=1, max=40))

    @validates_schema
    def _one_kind(self, data, **_):
        if bool(data.get("articles")) == bool(data.get("files")):
            raise ValidationError("give either articles or files (not both, not neither)", "articles")


class AssignIn(_Strict):
    user = fields.String(load_default=None, validate=validate.Length(min=1, max=80))
    documents = fields.List(fields.String(validate=validate.Length(min=1, max=64)), load_default=None,
                            metadata={"description": "document ids; every document when left out"})
    per_document = fields.Integer(load_default=None, validate=validate.Range(min=1, max=50))
    sample = fields.Float(load_default=None, validate=validate.Range(min=0, max=1, min_inclusive=False))
    seed = fields.Integer(load_default=None)

    @validates_schema
    def _by_hand_or_balanced(self, data, **_):
        if (data.get("user") is None) == (data.get("per_document") is None):
            raise ValidationError("give either user (by hand) or per_document (balanced)", "user")


class SetQuery(_Strict):
    document = fields.String(load_default=None, validate=validate.Length(min=1, max=64))


class AgreementQuery(_Strict):
    include_leads = fields.Boolean(load_default=False)


class ExportIn(_Strict):
    format = fields.String(required=True, validate=validate.OneOf(("xlsx", "csv", "jsonl")))
    documents = fields.List(fields.String(validate=validate.Length(min=1, max=200)), load_default=list)
    annotators = fields.List(fields.String(validate=validate.Length(min=1, max=80)), load_default=list)


class AnnotationImportIn(_Strict):
    jsonl = fields.String(required=True, validate=validate.Length(min=1),
                          metadata={"description": "the JSONL interchange file (docs/formats.md)"})
    model = fields.String(load_default=None, validate=validate.Length(min=1, max=190),
                          metadata={"description": "load as pre-annotations of this model"})
    create_users = fields.Boolean(load_default=False)


class TokenIn(_Strict):
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    scope = fields.String(load_default="read", validate=validate.OneOf(("read", "read-write")))
    expires_at = fields.DateTime(load_default=None)


class AliasIn(_Strict):
    text = fields.String(required=True, validate=validate.Length(min=1, max=MAX_NAME))
    ambiguous = fields.Boolean(load_default=False)
    allow_adjective = fields.Boolean(load_default=False)


class ActorIn(_Strict):
    canonical_name = fields.String(required=True, validate=validate.Length(min=1, max=MAX_NAME))
    kind = fields.String(load_default="other", validate=validate.OneOf(ACTOR_KINDS))
    aliases = fields.List(fields.Nested(AliasIn), required=True, validate=validate.Length(min=1, max=200))
