"""Inter-annotator agreement engine (framework-free).

Entry point: ``build_report(dataset)``.  The measures are usable on their
own: coding (``krippendorff_alpha``, ``cohen_kappa``, ``fleiss_kappa``,
``percent_agreement``, ``set_alpha`` with MASI), unitizing
(``unitizing_alpha`` for one continuum) and, through the report, span F1,
link F1, pairwise / per-annotator / per-document / per-week views.
"""

from .coding import coding_measures, krippendorff_alpha, percent_agreement
from .coding_table import CodingTable
from .kappa import cohen_kappa, fleiss_kappa
from .data import (DEFAULT_INTENSITY, AgreementDataset, FrameRecord, LinkRecord, SpanRecord, StanceRecord,
                   signed_stance)
from .diagnostics import Diagnostics
from .masi import masi_distance, masi_matrix, set_alpha
from .pooled import Evaluation, PooledStatistic
from .report import FAMILIES, AgreementReport, VariableReport, build_report
from .results import ALL_LABELS, MeasureResult
from .unitizing import unitizing_alpha

__all__ = [
    "ALL_LABELS", "DEFAULT_INTENSITY", "FAMILIES", "AgreementDataset", "AgreementReport", "CodingTable",
    "Diagnostics", "Evaluation", "FrameRecord", "LinkRecord", "MeasureResult", "PooledStatistic", "SpanRecord",
    "StanceRecord", "VariableReport", "build_report", "coding_measures", "cohen_kappa", "fleiss_kappa",
    "krippendorff_alpha", "masi_distance", "masi_matrix", "percent_agreement", "set_alpha", "signed_stance",
    "unitizing_alpha",
]
