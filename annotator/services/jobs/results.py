"""Where a job's files live: one folder per job under the results folder, whole files only.

A job writes ``NAME.part`` and renames it to ``NAME`` when it is complete; only then does the
job's row name it, so a half-written file is never offered. Retrying or failing a job removes
its folder, and expired results are deleted.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from ...models import Job
from .settings import JobSettings


def job_folder(settings: JobSettings, job: Job) -> Path:
    return settings.results_dir / "jobs" / job.public_id


def partial_path(settings: JobSettings, job: Job, name: str) -> Path:
    folder = job_folder(settings, job)
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.part"


def complete(partial: Path) -> Path:
    """The finished file: the partial one renamed in place (atomic on one file system)."""
    final = partial.with_name(partial.name.removesuffix(".part"))
    partial.replace(final)
    return final


def relative(settings: JobSettings, path: Path) -> str:
    return path.relative_to(settings.results_dir).as_posix()


def result_path(settings: JobSettings, job: Job) -> Path | None:
    if not job.result_file:
        return None
    path = (settings.results_dir / job.result_file).resolve()
    # The row is ours, but a path never leaves the results folder all the same.
    if settings.results_dir.resolve() not in path.parents or not path.is_file():
        return None
    return path


def discard(settings: JobSettings, job: Job) -> None:
    shutil.rmtree(job_folder(settings, job), ignore_errors=True)
