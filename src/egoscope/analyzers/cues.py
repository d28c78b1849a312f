"""The rule stage: cue hits on one turn become explained findings, after the scope checks."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from egoscope.analyzers.scope import (
    DocContext,
    build_context,
    emphasis,
    has_exception,
    in_quotes,
    is_negated,
    is_reported,
)
from egoscope.model import Finding, Speaker
from egoscope.rules.rulebook import CompiledRule, Rulebook

DEFAULT_EMOTION_INTENSITY = 0.6


@dataclass(frozen=True, slots=True)
class Hit:
    """A cue hit that passed the scope checks, before turn-level decisions."""

    rule: CompiledRule
    span: Span
    intensity: float | None


def _keep(rule: CompiledRule, span: Span, book: Rulebook, context: DocContext) -> bool:
    if rule.rule.negation == "block" and is_negated(span, book):
        return False
    if has_exception(rule.key, span, context):
        return False
    if rule.spec.quotes == "skip" and (in_quotes(span, context.quoted) or is_reported(span, context.reported)):
        return False
    return True


def _longest_per_category(hits: list[Hit]) -> list[Hit]:
    """Overlapping hits of one category collapse into the longest one."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.span.start - h.span.end, h.span.start)):
        if not any(k.rule.category == hit.rule.category and k.span.start < hit.span.end
                   and hit.span.start < k.span.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: (h.span.start, h.rule.category))


def find_hits(doc: Doc, speaker: Speaker, book: Rulebook, text: str) -> tuple[list[Hit], DocContext]:
    """All hits of the categories read on this speaker's turns."""
    matches = book.matchers[speaker](doc)
    context = build_context(doc, book, text, speaker, any_hit=bool(matches))
    hits: list[Hit] = []
    for match_id, start, end in matches:
        rule = book.rules[doc.vocab.strings[match_id]]
        span = doc[start:end]
        if not _keep(rule, span, book, context):
            continue
        intensity = None
        if rule.spec.kind == "emotion":
            base = rule.rule.intensity if rule.rule.intensity is not None else DEFAULT_EMOTION_INTENSITY
            intensity = round(min(1.0, base + emphasis(span, context)), 2)
        hits.append(Hit(rule=rule, span=span, intensity=intensity))
    return _longest_per_category(hits), context


def to_finding(hit: Hit, text: str, lang: str, *, due: str | None = None) -> Finding:
    spec, rule = hit.rule.spec, hit.rule.rule
    explanation = (rule.explanation or spec.explanation).get(lang)
    suggestion_text = rule.suggestion or spec.suggestion
    start, end = hit.span.start_char, hit.span.end_char
    return Finding(
        category=hit.rule.category, kind=spec.kind, start=start, end=end, evidence=text[start:end],
        rule=hit.rule.key, explanation=explanation,
        suggestion=suggestion_text.get(lang) if suggestion_text is not None else None,
        intensity=hit.intensity, due=due, source="rule",
    )
