"""The resources a lead's script uses, end to end through the API, on every database."""
from __future__ import annotations

import base64

from sqlalchemy import func, select

from annotator.models import Document, Span
from tests.factories import assign, make_actor, make_document

ARABIC = "قالَ الوزيـــرُ إنّ 🇲🇱 مالي «شريكٌ» — and Paris agreed."


def _doc(session, seeded, paragraphs=None):
    return make_document(session, seeded.project, paragraphs or [("title", "عنوان"), ("body", ARABIC)],
                         language="ar")


def test_projects_members_and_schemes(api, tokens, seeded):
    listed = api.get("/projects", tokens["ann1"]).get_json()
    assert [(p["name"], p["role"]) for p in listed] == [("Demo", "annotator")]
    assert api.get("/projects", tokens["outsider"]).get_json() == []
    pid = seeded.project.public_id
    assert api.get(f"/projects/{pid}", tokens["outsider"]).status_code == 404
    assert api.get(f"/projects/{pid}/members", tokens["ann1"]).status_code == 403
    members = api.get(f"/projects/{pid}/members", tokens["lead"]).get_json()
    assert {m["username"] for m in members} == {"lead", "ann1", "ann2"}
    schemes = api.get(f"/projects/{pid}/schemes", tokens["ann1"]).get_json()
    assert schemes[0]["version"] == 1 and schemes[0]["current"] is True
    assert api.post("/projects", tokens["lead"], json={"name": "Other"}).status_code == 403
    made = api.post("/projects", tokens["admin"], json={"name": "Other", "time_zone": "Africa/Cairo"})
    assert made.status_code == 201 and made.get_json()["name"] == "Other"
    assert api.post("/projects", tokens["admin"], json={"name": "Other"}).status_code == 409
    unknown = api.post("/projects", tokens["admin"], json={"name": "Third", "colour": "red"})
    assert unknown.status_code == 422 and unknown.get_json()["field"] == "colour"


def test_import_is_all_or_nothing_and_names_the_bad_record(api, tokens, seeded, session):
    pid = seeded.project.public_id
    good = {"id": "a1", "title": "مقال", "text": "فقرة أولى.\n\nفقرة ثانية.", "language": "ar"}
    bad = api.post(f"/projects/{pid}/documents", tokens["lead"],
                   json={"articles": [good, {"id": "a2", "title": "no text"}]})
    assert bad.status_code == 422 and "articles.1.text" in bad.get_json()["detail"]
    assert session.scalar(select(func.count(Document.id))) == 0
    wrong_type = api.post(f"/projects/{pid}/documents", tokens["lead"], json={"articles": [{"text": 5}]})
    assert wrong_type.status_code == 422 and wrong_type.get_json()["field"] == "articles.0.text"
    made = api.post(f"/projects/{pid}/documents", tokens["lead"], json={"articles": [good]})
    assert made.status_code == 201 and made.get_json()["documents"] == 1
    html = "<html><body><article><h1>Title</h1><p>One paragraph of the article text here.</p></article></body></html>"
    files = api.post(f"/projects/{pid}/documents", tokens["lead"], json={"files": [
        {"name": "page.txt", "content_base64": base64.b64encode("Hello world.\n\nSecond.".encode()).decode()},
        {"name": "post.html", "content_base64": base64.b64encode(html.encode()).decode()}]})
    assert files.status_code == 201, files.get_json()
    assert files.get_json()["documents"] == 2 and len(files.get_json()["document_ids"]) == 2
    not_b64 = api.post(f"/projects/{pid}/documents", tokens["lead"],
                       json={"files": [{"name": "x.txt", "content_base64": "***"}]})
    assert not_b64.status_code == 422 and not_b64.get_json()["field"] == "files.0.content_base64"
    assert api.post(f"/projects/{pid}/documents", tokens["ann1"], json={"articles": [good]}).status_code == 403
    assert api.client.post(f"/api/v1/projects/{pid}/documents", data="{", content_type="application/json",
                           headers={"Authorization": f"Bearer {tokens['lead']}"}).status_code == 400


