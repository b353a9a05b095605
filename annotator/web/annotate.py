"""The annotation page: my documents, a document with its marks, and span changes through htmx.

Every span change answers with the paragraph it touched (the swap target, ``p-<index>``) for an
htmx request, or JSON otherwise. A refused change based on an old version (409) carries the
paragraph as it is now, so the page can show the truth next to the message.
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, g, jsonify, redirect, render_template, request, url_for
from flask_wtf.csrf import generate_csrf

from ..db import get_session
from ..errors import Conflict
from ..schemas.annotate import NOTE_MAX, NoteForm, SetStatusForm, SpanChangeForm, SpanCreateForm, SpanDeleteForm, load_form
from ..services.annotation import documents_view as views
from ..services.annotation import spans as span_service
from ..services.annotation.finishing import finish_set
from ..services.annotation.guidelines import label_guidelines
from ..services.annotation.notes import notes_by_target, notes_of, save_note as store_note
from ..services.annotation.sets import readable_set, require_own_set, require_own_span
from ..services.gold.feedback import my_figures, released_documents
from .access import me, my_id_card, project_with_role
from .annotate_labels import label_infos, layer_name, scheme_css
from .annotate_text import js_words, words
from .errors import is_htmx, problem_response, wants_json

bp = Blueprint("annotate", __name__)
# Built once: a schema holds no request state, and building one costs more than loading a form.
SPAN_CREATE, SPAN_CHANGE, SPAN_DELETE, SET_STATUS = (SpanCreateForm(), SpanChangeForm(), SpanDeleteForm(),
                                                     SetStatusForm())
NOTE = NoteForm()


@bp.context_processor
def _words() -> dict:
    # A request refused before the language was chosen (a bad CSRF token) still gets words.
    language = getattr(g, "ui_lang", "en")
    return {"t": words(language), "js_words": js_words(language), "note_max": NOTE_MAX,
            "notes_by_target": notes_by_target}


def _page_context(view: views.DocumentView) -> dict:
    return {"view": view, "labels": label_infos(view.scheme, g.ui_lang),
            "layer_name": layer_name}


def _paragraph_response(paragraph: views.ParagraphView, scheme, status: int = 200, headers: dict | None = None):
    if not is_htmx() and (wants_json() or request.method != "GET"):
        return jsonify({"paragraph": views.paragraph_data(paragraph), **(headers or {})}), status
    html = render_template("annotate/_paragraph.html", p=paragraph, labels=label_infos(scheme, g.ui_lang))
    response = Response(html, status=status, mimetype="text/html")
    for name, value in (headers or {}).items():
        response.headers[f"X-{name.title().replace('_', '-')}"] = str(value)
    return response


@bp.errorhandler(Conflict)
def _conflict(exc: Conflict):
    """A 409 that carries the fresh paragraph answers with it, so the page shows what is true now."""
    paragraph = exc.extra.get("paragraph")
    message = exc.in_language(g.ui_lang)
    if not (is_htmx() and paragraph and exc.extra.get("set")):
        return problem_response(exc.status, message, exc.field, exc.extra)
    problem = json.dumps({"error": message, "field": exc.field})  # ASCII: safe in a header
    return _fresh_paragraph(exc.extra["set"], paragraph["index"], 409, {"problem": problem})


@bp.get("/annotate/")
def my_documents():
    session = get_session()
    project = None
    if request.args.get("project"):
        project, _role = project_with_role(request.args["project"])
    user = me()
    mine = views.my_documents(session, user, project)
    released = released_documents(session, [row.document_public_id for row in mine.rows])
    # Figures only where a document of the user's is released: no other project is even read.
    figures = my_figures(session, user, {row.project_public_id for row in mine.rows
                                         if row.document_public_id in released})
    return render_template("annotate/documents.html", mine=mine, project=project, released=released,
                           my_figures=figures)


@bp.get("/annotate/csrf-token")
def csrf_token():
    """A fresh token after logging in again in another tab: the page's own token died with the session."""
    return jsonify({"csrf_token": generate_csrf()})


@bp.get("/annotate/<set_id>")
def document(set_id: str):
    view = views.document_view(get_session(), me(), set_id)
    return render_template("annotate/document.html", notes=notes_of(get_session(), view.aset.id), **_page_context(view))


