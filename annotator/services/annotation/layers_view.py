"""What the side panels of the annotation page show for one set: links, stance, frames, mentions.

Each panel is built on its own (each is a swap target), in a fixed number of queries. Readers
are the set's annotator and the project's leads (services.annotation.sets.readable_set); only the annotator
of a set that is not done gets the controls (``editable``).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.argument_map import MapEdge, MapLayout, MapNode, layout_argument_map
from ...domain.offsets import Utf16Map
from ...domain.scheme import Label, Scheme
from ...models import Actor, AnnotationSet, Document, Paragraph, Project, Span, User
from ..actors.mentions import display_name
from .frames import frames_of_set
from .links import LinkView, links_of_set
from ..actors.mentions import MentionView, mentions_for_set
from ..actors.proposals import RejectedProposal, rejected_in_set
from ..team.projects import current_scheme
from .sets import readable_set
from .stances import StanceRow, claim_labels, stance_rows


@dataclass
class SetContext:
    aset: AnnotationSet
    document: Document
    project: Project
    scheme: Scheme
    editable: bool
    paragraphs: list[Paragraph]

    def paragraph(self, index: int | None) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.index == index), None) if index is not None else None


@dataclass
class StancePanel:
    ctx: SetContext
    rows: list[StanceRow]
    scope: Paragraph | None  # None: the whole document
    addable: list[Actor]  # registry actors not in the panel yet, and the annotator's own proposals
    focus: str | None  # actor public id whose row takes the focus after the swap


@dataclass
class FramesPanel:
    ctx: SetContext
    labels: tuple[Label, ...]
    chosen: dict[str, str]  # frame -> primary | secondary
    scope: Paragraph | None

    @property
    def primary(self) -> str | None:
        return next((k for k, role in self.chosen.items() if role == "primary"), None)


@dataclass(frozen=True)
class AliasGroup:
    """Uncertain mentions found by one alias of one actor, waiting for a verdict: decided at once."""

    first: MentionView
    count: int


@dataclass
class MentionsPanel:
    ctx: SetContext
    mentions: list[MentionView]
    marks: list[dict]  # what layers.js draws in the text: UTF-16 offsets, as the browser counts
    actors: list[Actor]  # what a mention may be marked as
    alias_groups: list[AliasGroup] = ()
    rejected: list[RejectedProposal] = ()  # the set's own proposals a lead rejected, with the reason


def set_context(session: Session, user: User, set_public_id: str) -> SetContext:
    aset = readable_set(session, user, set_public_id)
    document = session.get(Document, aset.document_id)
    project = session.get(Project, document.project_id)
    paragraphs = list(session.scalars(select(Paragraph).where(Paragraph.document_id == document.id)
                                      .order_by(Paragraph.index)))
    editable = aset.user_id == user.id and aset.status != "done"
    return SetContext(aset, document, project, current_scheme(session, project), editable, paragraphs)


def usable_actors(session: Session, ctx: SetContext) -> list[Actor]:
    """The registry as this set sees it: active actors and the set's own proposals (blindness)."""
    found = session.scalars(select(Actor).where(
        Actor.project_id == ctx.project.id,
        (Actor.status == "active") | ((Actor.status == "proposed") & (Actor.proposed_in_set_id == ctx.aset.id))))
    return sorted(found, key=lambda a: display_name(a).casefold())


def stance_panel(session: Session, ctx: SetContext, *, paragraph: int | None = None, add: str | None = None,
                 focus: str | None = None) -> StancePanel:
    scope = ctx.paragraph(paragraph)
    actors = usable_actors(session, ctx)
    extra = tuple(a.id for a in actors if a.public_id == add)
    rows = stance_rows(session, ctx.aset, paragraph=scope, extra_actor_ids=extra)
    shown = {r.actor.id for r in rows}
    return StancePanel(ctx, rows, scope, [a for a in actors if a.id not in shown], focus or add)


