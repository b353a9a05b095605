"""`annotator worker`: Huey's consumer, plus a monitor that keeps the jobs' rows honest.

The monitor runs every heartbeat: it records this worker as seen (the pages warn when no
worker is), takes back jobs whose worker died (services.jobs.recovery), and when the worker
stops it hands back its own running jobs at once.
"""
from __future__ import annotations

import gc
import logging
import threading

from flask import Flask

from ..services.jobs import recovery
from .queue import JobQueue, worker_name

log = logging.getLogger(__name__)


class Monitor(threading.Thread):
    def __init__(self, queue: JobQueue, name: str):
        super().__init__(name="job-monitor", daemon=True)
        self.queue, self.name_, self._halt = queue, name, threading.Event()

    def tick(self) -> None:
        with self.queue.factory() as session:
            recovery.worker_seen(session, self.name_)
            recovery.reap(session, self.queue, self.queue.settings)

    def run(self) -> None:
        while True:
            try:
                self.tick()
            except Exception:  # the database may be away for a moment: try again next time
                log.exception("job monitor")
            if self._halt.wait(self.queue.settings.heartbeat_seconds):
                return

    def stop(self) -> None:
        self._halt.set()
        self.join(10)
        with self.queue.factory() as session:
            recovery.release_worker(session, self.queue, self.queue.settings, self.name_)


def preload() -> None:
    """The libraries the long jobs use (openpyxl, numpy, the agreement engine), imported once as
    the worker starts: a job importing them itself stands still a second (three on a loaded
    machine) between two progress values, before its first rows."""
    from ..domain import agreement  # noqa: F401
    from ..export import xlsx_writer  # noqa: F401

    # What is loaded by now (the app, its libraries' modules and classes) lives as long as the
    # worker: kept out of the cycle collector's walks, a full collection in the middle of a job
    # walks only the job's own objects (it had cost half a second between two progress values of a
    # 1,000,000-row export). Reference counting still frees anything of it that goes.
    gc.freeze()


def run_worker(app: Flask, threads: int = 1) -> None:
    queue: JobQueue = app.extensions["annotator.jobs"]
    if queue.immediate:
        raise RuntimeError("JOBS_IMMEDIATE is on: jobs run where they are asked, there is nothing to consume")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    preload()
    name = worker_name()
    monitor = Monitor(queue, name)
    monitor.start()
    consumer = queue.huey.create_consumer(workers=threads, worker_type="thread", periodic=False,
                                          initial_delay=0.05, max_delay=0.5)
    log.info("worker %s: %d thread(s) on %s", name, threads, type(queue.huey.storage).__name__)
    try:
        consumer.run()  # until SIGINT (finish the jobs under way) or SIGTERM
    finally:
        monitor.stop()
