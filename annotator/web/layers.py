"""The layers beyond spans, for annotators: links, stances, frames, mentions, claim targets, and
the argument map. Each change answers with its panel (the swap target) for htmx, JSON otherwise;
changes that move mention counts also refresh the stance panel out of band.
"""
from __future__ import annotations

from flask import Blueprint, g, jsonify, render_template, request

from ..db import get_session
from ..errors import Invalid
from ..schemas.actors import ProposalForm
from ..schemas.layers import (
    EvidenceForm, FrameForm, LinkChoiceForm, LinkCreateForm, LinkRetypeForm, MentionForm, PanelQuery, StanceForm,
    TargetForm, VerdictForm, load,
)
from ..services.actors import proposals as actor_proposals
from ..services.annotation import frames
from ..services.annotation import links
from ..services.actors import mention_edits
from ..services.annotation import stances
from ..services.annotation import layers_view as lv
from ..services.actors.mentions import display_name, names_in_language
from ..services.annotation.sets import readable_set, writable_set
from .access import me
from .errors import is_htmx, wants_json
from .layers_text import layer_js_words, layer_words

bp = Blueprint("layers", __name__)
VERDICTS = {"confirm": True, "reject": False, "clear": None}


@bp.app_context_processor
def _panels():
    """The document page's side slot renders every panel through this, with the page's set."""

    def layer_panels(set_public_id: str) -> dict:
        session = get_session()
        ctx = lv.set_context(session, me(), set_public_id)
        return {"ctx": ctx, "stance": lv.stance_panel(session, ctx), "frames": lv.frames_panel(session, ctx),
                "links": lv.links_panel(session, ctx), "mentions": lv.mentions_panel(session, ctx)}

    language = getattr(g, "ui_lang", "en")

    def in_language(project_id: int) -> dict[int, str]:
        # One query per request and project, whatever the number of names shown.
        cache = g.setdefault("actor_names", {})
        if project_id not in cache:
            cache[project_id] = names_in_language(get_session(), project_id, language)
        return cache[project_id]

    def actor_name(actor) -> str:
        """The actor's alias in the interface language where the registry has one, else its name."""
        return in_language(actor.project_id).get(actor.id) or display_name(actor)

    def actor_name_by_id(actor_id: int, project_id: int, fallback: str) -> str:
        return in_language(project_id).get(actor_id) or fallback

    return {"layer_panels": layer_panels, "actor_name": actor_name, "actor_name_by_id": actor_name_by_id,
            "lt": layer_words(language), "layer_js_words": lambda: layer_js_words(language)}


@bp.before_request
def _set_first():
    """The set before the payload: another annotator's set answers 404 whatever was sent (blindness),
    a done set 409; only then is the form read."""
    set_id = (request.view_args or {}).get("set_id")
    if set_id is None:
        return
    if request.method == "GET":
        readable_set(get_session(), me(), set_id)
    else:
        writable_set(get_session(), me(), set_id)


def _scope() -> int | None:
    value = request.values.get("scope", "")
    return int(value) if value.isdigit() else None


def _json_wanted() -> bool:
    return not is_htmx() and wants_json()


# --- stance -----------------------------------------------------------------------------------

def _stance_panel(set_id: str, *, status: int = 200, focus: str | None = None, add: str | None = None):
    session = get_session()
    ctx = lv.set_context(session, me(), set_id)
    panel = lv.stance_panel(session, ctx, paragraph=_scope(), add=add, focus=focus)
    return render_template("layers/_stance_panel.html", stance=panel, ctx=ctx), status


@bp.get("/annotate/<set_id>/layers/stance")
def stance_panel(set_id: str):
    return _stance_panel(set_id, add=load(PanelQuery(), request.args)["add"])


