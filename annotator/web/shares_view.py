"""The names the shares table shows for what a suggestion labelled: a span label's or a frame's
name as the scheme gives it in the reader's language, a stance value as the stance panel says it.
The rows keep their keys (the table's data-share attributes); only the words shown change."""
from __future__ import annotations

from ..domain.scheme import STANCE_VALUES, Scheme
from ..i18n import translate
from ..services.recommenders.shares import Shares
from .layers_text import TEXT


def share_label_names(shares: Shares | None, scheme: Scheme | None, language: str) -> dict[str, str]:
    """Label key -> the name shown, for every label row; a key the scheme no longer has shows as is."""
    if shares is None:
        return {}
    names: dict[str, str] = {}
    frames = {label.key: label for label in scheme.frames.labels} if scheme else {}
    for row in shares.by_label:
        key = row.name
        found = scheme.find_label(key) if scheme else None
        if found is not None:
            names[key] = found[1].name(language)
        elif key in frames:
            names[key] = frames[key].name(language)
        elif key in STANCE_VALUES:
            names[key] = translate(TEXT[key], language)
        else:
            names[key] = key
    return names
