"""Annotation sets and what they hold: spans, links, stances and frames, with version checks.

Every write goes through the service the annotation page uses, so blindness (another's set is
404), "done" sets refusing changes, the scheme and the span rule apply exactly once.
"""
from __future__ import annotations

from flask import request

from ..db import get_session
from ..errors import BadRequest, Conflict, NotFound
from ..services.annotation import finishing, frames, links, spans, stances
from ..services.annotation.set_contents import set_contents, sets_of_project, span_record
from ..services.annotation.sets import require_own_span, set_to_write
from ..web.access import me, my_id_card, project_with_role
from . import schemas_in as i
from . import schemas_out as o
from .endpoints import operation


@operation("/projects/<project_id>/sets", "GET", summary="Annotation sets: a lead's all, an annotator's own",
           tag="annotations", query=i.SetQuery(), response=o.SetOut(many=True))
def list_sets(project_id, query):
    project, _ = project_with_role(project_id)
    return sets_of_project(get_session(), me(), project, document_public_id=query["document"])


@operation("/sets/<set_id>", "GET", summary="A set with its spans, links, stances and frames",
           tag="annotations", response=o.SetDetailOut())
def get_set(set_id):
    return set_contents(get_session(), me(), set_id)


@operation("/sets/<set_id>/status", "POST", summary="Mark the set done, skipped or in progress",
           tag="annotations", body=i.SetStatusIn(), response=o.SetDetailOut(), errors=(404, 409, 422))
def set_status(set_id, body):
    session = get_session()
    finishing.finish_set(session, me(), set_id, body["status"], reason=body["reason"])
    return set_contents(session, me(), set_id)


def _span_record(set_id: str, span_id: str) -> dict | None:
    return span_record(get_session(), span_id, set_id)


def _etag(version: int) -> dict:
    return {"ETag": f'"{version}"'}


def _optional_version(body_version: int | None) -> int | None:
    """The version a change is based on: in the body (or ?version=), or as If-Match: "N"."""
    if body_version is not None:
        return body_version
    header = request.headers.get("If-Match", "").strip().strip('"').removeprefix("W/").strip('"')
    return int(header) if header.isdigit() else None


def _version(body_version: int | None) -> int:
    version = _optional_version(body_version)
    if version is None:
        raise BadRequest("give the version the change is based on (version, or an If-Match header)", "version")
    return version


def _current(set_id: str, kind: str, item_id: str | None) -> dict | None:
    """The link or stance as it is now (for a 409), or None when it is gone."""
    return next((item for item in set_contents(get_session(), me(), set_id)[kind] if item["id"] == item_id), None)


@operation("/sets/<set_id>/spans", "POST", summary="Create a span (code-point offsets, quoted text checked)",
           tag="annotations", body=i.SpanCreateIn(), response=o.SpanOut(), status=201, errors=(404, 409, 422))
def create_span(set_id, body):
    session = get_session()
    target = set_to_write(session, my_id_card(), set_id)  # one read of the set, as the page's save
    outcome = spans.create_span(session, my_id_card(), set_id, paragraph_index=body["paragraph"],
                                utf16_start=body["start"], utf16_end=body["end"], quoted_text=body["text"],
                                label=body["label"], codepoints=True, target=target)
    return _span_record(set_id, outcome.public_id), _etag(outcome.version)


def _with_current(set_id: str, span_id: str, exc: Conflict) -> Conflict:
    current = None
    try:
        current = _span_record(set_id, span_id)
    except Exception:  # the set may have gone from reach meanwhile: the conflict still stands
        current = None
    return Conflict(exc.message, exc.field, current=current)


@operation("/sets/<set_id>/spans/<span_id>", "PATCH", summary="Change a span's label or one attribute",
           tag="annotations", body=i.SpanChangeIn(), response=o.SpanOut(), errors=(404, 409, 422))
def change_span(set_id, span_id, body):
    _own_span(set_id, span_id)
    try:
        outcome = spans.change_span(get_session(), me(), span_id, version=_version(body["version"]),
                                    label=body["label"], attribute=body["attribute"], value=body["value"])
    except Conflict as exc:
        raise _with_current(set_id, span_id, exc) from exc
    return _span_record(set_id, span_id), _etag(outcome.version)


@operation("/sets/<set_id>/spans/<span_id>", "DELETE", summary="Delete a span (its links go with it)",
           tag="annotations", query=i.VersionQuery(), status=204, errors=(404, 409))
