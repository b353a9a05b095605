"""The default label scheme (guidelines/scheme.yaml) and its guideline pages.

Pure tests: they read files and parse them, nothing else.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from annotator.domain.scheme import RESERVED_SHORTCUTS
from annotator.schemas.scheme import parse_scheme_text

ROOT = Path(__file__).resolve().parents[2]
GUIDELINES = ROOT / "guidelines"
SCHEME_TEXT = (GUIDELINES / "scheme.yaml").read_text(encoding="utf-8")
SCHEME, DATA = parse_scheme_text(SCHEME_TEXT)

ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")

TECHNIQUE_GROUPS = {
    "attack_on_reputation": {
        "name_calling_labeling", "guilt_by_association", "doubt", "appeal_to_hypocrisy",
        "questioning_the_reputation",
    },
    "justification": {
        "flag_waving", "appeal_to_authority", "appeal_to_popularity", "appeal_to_values",
        "appeal_to_fear_prejudice",
    },
    "simplification": {
        "causal_oversimplification", "false_dilemma_no_choice", "consequential_oversimplification",
    },
    "distraction": {"straw_man", "red_herring", "whataboutism"},
    "call": {"slogans", "conversation_killer", "appeal_to_time"},
    "manipulative_wording": {
        "loaded_language", "obfuscation_vagueness_confusion", "exaggeration_minimisation", "repetition",
    },
}
FRAMES = [
    "economic", "capacity_and_resources", "morality", "fairness_and_equality",
    "legality_constitutionality_jurisprudence", "policy_prescription_and_evaluation",
    "crime_and_punishment", "security_and_defense", "health_and_safety", "quality_of_life",
    "cultural_identity", "public_opinion", "political", "external_regulation_and_reputation", "other",
]


def _all_labels():
    for layer in SCHEME.layers:
        for label in layer.labels:
            yield layer.key, label
    for label in SCHEME.frames.labels:
        yield "frames", label


ALL_LABELS = list(_all_labels())
LABEL_IDS = [f"{where}:{label.key}" for where, label in ALL_LABELS]


def _sections(text: str) -> dict[str, str]:
    """A page's `## ` sections by heading."""
    parts = re.split(r"^## (.+?)\s*$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def test_layers_and_their_sizes():
    assert [layer.key for layer in SCHEME.layers] == ["argument", "technique"]
    assert len(SCHEME.layer("argument").labels) == 3
    assert len(SCHEME.layer("technique").labels) == 23
    assert len(SCHEME.frames.labels) == 15


def test_argument_layer_keeps_its_labels_links_and_stance():
    argument = SCHEME.layer("argument")
    assert [label.key for label in argument.labels] == ["major_claim", "claim", "evidence"]
    assert argument.style == "highlight"
    assert [(label.key, label.shortcut) for label in argument.labels] == [
        ("major_claim", "KeyM"), ("claim", "KeyC"), ("evidence", "KeyE")]
    evidence_type = argument.label("evidence").attributes[0]
    assert evidence_type.key == "evidence_type"
    assert [v.key for v in evidence_type.values] == ["statistic", "report", "example", "anecdote", "other"]
    assert [(rule.source, rule.target, rule.types) for rule in SCHEME.link_rules] == [
        ("evidence", "claim", ("supports", "attacks")),
        ("evidence", "major_claim", ("supports", "attacks")),
        ("claim", "major_claim", ("supports", "attacks")),
        ("claim", "claim", ("supports", "attacks")),
    ]
    assert SCHEME.stance.enabled and SCHEME.stance.intensity
    assert SCHEME.stance.paragraph_level == "optional"
    assert SCHEME.stance.required_min_mentions == 2


def test_technique_layer_is_an_underlined_palette_in_six_groups():
    technique = SCHEME.layer("technique")
    assert technique.style == "underline"
    assert technique.palette is True
    assert set(technique.groups) == set(TECHNIQUE_GROUPS)
    for key, names in technique.groups.items():
        assert names.get("ar") and names.get("en"), key
    by_group: dict[str, set[str]] = {}
    for label in technique.labels:
        by_group.setdefault(label.group, set()).add(label.key)
    assert by_group == TECHNIQUE_GROUPS
    assert [label.key for label in technique.labels if label.shortcut] == []


def test_frames():
    frames = SCHEME.frames
    assert frames.enabled and frames.require_primary
    assert frames.paragraph_level == "off"
    assert [label.key for label in frames.labels] == FRAMES
    assert [label.key for label in frames.labels if label.shortcut] == []


def test_label_keys_are_unique_across_layers_and_frames():
    counts = Counter(label.key for _, label in ALL_LABELS)
    assert [key for key, n in counts.items() if n > 1] == []


def test_no_two_active_labels_share_a_shortcut():
    shortcuts = Counter(label.shortcut for _, label in ALL_LABELS if label.shortcut and not label.retired)
    assert [s for s, n in shortcuts.items() if n > 1] == []
    assert set(shortcuts) & RESERVED_SHORTCUTS == set()


@pytest.mark.parametrize(("where", "label"), ALL_LABELS, ids=LABEL_IDS)
def test_label_is_documented_in_arabic_and_english(where, label):
    for lang in ("ar", "en"):
        assert label.names.get(lang, "").strip(), f"name in {lang}"
        assert label.description.get(lang, "").strip(), f"description in {lang}"
        examples = label.examples.get(lang, ())
        assert examples and all(e.strip() for e in examples), f"example in {lang}"
    assert label.names.get("fr", "").strip(), "name in fr"
    assert ARABIC_LETTER.search(label.names["ar"])
    assert all(ARABIC_LETTER.search(e) for e in label.examples["ar"])
    assert not any(ARABIC_LETTER.search(e) for e in label.examples["en"])


@pytest.mark.parametrize(("where", "label"), ALL_LABELS, ids=LABEL_IDS)
def test_label_has_a_bilingual_guideline_page(where, label):
    assert label.guidelines == f"labels/{label.key}.md"
    page = GUIDELINES / label.guidelines
    assert page.is_file(), page
    sections = _sections(page.read_text(encoding="utf-8"))
    assert list(sections) == ["English", "العربية"]
    assert ARABIC_LETTER.search(sections["العربية"])
    for body in sections.values():
        assert "**" in body, "examples mark the span in bold"


def test_readme_is_bilingual_and_links_every_page():
    text = (GUIDELINES / "README.md").read_text(encoding="utf-8")
    assert list(_sections(text)) == ["English", "العربية"]
    for _, label in ALL_LABELS:
        assert f"({label.guidelines})" in text, label.key


def test_custom_scheme_example_in_docs_parses():
    docs = (ROOT / "docs" / "scheme.md").read_text(encoding="utf-8")
    example = re.findall(r"```yaml\n(.*?)```", docs, flags=re.S)[-1]
    scheme, _ = parse_scheme_text(example)
    assert [layer.key for layer in scheme.layers] == ["argument"]
    assert len(scheme.frames.labels) == 3
