"""Huey, configured from the app, carrying one task: run job N (the job's row says the rest).

Huey (with the Redis and PostgreSQL clients it loads) and the job runners (which load numpy,
scipy and scikit-learn) are imported when a job is first queued or run, not when the app is
made: a command such as `annotator import` never needs them, and they cost it seconds.
"""
from __future__ import annotations

import os
import socket
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import sessionmaker

from ..services.jobs.settings import JobSettings

if TYPE_CHECKING:
    from huey import Huey

QUEUE_NAME = "annotator"


def queue_path(config, instance_path: str) -> Path | None:
    """Where a SQLite queue lives (None: in memory, or Redis); a URL of any other kind is refused
    here, when the app is made, as it was before Huey was loaded lazily."""
    url = config.get("JOBS_QUEUE_URL") or ""
    if config.get("JOBS_IMMEDIATE") or url.startswith(("redis://", "rediss://", "unix://")):
        return None
    if url and not url.startswith("sqlite:///"):
        raise ValueError(f"ANNOTATOR_QUEUE_URL: expected sqlite:///PATH or redis://HOST:PORT/DB, not {url!r}")
    return Path(url.removeprefix("sqlite:///")) if url else Path(instance_path) / "queue.sqlite3"


def make_huey(config, instance_path: str) -> Huey:
    from huey import MemoryHuey, RedisHuey, SqliteHuey

    url = config.get("JOBS_QUEUE_URL") or ""
    if config.get("JOBS_IMMEDIATE"):
        return MemoryHuey(QUEUE_NAME, immediate=True, results=False)
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(QUEUE_NAME, url=url, results=False)
    path = queue_path(config, instance_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(QUEUE_NAME, filename=str(path), results=False)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class JobQueue:
    """The app's queue; its Huey is made on first use (see the module's docstring)."""

    def __init__(self, config, instance_path: str, factory: sessionmaker, settings: JobSettings):
        queue_path(config, instance_path)  # a bad URL fails now
        self._config, self._instance_path = dict(config), instance_path
        self.factory, self.settings = factory, settings
        self._huey: Huey | None = None
        self._task = None
        self._lock = threading.Lock()

    @property
    def huey(self) -> Huey:
        if self._huey is None:
            with self._lock:  # two request threads may ask at once: one Huey, one task
                if self._huey is None:
                    huey = make_huey(self._config, self._instance_path)
                    self._task = huey.task(name="run_job")(self._run)
                    self._huey = huey
        return self._huey

    @property
    def immediate(self) -> bool:
        return self.huey.immediate

    def enqueue(self, job_id: int) -> None:
        self.huey  # noqa: B018  (makes the task)
        self._task(job_id)

    def pending(self) -> int:
        return self.huey.pending_count()

    def _run(self, job_id: int) -> str:
        from ..services.jobs.kinds import RUNNERS
        from ..services.jobs.running import run_job

        name = worker_name() if not self.immediate else f"immediate:{worker_name()}"
        return run_job(self.factory, job_id, self.settings, name, RUNNERS)
