"""The annotation page's suggestions panel (one htmx swap target, ``suggestions``): open
suggestions of the annotator's own set. Accepting answers the panel and, out of band, the
paragraph the new span is in (its own swap target, ``p-<index>``)."""
from __future__ import annotations

from flask import Blueprint, g, render_template, request

from ..db import get_session
from ..schemas.annotate import load_form
from ..schemas.recommenders import SuggestionForm
from ..services.annotation import documents_view as views
from ..services.annotation.sets import readable_set, require_own_set
from ..services.recommenders.anchoring import note_shown
from ..services.recommenders.decisions import accept_suggestion, reject_suggestion
from ..services.recommenders.suggesting import suggestions_for_set
from .access import me
from .annotate_labels import label_infos

bp = Blueprint("suggestions", __name__)
FORM = SuggestionForm()


def _panel(set_id: str, paragraph: int | None = None, focus: int = 0):
    session = get_session()
    aset = readable_set(session, me(), set_id)
    scheme, _version_id = views.scheme_for(session, aset.document.project_id)
    names = {key: info.name for key, info in label_infos(scheme, g.ui_lang).items()}
    names.update({lab.key: lab.name(g.ui_lang) for lab in scheme.frames.labels})
    fresh = views.one_paragraph(session, aset, paragraph) if paragraph is not None else None
    suggestions = suggestions_for_set(session, me(), aset)
    if suggestions:
        note_shown(session, aset, me())  # the set is made with suggestions (agreement with and without)
    return render_template("annotate/_suggestions.html", suggestions=suggestions,
                           set_id=set_id, names=names, focus=focus, fresh=fresh,
                           labels=label_infos(scheme, g.ui_lang))


@bp.get("/annotate/<set_id>/suggestions")
def panel(set_id: str):
    require_own_set(get_session(), me(), set_id)
    return _panel(set_id)


def _decide(set_id: str, accepting: bool):
    session = get_session()
    require_own_set(session, me(), set_id)  # before the form: blindness
    form = load_form(FORM, request.form)
    decide = accept_suggestion if accepting else reject_suggestion
    decided = decide(session, me(), set_id, form["key"])
    position = request.form.get("position", "0")
    return _panel(set_id, decided.paragraph if accepting and decided.kind == "span" else None,
                  int(position) if position.isdigit() else 0)


@bp.post("/annotate/<set_id>/suggestions/accept")
def accept(set_id: str):
    return _decide(set_id, True)


@bp.post("/annotate/<set_id>/suggestions/reject")
def reject(set_id: str):
    return _decide(set_id, False)
