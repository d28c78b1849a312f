"""A Matcher that only runs the patterns whose anchor word occurs in the document.

spaCy's Matcher tries every pattern at every token; with a few thousand cue patterns (many with
optional words and gaps) that costs ten times the tagger. Each pattern here is filed under one of its
required words (its "anchor": the least common one), and a document only runs the patterns whose
anchor it contains. Results are the same as one big Matcher: (match_id, start, end) triples.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.lang.fr.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from egoscope.text import fold

TokenPattern = dict[str, Any]
_COMMON = frozenset(fold(w) for w in STOP_WORDS) | {"etre", "avoir", "faire", "pouvoir", "aller", "devoir"}
_ANCHOR_ATTRS = ("NORM", "LOWER")


def _anchor(pattern: list[TokenPattern]) -> tuple[str, tuple[str, ...]] | None:
    """The required token whose values are the least common; None when no token can anchor."""
    best: tuple[tuple[int, int], str, tuple[str, ...]] | None = None
    for token in pattern:
        if token.get("OP") not in (None, "!", "1") or len(token) != 1 + ("OP" in token):
            continue
        for attr in _ANCHOR_ATTRS:
            spec = token.get(attr)
            if isinstance(spec, dict) and isinstance(spec.get("IN"), list):
                values = tuple(str(v) for v in spec["IN"])
            elif isinstance(spec, str):
                values = (spec,)
            else:
                continue
            rank = (sum(1 for v in values if fold(v) in _COMMON), len(values))
            if best is None or rank < best[0]:
                best = (rank, attr, values)
    return (best[1], best[2]) if best is not None else None


class AnchoredMatcher:
    """Drop-in for ``spacy.matcher.Matcher`` (``add`` and ``__call__``) that skips absent anchors."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._always = Matcher(vocab)
        self._groups: dict[tuple[int, int], Matcher] = {}
        self._pending: dict[tuple[int, int], dict[str, list[list[TokenPattern]]]] = {}
        self._always_pending: dict[str, list[list[TokenPattern]]] = {}
        self._built = False

    def add(self, key: str, patterns: Iterable[list[TokenPattern]]) -> None:
        for pattern in patterns:
            anchor = _anchor(pattern)
            if anchor is None:
                self._always_pending.setdefault(key, []).append(pattern)
                continue
            attr, values = anchor
            column = _ANCHOR_ATTRS.index(attr)
            for value in values:
                group = (column, self.vocab.strings.add(value))
                self._pending.setdefault(group, {}).setdefault(key, []).append(pattern)
        self._built = False

    def _build(self) -> None:
        for key, patterns in self._always_pending.items():
            self._always.add(key, patterns)
        self._always_pending = {}
        for group, by_key in self._pending.items():
            matcher = self._groups.setdefault(group, Matcher(self.vocab))
            for key, patterns in by_key.items():
                matcher.add(key, patterns)
        self._pending = {}
        self._built = True

    def __len__(self) -> int:
        return len(self._groups) + 1

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Matches of this matcher on ``doc``, computed once per doc (later stages ask again)."""
        cache: dict[int, list[tuple[int, int, int]]] = doc.user_data.setdefault(_MATCHES_KEY, {})
        if id(self) not in cache:
            cache[id(self)] = self._match(doc)
        return cache[id(self)]

    def _match(self, doc: Doc) -> list[tuple[int, int, int]]:
        if not self._built:
            self._build()
        present = _present(doc)
        found: set[tuple[int, int, int]] = set(self._always(doc)) if len(self._always) else set()
        groups = self._groups
        for group in present:
            matcher = groups.get(group)
            if matcher is not None:
                found.update(matcher(doc))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def _present(doc: Doc) -> set[tuple[int, int]]:
    """(attribute column, string hash) of every token, computed once per doc for all matchers."""
    cached = doc.user_data.get(_PRESENT_KEY)
    if cached is None:
        array = doc.to_array(list(_ANCHOR_ATTRS))
        cached = {(column, int(value)) for column in range(len(_ANCHOR_ATTRS)) for value in set(array[:, column])}
        doc.user_data[_PRESENT_KEY] = cached
    return cached  # type: ignore[no-any-return]


_PRESENT_KEY = "egoscope.anchors"
_MATCHES_KEY = "egoscope.matches"