@bp.post("/annotate/<set_id>/stances")
def set_stance(set_id: str):
    form = load(StanceForm(), request.form)
    stance = stances.set_stance(get_session(), me(), set_id, actor_id=form["actor"], value=form["value"],
                                intensity=form["intensity"], holder=form["holder"], paragraph=form["paragraph"])
    if _json_wanted():
        return jsonify({"id": stance.public_id, "value": stance.value, "intensity": stance.intensity}), 200
    return _stance_panel(set_id, focus=form["actor"])


@bp.delete("/annotate/<set_id>/stances/<stance_id>")
def delete_stance(set_id: str, stance_id: str):
    stances.delete_stance(get_session(), me(), set_id, stance_id)
    return _stance_panel(set_id, focus=request.values.get("focus"))


@bp.post("/annotate/<set_id>/stances/<stance_id>/evidence")
def add_evidence(set_id: str, stance_id: str):
    form = load(EvidenceForm(), request.form)
    stances.set_evidence(get_session(), me(), set_id, stance_id, form["span"], True)
    return _stance_panel(set_id, focus=request.values.get("focus"))


@bp.delete("/annotate/<set_id>/stances/<stance_id>/evidence/<span_id>")
def remove_evidence(set_id: str, stance_id: str, span_id: str):
    stances.set_evidence(get_session(), me(), set_id, stance_id, span_id, False)
    return _stance_panel(set_id, focus=request.values.get("focus"))


# --- frames -----------------------------------------------------------------------------------

def _frames_panel(set_id: str):
    session = get_session()
    ctx = lv.set_context(session, me(), set_id)
    return render_template("layers/_frames_panel.html", frames=lv.frames_panel(session, ctx, paragraph=_scope()),
                           ctx=ctx)


@bp.get("/annotate/<set_id>/layers/frames")
def frames_panel(set_id: str):
    return _frames_panel(set_id)


@bp.post("/annotate/<set_id>/frames")
def choose_frame(set_id: str):
    form = load(FrameForm(), request.form)
    frames.choose_frame(get_session(), me(), set_id, frame=form["frame"], role=form["role"],
                        paragraph=form["paragraph"])
    if _json_wanted():
        return jsonify({"frame": form["frame"], "role": form["role"]})
    return _frames_panel(set_id)


# --- links ------------------------------------------------------------------------------------

def _links_panel(set_id: str, status: int = 200):
    session = get_session()
    ctx = lv.set_context(session, me(), set_id)
    return render_template("layers/_links_panel.html", links=lv.links_panel(session, ctx), ctx=ctx,
                           closing_choice=request.method != "GET"), status


@bp.get("/annotate/<set_id>/layers/links")
def links_panel(set_id: str):
    return _links_panel(set_id)


@bp.get("/annotate/<set_id>/links/choice")
def link_choice(set_id: str):
    """The types a link between two spans may take: asked before creating it, so the page offers
    only those (and hears at once why a pair cannot be linked)."""
    form = load(LinkChoiceForm(), request.args)
    aset, source, target, types = links.link_choice(get_session(), me(), set_id, form["source"], form["target"])
    return render_template("layers/_link_choice.html", aset=aset, source=source, target=target, types=types)


@bp.post("/annotate/<set_id>/links")
def create_link(set_id: str):
    form = load(LinkCreateForm(), request.form)
    link = links.create_link(get_session(), me(), set_id, source_id=form["source"], target_id=form["target"],
                             link_type=form["link_type"])
    if _json_wanted():
        return jsonify({"id": link.public_id, "link_type": link.link_type, "version": link.version}), 201
    return _links_panel(set_id, 201)


@bp.patch("/annotate/<set_id>/links/<link_id>")
def retype_link(set_id: str, link_id: str):
    form = load(LinkRetypeForm(), request.form)
    links.retype_link(get_session(), me(), set_id, link_id, link_type=form["link_type"], version=form["version"])
    return _links_panel(set_id)


@bp.delete("/annotate/<set_id>/links/<link_id>")
def delete_link(set_id: str, link_id: str):
    links.delete_link(get_session(), me(), set_id, link_id)
    return _links_panel(set_id)


