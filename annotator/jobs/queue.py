"""Huey, configured from the app, carrying one task: run job N (the job's row says the rest)."""
from __future__ import annotations

import os
import socket
from pathlib import Path

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey
from sqlalchemy.orm import sessionmaker

from ..services.jobs.kinds import RUNNERS
from ..services.jobs.running import run_job
from ..services.jobs.settings import JobSettings

QUEUE_NAME = "annotator"


def make_huey(config, instance_path: str) -> Huey:
    url = config.get("JOBS_QUEUE_URL") or ""
    if config.get("JOBS_IMMEDIATE"):
        return MemoryHuey(QUEUE_NAME, immediate=True, results=False)
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(QUEUE_NAME, url=url, results=False)
    if url and not url.startswith("sqlite:///"):
        raise ValueError(f"ANNOTATOR_QUEUE_URL: expected sqlite:///PATH or redis://HOST:PORT/DB, not {url!r}")
    path = Path(url.removeprefix("sqlite:///")) if url else Path(instance_path) / "queue.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(QUEUE_NAME, filename=str(path), results=False)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class JobQueue:
    def __init__(self, huey: Huey, factory: sessionmaker, settings: JobSettings):
        self.huey, self.factory, self.settings = huey, factory, settings
        self._task = huey.task(name="run_job")(self._run)

    @property
    def immediate(self) -> bool:
        return self.huey.immediate

    def enqueue(self, job_id: int) -> None:
        self._task(job_id)

    def pending(self) -> int:
        return self.huey.pending_count()

    def _run(self, job_id: int) -> str:
        name = worker_name() if not self.immediate else f"immediate:{worker_name()}"
        return run_job(self.factory, job_id, self.settings, name, RUNNERS)
