"""Engine and session handling: one session per request (or CLI command), closed at teardown.

Services own transactions (``with session.begin()``); blueprints only ask for the session.
"""
from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from .engine import SQLITE_BUSY_TIMEOUT_MS, make_engine, make_sessionmaker

__all__ = ["SQLITE_BUSY_TIMEOUT_MS", "get_engine", "get_session", "init_app", "make_engine"]


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["annotator.engine"] = engine
    app.extensions["annotator.sessionmaker"] = make_sessionmaker(engine)
    app.teardown_appcontext(_close_session)


def get_engine() -> Engine:
    return current_app.extensions["annotator.engine"]


def get_session() -> Session:
    if "db_session" not in g:
        g.db_session = current_app.extensions["annotator.sessionmaker"]()
    return g.db_session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
