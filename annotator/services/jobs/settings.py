"""How jobs are run and kept: one value object, read from the app's config once."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session

QUEUE_INFO = "annotator.jobs.queue"
SETTINGS_INFO = "annotator.jobs.settings"


class Queue(Protocol):
    immediate: bool

    def enqueue(self, job_id: int) -> None: ...

    def pending(self) -> int: ...


@dataclass(frozen=True)
class JobSettings:
    results_dir: Path
    result_hours: float = 168
    stale_seconds: float = 30
    heartbeat_seconds: float = 2
    # A worker not seen for this long is taken to be gone (it reports every heartbeat).
    worker_seen_seconds: float = 10
    progress_seconds: float = 0.25  # the least time between two progress writes
    import_max_bytes: int = 5_000_000

    @classmethod
    def from_config(cls, config) -> JobSettings:
        stale = float(config["JOBS_STALE_SECONDS"])
        return cls(results_dir=Path(config["JOBS_RESULTS_DIR"] or config["EXPORT_DIR"]),
                   result_hours=float(config["JOBS_RESULT_HOURS"]), stale_seconds=stale,
                   heartbeat_seconds=min(2.0, stale / 3), worker_seen_seconds=max(5.0, min(10.0, stale)),
                   import_max_bytes=int(config["IMPORT_MAX_BYTES"]))


def queue_of(session: Session) -> Queue:
    try:
        return session.info[QUEUE_INFO]
    except KeyError:
        raise RuntimeError("no job queue: the session was not made by an app with annotator.jobs") from None


def settings_of(session: Session) -> JobSettings:
    return session.info[SETTINGS_INFO]
