"""Public ids: version 7 UUIDs, unique, in the order they were made (so indexes on them grow at
their end), and a proposed actor's tag tells sets apart whenever they were made."""
import time
import uuid

from annotator.models import new_public_id
from annotator.services.actors.proposals import set_tag


def test_public_ids_are_version_7_uuids_in_the_order_they_were_made():
    ids = []
    for _ in range(5):
        ids.extend(new_public_id() for _ in range(400))
        time.sleep(0.002)
    assert len(set(ids)) == len(ids)
    for value in ids:
        parsed = uuid.UUID(value)
        assert str(parsed) == value and parsed.version == 7 and parsed.variant == uuid.RFC_4122
    stamps = [int(value.replace("-", "")[:12], 16) for value in ids]
    assert stamps == sorted(stamps)
    assert abs(stamps[-1] - time.time() * 1000) < 5000


def test_set_tags_differ_for_sets_made_in_the_same_millisecond():
    made_together = [new_public_id() for _ in range(200)]
    assert len({set_tag(p) for p in made_together}) == 200


def test_an_older_random_set_keeps_the_tag_it_had():
    old = str(uuid.uuid4())
    assert set_tag(old) == old[:8]
