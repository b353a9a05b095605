"""A large import as a job: the uploaded files wait in the job's folder until a worker imports them."""
from __future__ import annotations

import hashlib
import re

from sqlalchemy.orm import Session

from ...i18n import N_, stored
from ...models import Job, Project, User
from ..interchange.importing import import_files
from . import results
from .requests import request_job
from .running import Outcome, Progress
from .settings import JobSettings, settings_of


def _stored_name(index: int, filename: str) -> str:
    # The file's own name stays in the job's params; on disk, a name that cannot leave the folder.
    return f"{index:03d}-" + (re.sub(r"[^A-Za-z0-9._-]+", "_", filename).lstrip(".") or "file")


def request_import(session: Session, project: Project, owner: User | None, files: list[tuple[str, bytes]], *,
                   encoding: str | None = None) -> tuple[Job, bool]:
    """Files go to disk before the job is queued; the same files asked twice make one job."""
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    stored = [{"name": name, "stored": _stored_name(i, name)} for i, (name, _) in enumerate(files)]
    params = {"files": stored, "encoding": encoding, "bytes": sum(len(d) for _, d in files)}
    key = f"import:{project.id}:{digest.hexdigest()[:32]}"
    settings = settings_of(session)
    job, new = request_job(session, kind="import", key=key, project=project, owner=owner, params=params,
                           max_attempts=1, before_queue=lambda job: _stage(settings, job, stored, files))
    return job, new


def _stage(settings: JobSettings, job: Job, stored: list[dict], files: list[tuple[str, bytes]]) -> None:
    folder = results.job_folder(settings, job) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    for entry, (_, data) in zip(stored, files):
        (folder / entry["stored"]).write_bytes(data)


def run_import(session: Session, job: Job, progress: Progress, settings: JobSettings) -> Outcome:
    project = session.get(Project, job.project_id)
    owner = session.get(User, job.owner_id) if job.owner_id else None
    folder = results.job_folder(settings, job) / "uploads"
    entries = job.params["files"]
    progress(0, len(entries) + 1, N_("reading the files"), force=True)
    files = [(entry["name"], (folder / entry["stored"]).read_bytes()) for entry in entries]
    progress(len(entries), len(entries) + 1, N_("parsing and storing the articles"), force=True)
    summary = import_files(session, project, files, encoding=job.params.get("encoding"),
                           max_bytes=settings.import_max_bytes, user=owner)
    results.discard(settings, job)  # the uploads are in the database now
    result = summary.to_dict()
    for item in result["skipped"]:  # "reason" stays the English words; "said" keeps the phrase's parts
        item["said"] = stored(item["reason"])
    return Outcome(result=result)
