"""CSRF on every write, and headers that let the browser refuse injected scripts, keep pages
behind login out of every cache, and (served over HTTPS) never speak plain HTTP to the site."""
from __future__ import annotations

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

# No inline scripts, styles or handlers anywhere, so the policy can be strict.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


class SessionsRefreshedOnReading(SecureCookieSessionInterface):
    """A permanent session's cookie is re-signed, to push its expiry back, on GET requests only.

    Flask re-signs it on every request; sparing the writes (a span save every few seconds) the
    signing and the Set-Cookie costs nothing in practice: opening a document or a panel is a GET,
    so a session in use stays alive."""

    def should_set_cookie(self, app: Flask, session) -> bool:
        if request.blueprint == "api":  # the API answers no cookie, even to a request that sent one
            return False
        return session.modified or (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]
                                    and request.method == "GET")


def init_app(app: Flask) -> None:
    csrf.init_app(app)
    app.session_interface = SessionsRefreshedOnReading()
    if app.config["HTTPS"]:
        app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True, PREFERRED_URL_SCHEME="https")
    if app.config["PROXY_HOPS"]:
        # Only behind a proxy that sets these headers: otherwise a client could claim any address.
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    hsts = f"max-age={app.config['HSTS_MAX_AGE']}" if app.config["HTTPS"] else None

    @app.after_request
    def _headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if request.endpoint != "static":
            # Pages carry other people's names and work: a shared computer's cache keeps none of it
            # (a view that knows better, such as the versioned scheme stylesheet, says so itself).
            response.headers.setdefault("Cache-Control", "no-store")
        if hsts:
            response.headers.setdefault("Strict-Transport-Security", hsts)
        return response
