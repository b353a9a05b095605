"""The label scheme's YAML file, validated at the edge into annotator.domain.scheme objects."""
from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from ..domain import scheme as d
from ..i18n import N_, Phrase

KEY = validate.Regexp(r"^[a-z][a-z0-9_]*$", error=N_("must be lower_snake_case (a-z, 0-9, _)"))
# Physical keys (KeyboardEvent.code), so shortcuts work whatever the keyboard layout.
SHORTCUT = validate.Regexp(r"^(Key[A-Z]|Digit[0-9])$", error=N_("must be a physical key code such as KeyC or Digit1"))
# A page under guidelines/, never a path that climbs out of it.
GUIDELINE_PATH = validate.Regexp(r"^[a-z0-9_-]+(/[a-z0-9_-]+)*\.md$",
                                 error=N_("must be a relative path to a .md page under guidelines/, "
                                          "like labels/claim.md"))
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _names(required=True):
    return fields.Dict(keys=fields.String(), values=fields.String(), required=required,
                       validate=validate.Length(min=1))


def _check_color(value: str) -> None:
    if not COLOR.match(value):
        raise ValidationError(Phrase("must be a colour like #ffd966"))
    r, g, b = (int(value[i:i + 2], 16) for i in (1, 3, 5))
    # A highlight must leave black text readable on white paper: demand a light colour.
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    if luminance < 140:
        raise ValidationError(Phrase("is too dark to read black text on; choose a lighter colour"))


class ValueSchema(Schema):
    key = fields.String(required=True, validate=KEY)
    names = _names()

    @post_load
    def make(self, data, **_):
        return d.AttributeValue(key=data["key"], names=data["names"])


class AttributeSchema(Schema):
    key = fields.String(required=True, validate=KEY)
    names = _names()
    values = fields.List(fields.Nested(ValueSchema), required=True, validate=validate.Length(min=1))
    required = fields.Boolean(load_default=False)

    @post_load
    def make(self, data, **_):
        return d.Attribute(key=data["key"], names=data["names"], values=tuple(data["values"]),
                           required=data["required"])


class LabelSchema(Schema):
    key = fields.String(required=True, validate=KEY)
    names = _names()
    color = fields.String(required=True, validate=_check_color)
    description = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict)
    examples = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), load_default=dict)
    shortcut = fields.String(load_default=None, validate=SHORTCUT)
    group = fields.String(load_default=None)
    guidelines = fields.String(load_default=None, validate=GUIDELINE_PATH)
    retired = fields.Boolean(load_default=False)
    attributes = fields.List(fields.Nested(AttributeSchema), load_default=list)

    @validates_schema
    def _names_needed(self, data, **_):
        missing = [lang for lang in ("ar", "en") if lang not in data.get("names", {})]
        if missing:
            raise ValidationError(Phrase("needs a name in {languages}", languages=", ".join(missing)), "names")
        if data.get("shortcut") in d.RESERVED_SHORTCUTS:
            raise ValidationError(Phrase("{shortcut} is reserved by the annotation page", shortcut=data["shortcut"]),
                                  "shortcut")

    @post_load
    def make(self, data, **_):
        data["examples"] = {k: tuple(v) for k, v in data["examples"].items()}
        data["attributes"] = tuple(data["attributes"])
        return d.Label(**data)


class LayerSchema(Schema):
    key = fields.String(required=True, validate=KEY)
    names = _names()
    style = fields.String(load_default="highlight", validate=validate.OneOf(["highlight", "underline"]))
    palette = fields.Boolean(load_default=False)
    enabled = fields.Boolean(load_default=True)
    groups = fields.Dict(keys=fields.String(), values=fields.Dict(keys=fields.String(), values=fields.String()),
                         load_default=dict)
    labels = fields.List(fields.Nested(LabelSchema), required=True, validate=validate.Length(min=1))

    @validates_schema
    def _groups_known(self, data, **_):
        groups = data.get("groups") or {}
        for j, label in enumerate(data.get("labels") or []):
            if label.group is not None and label.group not in groups:
                raise ValidationError(Phrase("group '{group}' is not one of this layer's groups", group=label.group),
                                      f"labels.{j}.group")

    @post_load
    def make(self, data, **_):
        data["labels"] = tuple(data["labels"])
        return d.Layer(**data)


class LinkRuleSchema(Schema):
    source = fields.String(required=True)
    target = fields.String(required=True)
    types = fields.List(fields.String(validate=validate.OneOf(d.LINK_TYPES)), load_default=lambda: list(d.LINK_TYPES))

    @post_load
    def make(self, data, **_):
        return d.LinkRule(source=data["source"], target=data["target"], types=tuple(data["types"]))


