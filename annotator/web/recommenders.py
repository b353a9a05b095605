"""The lead's recommenders page: each recommender with its held-out figures, the threshold,
training (a job), the switches, and the notes about dropped external suggestions.
One swap target, ``recommenders`` (templates/recommenders/_panel.html)."""
from __future__ import annotations

import re

from flask import Blueprint, render_template, request
from sqlalchemy import select

from ..db import get_session
from ..domain.recommenders import MIN_DONE_SETS, RECOMMENDERS
from ..models import Event
from ..schemas.annotate import load_form
from ..schemas.recommenders import RecommenderSettingsForm
from ..services.recommenders.done_sets import done_set_count
from ..services.recommenders.settings import set_suggestion_settings, suggestion_settings
from ..services.recommenders.training import request_training, stored_model
from .access import LEAD_ROLES, me, project_with_role
from .errors import is_htmx

bp = Blueprint("recommenders", __name__)
FORM = RecommenderSettingsForm()
NOTES_SHOWN = 10


def _context(project, job=None) -> dict:
    session = get_session()
    stored = stored_model(session, project)
    settings = suggestion_settings(project)
    figures = (stored.figures if stored else {}) or {}
    rows = [{"name": name, **figures.get(name, {}), "trained": name in figures,
             "passes": name in figures and figures[name].get("f1", 0) >= settings["threshold"] and not figures[name].get("note")}
            for name in RECOMMENDERS]
    notes = session.scalars(select(Event).where(Event.project_id == project.id, Event.action == "recommender.dropped")
                            .order_by(Event.at.desc(), Event.id.desc()).limit(NOTES_SHOWN)).all()
    done = done_set_count(session, project)
    return {"project": project, "rows": rows, "stored": stored, "settings": settings, "job": job, "notes": notes,
            "done": done, "needed": max(0, MIN_DONE_SETS - done)}


def _render(project, job=None, status: int = 200):
    template = "recommenders/_panel.html" if is_htmx() else "recommenders/page.html"
    return render_template(template, **_context(project, job)), status


@bp.get("/projects/<project_id>/recommenders")
def page(project_id: str):
    project, _role = project_with_role(project_id, LEAD_ROLES)
    return _render(project)


@bp.post("/projects/<project_id>/recommenders/settings")
def change_settings(project_id: str):
    project, _role = project_with_role(project_id, LEAD_ROLES)
    form = load_form(FORM, request.form)
    off_for = [u for u in re.split(r"[\s,]+", form["off_for"]) if u]
    set_suggestion_settings(get_session(), project, enabled=form["enabled"], active_ordering=form["active_ordering"],
                            threshold=form["threshold"], off_for=off_for, external_url=form["external_url"].strip(),
                            external_timeout=form["external_timeout"])
    return _render(project)


@bp.post("/projects/<project_id>/recommenders/train")
def train(project_id: str):
    project, _role = project_with_role(project_id, LEAD_ROLES)
    job, _new = request_training(get_session(), project, me())
    return _render(project, job, 202)
