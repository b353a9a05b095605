"""The one label map of every format: the names a file uses, resolved to the project's scheme.

A name that is the key of a label (``claim``), ``layer:key``, or the key or English name written
another way (``MajorClaim``, ``major claim``) resolves by itself; anything else must be mapped in a
label-map file (YAML or JSON), or it is refused and listed:

    labels: {Premise: evidence, MajorClaim: "argument:major_claim"}
    links: {Support: supports, Attack: attacks}
    attributes: {Type: evidence_type}
    values: {Statistic: statistic}
    frames: {Economy: economic}
    annotators: {"amina@example.org": amina}
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import yaml

from ...domain.scheme import LINK_TYPES, Scheme
from ...i18n import Phrase

SECTIONS = ("labels", "links", "attributes", "values", "frames", "annotators")
# Names other tools give links: AIF's RA (inference) and CA (conflict) nodes among them.
_LINK_WORDS = {"support": "supports", "supports": "supports", "attack": "attacks", "attacks": "attacks",
               "ra": "supports", "ca": "attacks"}
# What a name means when nothing else says: OVA's I-nodes carry no label.
_DEFAULT_LABELS = {"I-node": "claim"}


def folded(name: str) -> str:
    """A name compared loosely: case, spaces, dashes and underscores do not count."""
    return re.sub(r"[\W_]+", "", name).casefold()


class LabelMapError(ValueError):
    """``message`` a Phrase: English as a string, the lead's language on the import page."""

    def __init__(self, field_name: str, message: Phrase):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass
class LabelMap:
    labels: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    frames: dict[str, str] = field(default_factory=dict)
    annotators: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, data: bytes | None) -> LabelMap:
        if not data:
            return cls()
        try:
            text = data.decode("utf-8-sig")
            loaded = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)
        except (UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
            raise LabelMapError("label_map", Phrase("not a YAML or JSON file ({problem})", problem=str(exc))) from exc
        if not isinstance(loaded, dict):
            raise LabelMapError("label_map", Phrase("must be a mapping with the sections {sections}",
                                                    sections=", ".join(SECTIONS)))
        for section, entries in loaded.items():
            if section not in SECTIONS:
                raise LabelMapError(f"label_map.{section}", Phrase("unknown section (expected {sections})",
                                                                   sections=", ".join(SECTIONS)))
            if not isinstance(entries, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                        for k, v in entries.items()):
                raise LabelMapError(f"label_map.{section}", Phrase("must map names to names (text: text)"))
        return cls(**{section: dict(loaded.get(section) or {}) for section in SECTIONS})


class Resolver:
    """A label map checked against a scheme; each method answers a name, or None for unknown."""

    def __init__(self, label_map: LabelMap, scheme: Scheme):
        self.map, self.scheme = label_map, scheme
        self._resolved: dict[str, tuple[str, str] | None] = {}
        self._spans: dict[str, list[tuple[str, str]]] = {}
        for layer in scheme.layers:
            for label in layer.labels:
                for name in (label.key, f"{layer.key}:{label.key}", label.names.get("en", "")):
                    if name:
                        self._add(folded(name), (layer.key, label.key))
        self._frames = {folded(n): lab.key for lab in scheme.frames.labels for n in (lab.key, lab.names.get("en", ""))
                        if n}
        for name, target in label_map.labels.items():
            if self.span_label(name) is None:
                raise LabelMapError(f"label_map.labels.{name}",
                                    Phrase("'{name}' is not a label of the project's scheme", name=target))
        for name, target in label_map.links.items():
            if target not in LINK_TYPES:
                raise LabelMapError(f"label_map.links.{name}", Phrase("'{name}' is not a link type ({types})",
                                                                      name=target, types=", ".join(LINK_TYPES)))
        for name, target in label_map.frames.items():
            if target not in self._frames.values():
                raise LabelMapError(f"label_map.frames.{name}",
                                    Phrase("'{name}' is not a frame of the project's scheme", name=target))

    def _add(self, key: str, target: tuple[str, str]) -> None:
        found = self._spans.setdefault(key, [])
        if target not in found:
            found.append(target)

    def span_label(self, name: str) -> tuple[str, str] | None:
        """(layer, label) of a span label; None when unknown or when two layers would fit."""
        if name not in self._resolved:  # a file names the same few labels thousands of times
            self._resolved[name] = self._span_label(name)
        return self._resolved[name]

    def _span_label(self, name: str) -> tuple[str, str] | None:
        target = self.map.labels.get(name, _DEFAULT_LABELS.get(name, name))
        exact = [t for t in self._spans.get(folded(target), []) if target in (t[1], f"{t[0]}:{t[1]}")]
        found = exact or self._spans.get(folded(target), [])
        return found[0] if len(found) == 1 else None

    def link_type(self, name: str) -> str | None:
        mapped = self.map.links.get(name)
        if mapped or name in LINK_TYPES:
            return mapped or name
        return _LINK_WORDS.get(folded(name))

    def frame(self, name: str) -> str | None:
        return self.map.frames.get(name) or self._frames.get(folded(name))

    def attribute(self, label: str, name: str, value: str) -> tuple[str, str] | None:
        """(attribute, value) of our label for a foreign attribute and value."""
        found = self.scheme.find_label(label)
        if found is None:
            return None
        wanted = self.map.attributes.get(name, name)
        for attribute in found[1].attributes:
            if folded(attribute.key) == folded(wanted) or folded(attribute.names.get("en", "")) == folded(wanted):
                mapped = self.map.values.get(value, value)
                for v in attribute.values:
                    if folded(v.key) == folded(mapped) or folded(v.names.get("en", "")) == folded(mapped):
                        return attribute.key, v.key
                return attribute.key, mapped  # an unknown value: the scheme check names it
        return None

    def annotator(self, name: str) -> str:
        """A username for a name a file gives (an email's part before the @ unless mapped)."""
        if name in self.map.annotators:
            return self.map.annotators[name]
        return name.split("@", 1)[0] if "@" in name and not name.startswith("model:") else name
