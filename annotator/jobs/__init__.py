"""The job queue: a Huey instance per app, the one task that runs a job, and the worker.

Storage: a SQLite file in the instance folder by default (no extra server), Redis when
``ANNOTATOR_QUEUE_URL`` says ``redis://``; ``JOBS_IMMEDIATE`` runs each job at once (tests).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..services.jobs.settings import QUEUE_INFO, SETTINGS_INFO, JobSettings
from .queue import JobQueue

if TYPE_CHECKING:
    from flask import Flask
    from sqlalchemy.orm import sessionmaker


def init_app(app: Flask) -> None:
    app.extensions["annotator.jobs"] = attach_queue(app.extensions["annotator.sessionmaker"], app.config,
                                                    app.instance_path)


def attach_queue(factory: sessionmaker, config, instance_path: str) -> JobQueue:
    """The queue of the sessions ``factory`` makes (also without the app: annotator.standalone)."""
    settings = JobSettings.from_config(config)
    queue = JobQueue(config, instance_path, factory, settings)
    # Services find the queue through their session, so they need no Flask.
    factory.configure(info={QUEUE_INFO: queue, SETTINGS_INFO: settings})
    return queue
