"""The start page: a person's projects, and for annotators the documents assigned to them."""
from __future__ import annotations

from flask import Blueprint, render_template

from ..db import get_session
from ..services.team.projects import projects_for
from .access import me

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    projects = projects_for(get_session(), me())
    return render_template("home.html", projects=projects)
