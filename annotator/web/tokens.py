"""A person's API tokens on their account: make one (its secret shown once), see them, revoke."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, render_template, request
from marshmallow import EXCLUDE, Schema, fields, validate

from ..db import get_session
from ..models import TOKEN_SCOPES, utcnow
from ..i18n import Phrase
from ..schemas.common import first_error
from ..services.team.tokens import create_token, revoke_token, token_state, tokens_of
from .access import me
from .errors import is_htmx

bp = Blueprint("tokens", __name__, url_prefix="/account/tokens")


class TokenForm(Schema):
    class Meta:
        unknown = EXCLUDE

    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    scope = fields.String(load_default="read", validate=validate.OneOf(TOKEN_SCOPES))
    expires_days = fields.Integer(load_default=None, validate=validate.Range(min=1, max=3650))


def _render(*, new=None, error=None, status=200):
    session = get_session()
    rows = [(t, token_state(t)) for t in tokens_of(session, me())]
    template = "account/_tokens.html" if is_htmx() else "account/tokens.html"
    return render_template(template, tokens=rows, new=new, error=error), status


@bp.get("")
def page():
    return _render()


@bp.post("")
def create():
    from marshmallow import ValidationError

    data = {k: v for k, v in request.form.items() if v.strip()}
    try:
        form = TokenForm().load(data)
    except ValidationError as exc:
        field, message = first_error(exc)
        return _render(error=Phrase("{field}: {problem}", field=field, problem=message), status=422)
    expires = utcnow() + timedelta(days=form["expires_days"]) if form["expires_days"] else None
    made = create_token(get_session(), me(), form["name"], scope=form["scope"], expires_at=expires)
    return _render(new=made, status=201 if not is_htmx() else 200)


@bp.post("/<token_id>/revoke")
def revoke(token_id: str):
    revoke_token(get_session(), me(), token_id)
    return _render()
