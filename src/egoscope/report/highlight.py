"""Turn text with finding spans into safe HTML with ``<mark>`` elements, and cut long turns to an excerpt."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

EXCERPT_CHARS = 220  # longer turns are cut around the evidence, on word boundaries


@dataclass(frozen=True, slots=True)
class Span:
    """A character range of a text to highlight; ``css`` is the class of the mark (``risk``, ``good``…)."""

    start: int
    end: int
    css: str
    title: str = ""


PRIORITY = ("risk", "signal", "emotion", "good")  # where marks overlap, the earlier class wins


def mark(text: str, spans: Iterable[Span]) -> Markup:
    """``text`` escaped, each span wrapped in ``<mark class=…>``.

    Overlapping spans of one class merge; a span overlapping one of a stronger class (risk over good…)
    is dropped, so that a risky remark is never shown as a good practice.
    """
    pieces: list[str] = []
    cursor = 0
    for span in _resolved(text, spans):
        pieces.append(str(escape(text[cursor:span.start])))
        title = Markup(' title="{}"').format(span.title) if span.title else Markup("")
        pieces.append(str(Markup('<mark class="{}"{}>{}</mark>').format(span.css, title, text[span.start:span.end])))
        cursor = span.end
    pieces.append(str(escape(text[cursor:])))
    return Markup("".join(pieces))


def _resolved(text: str, spans: Iterable[Span]) -> list[Span]:
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    kept: list[Span] = []
    for css in sorted({s.css for s in valid}, key=_priority):
        for span in _merged([s for s in valid if s.css == css]):
            if not any(span.start < other.end and other.start < span.end for other in kept):
                kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def _priority(css: str) -> tuple[int, str]:
    return (PRIORITY.index(css) if css in PRIORITY else len(PRIORITY), css)


def _merged(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end), last.css, last.title)
        else:
            merged.append(span)
    return merged


def excerpt(text: str, spans: list[Span], limit: int = EXCERPT_CHARS) -> tuple[str, list[Span]]:
    """A window of about ``limit`` characters around the spans, with ``…`` where text was cut.

    The spans are shifted to the excerpt; a short text comes back whole.
    """
    if len(text) <= limit or not spans:
        return text, spans
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    margin = max(0, (limit - (last - first)) // 2)
    lower = min(first, _word_start(text, max(0, first - margin)))
    upper = max(last, _word_end(text, min(len(text), last + margin)))
    prefix = "… " if lower > 0 else ""
    suffix = " …" if upper < len(text) else ""
    shift = len(prefix) - lower
    shifted = [Span(s.start + shift, s.end + shift, s.css, s.title) for s in spans]
    return prefix + text[lower:upper].rstrip() + suffix, shifted


def _word_start(text: str, index: int) -> int:
    if index == 0:
        return 0
    space = text.find(" ", index)
    return space + 1 if 0 <= space < len(text) else index


def _word_end(text: str, index: int) -> int:
    if index >= len(text):
        return len(text)
    space = text.rfind(" ", 0, index)
    return space if space > 0 else index
