"""One paragraph numbering everywhere (issue 18): from 1, as a person counts (the title is 1), in
the workbook, the CSV files, the side-by-side view, the mentions panel and the annotation page."""
from __future__ import annotations

import io
import re

from annotator.schemas.actors import ActorSpec, AliasSpec
from annotator.services.actors.registry import create_actor
from annotator.services.interchange.export import export_project
from tests.export.helpers import csv_tables, rows_as_dicts, workbook
from tests.factories import add_span, assign, make_document

ARTICLE = [("title", "السَّاحل بين وصايتين"), ("body", "مقدمة قصيرة."), ("body", "فشلت فرنسا في السَّاحل.")]


def test_the_third_paragraph_is_3_in_the_export_and_on_every_page(client, auth, session, seeded):
    document = make_document(session, seeded.project, ARTICLE, "ar", external_id="sahel")
    create_actor(session, seeded.project, ActorSpec("France", "state", (AliasSpec("فرنسا"),)))  # finds its mention
    aset = assign(session, document, seeded.ann1)
    add_span(session, aset, 2, "claim", 0, 4)  # stored index 2: the third paragraph

    book = io.BytesIO()
    export_project(session, seeded.project, "xlsx", book)
    spans = rows_as_dicts(workbook(book.getvalue())["Spans"])
    assert [r["Paragraph"] for r in spans] == [3]
    paragraphs = rows_as_dicts(workbook(book.getvalue())["Paragraphs"])
    assert [r["Paragraph"] for r in paragraphs if r["Document"] == "sahel"] == [1, 2, 3]
    archive = io.BytesIO()
    export_project(session, seeded.project, "csv", archive)
    assert [r["Paragraph"] for r in csv_tables(archive.getvalue())["spans.csv"]] == ["3"]

    auth.login("ann1")
    page = client.get(f"/annotate/{aset.public_id}").get_data(as_text=True)
    assert re.search(r'id="p-2" data-index="2" data-number="3"', page)  # the page's margin number
    assert "¶3" in page  # the mentions panel: فرنسا in the third paragraph
    auth.logout()
    auth.login("lead")
    compare = client.get(f"/projects/{seeded.project.public_id}/agreement/documents/{document.public_id}")
    rows = re.findall(r'<th scope="row">(\d+)</th>', compare.get_data(as_text=True))
    assert rows == ["1", "2", "3"]
