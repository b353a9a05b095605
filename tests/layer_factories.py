"""What the layer tests share: an annotator's requests to the layer endpoints (htmx headers and
the CSRF token, as the page sends them), and a small actor registry for the Arabic article."""
from __future__ import annotations

from sqlalchemy import func, select

from annotator.models import Actor, Event, FrameChoice, Link, Mention, MentionConfirmation, Stance
from annotator.schemas.actors import ActorSpec, AliasSpec
from annotator.services.actors import registry as actors
from tests.conftest import AuthActions
from tests.web.annotate_support import Annotator

LAYER_MODELS = (Link, Stance, FrameChoice, Mention, MentionConfirmation, Actor, Event)


def registry(session, project) -> dict[str, Actor]:
    """Egypt and the President (found in the Arabic article of annotate_support), and NATO."""
    found = {}
    for name, kind, aliases in (("Egypt", "state", ("مصر",)), ("The President", "person", ("الرئيس",)),
                                ("NATO", "organisation", ("NATO", "الناتو"))):
        found[name] = actors.create_actor(session, project, ActorSpec(name, kind, tuple(AliasSpec(a) for a in aliases)))
    return found


def layer_counts(session) -> tuple[int, ...]:
    """Rows of every layer table and the event log: what must not move when a change is refused."""
    session.rollback()
    session.expire_all()
    return tuple(session.scalar(select(func.count()).select_from(model)) for model in LAYER_MODELS)


class LayerUser(Annotator):
    """An annotator (or lead) calling the layer endpoints of one set."""

    def __init__(self, app, username: str):
        client = app.test_client()
        super().__init__(client, AuthActions(client), username)

    def post(self, aset, path: str, data: dict, **kw):
        return self.client.post(f"/annotate/{aset.public_id}/{path}", data=data, headers=self.headers(**kw))

    def get(self, aset, path: str, **params):
        return self.client.get(f"/annotate/{aset.public_id}/{path}", query_string=params, headers=self.headers())

    def delete_at(self, aset, path: str):
        return self.client.delete(f"/annotate/{aset.public_id}/{path}", headers=self.headers())

    def patch_at(self, aset, path: str, data: dict):
        return self.client.patch(f"/annotate/{aset.public_id}/{path}", data=data, headers=self.headers())