class StanceSchema(Schema):
    enabled = fields.Boolean(load_default=True)
    intensity = fields.Boolean(load_default=True)
    paragraph_level = fields.String(load_default="off", validate=validate.OneOf(d.LEVELS))
    required_min_mentions = fields.Integer(load_default=0, validate=validate.Range(min=0))

    @post_load
    def make(self, data, **_):
        return d.StanceConfig(**data)


class FramesSchema(Schema):
    enabled = fields.Boolean(load_default=True)
    require_primary = fields.Boolean(load_default=False)
    paragraph_level = fields.String(load_default="off", validate=validate.OneOf(d.LEVELS))
    labels = fields.List(fields.Nested(LabelSchema), load_default=list)

    @post_load
    def make(self, data, **_):
        data["labels"] = tuple(data["labels"])
        return d.FramesConfig(**data)


class SchemeSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1))
    languages = fields.List(fields.String(), load_default=lambda: list(d.DEFAULT_LANGUAGES))
    layers = fields.List(fields.Nested(LayerSchema), required=True, validate=validate.Length(min=1))
    links = fields.List(fields.Nested(LinkRuleSchema), load_default=list)
    stance = fields.Nested(StanceSchema, load_default=None)
    frames = fields.Nested(FramesSchema, load_default=None)

    @validates_schema
    def _unique(self, data, **_):
        layers = data.get("layers") or []
        seen_keys: dict[str, str] = {}
        seen_shortcuts: dict[str, str] = {}
        for i, layer in enumerate(layers):
            for j, label in enumerate(layer.labels):
                where = f"layers.{i}.labels.{j}"
                if label.key in seen_keys:
                    raise ValidationError(_duplicate_key(label.key, seen_keys[label.key]), f"{where}.key")
                seen_keys[label.key] = where
                if label.shortcut and not label.retired:
                    if label.shortcut in seen_shortcuts:
                        raise ValidationError(
                            _duplicate_shortcut(label.shortcut, seen_shortcuts[label.shortcut]), f"{where}.shortcut")
                    seen_shortcuts[label.shortcut] = where
        frames = data.get("frames")
        for j, label in enumerate(frames.labels if frames else ()):
            where = f"frames.labels.{j}"
            if label.key in seen_keys:
                raise ValidationError(_duplicate_key(label.key, seen_keys[label.key]), f"{where}.key")
            seen_keys[label.key] = where
            if label.shortcut and not label.retired and label.shortcut in seen_shortcuts:
                raise ValidationError(
                    _duplicate_shortcut(label.shortcut, seen_shortcuts[label.shortcut]), f"{where}.shortcut")
        if len({layer.key for layer in layers}) != len(layers):
            raise ValidationError(Phrase("duplicate layer key"), "layers")
        for k, rule in enumerate(data.get("links") or []):
            for end in ("source", "target"):
                if getattr(rule, end) not in seen_keys:
                    raise ValidationError(Phrase("'{key}' is not a label of this scheme", key=getattr(rule, end)),
                                          f"links.{k}.{end}")

    @post_load
    def make(self, data, **_):
        return d.Scheme(
            name=data["name"],
            languages=tuple(data["languages"]),
            layers=tuple(data["layers"]),
            link_rules=tuple(data["links"]),
            stance=data["stance"] or d.StanceConfig(enabled=False),
            frames=data["frames"] or d.FramesConfig(enabled=False),
        )


def _duplicate_key(key: str, first: str) -> Phrase:
    return Phrase("duplicate label key '{key}' (also {first})", key=key, first=first)


def _duplicate_shortcut(shortcut: str, first: str) -> Phrase:
    return Phrase("duplicate shortcut {shortcut} (also {first})", shortcut=shortcut, first=first)


class SchemeFileError(ValueError):
    def __init__(self, field: str, problem: Phrase):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def parse_scheme_text(text: str) -> tuple[d.Scheme, dict]:
    """Parse and validate YAML text; returns the scheme and the plain data to store."""
    import yaml  # here: reading a stored scheme (load_scheme_data, every export) needs no YAML

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SchemeFileError("yaml", Phrase("not valid YAML: {problem}", problem=str(exc))) from exc
    if not isinstance(data, dict):
        raise SchemeFileError("_schema", Phrase("the scheme file must be a mapping with name and layers"))
    try:
        scheme = SchemeSchema().load(data)
    except ValidationError as exc:
        from .common import flatten_errors

        path, message = flatten_errors(exc.messages)[0]
        raise SchemeFileError(path, message) from exc
    return scheme, data


def load_scheme_data(data: dict) -> d.Scheme:
    """A stored scheme version's content back into domain objects (it was validated on the way in)."""
    return SchemeSchema().load(data)
