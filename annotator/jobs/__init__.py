"""The job queue: a Huey instance per app, the one task that runs a job, and the worker.

Storage: a SQLite file in the instance folder by default (no extra server), Redis when
``ANNOTATOR_QUEUE_URL`` says ``redis://``; ``JOBS_IMMEDIATE`` runs each job at once (tests).
"""
from __future__ import annotations

from flask import Flask

from ..services.jobs.settings import QUEUE_INFO, SETTINGS_INFO, JobSettings
from .queue import JobQueue


def init_app(app: Flask) -> None:
    settings = JobSettings.from_config(app.config)
    factory = app.extensions["annotator.sessionmaker"]
    queue = JobQueue(app.config, app.instance_path, factory, settings)
    app.extensions["annotator.jobs"] = queue
    # Services find the queue through their session, so they need no Flask.
    factory.configure(info={QUEUE_INFO: queue, SETTINGS_INFO: settings})
