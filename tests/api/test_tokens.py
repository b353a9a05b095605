"""Tokens: made, listed and revoked (service, CLI and account page), and what opens the API."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from annotator.models import ApiToken, utcnow
from annotator.services.team.tokens import create_token, hash_secret, revoke_token


def test_a_token_is_stored_only_as_a_hash_and_shown_once(session, seeded):
    made = create_token(session, seeded.lead, "notebook", scope="read")
    row = session.scalar(select(ApiToken).where(ApiToken.public_id == made.token.public_id))
    assert made.secret.startswith("ann_") and len(made.secret) > 40
    assert row.token_hash == hash_secret(made.secret) and made.secret not in (row.token_hash, row.prefix)
    assert made.secret.startswith(row.prefix)


def test_no_token_or_a_bad_one_is_a_401_problem(api, tokens):
    for header in (None, "Bearer", "Basic abc", "Bearer ann_nonsense", "Bearer not-ours"):
        response = api.client.get("/api/v1/projects", headers={"Authorization": header} if header else {})
        assert response.status_code == 401
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["field"] == "authorization"


def test_a_revoked_or_expired_token_no_longer_opens_the_api(api, session, seeded, tokens):
    made = create_token(session, seeded.lead, "short", scope="read", expires_at=utcnow() + timedelta(seconds=60))
    assert api.get("/projects", made.secret).status_code == 200
    session.execute(ApiToken.__table__.update().where(ApiToken.public_id == made.token.public_id)
                    .values(expires_at=utcnow() - timedelta(seconds=1)))
    session.commit()
    expired = api.get("/projects", made.secret)
    assert expired.status_code == 401 and "expired" in expired.get_json()["detail"]
    other = create_token(session, seeded.lead, "to revoke", scope="read")
    revoke_token(session, seeded.lead, other.token.public_id)
    revoked = api.get("/projects", other.secret)
    assert revoked.status_code == 401 and "revoked" in revoked.get_json()["detail"]


def test_a_read_token_cannot_write(api, tokens, seeded):
    response = api.put(f"/projects/{seeded.project.public_id}/members", tokens["lead_read"],
                       json={"username": "ann1", "role": "lead"})
    assert response.status_code == 403 and response.get_json()["field"] == "scope"
    members = api.get(f"/projects/{seeded.project.public_id}/members", tokens["lead_read"]).get_json()
    assert {m["username"]: m["role"] for m in members}["ann1"] == "annotator"


def test_the_browser_session_does_not_open_the_api_and_the_api_sets_no_cookie(api, auth, tokens):
    auth.login("lead")
    assert api.get("/projects").status_code == 401
    response = api.get("/projects", tokens["lead"])
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    # And a token does not open the pages either.
    api.client.post("/logout", data={"csrf_token": auth.csrf_token()})
    page = api.client.get("/", headers={"Authorization": f"Bearer {tokens['lead']}"})
    assert page.status_code in (302, 401)  # to the login form, or 401 for a non-browser client


def test_no_csrf_token_is_needed_on_the_api(api, tokens, seeded):
    # The test app checks CSRF like production; a bearer request carries none and is accepted.
    response = api.put(f"/projects/{seeded.project.public_id}/members", tokens["lead"],
                       json={"username": "outsider", "role": "annotator"})
    assert response.status_code == 200


def test_last_use_is_recorded(api, session, tokens):
    api.get("/projects", tokens["ann1"])
    session.expire_all()
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_secret(tokens["ann1"])))
    assert row.last_used_at is not None


def test_tokens_listed_and_revoked_through_the_api_are_the_holders_own(api, tokens):
    mine = api.get("/tokens", tokens["ann1"]).get_json()
    assert [t["name"] for t in mine] == ["ann1 tests"] and mine[0]["state"] == "active"
    theirs = api.get("/tokens", tokens["ann2"]).get_json()[0]["id"]
    assert api.delete(f"/tokens/{theirs}", tokens["ann1"]).status_code == 404
    assert api.get("/tokens", tokens["ann2"]).status_code == 200
    assert api.delete(f"/tokens/{mine[0]['id']}", tokens["ann1"]).status_code == 204
    assert api.get("/tokens", tokens["ann1"]).status_code == 401


def test_the_cli_makes_lists_and_revokes_tokens(runner, seeded, api):
    made = runner.invoke(["tokens", "create", "--user", "lead", "--name", "cli", "--scope", "read-write",
                          "--expires-days", "30"])
    assert made.exit_code == 0, made.output
    secret = made.stdout.strip().splitlines()[0]
    assert api.get("/projects", secret).status_code == 200
    listed = runner.invoke(["tokens", "list", "--user", "lead"])
    token_id = listed.output.split("\t")[0]
    assert "cli" in listed.output and "read-write" in listed.output and "active" in listed.output
    assert runner.invoke(["tokens", "revoke", "--user", "lead", token_id]).exit_code == 0
    assert api.get("/projects", secret).status_code == 401
    assert runner.invoke(["tokens", "create", "--user", "nobody", "--name", "x"]).exit_code == 3
    assert runner.invoke(["tokens", "create", "--user", "lead", "--name", "x", "--scope", "all"]).exit_code == 2
    assert runner.invoke(["tokens", "revoke", "--user", "ann1", token_id]).exit_code == 3


def test_the_account_page_makes_a_token_shows_it_once_and_revokes_it(client, auth, seeded, api):
    auth.login("ann1")
    assert client.get("/account/tokens").status_code == 200
    bad = client.post("/account/tokens", data={"name": "", "csrf_token": auth.csrf_token()})
    assert bad.status_code == 422 and "name" in bad.get_data(as_text=True)
    made = client.post("/account/tokens", data={"name": "notebook", "scope": "read",
                                                "csrf_token": auth.csrf_token()})
    page = made.get_data(as_text=True)
    import re

    secret = re.search(r"(ann_[A-Za-z0-9_-]{30,})", page).group(1)
    assert api.get("/projects", secret).status_code == 200
    again = client.get("/account/tokens").get_data(as_text=True)
    assert secret not in again and "notebook" in again
    token_id = api.get("/tokens", secret).get_json()[0]["id"]
    client.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": auth.csrf_token()})
    assert api.get("/projects", secret).status_code == 401
    # Without the CSRF token the page refuses to make one.
    assert client.post("/account/tokens", data={"name": "x"}).status_code == 400
