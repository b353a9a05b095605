"""What the annotation tests share: an Arabic article that trips naive offset code, and requests
made the way the page makes them (htmx headers, UTF-16 offsets, the CSRF header)."""
from __future__ import annotations

import unicodedata

from sqlalchemy import func, select

from annotator.models import Event, Span
from tests.factories import assign, make_document

# Diacritics, tatweel, emoji (two UTF-16 units), a flag (two code points, one grapheme) and a
# mixed-direction run.
ARABIC_ARTICLE = [(kind, unicodedata.normalize("NFC", text)) for kind, text in [  # stored text is NFC
    ("title", "قالَ الرَّئِيسُ إن مـــصر لن تتراجع"),
    ("body", "قالَ الرَّئِيسُ إن الاتفاق سيصمد رغم كل الضغوط."),
    ("body", "أضرّت العقوبات 😀 بالمواطنين 🇲🇦 أكثر مما أضرّت بالنظام."),
    ("heading", "موقف الحلفاء"),
    ("body", "قال NATO إن 2024 سيكون عاماً حاسماً."),
]]
HTMX = {"HX-Request": "true"}


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def offsets_of(paragraph: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    """The phrase's UTF-16 offsets in the paragraph, as the browser counts them."""
    at = -1
    for _ in range(occurrence + 1):
        at = paragraph.index(phrase, at + 1)
    return utf16(paragraph[:at]), utf16(paragraph[:at + len(phrase)])


def arabic_set(session, seeded, user=None):
    document = make_document(session, seeded.project, ARABIC_ARTICLE, "ar")
    return document, assign(session, document, user or seeded.ann1)


def counts(session) -> tuple[int, int]:
    """Spans and events: what must not move when a change is refused."""
    session.rollback()
    session.expire_all()
    return session.scalar(select(func.count(Span.id))), session.scalar(select(func.count(Event.id)))


class Annotator:
    """One logged-in annotator's requests, with the page's CSRF token."""

    def __init__(self, client, auth, username: str):
        auth.login(username)
        self.client = client
        self.token = auth.csrf_token()

    def headers(self, extra=None, csrf=True):
        headers = dict(HTMX)
        if csrf:
            headers["X-CSRFToken"] = self.token
        headers.update(extra or {})
        return headers

    def tag(self, aset, index: int, phrase: str, label: str = "claim", *, occurrence: int = 0, snap="words",
            override: dict | None = None, headers=None, csrf=True):
        text = dict(enumerate(t for _, t in ARABIC_ARTICLE))[index] if index < len(ARABIC_ARTICLE) else ""
        start, end = offsets_of(text, phrase, occurrence) if phrase in text else (0, 1)
        data = {"paragraph": index, "end_paragraph": index, "start": start, "end": end, "text": phrase,
                "label": label, "snap": snap}
        data.update(override or {})
        data = {k: v for k, v in data.items() if v is not None}
        return self.client.post(f"/annotate/{aset.public_id}/spans", data=data,
                                headers=self.headers(headers, csrf))

    def change(self, span_id: str, version: int, **fields):
        return self.client.patch(f"/annotate/spans/{span_id}", data={"version": version, **fields},
                                 headers=self.headers())

    def delete(self, span_id: str, version: int):
        return self.client.delete(f"/annotate/spans/{span_id}?version={version}", headers=self.headers())

    def status(self, aset, status: str, reason: str | None = None):
        data = {"status": status, **({"reason": reason} if reason is not None else {})}
        return self.client.post(f"/annotate/{aset.public_id}/status", data=data, headers=self.headers())
