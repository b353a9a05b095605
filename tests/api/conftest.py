"""API fixtures: tokens for each role, and a client that checks every answer against the OpenAPI
document (status documented, body matching its schema), so each API test is also a contract test."""
from __future__ import annotations

import re
from dataclasses import dataclass

import jsonschema
import pytest

from annotator.api.openapi import build_document
from annotator.services.team.tokens import create_token
from tests.browser.conftest import live_app, live_seeded, live_server, live_session  # noqa: F401  (fixtures)

SEEN_OPERATIONS: set[tuple[str, str]] = set()


def _resolve(node, components):
    """The schema with every $ref replaced by what it names (the document has no cycles)."""
    if isinstance(node, dict):
        if "$ref" in node:
            return _resolve(components[node["$ref"].rsplit("/", 1)[1]], components)
        return {k: _resolve(v, components) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve(v, components) for v in node]
    return node


def _template(path: str) -> tuple[str, re.Pattern]:
    return path, re.compile("^/api/v1" + re.sub(r"\{\w+\}", "[^/]+", path) + "$")


class ContractCheck:
    def __init__(self):
        self.document = build_document()
        self.components = self.document["components"]["schemas"]
        self.templates = [_template(p) for p in self.document["paths"]]

    def operation(self, method: str, path: str) -> tuple[str, dict]:
        matches = [t for t, pattern in self.templates if pattern.match(path.split("?")[0])]
        # The most specific template wins (literal segments over parameters).
        for template in sorted(matches, key=lambda t: t.count("{")):
            operation = self.document["paths"][template].get(method.lower())
            if operation is not None:
                return template, operation
        raise AssertionError(f"{method} {path} is not in the OpenAPI document")

    def check(self, method: str, path: str, response) -> None:
        template, operation = self.operation(method, path)
        SEEN_OPERATIONS.add((method.upper(), template))
        documented = operation["responses"].get(str(response.status_code))
        assert documented is not None, f"{method} {template} answered {response.status_code}, not documented"
        content = documented.get("content")
        if not content:
            assert not response.data, f"{method} {template} {response.status_code} should have no body"
            return
        media = response.mimetype
        assert media in content, f"{method} {template} answered {media}, documented {list(content)}"
        schema = _resolve(content[media]["schema"], self.components)
        if schema.get("format") != "binary":
            jsonschema.validate(response.get_json(), schema)


@dataclass
class ApiClient:
    client: object
    contract: ContractCheck

    def call(self, method: str, path: str, token: str | None = None, json=None, headers=None, **kwargs):
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        response = self.client.open("/api/v1" + path, method=method, json=json, headers=headers, **kwargs)
        self.contract.check(method, "/api/v1" + path, response)
        return response

    def get(self, path, token=None, **kw):
        return self.call("GET", path, token, **kw)

    def post(self, path, token=None, json=None, **kw):
        return self.call("POST", path, token, json=json, **kw)

    def put(self, path, token=None, json=None, **kw):
        return self.call("PUT", path, token, json=json, **kw)

    def patch(self, path, token=None, json=None, **kw):
        return self.call("PATCH", path, token, json=json, **kw)

    def delete(self, path, token=None, **kw):
        return self.call("DELETE", path, token, **kw)


@pytest.fixture(scope="session")
def contract():
    return ContractCheck()


@pytest.fixture
def api(client, contract) -> ApiClient:
    return ApiClient(client, contract)


@pytest.fixture
def tokens(session, seeded) -> dict[str, str]:
    """A read-write token for each seeded person, and a read-only one for the lead."""
    made = {name: create_token(session, getattr(seeded, name), f"{name} tests", scope="read-write").secret
            for name in ("admin", "lead", "ann1", "ann2", "outsider")}
    made["lead_read"] = create_token(session, seeded.lead, "read only").secret
    return made
