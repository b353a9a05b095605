"""Label badges (the letters where a span opens) are unique within a layer (issue 18: five
techniques were "AT"), stable, and come first from the shortcut or the name's initials."""
from __future__ import annotations

from pathlib import Path

from annotator.schemas.scheme import parse_scheme_text
from annotator.web.annotate_labels import label_infos, layer_badges, scheme_css

SCHEME = parse_scheme_text((Path(__file__).resolve().parents[2] / "guidelines" / "scheme.yaml").read_text())[0]


def test_every_layer_of_the_default_scheme_has_unique_badges():
    for layer in SCHEME.layers:
        badges = layer_badges(layer)
        assert len(set(badges.values())) == len(badges), (layer.key, badges)
    techniques = layer_badges(SCHEME.layer("technique"))
    assert techniques["appeal_to_authority"] == "AA"  # "to" carries no meaning
    assert sum(badge == "AT" for badge in techniques.values()) <= 1


def test_shortcuts_keep_their_letter_and_the_page_and_stylesheet_agree():
    argument = layer_badges(SCHEME.layer("argument"))
    assert argument["claim"] == "C" and argument["evidence"] == "E" and argument["major_claim"] == "M"
    css = scheme_css(SCHEME)
    infos = label_infos(SCHEME, "ar")
    for key, info in infos.items():
        assert f'mark[data-label="{key}"].first::before {{ content: "{info.badge}"; }}' in css
