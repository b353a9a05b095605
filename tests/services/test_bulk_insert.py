"""bulk_insert stores what SQLAlchemy's own insert stores: the same JSON text, dates and nulls."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import insert, select, text

from annotator import json_text
from annotator.models import Event, utcnow
from annotator.services.interchange.bulk_insert import bulk_insert

VALUES = [None, {}, [], {"k": ["a", 1, 2.5, None, True]}, {"text": "قالَ \"الكاتبُ\"\n\t\u2028 é 😀"},
          {"float": 1e-7, "big": 10**30, "nan": float("nan"), "ordered": {"z": 1, "a": 2}}]


@pytest.mark.parametrize("value", VALUES)
def test_json_text_is_json_dumps(value):
    assert json_text.dumps(value) == json.dumps(value)
    assert json_text.encoder(ensure_ascii=False, separators=(",", ":"))(value) == json.dumps(
        value, ensure_ascii=False, separators=(",", ":"))


def test_json_text_refuses_what_json_dumps_refuses():
    with pytest.raises(TypeError):
        json_text.dumps({"when": object()})


def test_rows_in_by_bulk_insert_read_back_as_rows_in_by_sqlalchemy(session):
    now = utcnow()
    columns = ("action", "entity", "entity_id", "before", "after", "at")
    rows = [(f"bulk.{n}", "document", f"d{n}", value, {"n": n}, now) for n, value in enumerate(VALUES[:-1])]
    bulk_insert(session, Event.__table__, columns, rows)
    session.execute(insert(Event.__table__), [dict(zip(columns, (f"core.{n}", *row[1:]))) for n, row in enumerate(rows)])
    session.commit()
    stored = {action: rest for action, *rest in session.execute(
        select(Event.action, Event.entity_id, Event.before, Event.after, Event.at).order_by(Event.id))}
    for n in range(len(rows)):
        assert stored[f"bulk.{n}"] == stored[f"core.{n}"]
    if session.get_bind().dialect.name == "sqlite":  # the stored text itself, byte for byte
        raw = dict(session.execute(text("SELECT action, before || '|' || after || '|' || at FROM events")).all())
        for n in range(len(rows)):
            assert raw[f"bulk.{n}"] == raw[f"core.{n}"]
