"""Login, logout and the rule that every page but login needs a session."""
from __future__ import annotations

from flask import Blueprint, Flask, redirect, render_template, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from marshmallow import ValidationError
from sqlalchemy import bindparam, select

from ..db import get_session
from ..models import User
from ..schemas.forms import LoginForm
from ..services.team.users import authenticate
from .errors import is_htmx, problem_response

bp = Blueprint("auth", __name__)
login_manager = LoginManager()


class SessionUser(UserMixin):
    """Who is logged in: the user's id and admin flag, read with one small query per request.

    The full database user (``.user``) is loaded only by the routes that need more than the id,
    so that a span save, the most frequent request, pays for no ORM object it does not use."""

    def __init__(self, user_id: int, public_id: str, session_token: str, is_admin: bool):
        self.id = user_id  # the database id: services take any object with .id as "the user"
        self.public_id, self.session_token, self.is_admin = public_id, session_token, is_admin

    def get_id(self) -> str:
        # What the session cookie carries: bumping the user's session token logs them out everywhere.
        return f"{self.public_id}:{self.session_token}"

    @classmethod
    def of(cls, user: User) -> SessionUser:
        return cls(user.id, user.public_id, user.session_token, user.is_admin)

    @property
    def user(self) -> User:
        return get_session().get(User, self.id)


_USER_BY_PUBLIC_ID = select(User.id, User.is_active, User.is_admin, User.session_token).where(
    User.public_id == bindparam("public_id"))  # built once: SQLAlchemy caches its compiled form


@login_manager.user_loader
def _load(token: str):
    public_id, _, session_token = token.partition(":")
    row = get_session().connection().execute(_USER_BY_PUBLIC_ID, {"public_id": public_id}).first()
    if row is None or not row.is_active or row.session_token != session_token:
        return None
    return SessionUser(row.id, public_id, row.session_token, row.is_admin)


@login_manager.unauthorized_handler
def _unauthorized():
    # A page opened in the browser goes to the login form; anything else (htmx fragments, JSON,
    # writes) gets 401, so no login page is ever pasted into a fragment.
    if request.method == "GET" and not is_htmx() and request.accept_mimetypes.accept_html:
        return redirect(url_for("auth.login", next=request.full_path))
    return problem_response(401, "Your session has ended: log in again to continue.", "session")


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    app.register_blueprint(bp)

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


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        try:
            form = LoginForm().load(request.form)
        except ValidationError as exc:
            error = "; ".join(f"{k}: {', '.join(v)}" for k, v in exc.messages.items())
        else:
            user = authenticate(get_session(), form["username"], form["password"])
            if user is None:
                error = "Unknown user or wrong password."
            else:
                session.clear()
                login_user(SessionUser.of(user))
                session.permanent = True
                if request.args.get("popup") == "1":
                    return redirect(url_for("auth.login_done"))
                target = request.args.get("next") or ""
                # Only same-site paths: never an open redirect.
                if not target.startswith("/") or target.startswith("//"):
                    target = url_for("home.index")
                return redirect(target)
    status = 401 if error else 200
    return render_template("login.html", error=error, popup=request.args.get("popup") == "1"), status


@bp.post("/logout")
def logout():
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


@bp.get("/login/done")
def login_done():
    """Where the login opened from the "session ended" banner lands: the work tab retries."""
    return render_template("login_done.html")
