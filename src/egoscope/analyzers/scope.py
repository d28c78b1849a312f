"""Scope checks that veto a cue hit: negation, quotation, reported speech, rule exceptions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from egoscope.model import Speaker
from egoscope.rules.rulebook import Rulebook

_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"|‘[^’]*’")


@dataclass(frozen=True, slots=True)
class DocContext:
    """Per-turn facts computed once and shared by every hit of that turn."""

    quoted: tuple[tuple[int, int], ...]
    exceptions: dict[str, list[tuple[int, int]]]
    reported: tuple[int, ...]
    intensifiers: tuple[int, ...]
    unhappy: bool


def build_context(doc: Doc, book: Rulebook, text: str, speaker: Speaker, *, any_hit: bool = True) -> DocContext:
    """``any_hit=False``: no cue of this side matched, so the rule exceptions are not needed."""
    exceptions: dict[str, list[tuple[int, int]]] = {}
    for match_id, start, end in book.exceptions[speaker](doc) if any_hit else ():
        exceptions.setdefault(doc.vocab.strings[match_id], []).append((start, end))
    reported: list[int] = []
    intensifiers: list[int] = []
    unhappy = False
    for match_id, _start, end in book.scope_matcher(doc):
        name = doc.vocab.strings[match_id]
        if name == "reported_speech":
            reported.append(end)
        elif name == "intensifiers":
            intensifiers.append(end)
        else:
            unhappy = True
    quoted = tuple((m.start(), m.end()) for m in _QUOTED.finditer(text))
    return DocContext(quoted=quoted, exceptions=exceptions, reported=tuple(reported),
                      intensifiers=tuple(intensifiers), unhappy=unhappy)


def is_negated(span: Span, book: Rulebook) -> bool:
    """A negation word within the window before the hit, inside the same clause."""
    doc = span.doc
    sent_start = span.sent.start if doc.has_annotation("SENT_START") else 0
    window = book.scope.negation_window
    index = span.start - 1
    while index >= max(sent_start, span.start - window):
        token = doc[index]
        if token.norm_ in book.clause_breaks or token.is_punct and token.text not in {"'", "-"}:
            return False
        if token.norm_ in book.negation_words:
            return True
        index -= 1
    return False


def in_quotes(span: Span, quoted: Sequence[tuple[int, int]]) -> bool:
    return any(start <= span.start_char and span.end_char <= end for start, end in quoted)


def is_reported(span: Span, reported: Sequence[int]) -> bool:
    """A reporting cue ("vous me dites que", "on vous a répondu") earlier in the same sentence."""
    sent_start = span.sent.start if span.doc.has_annotation("SENT_START") else 0
    return any(sent_start <= end <= span.start for end in reported)


def has_exception(key: str, span: Span, context: DocContext, window: int = 3) -> bool:
    for start, end in context.exceptions.get(key + "/pre", ()):
        if span.start - window <= end <= span.start or (start <= span.start < end):
            return True
    for start, _end in context.exceptions.get(key + "/post", ()):
        if span.end - 1 <= start <= span.end + window:
            return True
    return False


def emphasis(span: Span, context: DocContext) -> float:
    """How much the wording around a hit raises an emotion's intensity (0 to 0.4)."""
    sent = span.sent if span.doc.has_annotation("SENT_START") else span.doc[:]
    boost = 0.0
    if any(span.start - 3 <= end <= span.start + 1 for end in context.intensifiers):
        boost += 0.15
    exclamations = sent.text.count("!") + sent.text.count("?!")
    boost += min(0.2, 0.1 * exclamations)
    letters = [t.text for t in sent if t.is_alpha and len(t.text) > 2]
    if len(letters) >= 3 and sum(w.isupper() for w in letters) / len(letters) > 0.6:
        boost += 0.15
    return min(boost, 0.4)
