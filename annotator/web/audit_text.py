"""What the audit page calls each kind of event, in the reader's language (its code, such as
``span.create``, stays in the row's data-action and title, for scripts and for the CLI's export)."""
from __future__ import annotations

from ..i18n import N_, translate

EVENT_NAMES = {
    "actor.accept": N_("actor accepted"), "actor.create": N_("actor added"), "actor.delete": N_("actor deleted"),
    "actor.import": N_("actors imported"), "actor.merge": N_("actors merged"), "actor.propose": N_("actor proposed"),
    "actor.reject": N_("actor proposal rejected"), "actor.update": N_("actor edited"),
    "assignment.add": N_("document assigned"), "assignment.auto": N_("documents assigned automatically"),
    "assignment.remove": N_("document unassigned"),
    "auth.sign_in": N_("sign-in"), "auth.sign_in_failed": N_("failed sign-in"),
    "auth.sign_in_throttled": N_("sign-in refused (too many attempts)"),
    "frames.set": N_("frames chosen"),
    "gold.accept_agreed": N_("agreed units accepted into gold"), "gold.adjudicated": N_("document adjudicated"),
    "gold.auto": N_("automatic adjudication"), "gold.cause": N_("disagreement cause noted"),
    "gold.decide": N_("gold decision"), "gold.reopen": N_("adjudication reopened"),
    "gold.settings": N_("adjudication settings changed"), "gold.start": N_("adjudication started"),
    "gold.undo": N_("gold decision undone"),
    "interchange.import": N_("annotations imported"),
    "link.create": N_("link added"), "link.delete": N_("link deleted"), "link.update": N_("link retyped"),
    "member.set": N_("member's role set"),
    "mention.create": N_("mention added"), "mention.delete": N_("mention deleted"),
    "mention.verdict": N_("mention verdict"), "mention.verdict_all": N_("verdict on every mention"),
    "note.save": N_("adjudicator's note saved"),
    "project.create": N_("project created"), "project.export": N_("project exported"),
    "project.import": N_("project imported"),
    "recommender.dropped": N_("recommender dropped"),
    "scheme.load": N_("scheme loaded"),
    "set.done": N_("marked done"), "set.in_progress": N_("reopened"), "set.skipped": N_("skipped"),
    "set.not_started": N_("set back to not started"), "set.import": N_("set imported"),
    "span.change": N_("span changed"), "span.create": N_("span added"), "span.delete": N_("span deleted"),
    "span.target": N_("claim target set"),
    "stance.create": N_("stance recorded"), "stance.delete": N_("stance cleared"),
    "stance.evidence.add": N_("evidence added to a stance"), "stance.evidence.remove": N_("evidence removed from a stance"),
    "token.create": N_("API token made"), "token.revoke": N_("API token revoked"),
    "user.activate": N_("account activated"), "user.create": N_("account created"),
    "user.interface": N_("interface language or digits changed"), "user.password": N_("password changed"),
}


def event_name(action: str, language: str) -> str:
    """The event's name; an action with no name yet shows its code rather than nothing."""
    name = EVENT_NAMES.get(action)
    return translate(name, language) if name else action


KIND_NAMES = {
    "span": N_("spans"), "link": N_("links"), "stance": N_("stances"), "frames": N_("frames"),
    "mention": N_("mentions"), "set": N_("annotation sets"), "assignment": N_("assignments"),
    "document": N_("documents"), "actor": N_("actors"), "scheme": N_("scheme"), "project": N_("project"),
    "member": N_("members"), "user": N_("accounts"), "interchange": N_("imports"), "auth": N_("sign-ins"),
}
HISTORY_NAMES = {"undo": N_("undo"), "redo": N_("redo")}


def kind_name(kind: str, language: str) -> str:
    name = KIND_NAMES.get(kind) or HISTORY_NAMES.get(kind)
    return translate(name, language) if name else kind
