"""The configuration and the database without the Flask app, for the commands that need nothing
else (`annotator import`, `export`, ...): importing Flask and making the app cost them more than
their work on a small file.

The same configuration as create_app (config.settings), the same engine and session factory
(annotator.engine) and the same job queue on the sessions (annotator.jobs.attach_queue).
"""
from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from . import config as config_module
from .engine import make_engine, make_sessionmaker


class Standalone:
    def __init__(self, test_config: dict | None = None) -> None:
        self.instance_path = config_module.instance_path_of(test_config)
        self.config = config_module.settings(self.instance_path, test_config)
        self.engine: Engine = make_engine(self.config["DATABASE_URL"])
        self.sessionmaker: sessionmaker = make_sessionmaker(self.engine)
        from .jobs import attach_queue

        self.queue = attach_queue(self.sessionmaker, self.config, self.instance_path)
        if self.config.get("PASSWORD_HASH_PARAMS"):  # only a test mapping sets it; the default needs no call
            from .services.team.users import configure_hasher

            configure_hasher(**self.config["PASSWORD_HASH_PARAMS"])
        self._session: Session | None = None

    def session(self) -> Session:
        """One session for the command, as the app gives one per request."""
        if self._session is None:
            self._session = self.sessionmaker()
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None
        self.engine.dispose()
