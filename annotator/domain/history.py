"""An annotator's history in one set: which change Ctrl+Z takes back next, and which Ctrl+Shift+Z
makes again, read from the event log alone.

The log is append-only, so undo and redo are changes too: each is logged with ``history`` set
to "undo" or "redo" and ``reverts`` naming the change it takes back or makes again. Replaying
the log in order gives the two stacks of every editor: a change made directly goes on the done
stack and empties the redo stack; an undo moves the top of the done stack to the redo stack; a
redo moves it back. One undo may log several events (bringing back a deleted span brings back
its links); they share their marks and count once.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..i18n import N_, Keyword, Phrase

# What an annotator can take back: the changes a person makes on the annotation page.
UNDOABLE = frozenset({
    "span.create", "span.change", "span.delete", "span.target",
    "link.create", "link.update", "link.delete",
    "stance.create", "stance.update", "stance.delete", "stance.evidence.add", "stance.evidence.remove",
    "frames.set", "set.done", "set.skipped", "set.in_progress",
    # A verdict on a found mention is the annotator's own, in the set. Adding or deleting a mention
    # and proposing an actor are not: they change what every set of the document, or the project's
    # registry, sees (a lead may have accepted the proposal since).
    "mention.verdict",
})
HISTORY_KINDS = ("undo", "redo")


class Entry(NamedTuple):
    """One logged event as the stacks need it (a database row of these four columns will do)."""

    id: int
    action: str
    history: str | None = None  # "undo", "redo" or None for a change made directly
    reverts: int | None = None  # the change an undo or redo is about


@dataclass(frozen=True)
class Stacks:
    done: tuple[int, ...]  # changes that Ctrl+Z may take back, the next one last
    undone: tuple[int, ...]  # changes that Ctrl+Shift+Z may make again, the next one last

    @property
    def next_undo(self) -> int | None:
        return self.done[-1] if self.done else None

    @property
    def next_redo(self) -> int | None:
        return self.undone[-1] if self.undone else None


def stacks(entries: Iterable[tuple]) -> Stacks:
    """The done and redo stacks after ``entries`` (one user's events in one set, oldest first),
    each an Entry or any (id, action, history, reverts) tuple."""
    done: list[int] = []
    undone: list[int] = []
    last_mark: tuple[str, int | None] | None = None
    for event_id, action, history, reverts in entries:  # plain unpacking: a set may hold thousands
        if action not in UNDOABLE:
            continue
        if history is None:
            done.append(event_id)
            undone.clear()
            last_mark = None
            continue
        mark = (history, reverts)
        if mark == last_mark:
            continue  # another event of the same undo or redo
        last_mark = mark
        if history == "undo" and done and done[-1] == reverts:
            undone.append(done.pop())
        elif history == "redo" and undone and undone[-1] == reverts:
            done.append(undone.pop())
    return Stacks(tuple(done), tuple(undone))


def _quote(text: str | None, limit: int = 40) -> str:
    text = " ".join((text or "").split())
    return "«" + (text if len(text) <= limit else text[: limit - 1] + "…") + "»"


# The stored keys a change names (a link's type, a stance's value, a frame's role): the key in
# English, the word in the reader's language.
KEY_WORDS = {"supports": N_("supports"), "attacks": N_("attacks"), "favor": N_("favor"), "against": N_("against"),
             "neutral": N_("neutral"), "not_stated": N_("not stated"), "primary": N_("primary"),
             "secondary": N_("secondary")}


def key_word(key) -> str:
    return Keyword(key, KEY_WORDS[key]) if key in KEY_WORDS else str(key)


def label_names(scheme) -> dict[str, dict]:
    """Each label's (and frame's) names per language, by key: what ``describe`` calls them."""
    labels = [label for layer in scheme.layers for label in layer.labels] + list(scheme.frames.labels)
    return {label.key: dict(label.names) for label in labels}


def describe(action: str, before: dict | None, after: dict | None, names: dict[str, dict] | None = None) -> str:
    """A change in a few words, for the history panel, the audit page and undo's answers: a
    Phrase (its English as a string), said in the reader's language where it is shown.

    ``names`` (label_names) lets a reader in Arabic or French read a label's name in their
    language; the English words keep the key the event stored (``claim``), as the CLI, the audit
    export and scripts read them."""
    before, after = before or {}, after or {}

    def named(key):
        found = (names or {}).get(key)
        return {**found, "en": str(key)} if found else str(key)

    if action == "span.create":
        return Phrase("tagged {text} as {label}", text=_quote(after.get("text")), label=named(after.get("label")))
    if action == "span.delete":
        return Phrase("deleted the {label} span {text}", label=named(before.get("label")), text=_quote(before.get("text")))
    if action == "span.change":
        if before.get("label") != after.get("label"):
            return Phrase("relabelled {text} from {old} to {new}", text=_quote(after.get("text")),
                          old=named(before.get("label")), new=named(after.get("label")))
        return Phrase("changed the attributes of {text}", text=_quote(after.get("text")))
    if action == "span.target":
        return Phrase("cleared a claim's target actor") if not after.get("target_actor_id") else \
            Phrase("named a claim's target actor")
    if action.startswith("link."):
        snap = after or before
        template = {"link.create": N_("linked {source} → {target} ({type})"),
                    "link.update": N_("retyped the link {source} → {target} ({type})"),
                    "link.delete": N_("unlinked {source} → {target} ({type})")}[action]
        return Phrase(template, source=named(snap.get("source_label")), target=named(snap.get("target_label")),
                      type=key_word(snap.get("type")))
    if action.startswith("stance.evidence."):
        return Phrase("added evidence to a stance") if after.get("present") else Phrase("removed evidence from a stance")
    if action.startswith("stance."):
        snap = after or before
        who = snap.get("actor_name") or Phrase("an actor")
        if action == "stance.delete":
            return Phrase("cleared the stance toward {who}", who=who)
        if snap.get("intensity"):
            return Phrase("stance toward {who}: {value} {intensity}", who=who, value=key_word(snap.get("value")),
                          intensity=snap.get("intensity"))
        return Phrase("stance toward {who}: {value}", who=who, value=key_word(snap.get("value")))
    if action == "mention.verdict":
        verdict = after.get("confirmed")
        return (Phrase("withdrew a mention's verdict") if verdict is None
                else Phrase("confirmed a mention") if verdict else Phrase("rejected a mention"))
    if action == "frames.set":
        chosen = after.get("frames") or {}
        listed = [Phrase("{frame} ({role})", frame=named(frame), role=key_word(role)) for frame, role in chosen.items()] or \
            [Phrase("none")]
        if after.get("paragraph") is None:
            return Phrase("frames of the document: {frames}", ", ", frames=listed)
        return Phrase("frames of paragraph {number}: {frames}", ", ", number=after.get("paragraph"), frames=listed)
    words = _SAID.get(action)
    return Phrase(words) if words else action


# Events said in the same words every time (the sets' status and sign-ins).
_SAID = {"set.done": N_("marked the document done"), "set.skipped": N_("skipped the document"),
         "set.in_progress": N_("reopened the document"), "auth.sign_in": N_("signed in"),
         "auth.sign_in_failed": N_("failed to sign in"),
         "auth.sign_in_throttled": N_("was refused: too many sign-in attempts")}


def kind_of(action: str) -> str:
    """The family an action belongs to, for the audit page's filter (span, link, stance, ...)."""
    return action.split(".", 1)[0]