def frames_panel(session: Session, ctx: SetContext, *, paragraph: int | None = None) -> FramesPanel:
    scope = ctx.paragraph(paragraph)
    chosen = frames_of_set(session, ctx.aset).get(scope.id if scope else None, {})
    labels = tuple(lab for lab in ctx.scheme.frames.labels if not lab.retired or lab.key in chosen)
    return FramesPanel(ctx, labels, chosen, scope)


def links_panel(session: Session, ctx: SetContext) -> list[LinkView]:
    return links_of_set(session, ctx.aset)


def mentions_panel(session: Session, ctx: SetContext) -> MentionsPanel:
    views = mentions_for_set(session, ctx.aset)
    units = {p.index: Utf16Map(p.text) for p in ctx.paragraphs}
    marks = [{"id": m.public_id, "paragraph": m.paragraph_index, "start": units[m.paragraph_index].to_utf16(m.start),
              "end": units[m.paragraph_index].to_utf16(m.end), "actor": m.actor_public_id, "state": m.state,
              "source": m.source} for m in views]
    return MentionsPanel(ctx, views, marks, usable_actors(session, ctx), alias_groups(views),
                         rejected_in_set(session, ctx.aset))


def alias_groups(views: list[MentionView]) -> list[AliasGroup]:
    """Two or more uncertain mentions by the same alias and actor, most first."""
    groups: dict[tuple[int, int], list[MentionView]] = {}
    for m in views:
        if m.state == "uncertain" and m.source == "alias" and m.verdict is None:
            groups.setdefault((m.actor_id, m.alias_id), []).append(m)
    return sorted((AliasGroup(found[0], len(found)) for found in groups.values() if len(found) > 1),
                  key=lambda g: (-g.count, g.first.paragraph_index))


def claim_spans(session: Session, ctx: SetContext) -> dict[str, dict]:
    """The set's claims (what may name a target actor) with their current target, by span id."""
    labels = claim_labels(ctx.scheme)
    rows = session.execute(select(Span.public_id, Span.target_polarity, Actor.public_id)
                           .outerjoin(Actor, Actor.id == Span.target_actor_id)
                           .where(Span.set_id == ctx.aset.id, Span.label.in_(labels)))
    return {span_id: {"actor": actor_id, "polarity": polarity} for span_id, polarity, actor_id in rows}


def argument_map(session: Session, ctx: SetContext) -> tuple[MapLayout, dict[str, Span]]:
    """The set's linked structure laid out: spans of the labels the link rules mention, and links."""
    rule_labels = [label for rule in ctx.scheme.link_rules for label in (rule.target, rule.source)]
    ordered = list(dict.fromkeys(rule_labels))  # targets first: major claim, claim, evidence
    ranks = _label_ranks(ctx.scheme, ordered)
    spans = list(session.execute(
        select(Span).join(Paragraph, Paragraph.id == Span.paragraph_id)
        .where(Span.set_id == ctx.aset.id, Span.label.in_(ordered)).order_by(Paragraph.index, Span.start)).scalars())
    links = links_of_set(session, ctx.aset)
    nodes = [MapNode(s.public_id, s.label, s.text) for s in spans]
    edges = [MapEdge(v.source_id, v.target_id, v.link_type) for v in links]
    return layout_argument_map(nodes, edges, label_ranks=ranks, rtl=ctx.document.direction == "rtl"), \
        {s.public_id: s for s in spans}


def _label_ranks(scheme: Scheme, labels: list[str]) -> dict[str, int]:
    """A label's rank is how far it is from a label that is never a link's source (the top)."""
    sources = {rule.source for rule in scheme.link_rules}
    ranks = {label: 0 for label in labels if label not in sources}
    for _ in labels:  # relax as often as there are labels: a cycle of rules cannot run away
        for rule in scheme.link_rules:
            if rule.source != rule.target and rule.target in ranks:
                ranks[rule.source] = max(ranks.get(rule.source, 0), ranks[rule.target] + 1)
    return ranks
