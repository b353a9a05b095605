"""Login, logout and the rule that every page but login needs a session."""
from __future__ import annotations

from flask import Blueprint, Flask, redirect, render_template, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from marshmallow import ValidationError

from ..db import get_session
from ..models import User
from ..schemas.forms import LoginForm
from ..services.users import authenticate
from .errors import is_htmx, problem_response

bp = Blueprint("auth", __name__)
login_manager = LoginManager()


class SessionUser(UserMixin):
    """What Flask-Login keeps: the database user, addressed by public id and session token."""

    def __init__(self, user: User):
        self.user = user
        self.id = f"{user.public_id}:{user.session_token}"

    @property
    def db_id(self) -> int:
        return self.user.id

    @property
    def is_admin(self) -> bool:
        return self.user.is_admin


@login_manager.user_loader
def _load(token: str):
    public_id, _, session_token = token.partition(":")
    from sqlalchemy import select

    user = get_session().scalar(select(User).where(User.public_id == public_id))
    if user is None or not user.is_active or user.session_token != session_token:
        return None
    return SessionUser(user)


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
                login_user(SessionUser(user))
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
