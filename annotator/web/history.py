"""History: undo and redo in a set (Ctrl+Z / Ctrl+Shift+Z on the annotation page) and the set's
history panel. The lead's project audit page is web/audit.py.

Undo and redo answer with the history panel (the swap target) and, in ``X-History-Refresh``,
what else on the page the change touched (paragraphs, panels, with the URLs that redraw them);
JSON for a client that asks for it.
"""
from __future__ import annotations

import json

from flask import Blueprint, g, jsonify, render_template, url_for

from ..db import get_session
from ..i18n import Phrase
from ..services.annotation.sets import readable_set
from ..services.history import undo as history
from .access import my_id_card
from .errors import is_htmx, wants_json

bp = Blueprint("history", __name__)
PANEL_URLS = {"links": ("layers.links_panel", "#links-panel"), "stance": ("layers.stance_panel", "#stance-panel"),
              "frames": ("layers.frames_panel", "#frames-panel"), "status": ("annotate.status", "#status"),
              "mentions": ("layers.mentions_panel", "#mentions-panel")}


@bp.app_context_processor
def _history_panel():
    def history_panel_for(aset, owner: bool):
        return history.history_panel(get_session(), aset, editable=owner)

    return {"history_panel_for": history_panel_for}


def _panel(set_id: str, status: int = 200, headers: dict | None = None, done: history.Reverted | None = None):
    aset = done.aset if done else readable_set(get_session(), my_id_card(), set_id)
    panel = history.history_panel(get_session(), aset, editable=aset.user_id == my_id_card().id,
                                  found=done.stacks if done else None, names=done.names if done else None)
    return render_template("history/_panel.html", history=panel, aset=aset), status, headers or {}


@bp.get("/annotate/<set_id>/history")
def panel(set_id: str):
    return _panel(set_id)


def _reverted(set_id: str, done: history.Reverted):
    refresh = {"paragraphs": sorted(done.touched.paragraphs),
               "panels": {PANEL_URLS[name][1]: url_for(PANEL_URLS[name][0], set_id=set_id)
                          for name in sorted(done.touched.panels)},
               "said": (Phrase("undone: {what}", what=done.description) if done.undo else
                        Phrase("redone: {what}", what=done.description)).in_language(g.ui_lang)}
    if not is_htmx() and wants_json():
        return jsonify({"undo": done.undo, "event": done.event_id, **refresh})
    # JSON with non-ASCII escaped: safe in a header whatever the words.
    return _panel(set_id, headers={"X-History-Refresh": json.dumps(refresh)}, done=done)


# No form to read: the service's own check of the set (404 for anyone else's) comes first.
@bp.post("/annotate/<set_id>/history/undo")
def undo(set_id: str):
    user = my_id_card()  # the id and admin flag are all the checks need: no User row is loaded
    return _reverted(set_id, history.undo(get_session(), user, set_id))


@bp.post("/annotate/<set_id>/history/redo")
def redo(set_id: str):
    return _reverted(set_id, history.redo(get_session(), my_id_card(), set_id))
