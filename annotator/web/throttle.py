"""Sign-in throttling, per account and per address, with Flask-Limiter.

Only failed attempts count (a 401 from the login form), so a team behind one address signing in
each morning is never slowed; a guesser is refused with 429, a Retry-After header and the
words "too many attempts, try again in N s", and the refusal is logged for the audit.

The counters live where ``THROTTLE_STORAGE_URL`` says: ``memory://`` by default (the `limits`
library has no SQLite or file storage), which counts per process, so with N gunicorn workers an
attacker gets up to N times the allowance; teams set ``redis://host:6379/N``, shared by every
worker and server.
"""
from __future__ import annotations

import time

from flask import Flask, current_app, make_response, render_template, request
from flask_babel import gettext
from flask_limiter import Limiter, RateLimitExceeded, RequestLimit
from flask_limiter.util import get_remote_address

from ..db import get_session
from ..services.history.sign_ins import record_sign_in

limiter = Limiter(key_func=get_remote_address, strategy="moving-window")


def _account() -> str:
    return "account:" + (request.form.get("username") or "").strip().casefold()


def _address() -> str:
    return "address:" + get_remote_address()


def _failed(response) -> bool:
    return response.status_code == 401


def _refused(limit: RequestLimit):
    wait = max(1, int(limit.reset_at - time.time()))
    message = (gettext("Too many sign-in attempts for this account: try again in %(wait)s s.", wait=wait)
               if "account:" in limit.key else
               gettext("Too many sign-in attempts for this address: try again in %(wait)s s.", wait=wait))
    record_sign_in(get_session(), "sign_in_throttled", username=request.form.get("username") or "",
                   address=get_remote_address())
    page = render_template("login.html", error=message, popup=request.args.get("popup") == "1")
    answer = make_response(page, 429)
    answer.headers["Retry-After"] = str(wait)
    return answer


def sign_in_limits(view):
    """The login view's limits: failures per account, then per address."""
    view = limiter.limit(lambda: _setting("THROTTLE_PER_ACCOUNT"), key_func=_account, methods=["POST"],
                         deduct_when=_failed, on_breach=_refused, scope="sign-in-account")(view)
    return limiter.limit(lambda: _setting("THROTTLE_PER_ADDRESS"), key_func=_address, methods=["POST"],
                         deduct_when=_failed, on_breach=_refused, scope="sign-in-address")(view)


def _setting(name: str) -> str:
    return current_app.config[name]


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config["THROTTLE_STORAGE_URL"])
    app.config.setdefault("RATELIMIT_ENABLED", app.config["THROTTLE_ENABLED"])
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)  # only the 429 says when to retry
    limiter.init_app(app)
    # The login page with the words and Retry-After (_refused), not the generic problem page.
    app.register_error_handler(RateLimitExceeded, lambda exc: exc.get_response())
