"""Lead pages for agreement: the project's dashboard and one document side by side.

The dashboard never computes in the request when AGREEMENT_BACKGROUND is on: it shows the last
cached result and, while that is stale, polls itself (htmx) until the new one is ready.
"""
from __future__ import annotations

from flask import Blueprint, current_app, g, render_template, request
from sqlalchemy import select

from ..db import get_session
from ..errors import Invalid, Phrase
from ..models import Adjudication, Document, RecommenderModel
from ..schemas.team import DashboardQuery
from ..services.agreement.gamma import gamma_state
from ..services.agreement.reports import agreement_state
from ..services.team.assignment import document_in_project
from ..services.agreement.comparison import compare_document
from ..services.gold.against_gold import against_gold
from ..services.recommenders.anchoring import cached_with_and_without
from ..services.recommenders.shares import suggestion_shares
from ..services.team.document_preview import document_titles
from ..services.team.projects import current_scheme
from ..services.jobs.views import job_views, worker_warning
from .access import LEAD_ROLES, me, project_with_role
from .agreement_view import build_dashboard, measure_name, reason_words
from .charts import figure_text
from .errors import is_htmx
from .forms import parse
from .against_gold_view import against_gold_view
from .anchoring_view import anchoring_rows
from .shares_view import share_label_names

bp = Blueprint("agreement", __name__)


@bp.app_template_filter("measure_name")
def _measure_name(key: str) -> str:
    return measure_name(key, getattr(g, "ui_lang", "en"))


@bp.app_template_filter("reason")
def _reason(reason: str | None) -> str | None:
    return reason_words(reason, getattr(g, "ui_lang", "en"))


@bp.app_template_filter("figure")
def _figure(value, places: int = 3) -> str:
    return figure_text(value, places)


@bp.get("/projects/<project_id>/agreement")
def dashboard(project_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    query = parse(DashboardQuery(), request.args)
    session = get_session()
    state = agreement_state(session, project, background=current_app.config["AGREEMENT_BACKGROUND"],
                            include_leads=query["leads"], user=me())
    scheme = current_scheme(session, project)
    view = build_dashboard(state.result["report"], scheme, variable=query["variable"], measure=query["measure"],
                           language=getattr(g, "ui_lang", "en")) if state.result else None
    lowest = (view.selected or {}).get("documents", []) if view else []
    titles = document_titles(session, project, [d["document"] for d in lowest])
    links = {external_id: public_id for external_id, (public_id, _title) in titles.items()}
    context = {"project": project, "role": role, "state": state, "view": view, "query": query,
               "lowest": lowest, "document_links": links, "document_titles": titles,
               "gamma": gamma_state(session, project),
               "gold_view": _against_gold(session, project, scheme, query["leads"]),
               **_recommenders(session, project, scheme, query["leads"]),
               "job_warning": worker_warning(session, job_views(session, [state.job])) if state.job else None}
    template = "agreement/_body.html" if is_htmx() else "agreement/dashboard.html"
    return render_template(template, **context)


def _against_gold(session, project, scheme, include_leads: bool):
    """Computed only once a document is adjudicated: until then there is no gold to compare with."""
    adjudicated = session.scalar(select(Adjudication.id).join(Document, Document.id == Adjudication.document_id)
                                 .where(Document.project_id == project.id, Adjudication.status == "adjudicated")
                                 .limit(1))
    if adjudicated is None:
        return None
    return against_gold_view(against_gold(session, project, include_leads=include_leads), scheme,
                             getattr(g, "ui_lang", "en"))


def _recommenders(session, project, scheme, include_leads: bool) -> dict:
    """The recommenders as an annotator (stored by the training job: no model runs here), the
    shares of suggestions accepted, agreement with and without them; each None while there is
    nothing to show."""
    agreement = session.scalar(select(RecommenderModel.agreement).where(RecommenderModel.project_id == project.id))
    against = (agreement or {}).get("against")
    anchoring = cached_with_and_without(session, project, include_leads=include_leads)
    shares = suggestion_shares(session, project)
    return {"anchoring": anchoring,
            "anchoring_rows": anchoring_rows(anchoring, scheme, getattr(g, "ui_lang", "en")) if anchoring else [],
            "model_view": against_gold_view(against, scheme, getattr(g, "ui_lang", "en"), other="the recommenders")
            if against else None, "model_documents": (agreement or {}).get("documents", 0),
            "shares": shares, "share_names": share_label_names(shares, scheme, getattr(g, "ui_lang", "en"))}


@bp.get("/projects/<project_id>/agreement/documents/<document_id>")
def compare(project_id: str, document_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    session = get_session()
    document = document_in_project(session, project, document_id)
    scheme = current_scheme(session, project)
    layers = [layer.key for layer in scheme.span_layers]
    layer = request.args.get("layer") or None
    if layer is not None and layer not in layers:
        raise Invalid(Phrase("unknown layer '{layer}' (expected one of {choices})", ", ", layer=layer, choices=list(layers)),
                      "layer")
    include_leads = parse(DashboardQuery(), request.args)["leads"]
    comparison = compare_document(session, project, document, layer, include_leads)
    return render_template("agreement/compare.html", project=project, role=role, comparison=comparison,
                           scheme=scheme, layer=layer, layers=layers, include_leads=include_leads, language=getattr(g, "ui_lang", "en"))