def delete_span(set_id, span_id, query):
    _own_span(set_id, span_id)
    try:
        spans.delete_span(get_session(), me(), span_id, version=_version(query["version"]))
    except Conflict as exc:
        raise _with_current(set_id, span_id, exc) from exc
    return None


def _own_span(set_id: str, span_id: str) -> None:
    """The span must be in this set, and the set the caller's to write (else 404: blindness)."""
    session = get_session()
    set_to_write(session, my_id_card(), set_id)
    require_own_span(session, me(), span_id)
    if _span_record(set_id, span_id) is None:
        raise NotFound("no such span in this set", "span")


def _link_record(set_id: str, link_id: str) -> dict:
    return _current(set_id, "links", link_id)


@operation("/sets/<set_id>/links", "POST", summary="Link two spans of the set (supports, attacks)",
           tag="annotations", body=i.LinkCreateIn(), response=o.LinkOut(), status=201, errors=(404, 409, 422))
def create_link(set_id, body):
    link = links.create_link(get_session(), me(), set_id, source_id=body["source"], target_id=body["target"],
                             link_type=body["link_type"])
    return _link_record(set_id, link.public_id)


@operation("/sets/<set_id>/links/<link_id>", "PATCH", summary="Change a link's type", tag="annotations",
           body=i.LinkRetypeIn(), response=o.LinkOut(), errors=(404, 409, 422))
def retype_link(set_id, link_id, body):
    try:
        links.retype_link(get_session(), me(), set_id, link_id, link_type=body["link_type"],
                          version=_optional_version(body["version"]))
    except Conflict as exc:
        if exc.field != "version":
            raise
        raise Conflict(exc.message, exc.field, current=_current(set_id, "links", link_id)) from exc
    return _link_record(set_id, link_id)


@operation("/sets/<set_id>/links/<link_id>", "DELETE", summary="Delete a link", tag="annotations",
           query=i.VersionQuery(), status=204, errors=(404, 409))
def delete_link(set_id, link_id, query):
    """With ``?version=`` (or If-Match) only that version is deleted: 409 with the link now otherwise."""
    try:
        links.delete_link(get_session(), me(), set_id, link_id, version=_optional_version(query["version"]))
    except Conflict as exc:
        raise Conflict(exc.message, exc.field, current=_current(set_id, "links", link_id)) from exc


@operation("/sets/<set_id>/stances", "PUT", summary="Record the stance toward an actor (replaces in place)",
           tag="annotations", body=i.StanceIn(), response=o.StanceOut(), errors=(404, 409, 422))
def put_stance(set_id, body):
    """With ``version`` (or If-Match) the change replaces that version of the stance toward the actor
    (same paragraph and holder): 409 with the stance now when it changed meanwhile."""
    try:
        stance = stances.set_stance(get_session(), me(), set_id, actor_id=body["actor"], value=body["value"],
                                    intensity=body["intensity"], holder=body["holder"], paragraph=body["paragraph"],
                                    version=_optional_version(body["version"]))
    except Conflict as exc:
        if exc.field != "version":
            raise
        current = next((st for st in set_contents(get_session(), me(), set_id)["stances"]
                        if st["actor"] == body["actor"] and st["paragraph"] == body["paragraph"]
                        and st["holder"] == body["holder"].strip()), None)
        raise Conflict(exc.message, exc.field, current=current) from exc
    return _current(set_id, "stances", stance.public_id)


@operation("/sets/<set_id>/stances/<stance_id>", "DELETE", summary="Delete a stance", tag="annotations",
           query=i.VersionQuery(), status=204, errors=(404, 409))
def delete_stance(set_id, stance_id, query):
    """With ``?version=`` (or If-Match) only that version is deleted: 409 with the stance now otherwise."""
    try:
        stances.delete_stance(get_session(), me(), set_id, stance_id, version=_optional_version(query["version"]))
    except Conflict as exc:
        raise Conflict(exc.message, exc.field, current=_current(set_id, "stances", stance_id)) from exc


@operation("/sets/<set_id>/frames", "PUT", summary="Give a frame a role (primary, secondary, none)",
           tag="annotations", body=i.FrameIn(), response=o.FrameOut(many=True), errors=(404, 409, 422))
def put_frame(set_id, body):
    frames.choose_frame(get_session(), me(), set_id, frame=body["frame"], role=body["role"],
                        paragraph=body["paragraph"])
    return set_contents(get_session(), me(), set_id)["frames"]
