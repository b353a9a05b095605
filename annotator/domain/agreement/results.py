"""Plain result objects shared by every measure."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from ...i18n import N_

# Key of the figure that pools every label of a layer.
ALL_LABELS = "__all__"

# Why a measure has no value.  Kept as constants so views and tests can rely
# on the wording; marked for the catalogs, translated where the dashboard shows them.
NO_DATA = N_("no data: no done annotation set has a unit for this")
ONE_ANNOTATOR = N_("fewer than two annotators on every unit")
ONE_CATEGORY = N_("only one category was used, so agreement by chance is total and the coefficient is undefined")
NO_SPANS = N_("no spans of this kind in documents with two or more done sets")
NO_MATCHED_LINKS = N_("no links whose two ends were matched between annotators")
NO_LINKS = N_("no links in documents with two or more done sets")
UNEQUAL_ANNOTATORS = N_("units have different numbers of annotators; Fleiss' kappa needs the same number on every unit")
UNDEFINED = N_("undefined for this subset (no pairable units or no variation)")


@dataclass(frozen=True)
class MeasureResult:
    measure: str
    value: float | None
    units: int
    annotators: int
    inapplicable_reason: str | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def inapplicable(cls, measure: str, reason: str, units: int = 0, annotators: int = 0,
                     **details: Any) -> MeasureResult:
        return cls(measure, None, units, annotators, reason, details=details)

    def with_interval(self, low: float | None, high: float | None, **details: Any) -> MeasureResult:
        return replace(self, ci_low=low, ci_high=high, details={**self.details, **details})

    def to_dict(self) -> dict[str, Any]:
        ci = None if self.ci_low is None or self.ci_high is None else [self.ci_low, self.ci_high]
        return {"measure": self.measure, "value": self.value, "ci": ci, "units": self.units,
                "annotators": self.annotators, "reason": self.inapplicable_reason,
                "details": dict(self.details)}


def finite_or_none(value: float) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None