def _fresh_paragraph(set_id: str, index: int, status: int = 200, headers: dict | None = None):
    session = get_session()
    aset = readable_set(session, me(), set_id)
    scheme, _version_id = views.scheme_for(session, aset.document.project_id)
    return _paragraph_response(views.one_paragraph(session, aset, index), scheme, status, headers)


@bp.get("/annotate/<set_id>/paragraphs/<int:index>")
def paragraph(set_id: str, index: int):
    return _fresh_paragraph(set_id, index)


@bp.post("/annotate/<set_id>/spans")
def create_span(set_id: str):
    session, user = get_session(), my_id_card()
    target = span_service.set_to_write(session, user, set_id)  # before the form: blindness
    form = load_form(SPAN_CREATE, request.form)
    span = span_service.create_span(
        session, user, set_id, paragraph_index=form["paragraph"], end_paragraph_index=form["end_paragraph"],
        utf16_start=form["start"], utf16_end=form["end"], quoted_text=form["text"], label=form["label"],
        snap_words=form["snap"] == "words", target=target)
    return _paragraph_response(span.paragraph, span.scheme, 201, {"span_id": span.public_id, "span_version": span.version})


@bp.patch("/annotate/spans/<span_id>")
def change_span(span_id: str):
    require_own_span(get_session(), me(), span_id)
    form = load_form(SPAN_CHANGE, request.form)
    span = span_service.change_span(get_session(), me(), span_id, version=form["version"], label=form["label"],
                                    attribute=form["attribute"], value=form["value"])
    return _paragraph_response(span.paragraph, span.scheme, 200, {"span_id": span.public_id, "span_version": span.version})


@bp.delete("/annotate/spans/<span_id>")
def delete_span(span_id: str):
    require_own_span(get_session(), me(), span_id)
    form = load_form(SPAN_DELETE, request.values)
    gone = span_service.delete_span(get_session(), me(), span_id, version=form["version"])
    return _paragraph_response(gone.paragraph, gone.scheme, 200, {"span_id": span_id})


def _status_response(set_id: str):
    aset = readable_set(get_session(), me(), set_id)
    owner = aset.user_id == me().id
    return render_template("annotate/_status.html", aset=aset, owner=owner, editable=owner and aset.status != "done")


@bp.post("/annotate/<set_id>/notes")
def save_note(set_id: str):
    """A note for the adjudicator, saved at once; the panel comes back (swap target ``notes``)."""
    session = get_session()
    require_own_set(session, me(), set_id)
    form = load_form(NOTE, request.form)
    store_note(session, me(), set_id, form["target"], form["target_id"], form["text"])
    if not is_htmx():
        return redirect(url_for("annotate.document", set_id=set_id), code=303)
    aset = readable_set(session, me(), set_id)
    return render_template("annotate/_notes.html", aset=aset, owner=True, notes=notes_of(session, aset.id))


@bp.get("/annotate/<set_id>/status")
def status(set_id: str):
    return _status_response(set_id)


@bp.post("/annotate/<set_id>/status")
def change_status(set_id: str):
    session = get_session()
    require_own_set(session, me(), set_id)
    form = load_form(SET_STATUS, request.form)
    finish_set(session, me(), set_id, form["status"], form["reason"])
    if not is_htmx():
        return redirect(url_for("annotate.document", set_id=set_id), code=303)
    return _status_response(set_id)


@bp.get("/annotate/<set_id>/guidelines/<label>")
def guidelines(set_id: str, label: str):
    session = get_session()
    aset = readable_set(session, me(), set_id)
    scheme, _version_id = views.scheme_for(session, aset.document.project_id)
    shown = label_guidelines(scheme, label, g.ui_lang, current_app.config["GUIDELINES_DIR"])
    return render_template("annotate/_guidelines.html", guide=shown, layer_name=layer_name)


@bp.get("/projects/<project_id>/scheme.css")
def scheme_stylesheet(project_id: str):
    project, _role = project_with_role(project_id)
    scheme, _version_id = views.scheme_for(get_session(), project)
    response = Response(scheme_css(scheme), mimetype="text/css")
    # The page asks for ?v=<version id>: a new scheme version is a new URL, so caching is safe.
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response