def test_documents_page_by_cursor_and_read_with_paragraphs(api, tokens, seeded, session):
    pid = seeded.project.public_id
    docs = [make_document(session, seeded.project, [("body", f"Text {i}.")], title=f"Doc {i}") for i in range(7)]
    seen, cursor = [], None
    while True:
        query = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = api.get(f"/projects/{pid}/documents", tokens["lead"], query_string=query).get_json()
        seen += [d["id"] for d in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [d.public_id for d in docs]
    assert api.get(f"/projects/{pid}/documents", tokens["lead"],
                   query_string={"cursor": "nonsense!"}).status_code == 422
    assert api.get(f"/projects/{pid}/documents", tokens["lead"],
                   query_string={"limit": 501}).get_json()["field"] == "limit"
    one = api.get(f"/projects/{pid}/documents/{docs[0].public_id}", tokens["lead"]).get_json()
    assert one["paragraphs"][0]["text"] == "Text 0."
    # An annotator reads only the documents assigned to them.
    assert api.get(f"/projects/{pid}/documents/{docs[0].public_id}", tokens["ann1"]).status_code == 404
    assign(session, docs[0], seeded.ann1)
    assert api.get(f"/projects/{pid}/documents/{docs[0].public_id}", tokens["ann1"]).status_code == 200


def test_assignment_by_hand_and_k_per_document(api, tokens, seeded, session):
    pid = seeded.project.public_id
    d1, d2 = _doc(session, seeded), make_document(session, seeded.project, [("body", "Other text.")])
    by_hand = api.post(f"/projects/{pid}/assignments", tokens["lead"],
                       json={"user": "ann1", "documents": [d1.public_id]})
    assert by_hand.status_code == 201 and by_hand.get_json()["added"] == 1
    balanced = api.post(f"/projects/{pid}/assignments", tokens["lead"], json={"per_document": 2, "seed": 1})
    assert balanced.get_json()["added"] == 3
    neither = api.post(f"/projects/{pid}/assignments", tokens["lead"], json={})
    assert neither.status_code == 422 and neither.get_json()["field"] == "user"
    ghost = api.post(f"/projects/{pid}/assignments", tokens["lead"], json={"user": "nobody"})
    assert ghost.status_code in (404, 422)
    sets = api.get(f"/projects/{pid}/sets", tokens["ann1"]).get_json()
    assert {s["owner"] for s in sets} == {"ann1"} and len(sets) == 2
    assert len(api.get(f"/projects/{pid}/sets", tokens["lead"]).get_json()) == 4


def _set_for(api, token, pid, document):
    sets = api.get(f"/projects/{pid}/sets", token, query_string={"document": document.public_id}).get_json()
    return sets[0]["id"]


def test_spans_in_code_points_with_versions_etags_and_conflicts(api, tokens, seeded, session):
    pid = seeded.project.public_id
    document = _doc(session, seeded)
    assign(session, document, seeded.ann1)
    sid = _set_for(api, tokens["ann1"], pid, document)
    start = ARABIC.index("الوزيـــرُ")
    body = {"paragraph": 1, "start": start, "end": start + len("الوزيـــرُ"), "text": "الوزيـــرُ", "label": "claim"}
    made = api.post(f"/sets/{sid}/spans", tokens["ann1"], json=body)
    assert made.status_code == 201, made.get_json()
    span = made.get_json()
    assert (span["start"], span["end"], span["text"], span["version"]) == (body["start"], body["end"], body["text"], 1)
    assert made.headers["ETag"] == '"1"'
    flag = ARABIC.index("🇲🇱")
    emoji = api.post(f"/sets/{sid}/spans", tokens["ann1"], json={**body, "start": flag, "end": flag + 2,
                                                                 "text": "🇲🇱", "label": "evidence"})
    assert emoji.status_code == 201 and emoji.get_json()["end"] - emoji.get_json()["start"] == 2
    half_flag = api.post(f"/sets/{sid}/spans", tokens["ann1"], json={**body, "start": flag, "end": flag + 1,
                                                                     "text": "🇲", "label": "evidence"})
    assert half_flag.status_code == 422 and half_flag.get_json()["field"] == "end"
    wrong_quote = api.post(f"/sets/{sid}/spans", tokens["ann1"], json={**body, "text": "الوزير"})
    assert wrong_quote.status_code == 422 and wrong_quote.get_json()["field"] == "text"
    outside = api.post(f"/sets/{sid}/spans", tokens["ann1"], json={**body, "end": 10_000})
    assert outside.status_code == 422 and outside.get_json()["field"] == "end"
    unknown = api.post(f"/sets/{sid}/spans", tokens["ann1"], json={**body, "snap": "words"})
    assert unknown.status_code == 422 and unknown.get_json()["field"] == "snap"
    assert session.scalar(select(func.count(Span.id))) == 2
    # Change by version in the body, then by If-Match; an old version is a 409 with the current span.
    changed = api.patch(f"/sets/{sid}/spans/{span['id']}", tokens["ann1"], json={"version": 1, "label": "evidence"})
    assert changed.status_code == 200 and changed.get_json()["label"] == "evidence"
    version = changed.get_json()["version"]
    again = api.patch(f"/sets/{sid}/spans/{span['id']}", tokens["ann1"], json={"label": "claim"},
                      headers={"If-Match": f'"{version}"'})
    assert again.status_code == 200 and again.get_json()["label"] == "claim"
    stale = api.patch(f"/sets/{sid}/spans/{span['id']}", tokens["ann1"], json={"version": 1, "label": "evidence"})
    assert stale.status_code == 409 and stale.get_json()["current"]["label"] == "claim"
    no_version = api.delete(f"/sets/{sid}/spans/{span['id']}", tokens["ann1"])
    assert no_version.status_code == 400 and no_version.get_json()["field"] == "version"
    current = again.get_json()["version"]
    assert api.delete(f"/sets/{sid}/spans/{span['id']}", tokens["ann1"],
                      query_string={"version": current}).status_code == 204
    contents = api.get(f"/sets/{sid}", tokens["ann1"]).get_json()
    assert [s["text"] for s in contents["spans"]] == ["🇲🇱"]


def test_links_stances_frames_and_status(api, tokens, seeded, session):
    pid = seeded.project.public_id
    document = _doc(session, seeded)
    assign(session, document, seeded.ann1)
    mali = make_actor(session, seeded.project, "Mali")
    sid = _set_for(api, tokens["ann1"], pid, document)
    claim_at, evidence_at = ARABIC.index("مالي"), ARABIC.index("Paris")
    claim = api.post(f"/sets/{sid}/spans", tokens["ann1"], json={
        "paragraph": 1, "start": claim_at, "end": claim_at + 4, "text": "مالي", "label": "claim"}).get_json()
    evidence = api.post(f"/sets/{sid}/spans", tokens["ann1"], json={
        "paragraph": 1, "start": evidence_at, "end": evidence_at + 5, "text": "Paris", "label": "evidence"}).get_json()
    link = api.post(f"/sets/{sid}/links", tokens["ann1"], json={"source": evidence["id"], "target": claim["id"],
                                                                 "link_type": "supports"})
    assert link.status_code == 201, link.get_json()
    duplicate = api.post(f"/sets/{sid}/links", tokens["ann1"], json={"source": evidence["id"], "target": claim["id"],
                                                                      "link_type": "supports"})
    assert duplicate.status_code in (409, 422)
    retyped = api.patch(f"/sets/{sid}/links/{link.get_json()['id']}", tokens["ann1"], json={"link_type": "attacks"})
    assert retyped.get_json()["link_type"] == "attacks"
    stance = api.put(f"/sets/{sid}/stances", tokens["ann1"], json={"actor": mali.public_id, "value": "against",
                                                                    "intensity": 2})
    assert stance.status_code == 200 and stance.get_json()["actor_name"] == "Mali"
    bad_stance = api.put(f"/sets/{sid}/stances", tokens["ann1"], json={"actor": mali.public_id, "value": "hate"})
    assert bad_stance.status_code == 422 and bad_stance.get_json()["field"] == "value"
    frames = api.put(f"/sets/{sid}/frames", tokens["ann1"], json={"frame": "economic", "role": "primary"})
    assert frames.get_json() == [{"frame": "economic", "role": "primary", "paragraph": None}]
    contents = api.get(f"/sets/{sid}", tokens["ann1"]).get_json()
    assert len(contents["links"]) == 1 and len(contents["stances"]) == 1
    assert api.delete(f"/sets/{sid}/links/{link.get_json()['id']}", tokens["ann1"]).status_code == 204
    assert api.delete(f"/sets/{sid}/stances/{stance.get_json()['id']}", tokens["ann1"]).status_code == 204
    done = api.post(f"/sets/{sid}/status", tokens["ann1"], json={"status": "done"})
    assert done.status_code == 200 and done.get_json()["status"] == "done"
    refused = api.post(f"/sets/{sid}/spans", tokens["ann1"], json={
        "paragraph": 1, "start": claim_at, "end": claim_at + 4, "text": "مالي", "label": "evidence"})
    assert refused.status_code == 409
    skip = api.post(f"/sets/{sid}/status", tokens["ann1"], json={"status": "skipped"})
    assert skip.status_code == 422 and skip.get_json()["field"] == "reason"
    # The lead reads the set; the other annotator does not even see it exists.
    assert api.get(f"/sets/{sid}", tokens["lead"]).status_code == 200
    assert api.get(f"/sets/{sid}", tokens["ann2"]).status_code == 404


def test_actors_agreement_export_and_annotation_import(api, tokens, seeded, session):
    pid = seeded.project.public_id
    _doc(session, seeded)
    actor = api.post(f"/projects/{pid}/actors", tokens["lead"], json={
        "canonical_name": "Mali", "kind": "state", "aliases": [{"text": "مالي"}, {"text": "Mali"}]})
    assert actor.status_code == 201 and {a["text"] for a in actor.get_json()["aliases"]} == {"مالي", "Mali"}
    assert api.post(f"/projects/{pid}/actors", tokens["ann1"], json={
        "canonical_name": "X", "aliases": [{"text": "x"}]}).status_code == 403
    no_alias = api.post(f"/projects/{pid}/actors", tokens["lead"], json={"canonical_name": "Y", "aliases": []})
    assert no_alias.status_code == 422 and no_alias.get_json()["field"] == "aliases"
    assert [a["name"] for a in api.get(f"/projects/{pid}/actors", tokens["ann1"]).get_json()] == ["Mali"]
    aid = actor.get_json()["id"]
    renamed = api.put(f"/projects/{pid}/actors/{aid}", tokens["lead"], json={
        "canonical_name": "Republic of Mali", "kind": "state", "aliases": [{"text": "مالي"}]})
    assert renamed.get_json()["name"] == "Republic of Mali"
    report = api.get(f"/projects/{pid}/agreement", tokens["lead"])
    assert report.status_code == 200 and report.get_json()["state"] == "current"
    assert "report" in report.get_json()["report"]
    assert api.get(f"/projects/{pid}/agreement", tokens["ann1"]).status_code == 403
    started = api.post(f"/projects/{pid}/exports", tokens["lead"], json={"format": "jsonl"})
    assert started.status_code == 201 and started.get_json()["state"] == "done"
    export_id = started.get_json()["id"]
    assert api.get(f"/exports/{export_id}", tokens["lead"]).get_json()["download"].endswith("/file")
    assert api.get(f"/exports/{export_id}", tokens["admin"]).status_code == 404  # only its owner
    download = api.get(f"/exports/{export_id}/file", tokens["lead"])
    jsonl = download.get_data(as_text=True)
    download.close()
    assert '"type": "header"' in jsonl or '"type":"header"' in jsonl
    assert api.post(f"/projects/{pid}/exports", tokens["lead"], json={"format": "pdf"}).status_code == 422
    assert api.delete(f"/projects/{pid}/actors/{aid}", tokens["lead"]).status_code == 204
    bad = api.post(f"/projects/{pid}/annotations", tokens["lead"], json={"jsonl": "{not json\n"})
    assert bad.status_code == 422


def test_links_and_stances_take_the_version_and_answer_409_with_the_current_one(api, tokens, seeded, session):
    pid = seeded.project.public_id
    document = _doc(session, seeded)
    assign(session, document, seeded.ann1)
    mali = make_actor(session, seeded.project, "Mali")
    sid = _set_for(api, tokens["ann1"], pid, document)
    claim_at, evidence_at = ARABIC.index("مالي"), ARABIC.index("Paris")
    claim = api.post(f"/sets/{sid}/spans", tokens["ann1"], json={
        "paragraph": 1, "start": claim_at, "end": claim_at + 4, "text": "مالي", "label": "claim"}).get_json()
    evidence = api.post(f"/sets/{sid}/spans", tokens["ann1"], json={
        "paragraph": 1, "start": evidence_at, "end": evidence_at + 5, "text": "Paris", "label": "evidence"}).get_json()
    link = api.post(f"/sets/{sid}/links", tokens["ann1"], json={"source": evidence["id"], "target": claim["id"],
                                                                 "link_type": "supports"}).get_json()
    retyped = api.patch(f"/sets/{sid}/links/{link['id']}", tokens["ann1"], json={"link_type": "attacks"},
                        headers={"If-Match": f'"{link["version"]}"'})
    assert retyped.status_code == 200
    stale = api.patch(f"/sets/{sid}/links/{link['id']}", tokens["ann1"], json={"link_type": "supports"},
                      headers={"If-Match": f'"{link["version"]}"'})
    assert stale.status_code == 409 and stale.get_json()["current"]["link_type"] == "attacks"
    gone = api.delete(f"/sets/{sid}/links/{link['id']}?version={link['version']}", tokens["ann1"])
    assert gone.status_code == 409 and gone.get_json()["current"]["version"] == retyped.get_json()["version"]
    stance = api.put(f"/sets/{sid}/stances", tokens["ann1"], json={"actor": mali.public_id, "value": "against"})
    first = stance.get_json()
    changed = api.put(f"/sets/{sid}/stances", tokens["ann1"], json={"actor": mali.public_id, "value": "favor",
                                                                     "version": first["version"]})
    assert changed.status_code == 200 and changed.get_json()["version"] > first["version"]
    stale = api.put(f"/sets/{sid}/stances", tokens["ann1"], json={"actor": mali.public_id, "value": "neutral",
                                                                   "version": first["version"]})
    assert stale.status_code == 409 and stale.get_json()["current"]["value"] == "favor"
    refused = api.delete(f"/sets/{sid}/stances/{first['id']}?version={first['version']}", tokens["ann1"])
    assert refused.status_code == 409
    contents = api.get(f"/sets/{sid}", tokens["ann1"]).get_json()
    assert [s["value"] for s in contents["stances"]] == ["favor"] and len(contents["links"]) == 1
    assert api.delete(f"/sets/{sid}/stances/{first['id']}?version={changed.get_json()['version']}",
                      tokens["ann1"]).status_code == 204


def test_an_export_not_ready_answers_with_retry_after(api, tokens, seeded, session):
    from annotator.models import Job

    job = Job(kind="export", owner_id=seeded.lead.id, project_id=seeded.project.id, params={"format": "xlsx"})
    session.add(job)
    session.commit()
    polled = api.get(f"/exports/{job.public_id}", tokens["lead"])
    assert polled.get_json()["state"] == "queued" and polled.get_json()["download"] is None
    assert polled.headers["Retry-After"].isdigit()
