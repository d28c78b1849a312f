"""The hybrid decision, the shipped model file and the model findings."""

from __future__ import annotations

import time
from datetime import datetime

import numpy as np
import pytest
from scipy import sparse

from egoscope.analyzers.classifier_stage import (
    MODEL_EXCLUDED,
    RuleCandidate,
    TurnScores,
    decide,
    default_model_path,
)
from egoscope.learn.data import load_examples
from egoscope.learn.features import DEFAULT_BLOCKS, TextFeatures
from egoscope.learn.linear import SentenceModel, Thresholds
from egoscope.learn.tuning import HybridTable
from egoscope.model import AGENT_CATEGORIES, Conversation, Turn
from egoscope.pipeline import Engine


@pytest.mark.parametrize("limit_mb", [6.0])  # 5.1 MB with seven batches: vocabularies and exemplars grow with the data
def test_model_file_is_small(limit_mb: float) -> None:
    path = default_model_path()
    size = path.stat().st_size + path.with_suffix(".json").stat().st_size
    assert size < limit_mb * 1e6


@pytest.mark.parametrize("limit_s", [1.0])
def test_model_loads_fast(limit_s: float) -> None:
    start = time.perf_counter()
    SentenceModel.load(default_model_path())
    assert time.perf_counter() - start < limit_s


@pytest.mark.parametrize("count", [300])
def test_features_match_scikit_learn(count: int) -> None:
    texts = [e.text for e in load_examples("agent", "train")[:count]]
    ours = TextFeatures.fit(texts).transform(texts)
    reference = sparse.hstack([block.tfidf().fit(texts).transform(texts) for block in DEFAULT_BLOCKS]).tocsr()
    assert abs(ours - reference).max() < 1e-5


def _random_turn(rng: np.random.Generator, k: int) -> tuple[list[RuleCandidate], TurnScores]:
    n = int(rng.integers(1, 4))
    probabilities = rng.random((n, k))
    candidates = [RuleCandidate(AGENT_CATEGORIES[int(rng.integers(k))], int(rng.integers(-1, n)), bool(rng.random() < .8))
                  for _hit in range(int(rng.integers(0, 4)))]
    scores = TurnScores(sentences=tuple((i, i + 1) for i in range(n)), token_sentence=(), probabilities=probabilities,
                        sentence_probabilities=probabilities)
    return candidates, scores


@pytest.mark.parametrize("seed", [0, 1])
def test_vectorised_tuning_replays_the_engine_decision(engine: Engine, seed: int) -> None:
    """``HybridTable.predict`` (tuning) and ``decide`` (engine) take the same decisions."""
    rng = np.random.default_rng(seed)
    k = len(AGENT_CATEGORIES)
    turns = [_random_turn(rng, k) for _turn in range(300)]
    unhappy = [bool(rng.random() < .5) for _turn in turns]
    add, veto = rng.uniform(.3, .9, k), rng.uniform(0, .3, k)
    thresholds = {c: Thresholds(add=float(add[i]), veto=float(veto[i])) for i, c in enumerate(AGENT_CATEGORIES)}
    specs = engine.rulebook.categories
    table = HybridTable.build(AGENT_CATEGORIES, [c for c, _s in turns], [s for _c, s in turns], unhappy, specs)
    predicted = table.predict(add, veto)
    for row, ((candidates, scores), happy) in enumerate(zip(turns, unhappy, strict=True)):
        decision = decide(candidates, scores, AGENT_CATEGORIES, thresholds, specs, unhappy=happy)
        found = {candidates[i].category for i in decision.rules} | {a.category for a in decision.additions}
        assert found == {c for i, c in enumerate(AGENT_CATEGORIES) if predicted[row, i]}


@pytest.mark.parametrize("category", sorted(MODEL_EXCLUDED))
def test_the_model_never_adds_an_excluded_category(engine: Engine, category: str) -> None:
    scores = TurnScores(sentences=((0, 5),), token_sentence=(), probabilities=np.ones((1, len(AGENT_CATEGORIES))),
                        sentence_probabilities=np.ones((1, len(AGENT_CATEGORIES))))
    thresholds = {c: Thresholds(add=0.5, veto=0.0) for c in AGENT_CATEGORIES}
    decision = decide([], scores, AGENT_CATEGORIES, thresholds, engine.rulebook.categories, unhappy=True)
    assert category not in {a.category for a in decision.additions}


@pytest.mark.parametrize("probability, kept", [(0.01, False), (0.9, True)])
def test_a_confident_clean_sentence_vetoes_the_rule_hit(engine: Engine, probability: float, kept: bool) -> None:
    k = len(AGENT_CATEGORIES)
    probabilities = np.full((1, k), probability)
    scores = TurnScores(sentences=((0, 5),), token_sentence=(), probabilities=probabilities,
                        sentence_probabilities=probabilities)
    thresholds = {c: Thresholds(add=1.01, veto=0.05) for c in AGENT_CATEGORIES}
    decision = decide([RuleCandidate("apology", 0, True)], scores, AGENT_CATEGORIES, thresholds,
                      engine.rulebook.categories, unhappy=False)
    assert bool(decision.rules) is kept


@pytest.mark.parametrize("text, category", [
    ("On a quand même passé deux heures sur votre dossier hier.", "effort_display"),  # no rule cue: the model's
])
def test_check_many_reports_model_findings_with_their_explanation(engine: Engine, text: str, category: str) -> None:
    findings = engine.check(text).findings
    model = [f for f in findings if f.source == "model"]
    for finding in model:
        assert finding.rule == f"model/{finding.category}"
        assert 0.0 <= (finding.score or 0.0) <= 1.0
        assert "proche de : «" in finding.explanation
        assert text[finding.start:finding.end] == finding.evidence
        assert finding.suggestion == engine.rulebook.categories[finding.category].suggestion.get("fr")  # type: ignore[union-attr]
    assert category in {f.category for f in findings}


@pytest.mark.parametrize("speaker", ["agent", "customer"])
def test_analyze_and_check_many_agree(engine: Engine, speaker: str) -> None:
    examples = load_examples(speaker, "test")[:40]  # type: ignore[arg-type]
    checked = [{(f.category, f.source) for f in r.findings}
               for r in engine.check_many(((None, e.text) for e in examples), speaker=speaker)]  # type: ignore[arg-type]
    conversations = [Conversation(id=str(i), turns=(Turn(speaker=speaker, text=e.text),))  # type: ignore[arg-type]
                     for i, e in enumerate(examples)]
    analysed = [{(f.category, f.source) for f in result.turns[0].findings} for result in engine.analyze(conversations)]
    if speaker == "agent":  # no earlier customer turn: the unhappy context is read from the turn in both
        assert checked == analysed
    assert any(source == "model" for found in analysed for _c, source in found)


@pytest.mark.parametrize("lang, marker", [("en", "close to: '")])
def test_model_explanations_follow_the_explain_language(engine: Engine, lang: str, marker: str) -> None:
    english = Engine(engine.nlp, engine.rulebook, engine.topics, engine.params, engine.assumptions,
                     explain_lang=lang, classifier=type(engine.classifier)(engine.rulebook, path=default_model_path(),
                                                                         explain_lang=lang))
    results = english.check_many(((None, e.text) for e in load_examples("agent", "test")[:80]),
                                 date=datetime(2026, 1, 5))
    model = [f for r in results for f in r.findings if f.source == "model"]
    assert model and all(marker in f.explanation for f in model)
