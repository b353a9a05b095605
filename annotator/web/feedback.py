"""An annotator's own set against gold, once the lead releases feedback (services.gold.feedback)."""
from __future__ import annotations

from flask import Blueprint, render_template

from ..db import get_session
from ..services.gold.feedback import feedback_view
from .access import me

bp = Blueprint("feedback", __name__)


@bp.get("/annotate/<set_id>/feedback")
def feedback(set_id: str):
    view = feedback_view(get_session(), me(), set_id)
    return render_template("adjudication/feedback.html", view=view)