@bp.get("/annotate/<set_id>/argument-map")
def argument_map(set_id: str):
    session = get_session()
    ctx = lv.set_context(session, me(), set_id)
    layout, spans = lv.argument_map(session, ctx)
    return render_template("layers/argument_map.html", ctx=ctx, layout=layout, spans=spans)


# --- mentions, proposals and claim targets -----------------------------------------------------

def _mentions_panel(set_id: str, status: int = 200):
    """The mention list, and the stance panel out of band: its counts follow the mentions."""
    session = get_session()
    ctx = lv.set_context(session, me(), set_id)
    return render_template("layers/_mentions_panel.html", mentions=lv.mentions_panel(session, ctx), ctx=ctx,
                           stance=lv.stance_panel(session, ctx), oob=request.method != "GET"), status


@bp.get("/annotate/<set_id>/layers/mentions")
def mentions_panel(set_id: str):
    return _mentions_panel(set_id)


@bp.post("/annotate/<set_id>/mentions")
def add_mention(set_id: str):
    form = load(MentionForm(), request.form)
    mention = mention_edits.add_manual_mention(get_session(), me(), set_id, actor_id=form["actor"],
                                               paragraph=form["paragraph"], start=form["start"], end=form["end"])
    if _json_wanted():
        return jsonify({"id": mention.public_id, "start": mention.start, "end": mention.end, "text": mention.text}), 201
    return _mentions_panel(set_id, 201)


@bp.delete("/annotate/<set_id>/mentions/<mention_id>")
def delete_mention(set_id: str, mention_id: str):
    mention_edits.delete_manual_mention(get_session(), me(), set_id, mention_id)
    return _mentions_panel(set_id)


@bp.post("/annotate/<set_id>/mentions/<mention_id>/verdict")
def mention_verdict(set_id: str, mention_id: str):
    form = load(VerdictForm(), request.form)
    mention_edits.set_verdict(get_session(), me(), set_id, mention_id, VERDICTS[form["verdict"]])
    return _mentions_panel(set_id)


@bp.post("/annotate/<set_id>/mentions/<mention_id>/verdict-all")
def mention_verdict_for_alias(set_id: str, mention_id: str):
    """Every uncertain mention of this one's alias in the document, confirmed or rejected at once."""
    form = load(VerdictForm(), request.form)
    if form["verdict"] == "clear":
        raise Invalid("choose confirm or reject for all mentions of an alias", "verdict")
    mention_edits.set_verdict_for_alias(get_session(), me(), set_id, mention_id, VERDICTS[form["verdict"]])
    return _mentions_panel(set_id)


@bp.post("/annotate/<set_id>/actor-proposals")
def propose_actor(set_id: str):
    form = load(ProposalForm(), request.form)
    actor = actor_proposals.propose_actor(get_session(), me(), set_id, name=form["name"], kind=form["kind"],
                                          paragraph=form["paragraph"], start=form["start"], end=form["end"])
    if _json_wanted():
        return jsonify({"id": actor.public_id, "name": display_name(actor)}), 201
    return _mentions_panel(set_id, 201)


def _claim_target(set_id: str, span_id: str):
    session = get_session()
    ctx = lv.set_context(session, me(), set_id)
    claims = lv.claim_spans(session, ctx)
    return render_template("layers/_claim_target.html", ctx=ctx, span_id=span_id, target=claims.get(span_id),
                           actors=lv.usable_actors(session, ctx))


@bp.get("/annotate/<set_id>/spans/<span_id>/target")
def claim_target(set_id: str, span_id: str):
    return _claim_target(set_id, span_id)


@bp.post("/annotate/<set_id>/spans/<span_id>/target")
def set_claim_target(set_id: str, span_id: str):
    form = load(TargetForm(), request.form)
    stances.set_claim_target(get_session(), me(), set_id, span_id, actor_id=form["actor"], polarity=form["polarity"])
    return _claim_target(set_id, span_id)
