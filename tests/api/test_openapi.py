"""The OpenAPI document: valid 3.1, served without a token, covering every /api/v1 route."""
from __future__ import annotations

import re

from openapi_spec_validator import validate

from annotator.api.openapi import build_document


def test_the_document_is_valid_openapi_3_1(client, tokens):
    assert client.get("/api/v1/openapi.json").status_code == 401
    response = client.get("/api/v1/openapi.json", headers={"Authorization": f"Bearer {tokens['ann1']}"})
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_api_route_in_the_url_map_is_documented(app):
    document = build_document()
    documented = {(method.upper(), "/api/v1" + path) for path, ops in document["paths"].items() for method in ops}
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1") or rule.endpoint in ("api.openapi_document", "api.reference"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        routes |= {(m, path) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert routes and routes == documented


def test_every_operation_names_its_inputs_and_problem_answers():
    for path, operations in build_document()["paths"].items():
        for method, operation in operations.items():
            assert operation["summary"] and operation["operationId"]
            problems = [code for code, r in operation["responses"].items()
                        if "application/problem+json" in r.get("content", {})]
            assert {"401", "422"} <= set(problems), f"{method} {path}"


def test_the_reference_page_is_served_with_its_own_assets(client, auth, seeded):
    auth.login("ann1")  # a person reads it in the browser, with their session
    assert client.get("/api/v1/openapi.json").status_code == 200
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "vendor/swagger-ui/swagger-ui-bundle.js" in html and "http" not in html.split("<body>")[0].replace(
        "http-equiv", "")
    asset = client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js")
    assert asset.status_code == 200 and len(asset.data) > 100_000
    asset.close()
