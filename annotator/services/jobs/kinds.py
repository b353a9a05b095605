"""Which function runs which kind of job. Another kind adds its runner here."""
from __future__ import annotations

from .agreement_job import run_agreement
from .analysis_jobs import run_auto_adjudication, run_gamma
from .export_job import run_export
from .import_job import run_import
from .running import Runner
from ..recommenders.training import run_training

RUNNERS: dict[str, Runner] = {
    "agreement": run_agreement,
    "export": run_export,
    "import": run_import,
    "gamma": run_gamma,
    "adjudicate": run_auto_adjudication,
    "recommenders": run_training,
}
