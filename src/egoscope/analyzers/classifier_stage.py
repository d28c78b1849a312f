"""Hybrid decision: rules give precise spans and ids, the sentence classifier adds recall and vetoes.

Per turn, after the rule stage:
1. a rule hit whose sentence the classifier finds clean (probability <= the category's veto threshold)
   is dropped;
2. a category that no rule found on the turn is added on its most probable sentence when that
   probability reaches the category's add threshold (never ``commitment``: a promise needs a deadline
   that only the rules read);
3. the turn-level conditions of the rule files then apply to rule and model findings alike
   (``suppressed_by``, ``requires_context``).

Thresholds were tuned by cross-validation on the train split (``egoscope.learn.train``). A sentence
is scored on its own and in its context window (the sentences on each side), because a customer's
emotion or an untimely offer is often spread over two sentences of one turn; the model says which
reading it was tuned with (``SideModel.unit``: alone, window, or the larger of both). See
docs/accuracy.md.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from importlib import resources
from pathlib import Path

import numpy as np
from scipy import sparse
from spacy.tokens import Doc

from egoscope.analyzers import turns
from egoscope.analyzers.cues import Hit, to_finding
from egoscope.learn.linear import SentenceModel, SideModel, Thresholds
from egoscope.model import Finding, Speaker
from egoscope.rules.rulebook import Rulebook
from egoscope.rules.schema import CategorySpec

_LETTER = re.compile(r"[^\W\d_]")
MODEL_EXCLUDED = frozenset({"commitment"})  # needs a deadline expression: rules only
NEAREST = 2
MIN_WORDS_FOR_ADDITION = 3  # "Non, rien." is too short for the model to judge alone: rules only
EXEMPLAR_CHARS = 90


def default_model_path(lang: str = "fr") -> Path:
    return Path(str(resources.files("egoscope") / "models" / f"sentence_{lang}.npz"))


@dataclass(frozen=True, slots=True)
class TurnScores:
    """Classifier output for one turn: the sentences (char offsets) and their probabilities."""

    sentences: tuple[tuple[int, int], ...]
    token_sentence: tuple[int, ...]  # sentence index of each token, -1 outside any scored sentence
    probabilities: np.ndarray  # (n_sentences, n_categories): max(sentence alone, context window)
    sentence_probabilities: np.ndarray  # (n_sentences, n_categories): the sentence alone, to place spans
    features: sparse.csr_matrix | None = None  # (n_sentences, n_features), reused to explain a finding
    doc: Doc | None = None


@dataclass(frozen=True, slots=True)
class RuleCandidate:
    """A rule hit reduced to what the decision needs."""

    category: str
    sentence: int
    promise_ok: bool


@dataclass(frozen=True, slots=True)
class Addition:
    category: str
    sentence: int
    probability: float


@dataclass(frozen=True, slots=True)
class Decision:
    rules: tuple[int, ...]  # indexes of the kept rule candidates
    additions: tuple[Addition, ...]


def sentence_units(doc: Doc) -> tuple[list[tuple[int, int]], list[int], list[tuple[int, int]]]:
    """Sentences with a letter in them (char spans), the token -> sentence map, and context windows."""
    sentences: list[tuple[int, int]] = []
    token_sentence = [-1] * len(doc)
    text = doc.text
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        if _LETTER.search(text, start, end):
            token_sentence[sent.start:sent.end] = [len(sentences)] * (sent.end - sent.start)
            sentences.append((start, end))
    windows = [(sentences[max(0, i - 1)][0], sentences[min(len(sentences) - 1, i + 1)][1])
               for i in range(len(sentences))]
    return sentences, token_sentence, windows


def score_docs(side: SideModel, docs: Sequence[Doc]) -> list[TurnScores]:
    """Score every sentence and context window of a batch of turns with one vectorisation."""
    laid_out = [sentence_units(doc) for doc in docs]
    texts: list[str] = []
    index_of: dict[str, int] = {}

    def slot(text: str) -> int:
        if text not in index_of:
            index_of[text] = len(texts)
            texts.append(text)
        return index_of[text]

    plans = []
    for doc, (sentences, _tokens, windows) in zip(docs, laid_out, strict=True):
        plans.append(([slot(doc.text[a:b]) for a, b in sentences], [slot(doc.text[a:b]) for a, b in windows]))
    matrix = side.features.transform(texts)
    probabilities = side.probabilities(matrix)
    scores = []
    for doc, (sentences, tokens, _windows), (sentence_rows, window_rows) in zip(docs, laid_out, plans, strict=True):
        alone = probabilities[sentence_rows] if sentence_rows else np.zeros((0, len(side.categories)))
        context = probabilities[window_rows] if window_rows else alone
        used = alone if side.unit == "sentence" else context if side.unit == "window" else np.maximum(alone, context)
        scores.append(TurnScores(sentences=tuple(sentences), token_sentence=tuple(tokens),
                                 probabilities=used, sentence_probabilities=alone, features=matrix[sentence_rows],
                                 doc=doc))
    return scores


def decide(candidates: Sequence[RuleCandidate], scores: TurnScores, categories: Sequence[str],
           thresholds: Mapping[str, Thresholds], specs: Mapping[str, CategorySpec], *, unhappy: bool,
           rejected: Callable[[str, int], bool] | None = None, additions_allowed: bool = True) -> Decision:
    """The hybrid decision on one turn (training tunes thresholds on an array replay of it).

    ``rejected(category, sentence)``: the rules read a cue of the category there and rejected it
    (negation, exception, quotation); the model does not overrule that."""
    column = {category: index for index, category in enumerate(categories)}
    probabilities = scores.probabilities
    kept = [i for i, c in enumerate(candidates) if not _vetoed(c, probabilities, column, thresholds)]
    found = {candidates[i].category for i in kept}
    additions = []
    if len(probabilities) and additions_allowed:
        for category, index in column.items():
            limit = thresholds.get(category)
            if limit is None or category in found or category in MODEL_EXCLUDED:
                continue
            row = int(np.argmax(probabilities[:, index]))
            probability = float(probabilities[row, index])
            if probability >= limit.add:
                best = int(np.argmax(scores.sentence_probabilities[:, index]))
                if rejected is None or not (rejected(category, best) or rejected(category, row)):
                    additions.append(Addition(category, best, probability))
    present = found | {a.category for a in additions}

    def allowed(category: str) -> bool:
        spec = specs.get(category)
        if spec is None:
            return True
        return not present.intersection(spec.suppressed_by) and (
            spec.requires_context != "unhappy_customer" or unhappy)

    rules = tuple(i for i in kept if allowed(candidates[i].category) and candidates[i].promise_ok)
    return Decision(rules=rules, additions=tuple(a for a in additions if allowed(a.category)))


def _vetoed(candidate: RuleCandidate, probabilities: np.ndarray, column: Mapping[str, int],
            thresholds: Mapping[str, Thresholds]) -> bool:
    limit = thresholds.get(candidate.category)
    index = column.get(candidate.category)
    if limit is None or index is None or candidate.sentence < 0:
        return False
    return bool(probabilities[candidate.sentence, index] <= limit.veto)


def candidate_of(hit: Hit, token_sentence: Sequence[int]) -> RuleCandidate:
    promise_ok = hit.rule.spec.requires_context != "promise" or turns.has_promise(hit.span.sent)
    return RuleCandidate(category=hit.rule.category, sentence=token_sentence[hit.span.start], promise_ok=promise_ok)


class ClassifierStage:
    """Adds the learned classifier to the rule findings of a turn; rules only when there is no model.

    The model file is read on first use (about 0.05 s), never at import.
    """

    def __init__(self, rulebook: Rulebook, *, path: Path | None = None, explain_lang: str = "fr") -> None:
        self.rulebook = rulebook
        self.path = path
        self.explain_lang = explain_lang
        self._model: SentenceModel | None = None
        self._fingerprint: str | None = None
        self._exemplars: dict[tuple[str, str], tuple[list[int], sparse.csr_matrix]] = {}

    @property
    def enabled(self) -> bool:
        return self.path is not None

    @property
    def fingerprint(self) -> str:
        """Short hash of the model file: results stored under another model are stale (``reanalyze``)."""
        if self.path is None:
            return "none"
        if self._fingerprint is None:
            self._fingerprint = hashlib.sha1(self.path.read_bytes()).hexdigest()[:12]
        return self._fingerprint

    @property
    def model_(self) -> SentenceModel:
        if self._model is None:
            if self.path is None:
                raise ValueError("the classifier stage has no model file")
            self._model = SentenceModel.load(self.path)
        return self._model

    def score(self, docs: Sequence[Doc], speakers: Sequence[Speaker]) -> list[TurnScores | None]:
        """Scores per turn, each side's sentences vectorised together; ``None`` everywhere without a model."""
        if not self.enabled:
            return [None] * len(docs)
        result: list[TurnScores | None] = [None] * len(docs)
        for side_name, side in self.model_.sides.items():
            indexes = [i for i, speaker in enumerate(speakers) if speaker == side_name]
            for index, turn_scores in zip(indexes, score_docs(side, [docs[i] for i in indexes]), strict=True):
                result[index] = turn_scores
        return result

    def findings(self, hits: Sequence[Hit], scores: TurnScores | None, speaker: Speaker, text: str, *,
                 unhappy: bool, base: datetime | None) -> tuple[Finding, ...]:
        """The findings of one turn, rule and model, in text order."""
        if scores is None:
            kept = turns.decide(hits, unhappy=unhappy)
            return tuple(to_finding(h, text, self.explain_lang, due=turns.due_of(h, base)) for h in kept)
        side = self.model_.sides[speaker]
        candidates = [candidate_of(hit, scores.token_sentence) for hit in hits]
        decision = decide(candidates, scores, side.categories, side.thresholds, self.rulebook.categories,
                          unhappy=unhappy, rejected=self._rejection_check(scores, speaker),
                          additions_allowed=_word_count(scores.doc) >= MIN_WORDS_FOR_ADDITION)
        column = {category: index for index, category in enumerate(side.categories)}
        found = [self._rule_finding(hits[i], candidates[i], scores, side, column, text, base)
                 for i in decision.rules]
        found += [self._model_finding(addition, scores, side, text) for addition in decision.additions]
        return tuple(sorted(found, key=lambda f: (f.start, f.category)))

    def _rejection_check(self, scores: TurnScores, speaker: Speaker) -> Callable[[str, int], bool]:
        """``(category, sentence) -> bool``: a cue of the category matches in that sentence although no
        rule hit of it was kept, i.e. the scope checks rejected it. The matcher runs again only when a
        model addition is proposed (rare), once per turn."""
        matched: list[tuple[str, int]] = []

        def rejected(category: str, sentence: int) -> bool:
            doc = scores.doc
            if doc is None:
                return False
            if not matched:
                strings = doc.vocab.strings
                matched.extend((self.rulebook.rules[strings[match_id]].category, scores.token_sentence[start])
                               for match_id, start, _end in self.rulebook.matchers[speaker](doc))
                matched.append(("", -2))  # computed, even when nothing matched
            return (category, sentence) in matched
        return rejected

    def _rule_finding(self, hit: Hit, candidate: RuleCandidate, scores: TurnScores, side: SideModel,
                      column: Mapping[str, int], text: str, base: datetime | None) -> Finding:
        finding = to_finding(hit, text, self.explain_lang, due=turns.due_of(hit, base))
        index = column.get(hit.rule.category)
        if finding.intensity is None or index is None or candidate.sentence < 0:
            return finding
        probability = side.rule_probability(float(scores.probabilities[candidate.sentence, index]))
        return replace(finding, intensity=round(probability * finding.intensity, 2))

    def _model_finding(self, addition: Addition, scores: TurnScores, side: SideModel, text: str) -> Finding:
        spec = self.rulebook.categories.get(addition.category)
        start, end = scores.sentences[addition.sentence]
        lang = self.explain_lang
        label = spec.label.get(lang) if spec is not None else addition.category
        nearest = self._nearest(side, addition.category, scores, addition.sentence)
        quoted = " ; ".join(f"« {t} »" for t in nearest) if lang != "en" else "; ".join(f"'{t}'" for t in nearest)
        explanation = (f"{label} (modèle, probabilité {addition.probability:.2f}) — proche de : {quoted}"
                       if lang != "en" else
                       f"{label} (model, probability {addition.probability:.2f}) — close to: {quoted}")
        suggestion = spec.suggestion.get(lang) if spec is not None and spec.suggestion is not None else None
        kind = spec.kind if spec is not None else ("emotion" if side.side == "customer" else "risk")
        intensity = None
        if kind == "emotion":
            intensity = round(addition.probability * side.strength.get(addition.category, 0.6), 2)
        return Finding(category=addition.category, kind=kind, start=start, end=end, evidence=text[start:end],
                       rule=f"model/{addition.category}", explanation=explanation, suggestion=suggestion,
                       intensity=intensity, source="model", score=round(addition.probability, 3))

    def _nearest(self, side: SideModel, category: str, scores: TurnScores, sentence: int) -> list[str]:
        """The labelled training sentences of this category closest to ``sentence`` (TF-IDF cosine)."""
        key = (side.side, category)
        if key not in self._exemplars:
            rows = [i for i, labels in enumerate(side.exemplar_labels) if category in labels]
            self._exemplars[key] = (rows, side.features.transform([side.exemplar_texts[i] for i in rows]))
        rows, matrix = self._exemplars[key]
        if not rows or scores.features is None:
            return []
        similarity = (matrix @ scores.features[sentence].T).toarray().ravel()
        best = np.argsort(-similarity, kind="stable")[:NEAREST]
        return [_shorten(side.exemplar_texts[rows[i]]) for i in best]


def _word_count(doc: Doc | None) -> int:
    return MIN_WORDS_FOR_ADDITION if doc is None else sum(1 for token in doc if token.is_alpha)


def _shorten(text: str) -> str:
    return text if len(text) <= EXEMPLAR_CHARS else text[:EXEMPLAR_CHARS - 1].rstrip() + "…"
