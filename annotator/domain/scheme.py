"""The label scheme as the rest of the code sees it, and the rule for changing it.

A scheme is parsed from YAML at the edge (annotator.schemas.scheme) into these frozen objects.
Label keys are permanent: a new version may rename a label's display names, retire it (hidden
for new work, still shown and exported), or move its annotations to another key with an
explicit rename; a label in use is never silently dropped.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..i18n import Phrase

# Keys the annotation page binds itself (KeyboardEvent.code values): a label may not take them.
RESERVED_SHORTCUTS = frozenset({
    "Escape", "Enter", "Space", "Tab", "Delete", "Backspace", "Slash",
    "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight",
    "KeyJ", "KeyK", "KeyL", "KeyP", "KeyS", "KeyG", "KeyQ",
})
STANCE_VALUES = ("favor", "against", "neutral", "not_stated")
LINK_TYPES = ("supports", "attacks")
LEVELS = ("off", "optional", "required")


@dataclass(frozen=True)
class AttributeValue:
    key: str
    names: Mapping[str, str]


@dataclass(frozen=True)
class Attribute:
    key: str
    names: Mapping[str, str]
    values: tuple[AttributeValue, ...]
    required: bool = False


@dataclass(frozen=True)
class Label:
    key: str
    names: Mapping[str, str]
    color: str
    description: Mapping[str, str] = field(default_factory=dict)
    examples: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    shortcut: str | None = None
    group: str | None = None
    guidelines: str | None = None
    retired: bool = False
    attributes: tuple[Attribute, ...] = ()

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names.get("en") or self.key


@dataclass(frozen=True)
class Layer:
    key: str
    names: Mapping[str, str]
    labels: tuple[Label, ...]
    style: str = "highlight"  # highlight | underline: two layers stay readable when they overlap
    palette: bool = False  # many labels: reached through a type-to-filter palette, not single keys
    enabled: bool = True
    groups: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def label(self, key: str) -> Label | None:
        return next((lab for lab in self.labels if lab.key == key), None)

    @property
    def active_labels(self) -> tuple[Label, ...]:
        return tuple(lab for lab in self.labels if not lab.retired)


@dataclass(frozen=True)
class LinkRule:
    source: str  # label key
    target: str  # label key
    types: tuple[str, ...] = LINK_TYPES


@dataclass(frozen=True)
class StanceConfig:
    enabled: bool = True
    intensity: bool = True
    paragraph_level: str = "off"
    # Marking a set done requires a stance for every actor with at least this many confirmed
    # mentions; 0 turns the check off.
    required_min_mentions: int = 0


@dataclass(frozen=True)
class FramesConfig:
    enabled: bool = True
    labels: tuple[Label, ...] = ()
    require_primary: bool = False
    paragraph_level: str = "off"


# A scheme that names no languages has its names in these (the scheme file's ``languages``).
DEFAULT_LANGUAGES = ("ar", "en")


@dataclass(frozen=True)
class Scheme:
    name: str
    layers: tuple[Layer, ...]
    link_rules: tuple[LinkRule, ...] = ()
    stance: StanceConfig = StanceConfig(enabled=False)
    frames: FramesConfig = FramesConfig(enabled=False)
    languages: tuple[str, ...] = DEFAULT_LANGUAGES

    def layer(self, key: str) -> Layer | None:
        return next((layer for layer in self.layers if layer.key == key), None)

    @property
    def span_layers(self) -> tuple[Layer, ...]:
        return tuple(layer for layer in self.layers if layer.enabled)

    def find_label(self, label_key: str) -> tuple[Layer, Label] | None:
        for layer in self.layers:
            label = layer.label(label_key)
            if label is not None:
                return layer, label
        return None

    def allowed_link_types(self, source_label: str, target_label: str) -> tuple[str, ...]:
        for rule in self.link_rules:
            if rule.source == source_label and rule.target == target_label:
                return rule.types
        return ()

    def all_label_keys(self) -> set[str]:
        """Span labels and frames: every key an annotation can carry."""
        return {lab.key for layer in self.layers for lab in layer.labels} | {lab.key for lab in self.frames.labels}


class SchemeChangeError(ValueError):
    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def check_change(
    new: Scheme, labels_in_use: Iterable[str], renames: Mapping[str, str] | None = None
) -> None:
    """Refuse a new scheme version that would orphan annotations.

    ``labels_in_use`` are label keys that existing spans carry; ``renames`` maps old keys to
    new keys whose annotations will be moved.
    """
    renames = dict(renames or {})
    keys = new.all_label_keys()
    for old, target in renames.items():
        if target not in keys:
            raise SchemeChangeError(f"rename {old}={target}", Phrase("'{key}' is not a label of the new scheme", key=target))
    for key in sorted(set(labels_in_use)):
        if key in keys or key in renames:
            continue
        raise SchemeChangeError(
            f"labels.{key}",
            Phrase("label '{key}' is in use and missing from the new scheme: keep it with "
                   "'retired: true', or move its annotations with --rename {key}=NEW_KEY", key=key),
        )
