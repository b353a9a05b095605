"""Agreement with and without suggestions, as the dashboard prints it: one row per variable, the
primary measure among the sets made without suggestions beside the same among those made with."""
from __future__ import annotations

from dataclasses import dataclass

from ..domain.scheme import Scheme
from .agreement_view import measure_name, variable_name


@dataclass(frozen=True)
class AnchoringRow:
    key: str
    name: str
    measure: str
    without: float | None
    with_: float | None


def anchoring_rows(result: dict, scheme: Scheme | None, language: str = "en") -> list[AnchoringRow]:
    primary: dict[str, str] = {}
    for group in (result["without"], result["with"]):
        for key, variable in group["variables"].items():
            primary.setdefault(key, variable["primary"])
    value = lambda group, key: result[group]["variables"].get(key, {}).get(primary[key])  # noqa: E731
    return [AnchoringRow(key, variable_name(key, scheme, language), measure_name(primary[key], language),
                         value("without", key), value("with", key)) for key in sorted(primary)]
