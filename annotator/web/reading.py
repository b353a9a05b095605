"""Reading comfort: a person's text size and line height for the article text, set on the account
page and served as a tiny per-user stylesheet the annotation page links (the CSP allows no inline
styles, and a stylesheet applies before the first paint, unlike a script)."""
from __future__ import annotations

from flask import Blueprint, make_response, request
from flask_login import current_user

from ..db import get_session
from ..errors import Problem
from ..schemas.reading import LINE_HEIGHT, TEXT_SIZE, ReadingSettingsForm
from ..services.accounts import reading
from .access import me
from .forms import parse

bp = Blueprint("reading", __name__)
LIMITS = {"text_size": TEXT_SIZE, "line_height": LINE_HEIGHT}


@bp.post("/account/reading")
def save_settings():
    from .account import _page  # the account page holds the form

    try:
        form = parse(ReadingSettingsForm(), request.form)
    except Problem as problem:
        return _page(error=problem)  # refused by field name; nothing saved
    reading.save(get_session(), current_user.id, form["text_size"], form["line_height"])
    return _page(message="Reading settings saved.")


@bp.get("/account/reading.css")
def stylesheet():
    response = make_response(reading.stylesheet(me()))
    response.mimetype = "text/css"
    # Per user and changeable at any time: the browser asks again each time (a 304 when unchanged).
    response.headers["Cache-Control"] = "private, no-cache"
    response.add_etag()
    return response.make_conditional(request)
