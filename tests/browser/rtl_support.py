"""What the right-to-left and accessibility browser tests share: a project with a lead's pages full
(the agreement scenario), an Arabic article with one English paragraph, and axe-core injected into
a page (a dev asset copied by `make assets`; never served by the app)."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from annotator.models import Document, Paragraph
from annotator.services.tx import transaction
from tests.factories import agreement_scenario

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
ENGLISH = "The ministry said the talks would resume in Geneva next week."

# Serious and critical only: the bar the issue sets; each with where it was found, to fix it.
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical").map(v =>
    `${v.id} (${v.impact}): ${v.help} :: ` + v.nodes.slice(0, 4).map(n => n.target.join(" ")).join(" | "));
}"""


def serious_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make assets` (it copies axe-core from node_modules)")
    # A page still loading an htmx partial is checked half-drawn; on a loaded machine that is the
    # page axe would see, so wait for the swaps to settle first.
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # through the debugger protocol: the page's CSP stays on
    return page.evaluate(AXE_RUN)


def lead_pages_scenario(session, seeded):
    """The agreement scenario, with an English paragraph in ann1's Arabic document (d-agree)."""
    docs, sets = agreement_scenario(session, seeded)
    with transaction(session):
        document = session.get(Document, docs["d-agree"].id)
        session.add(Paragraph(document_id=document.id, index=3, kind="body", text=ENGLISH, direction="ltr",
                              language="en"))
    return docs, sets


def english_paragraph(session, document) -> int:
    return session.scalar(select(Paragraph.index).where(Paragraph.document_id == document.id,
                                                        Paragraph.language == "en"))
