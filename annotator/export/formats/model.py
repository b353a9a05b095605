"""What every format reads into and writes from: documents of flat text with their annotation sets.

Offsets are code points into ``ForeignDocument.text`` (the whole article, as the format has it);
``to_records`` turns them into our paragraphs and offsets. Labels stay as the file names them
until the label map resolves them. ``where`` says where a thing was read ("a.ann line 4",
"task 3 result 2"), so that every error can name its place.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ForeignSpan:
    id: str  # the id in the file ("T3", a result id); links refer to it
    label: str
    fragments: list[tuple[int, int]]  # (start, end) in the document text; empty: find ``text``
    text: str | None  # the text the file says the span covers (None: not given)
    where: str
    attributes: dict[str, str] = field(default_factory=dict)
    note: str | None = None  # a note on the span (brat's AnnotatorNotes): our note for the adjudicator


@dataclass
class ForeignLink:
    source: str
    target: str
    label: str
    where: str


@dataclass
class ForeignSet:
    owner: str | None  # a username, "gold", "model:<name>"; None: the importer's --annotator
    where: str
    spans: list[ForeignSpan] = field(default_factory=list)
    links: list[ForeignLink] = field(default_factory=list)
    frames: list[tuple[str, bool]] = field(default_factory=list)  # (frame label, primary)
    status: str | None = None


@dataclass
class ForeignDocument:
    external_id: str
    text: str | None  # None: the article must already be in the project (AIF)
    where: str
    sets: list[ForeignSet] = field(default_factory=list)
    language: str | None = None


@dataclass(frozen=True)
class FormatError:
    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.message}"


@dataclass
class ReadResult:
    documents: list[ForeignDocument] = field(default_factory=list)
    errors: list[FormatError] = field(default_factory=list)

    def error(self, where: str, field_name: str, message: str) -> None:
        self.errors.append(FormatError(where, field_name, message))


@dataclass(frozen=True)
class SchemeLabels:
    """What a writer needs of the scheme: the names it writes and the values it offers."""

    spans: tuple[tuple[str, str], ...]  # (layer, label) in scheme order
    link_types: tuple[str, ...]
    frames: tuple[str, ...]
    attributes: tuple[tuple[str, str, tuple[str, ...]], ...]  # (label, attribute, values)
    colors: dict[str, str] = field(default_factory=dict)
    linkable: tuple[str, ...] = ()  # labels a link may join: the argument structure (AIF's I-nodes)

    def name_of(self, layer: str, label: str) -> str:
        """The label's key, or ``layer:key`` where two layers share the key."""
        shared = sum(1 for _, key in self.spans if key == label) > 1
        return f"{layer}:{label}" if shared else label


def scheme_labels(scheme) -> SchemeLabels:
    return SchemeLabels(
        spans=tuple((layer.key, label.key) for layer in scheme.layers for label in layer.labels),
        link_types=tuple(dict.fromkeys(t for rule in scheme.link_rules for t in rule.types)),
        frames=tuple(label.key for label in scheme.frames.labels) if scheme.frames.enabled else (),
        attributes=tuple((label.key, attribute.key, tuple(v.key for v in attribute.values))
                         for layer in scheme.layers for label in layer.labels for attribute in label.attributes),
        colors={label.key: label.color for layer in scheme.layers for label in layer.labels},
        linkable=tuple(dict.fromkeys(key for rule in scheme.link_rules for key in (rule.source, rule.target))),
    )
