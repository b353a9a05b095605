"""Site administrators manage people: create users, set a password, deactivate or activate,
sign a user out everywhere. Everyone else gets 403 on every route here."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user
from sqlalchemy import func, select

from ..db import get_session
from ..errors import Forbidden, Phrase, Problem
from ..i18n import N_
from ..models import LoginSession, User
from ..schemas.accounts import ActiveForm, NewUserForm, SetPasswordForm
from ..services.accounts import accounts, sessions
from ..services.team import users as user_service
from .forms import parse

bp = Blueprint("admin_users", __name__)


@bp.before_request
def _admins_only():
    if not current_user.is_authenticated or not current_user.is_admin:
        raise Forbidden("only a site administrator manages users", "role")


def _page(*, message: str | None = None, error: Problem | None = None, form=None):
    db = get_session()
    open_sessions = dict(db.execute(select(LoginSession.user_id, func.count()).where(LoginSession.ended_at.is_(None))
                                    .group_by(LoginSession.user_id)).all())
    people = db.scalars(select(User).order_by(User.username)).all()
    return render_template("account/users.html", people=people, open_sessions=open_sessions, message=message,
                           error=error, form=form or {}), error.status if error else 200


@bp.get("/admin/users")
def users_page():
    return _page()


def _run(action, done: str, form=None):
    try:
        outcome = action(get_session())
    except Problem as problem:
        return _page(error=problem, form=form)
    return _page(message=Phrase(done, outcome=outcome))  # ``done`` marked with N_ by the caller


@bp.post("/admin/users")
def create_user():
    def action(db):
        form = parse(NewUserForm(), request.form)
        user = user_service.create_user(db, form["username"], form["password"], display_name=form["display_name"],
                                        is_admin=form["is_admin"])
        return user.username

    return _run(action, N_("User {outcome} created."), form={"username": request.form.get("username", ""),
                                                         "display_name": request.form.get("display_name", "")})


@bp.post("/admin/users/<user_id>/password")
def set_password(user_id: str):
    def action(db):
        form = parse(SetPasswordForm(), request.form)
        user = accounts.find_by_public_id(db, user_id)
        accounts.set_password(db, user, form["new_password"], by=current_user.id)
        return user.username

    return _run(action, N_("New password set for {outcome}; their sessions are signed out."))


@bp.post("/admin/users/<user_id>/active")
def set_active(user_id: str):
    def action(db):
        form = parse(ActiveForm(), request.form)
        user = accounts.find_by_public_id(db, user_id)
        accounts.set_active(db, user, form["active"], by=current_user.id)
        return (Phrase("{name} is active", name=user.username) if form["active"] else
                Phrase("{name} is deactivated (their work is kept)", name=user.username))

    return _run(action, N_("{outcome}."))


@bp.post("/admin/users/<user_id>/sign-out")
def sign_out(user_id: str):
    def action(db):
        user = accounts.find_by_public_id(db, user_id)
        return Phrase("{name}: {count}", name=user.username, count=sessions.end_all(db, user.id, "signed_out"))

    return _run(action, N_("Signed out everywhere ({outcome} sessions)."))
