"""The demo project: three articles written for it, an actor registry, a lead and three annotators.

Two of the articles come already annotated by all three annotators (with the small
disagreements real teams have), so the agreement dashboard has something to show; the third is
left for whoever logs in to try the page.
"""
from __future__ import annotations

from pathlib import Path

from flask import current_app
from sqlalchemy import select

from ..db import get_session
from ..models import Document, Project
from ..services.actors import registry as actor_service
from ..services.team import assignment as assignment_service
from ..services.team import projects as project_service
from ..services.team import users as user_service
from ..services.interchange.importing import import_files
from .annotations import annotate_demo

HERE = Path(__file__).resolve().parent
PROJECT_NAME = "Demo"
DEMO_LOGINS = [  # (user, password, role): printed by `annotator demo` and in the README
    ("admin", "admin-demo-2026", "admin"),
    ("leila", "leila-demo-2026", "lead"),
    ("amina", "amina-demo-2026", "annotator"),
    ("karim", "karim-demo-2026", "annotator"),
    ("sara", "sara-demo-2026", "annotator"),
    ("omar", "omar-demo-2026", "adjudicator"),
]
ANNOTATED = ("sahel-ar.md", "gulf-ar.md")


def load_demo() -> bool:
    """Create the demo project unless it exists; True when it was created now."""
    session = get_session()
    if session.scalar(select(Project.id).where(Project.name == PROJECT_NAME)) is not None:
        return False
    scheme_text = (Path(current_app.config["GUIDELINES_DIR"]) / "scheme.yaml").read_text(encoding="utf-8")
    users = {}
    for username, password, role in DEMO_LOGINS:
        users[username] = user_service.find_user(session, username) or user_service.create_user(
            session, username, password, display_name=username.capitalize(), is_admin=role == "admin")
    project = project_service.create_project(session, PROJECT_NAME, scheme_text, time_zone="Africa/Casablanca",
                                             user=users["admin"])
    for username, _, role in DEMO_LOGINS:
        if role != "admin":
            project_service.add_member(session, project, users[username], role)
    actor_service.import_actors_csv(session, project, (HERE / "actors.csv").read_text(encoding="utf-8"))
    files = sorted((HERE / "articles").glob("*.md"))
    import_files(session, project, [(path.name, path.read_bytes()) for path in files])
    assignment_service.assign_automatically(session, project, per_document=3, seed=7, by=users["leila"])
    annotated = session.scalars(select(Document).where(
        Document.project_id == project.id,
        Document.meta["source_file"].as_string().in_(ANNOTATED)).order_by(Document.id)).all()
    annotators = [users[name] for name, _, role in DEMO_LOGINS if role == "annotator"]
    annotate_demo(session, project, annotated, annotators)
    return True
