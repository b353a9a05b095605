"""A person's own account: change the password, see the sessions signed in, end them."""
from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from flask_babel import gettext, ngettext
from flask_login import current_user, logout_user

from ..db import get_session
from ..errors import NotFound, Problem
from ..schemas.accounts import PasswordChangeForm
from ..services.accounts import accounts, interface, sessions
from .access import me
from .auth import session_policy
from .forms import parse
from .locale import LANGUAGE_NAMES
from .reading import LIMITS

bp = Blueprint("account", __name__)


def _page(*, message: str | None = None, error: Problem | None = None):
    db = get_session()
    active = sessions.active_sessions(db, current_user.id, session_policy())
    return render_template("account/account.html", user=me(), sessions=active, this_session=current_user.session_id,
                           message=message, error=error, language_names=LANGUAGE_NAMES,
                           digit_settings=interface.DIGITS, reading_limits=LIMITS), error.status if error else 200


@bp.get("/account")
def account_page():
    return _page()


@bp.post("/account/password")
def change_password():
    try:
        form = parse(PasswordChangeForm(), request.form)
        ended = accounts.change_own_password(get_session(), current_user.id, form["current_password"],
                                             form["new_password"], keep_session_id=current_user.session_id)
    except Problem as problem:
        return _page(error=problem)
    if not ended:
        return _page(message=gettext("Password changed."))
    return _page(message=ngettext("Password changed; %(num)d other session signed out.",
                                  "Password changed; %(num)d other sessions signed out.", ended))


@bp.post("/account/interface")
def change_interface():
    """The interface language (or the browser's) and the digits; shown at once on the answer."""
    form = request.form
    try:
        user = interface.set_interface(get_session(), current_user.id, form.get("language", ""),
                                       form.get("digits", "latn"))
    except Problem as problem:
        return _page(error=problem)
    g.ui_lang = user.ui_language or g.ui_lang
    g.ui_digits = user.digits
    return _page(message=gettext("Interface settings saved."))


@bp.post("/account/sessions/<session_id>/end")
def end_session(session_id: str):
    db = get_session()
    mine = {s.public_id: s for s in sessions.active_sessions(db, current_user.id, session_policy())}
    if session_id not in mine:
        raise NotFound("no such session of yours", "session")
    if mine[session_id].id == current_user.session_id:
        return _signed_out(lambda: sessions.end(db, current_user.session_id, "signed_out"))
    sessions.end_own(db, current_user.id, session_id)
    return _page(message=gettext("That session is signed out."))


@bp.post("/account/sessions/end-all")
def end_all_sessions():
    """Sign out everywhere, this browser included."""
    return _signed_out(lambda: sessions.end_all(get_session(), current_user.id, "signed_out"))


def _signed_out(action):
    action()
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))
