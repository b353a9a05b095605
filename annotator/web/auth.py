"""Login, logout and the rule that every page but login needs a session."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, Flask, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from marshmallow import ValidationError

from ..db import get_session
from ..i18n import N_
from ..models import User
from ..schemas.forms import LoginForm
from ..services.accounts import sessions
from ..services.team.users import authenticate
from ..services.history.sign_ins import record_sign_in
from .throttle import sign_in_limits
from .errors import is_htmx, problem_response
from .redirects import safe_next

bp = Blueprint("auth", __name__)
login_manager = LoginManager()


class SessionUser(UserMixin):
    """Who is logged in: the user's id and admin flag, and the login session the cookie belongs to,
    read with one small query per request (services.accounts.sessions.holder_of). The API builds
    one from a token's holder too (no login session then).

    The full database user (``.user``) is loaded only by the routes that need more than the id,
    so that a span save, the most frequent request, pays for no ORM object it does not use."""

    def __init__(self, user_id: int, public_id: str, session_token: str, is_admin: bool, *,
                 login: sessions.Holder | None = None):
        self.id = user_id  # the database id: services take any object with .id as "the user"
        self.public_id, self.session_token, self.is_admin = public_id, session_token, is_admin
        self.session_id = login.session_id if login else None
        self.login = login

    @classmethod
    def of_login(cls, holder: sessions.Holder) -> SessionUser:
        return cls(holder.user_id, holder.public_id, holder.generation, holder.is_admin, login=holder)

    def get_id(self) -> str:
        # What the session cookie carries: the session's secret, and the user's generation, which
        # "sign out everywhere" moves on.
        return self.login.cookie_value if self.login else f"{self.public_id}:{self.session_token}"

    @property
    def user(self) -> User:
        return get_session().get(User, self.id)


def session_policy() -> sessions.SessionPolicy:
    config = current_app.config
    return sessions.SessionPolicy(lifetime=timedelta(hours=config["SESSION_LIFETIME_HOURS"]),
                                  idle=timedelta(minutes=config["SESSION_IDLE_MINUTES"]))


@login_manager.user_loader
def _load(cookie_value: str):
    holder = sessions.holder_of(get_session(), cookie_value, session_policy())
    return SessionUser.of_login(holder) if holder else None


@login_manager.unauthorized_handler
def _unauthorized():
    # A page opened in the browser goes to the login form; anything else (htmx fragments, JSON,
    # writes) gets 401, so no login page is ever pasted into a fragment.
    if request.method == "GET" and not is_htmx() and request.accept_mimetypes.accept_html:
        return redirect(url_for("auth.login", next=request.full_path))
    return problem_response(401, gettext("Your session has ended: log in again to continue."), "session")


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    app.register_blueprint(bp)
    # The cookie lasts as long as the longest session; the server ends idle ones sooner.
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=app.config["SESSION_LIFETIME_HOURS"])

    @app.before_request
    def _require_login():
        # Login is required everywhere except the login page itself and static files.
        if request.endpoint in ("auth.login", "static") or request.endpoint is None:
            return None
        if request.blueprint == "api":  # tokens only, checked by the API itself: never the session
            return None
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return None


_FORM_WORDS = {"username": N_("User name: give 1 to 80 characters"),
               "password": N_("Password: give 1 to 1,000 characters")}


@bp.route("/login", methods=["GET", "POST"])
@sign_in_limits
def login():
    error = None
    if request.method == "POST":
        try:
            form = LoginForm().load(request.form)
        except ValidationError as exc:
            error = "; ".join(gettext(_FORM_WORDS.get(k, N_("%(field)s: not valid")), field=k) for k in exc.messages)
        else:
            user = authenticate(get_session(), form["username"], form["password"])
            record_sign_in(get_session(), "sign_in" if user else "sign_in_failed", username=form["username"],
                           address=request.remote_addr, user=user)
            if user is None:
                error = gettext("Unknown user or wrong password.")
            else:
                # A new session with a new secret: nothing sent before the login is ever valid after it.
                session.clear()
                holder = sessions.start(get_session(), user, user_agent=request.user_agent.string,
                                        address=request.remote_addr or "")
                login_user(SessionUser.of_login(holder))
                session.permanent = True
                if request.args.get("popup") == "1":
                    return redirect(url_for("auth.login_done"))
                # Only same-site paths: never an open redirect (web.redirects says which bypasses).
                return redirect(safe_next(request.args.get("next")) or url_for("home.index"))
    status = 401 if error else 200
    # A wrong password keeps the user name typed: only the password is asked again.
    username = request.form.get("username", "")[:80] if request.method == "POST" else ""
    return render_template("login.html", error=error, popup=request.args.get("popup") == "1",
                           username=username), status


@bp.post("/logout")
def logout():
    # Ended on the server too: a copy of the cookie is worth nothing after this.
    sessions.end(get_session(), current_user.session_id, "logout")
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


@bp.get("/login/done")
def login_done():
    """Where the login opened from the "session ended" banner lands: the work tab retries."""
    return render_template("login_done.html")
