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


def describe(action: str, before: dict | None, after: dict | None) -> str:
    """A change in a few words, for the history panel, the audit page and undo's answers."""
    before, after = before or {}, after or {}
    if action == "span.create":
        return f"tagged {_quote(after.get('text'))} as {after.get('label')}"
    if action == "span.delete":
        return f"deleted the {before.get('label')} span {_quote(before.get('text'))}"
    if action == "span.change":
        if before.get("label") != after.get("label"):
            return f"relabelled {_quote(after.get('text'))} from {before.get('label')} to {after.get('label')}"
        return f"changed the attributes of {_quote(after.get('text'))}"
    if action == "span.target":
        return "cleared a claim's target actor" if not after.get("target_actor_id") else "named a claim's target actor"
    if action.startswith("link."):
        snap = after or before
        verb = {"link.create": "linked", "link.update": "retyped the link", "link.delete": "unlinked"}[action]
        return f"{verb} {snap.get('source_label')} → {snap.get('target_label')} ({snap.get('type')})"
    if action.startswith("stance.evidence."):
        return "added evidence to a stance" if after.get("present") else "removed evidence from a stance"
    if action.startswith("stance."):
        snap = after or before
        who = snap.get("actor_name") or "an actor"
        if action == "stance.delete":
            return f"cleared the stance toward {who}"
        strength = f" {snap.get('intensity')}" if snap.get("intensity") else ""
        return f"stance toward {who}: {snap.get('value')}{strength}"
    if action == "mention.verdict":
        verdict = after.get("confirmed")
        return ("withdrew a mention's verdict" if verdict is None
                else "confirmed a mention" if verdict else "rejected a mention")
    if action == "frames.set":
        chosen = after.get("frames") or {}
        place = "the document" if after.get("paragraph") is None else f"paragraph {after.get('paragraph')}"
        listed = ", ".join(f"{frame} ({role})" for frame, role in chosen.items()) or "none"
        return f"frames of {place}: {listed}"
    if action.startswith("set."):
        return {"set.done": "marked the document done", "set.skipped": "skipped the document",
                "set.in_progress": "reopened the document"}.get(action, action)
    if action.startswith("auth."):
        return {"auth.sign_in": "signed in", "auth.sign_in_failed": "failed to sign in",
                "auth.sign_in_throttled": "was refused: too many sign-in attempts"}.get(action, action)
    return action


def kind_of(action: str) -> str:
    """The family an action belongs to, for the audit page's filter (span, link, stance, ...)."""
    return action.split(".", 1)[0]
