"""Find sentences that resemble a custom category's examples more than its threshold and its counter-examples.

Each sentence of a turn is embedded whole and, when it has several clauses, clause by clause
(a forbidden phrase inside a long sentence would otherwise be diluted); the finding's span is
always the whole sentence. Counter-examples are compared with the whole sentence too, so that a
short clause cut out of an allowed sentence ("selon notre politique, …") cannot slip through.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span

from egoscope.custom.encoder import SentenceEncoder
from egoscope.custom.loader import CustomCategory, load_categories
from egoscope.model import Finding, Speaker, speaker_of

MIN_CLAUSE_WORDS = 3
_NOT_BREAKS = frozenset({"'", "-"})


@dataclass(frozen=True, slots=True)
class _Sentence:
    item: int
    start: int
    end: int
    units: tuple[str, ...]  # the sentence itself first, then its clauses


@dataclass(frozen=True, slots=True)
class _Match:
    score: float
    nearest: str


@dataclass(frozen=True, slots=True)
class _Similarities:
    """Cosine similarities of every unit to one category's examples and counter-examples."""

    to_examples: np.ndarray
    to_counters: np.ndarray

    def match(self, first: int, end: int, category: CustomCategory) -> _Match | None:
        """Units ``first:end`` are one sentence, whole sentence first. A unit matches when it reaches the
        threshold and beats every counter-example, compared with the unit and with the whole sentence."""
        best = self.to_examples[first:end].max(axis=1)
        barrier = np.full(end - first, -1.0)
        if self.to_counters.shape[1]:
            barrier = np.maximum(self.to_counters[first:end].max(axis=1), self.to_counters[first].max())
        ok = (best >= category.spec.threshold) & (best > barrier)
        if not ok.any():
            return None
        unit = int(np.argmax(np.where(ok, best, -2.0)))
        nearest = category.spec.examples[int(np.argmax(self.to_examples[first + unit]))]
        return _Match(score=float(best[unit]), nearest=nearest)


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())


def clauses(sent: Span, breaks: frozenset[str]) -> list[str]:
    """The clauses of a sentence, cut at punctuation and at clause words ("mais", "car"…)."""
    found: list[str] = []
    current: list[int] = []
    for token in (*sent, None):
        if token is None or (token.is_punct and token.text not in _NOT_BREAKS) or token.norm_ in breaks:
            words = [i for i in current if sent.doc[i].is_alpha]
            if len(words) >= MIN_CLAUSE_WORDS:
                first, last = sent.doc[current[0]], sent.doc[current[-1]]
                found.append(sent.doc.text[first.idx:last.idx + len(last)])
            current = []
        elif not token.is_space:
            current.append(token.i)
    return found if len(found) > 1 else []


class CustomDetector:
    """Custom categories compiled against one sentence encoder; ``initialize`` embeds the examples."""

    def __init__(self, categories: Sequence[CustomCategory], encoder: SentenceEncoder, *,
                 clause_breaks: frozenset[str] = frozenset(), lang: str = "fr") -> None:
        self.categories = tuple(categories)
        self.encoder = encoder
        self.clause_breaks = clause_breaks
        self.lang = lang
        self.examples_: list[np.ndarray] | None = None
        self.counter_examples_: list[np.ndarray] = []

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    def initialize(self) -> CustomDetector:
        """Embed every example and counter-example in one call (tens of milliseconds)."""
        if self.examples_ is None:
            sentences = [s for c in self.categories for s in (*c.spec.examples, *c.spec.counter_examples)]
            vectors = self.encoder.encode(sentences)
            examples, counters, offset = [], [], 0
            for category in self.categories:
                n_ex, n_cx = len(category.spec.examples), len(category.spec.counter_examples)
                examples.append(vectors[offset:offset + n_ex])
                counters.append(vectors[offset + n_ex:offset + n_ex + n_cx])
                offset += n_ex + n_cx
            self.examples_, self.counter_examples_ = examples, counters
        return self

    def find(self, turns: Sequence[tuple[Doc, Speaker, str]]) -> list[tuple[Finding, ...]]:
        """Findings per turn, for (doc, speaker, original text) triples; all embedded in one batch."""
        speakers = {speaker_of(c.spec.kind) for c in self.categories}
        sentences = [s for item, (doc, speaker, text) in enumerate(turns) if speaker in speakers
                     for s in self._sentences(item, doc, text)]
        if not sentences:
            return [() for _turn in turns]
        examples, counter_examples = self._vectors()
        vectors = self.encoder.encode([unit for s in sentences for unit in s.units])
        found: list[list[Finding]] = [[] for _turn in turns]
        for category, to_examples, to_counters in zip(self.categories, examples, counter_examples,
                                                      strict=True):
            similarities = _Similarities(vectors @ to_examples.T, vectors @ to_counters.T)
            speaker = speaker_of(category.spec.kind)
            offset = 0
            for sentence in sentences:
                first, offset = offset, offset + len(sentence.units)
                _doc, turn_speaker, text = turns[sentence.item]
                match = similarities.match(first, offset, category) if turn_speaker == speaker else None
                if match is not None:
                    found[sentence.item].append(self._finding(category, sentence, match, text))
        return [tuple(sorted(f, key=lambda finding: finding.start)) for f in found]

    def _vectors(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        self.initialize()
        if self.examples_ is None:  # pragma: no cover - initialize() always sets it
            raise RuntimeError("CustomDetector.initialize() did not run")
        return self.examples_, self.counter_examples_

    def _sentences(self, item: int, doc: Doc, text: str) -> Iterator[_Sentence]:
        for sent in doc.sents:
            start, end = _stripped(text, sent.start_char, sent.end_char)
            if end - start >= 3:
                yield _Sentence(item, start, end, (doc.text[start:end], *clauses(sent, self.clause_breaks)))

    def _finding(self, category: CustomCategory, sentence: _Sentence, match: _Match, text: str) -> Finding:
        spec = category.spec
        score = round(min(1.0, match.score), 3)
        if self.lang == "en":
            why = f"{spec.explanation.en} Close to: “{match.nearest}” (similarity {score:.2f})."
        else:
            why = f"{spec.explanation.fr} Proche de : « {match.nearest} » (similarité {score:.2f})."
        return Finding(category=spec.id, kind=spec.kind, start=sentence.start, end=sentence.end,
                       evidence=text[sentence.start:sentence.end], rule=f"custom/{spec.id}", explanation=why,
                       suggestion=spec.suggestion.get(self.lang) if spec.suggestion is not None else None,
                       source="custom", score=score)


def load_detector(paths: Sequence[str | Path], *, reserved: Collection[str],
                  clause_breaks: frozenset[str] = frozenset(), lang: str = "fr") -> CustomDetector | None:
    """Validate the files, load the encoder and embed the examples; ``None`` when no file is given."""
    if not paths:
        return None
    categories = load_categories(paths, reserved=reserved)
    return CustomDetector(categories, SentenceEncoder(), clause_breaks=clause_breaks, lang=lang).initialize()
