"""The external recommender protocol, against a tiny server of the test's own on loopback."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select

from annotator.models import Event
from annotator.services.recommenders import decisions, settings
from annotator.services.recommenders.suggesting import suggestions_for_set
from tests.factories import assign, make_document

TEXT = "قالت الحكومة إن الوضع كارثة حقيقية 🙂 اليوم"


class _Handler(BaseHTTPRequestHandler):
    answer: object = {}
    delay = 0.0
    seen: list = []

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append(body)
        time.sleep(type(self).delay)
        raw = self.answer if isinstance(self.answer, bytes) else json.dumps(self.answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.answer, _Handler.delay, _Handler.seen = {}, 0.0, []
    yield f"http://127.0.0.1:{httpd.server_port}/suggest"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def aset(session, seeded, server):
    settings.set_suggestion_settings(session, seeded.project, external_url=server, external_timeout=0.5)
    document = make_document(session, seeded.project, [("body", TEXT)], language="ar")
    return assign(session, document, seeded.ann1)


def _notes(session):
    return [e.after["reason"] for e in session.scalars(select(Event).where(Event.action == "recommender.dropped"))]


def test_a_valid_answer_becomes_suggestions(session, seeded, aset):
    start = TEXT.index("كارثة")
    _Handler.answer = {"name": "local-llm", "spans": [
        {"paragraph": 0, "start": start, "end": start + len("كارثة حقيقية"), "label": "loaded_language", "score": 0.9}],
        "frames": [{"label": "economic", "score": 0.7}]}
    got = suggestions_for_set(session, seeded.ann1, aset)
    assert _Handler.seen[0]["protocol"] == "annotator-recommender/1"
    assert _Handler.seen[0]["document"]["paragraphs"] == [TEXT]
    assert "loaded_language" in _Handler.seen[0]["labels"]["technique"]
    span = next(s for s in got if s.kind == "span")
    assert (span.recommender, span.text, span.score) == ("external:local-llm", "كارثة حقيقية", 0.9)
    assert [s.label for s in got if s.kind == "frame"] == ["economic"]
    assert _notes(session) == []
    decisions.accept_suggestion(session, seeded.ann1, aset.public_id, span.key)
    assert span.key not in {s.key for s in suggestions_for_set(session, seeded.ann1, aset)}


@pytest.mark.parametrize("answer, reason", [
    (b"{not json", "not JSON"),
    ({"spans": [{"paragraph": 0, "start": 5, "end": 500, "label": "loaded_language", "score": 0.5}]}, "outside paragraph 0"),
    ({"spans": [{"paragraph": 3, "start": 0, "end": 2, "label": "loaded_language", "score": 0.5}]}, "outside paragraph 3"),
    ({"spans": [{"paragraph": 0, "start": 0, "end": 4, "label": "sarcasm", "score": 0.5}]}, "'sarcasm' is not in the scheme"),
    ({"frames": [{"label": "weather", "score": 0.5}]}, "'weather' is not a frame"),
    ({"spans": [{"paragraph": 0, "start": 0, "end": 4, "label": "claim", "score": 7}]}, "score"),
    ([1, 2], "not the protocol"),
])
def test_invalid_answers_are_dropped_with_a_reason_for_the_lead(session, seeded, aset, answer, reason):
    _Handler.answer = answer
    assert suggestions_for_set(session, seeded.ann1, aset) == []
    notes = _notes(session)
    assert len(notes) == 1 and reason in notes[0]


def test_a_late_answer_is_dropped_and_annotation_goes_on(session, seeded, aset):
    _Handler.answer, _Handler.delay = {"frames": [{"label": "economic", "score": 0.7}]}, 1.5
    began = time.monotonic()
    assert suggestions_for_set(session, seeded.ann1, aset) == []
    assert time.monotonic() - began < 1.4
    assert "no answer within" in _notes(session)[0]


def test_an_unreachable_server_is_dropped(session, seeded, aset):
    settings.set_suggestion_settings(session, seeded.project, external_url="http://127.0.0.1:9/")
    assert suggestions_for_set(session, seeded.ann1, aset) == []
    assert "could not be reached" in _notes(session)[0]


def test_the_lead_reads_why_suggestions_were_dropped_in_their_language(client, auth, session, seeded, aset):
    import html

    from annotator.i18n import catalog

    _Handler.answer = {"spans": [{"paragraph": 0, "start": 0, "end": 4, "label": "sarcasm", "score": 0.5},
                                 {"paragraph": 0, "start": 0, "end": 4, "label": "claim", "score": 7}]}
    assert suggestions_for_set(session, seeded.ann1, aset) == []
    assert _notes(session)[0].startswith("span 1: score: Must be greater than or equal to 0")  # the English kept
    assert _notes(session)[0].endswith("; span 0: label 'sarcasm' is not in the scheme")
    auth.login("lead")
    page = html.unescape(client.get(f"/projects/{seeded.project.public_id}/recommenders?lang=ar").get_data(as_text=True))
    arabic = catalog("ar").gettext("span {n}: label '{label}' is not in the scheme").format(n=0, label="sarcasm")
    assert arabic in page and "is not in the scheme" not in page
    # The protocol's field names stay as the protocol spells them; what is wrong with them is said in Arabic.
    assert "المقطع 1: score: " in page and "Must be greater" not in page
