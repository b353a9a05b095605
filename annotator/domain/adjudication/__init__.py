"""Adjudication: from the annotators' done sets to a proposal of gold units (pure; no Flask, no SQL)."""
from .proposal import Proposal, SpanMatch, Unit, build_proposal, build_proposals, match_spans, proposal_from_match
from .records import (
    LAYER_KINDS, DecisionRef, SourceFrame, SourceLink, SourceSpan, SourceStance, Thresholds, fingerprint,
)
from .units import Version, agreed_version, same_stretch, span_groups, versions_of

__all__ = [
    "LAYER_KINDS", "DecisionRef", "Proposal", "SpanMatch", "match_spans", "proposal_from_match", "SourceFrame", "SourceLink", "SourceSpan", "SourceStance",
    "Thresholds", "Unit", "Version", "agreed_version", "build_proposal", "build_proposals", "fingerprint", "same_stretch",
    "span_groups", "versions_of",
]
