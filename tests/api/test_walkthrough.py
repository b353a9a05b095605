"""docs/api.md's walk-through, run as written against a live server with an admin's token."""
from __future__ import annotations

import re
from pathlib import Path

from annotator.services.team.tokens import create_token
from annotator.services.team.users import create_user
from tests.conftest import PASSWORD

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def test_the_documented_walkthrough_runs_a_project_end_to_end(live_server, live_session, live_seeded):
    annotators = {name: create_user(live_session, name, PASSWORD) for name in ("amina", "karim")}
    token = create_token(live_session, live_seeded.admin, "walkthrough", scope="read-write").secret
    annotator_tokens = {name: create_token(live_session, user, "walkthrough", scope="read-write").secret
                        for name, user in annotators.items()}
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 10
    namespace = {"BASE_URL": live_server.url, "TOKEN": token, "ANNOTATOR_TOKENS": annotator_tokens}
    for block in blocks:
        exec(compile(block, str(DOC), "exec"), namespace)  # noqa: S102  (our own documentation)
    assert namespace["report"]["annotators"] is not None
    sets = namespace["api"].get(f"/projects/{namespace['pid']}/sets").json()
    people_and_model = [s for s in sets if s["owner"] != "gold"]
    assert len(people_and_model) == 5  # four people's sets and the model's
    assert len(sets) - len(people_and_model) == 2  # and each document's gold
    namespace["api"].close()
