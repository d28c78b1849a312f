"""Train the sentence classifier and tune the hybrid thresholds on the train split only (``make model``).

    python -m egoscope.learn.train [--out src/egoscope/models/sentence_fr.npz] [--folds 5] [--seed 0]

1. Each labelled train sentence is run through the engine's rule stage (hits, turn context).
2. K-fold cross-validation on train gives out-of-fold probabilities for every sentence, under each way
   of reading a sentence (alone, in its context window, the larger of both).
3. On those out-of-fold scores: Platt calibration per category, then the add / veto thresholds by
   coordinate ascent on the hybrid decision itself (``classifier_stage.decide``), then the reading.
4. The final model is fitted on the whole train split and written as .npz + .json.
The test split is never loaded here.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast, get_args

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from spacy.language import Language
from spacy.tokens import Doc

from egoscope.analyzers.classifier_stage import (
    RuleCandidate,
    TurnScores,
    candidate_of,
    default_model_path,
    score_docs,
    sentence_units,
)
from egoscope.analyzers.cues import find_hits
from egoscope.learn.data import Example, load_conversations, load_examples
from egoscope.learn.features import TextFeatures
from egoscope.learn.linear import SentenceModel, SideModel, Unit, sigmoid
from egoscope.learn.tuning import Objective, dropout_table, settle, tune_thresholds
from egoscope.model import AGENT_CATEGORIES, CUSTOMER_CATEGORIES, EMOTIONS, Speaker
from egoscope.nlp import load_nlp
from egoscope.rules.rulebook import Rulebook, load_rulebook
from egoscope.rules.schema import CategorySpec
from egoscope.text import normalise

log = logging.getLogger("egoscope.learn.train")
NEGATIVE = frozenset(EMOTIONS) - {"satisfaction"}
SEED = 0
FOLDS = 5
C = 10.0
UNSEEN_RECALL = Path(__file__).with_name("unseen_rule_recall.yaml")
SIDES: dict[Speaker, tuple[str, ...]] = {"agent": AGENT_CATEGORIES, "customer": CUSTOMER_CATEGORIES}


@dataclass
class Prepared:
    """The train sentences of one side with what the rule stage made of them."""

    side: Speaker
    categories: tuple[str, ...]
    examples: list[Example]
    docs: list[Doc]
    candidates: list[list[RuleCandidate]]
    unhappy: list[bool]
    gold: np.ndarray  # (n_examples, n_categories) 0/1


def prepare(side: Speaker, examples: list[Example], nlp: Language, rulebook: Rulebook) -> Prepared:
    categories = SIDES[side]
    docs = list(nlp.pipe([normalise(e.text) for e in examples], batch_size=256))
    candidates, unhappy = [], []
    for example, doc in zip(examples, docs, strict=True):
        hits, context = find_hits(doc, side, rulebook, example.text)
        token_sentence = _token_sentences(doc)
        candidates.append([candidate_of(hit, token_sentence) for hit in hits])
        unhappy.append(context.unhappy)
    gold = np.array([[c in e.labels for c in categories] for e in examples], dtype=np.int8)
    return Prepared(side, categories, examples, docs, candidates, unhappy, gold)


def _token_sentences(doc: Doc) -> list[int]:
    return sentence_units(doc)[1]


def fit_side(side: Speaker, categories: Sequence[str], texts: Sequence[str], gold: np.ndarray, *,
             c: float = C, seed: int = SEED) -> SideModel:
    """One balanced logistic regression per category on shared TF-IDF features (identity calibration)."""
    features = TextFeatures.fit(texts)
    matrix = features.transform(texts)
    coef = np.zeros((features.size, len(categories)), dtype=np.float32)
    intercept = np.zeros(len(categories), dtype=np.float32)
    for index in range(len(categories)):
        target = gold[:, index]
        if target.min() == target.max():  # a category absent from this fold: never predicted
            intercept[index] = -10.0
            continue
        model = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", random_state=seed)
        model.fit(matrix, target)
        coef[:, index] = model.coef_[0]
        intercept[index] = model.intercept_[0]
    calibration = np.tile(np.array([1.0, 0.0], dtype=np.float32), (len(categories), 1))
    return SideModel(side=side, categories=tuple(categories), features=features, coef=coef, intercept=intercept,
                     calibration=calibration)


def out_of_fold(prepared: Prepared, *, folds: int, seed: int, c: float) -> dict[Unit, list[TurnScores]]:
    """Out-of-fold scores of every train sentence, under each reading of a sentence."""
    units: tuple[Unit, ...] = get_args(Unit)
    scores: dict[Unit, list[TurnScores | None]] = {u: [None] * len(prepared.examples) for u in units}
    texts = [e.text for e in prepared.examples]
    for number, (fit_rows, held_rows) in enumerate(KFold(folds, shuffle=True, random_state=seed).split(texts)):
        log.info("%s: fold %d/%d", prepared.side, number + 1, folds)
        model = fit_side(prepared.side, prepared.categories, [texts[i] for i in fit_rows],
                         prepared.gold[fit_rows], c=c, seed=seed)
        for unit in units:
            model.unit = unit
            for row, turn_scores in zip(held_rows, score_docs(model, [prepared.docs[i] for i in held_rows]),
                                        strict=True):
                scores[unit][row] = turn_scores
    return {u: [s for s in rows if s is not None] for u, rows in scores.items()}


def platt(scores: Sequence[TurnScores], gold: np.ndarray) -> np.ndarray:
    """Per category (slope, offset) mapping the raw decision value of a turn's best sentence to P(label)."""
    raw = np.array([_logit(s.probabilities.max(axis=0)) if len(s.probabilities) else np.full(gold.shape[1], -10.0)
                    for s in scores])
    calibration = np.zeros((gold.shape[1], 2), dtype=np.float32)
    for index in range(gold.shape[1]):
        model = LogisticRegression(C=100.0).fit(raw[:, index:index + 1], gold[:, index])
        calibration[index] = (model.coef_[0][0], model.intercept_[0])
    return calibration


def calibrated(scores: Sequence[TurnScores], calibration: np.ndarray) -> list[TurnScores]:
    def apply(p: np.ndarray) -> np.ndarray:
        return sigmoid(_logit(p) * calibration[:, 0] + calibration[:, 1])

    return [TurnScores(s.sentences, s.token_sentence, apply(s.probabilities), apply(s.sentence_probabilities))
            for s in scores]


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p.astype(np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def emotion_strength(examples: Sequence[Example]) -> dict[str, float]:
    """Mean labelled intensity of each emotion on train: the expected strength when it is present."""
    strength = {}
    for emotion in EMOTIONS:
        values = [e.intensity[emotion] for e in examples if emotion in e.intensity]
        if values:
            strength[emotion] = round(float(np.mean(values)), 3)
    return strength


def rule_calibration(prepared: Prepared, scores: Sequence[TurnScores]) -> tuple[float, float]:
    """Platt fit of P(emotion present | a rule hit) on the model's out-of-fold probability of that hit."""
    column = {c: i for i, c in enumerate(prepared.categories)}
    rows = [(float(s.probabilities[c.sentence, column[c.category]]), int(prepared.gold[k, column[c.category]]))
            for k, (cands, s) in enumerate(zip(prepared.candidates, scores, strict=True))
            for c in cands if c.category in EMOTIONS and c.sentence >= 0]
    if len(rows) < 20 or len({g for _p, g in rows}) < 2:
        return (1.0, 0.0)
    values = np.array([[_logit(np.array(p))] for p, _g in rows]).reshape(-1, 1)
    model = LogisticRegression(C=100.0).fit(values, [g for _p, g in rows])
    return (round(float(model.coef_[0][0]), 4), round(float(model.intercept_[0]), 4))


def prepare_conversations(side: Speaker, nlp: Language, rulebook: Rulebook) -> Prepared:
    """The turns of one side in the labelled train conversations, as the engine's rule stage sees them.

    A turn is read in an unhappy context when its own cues say so or an earlier customer turn of the
    conversation had a rule hit of a negative emotion or a signal (the engine uses the negativity level).
    """
    examples, docs, candidates, unhappy = [], [], [], []
    for record in load_conversations("train"):
        turns = cast(list[dict[str, Any]], record["turns"])
        upset = False
        for turn, doc in zip(turns, nlp.pipe([normalise(t["text"]) for t in turns]), strict=True):
            hits, context = find_hits(doc, turn["speaker"], rulebook, turn["text"])
            if turn["speaker"] == side:
                examples.append(Example(text=turn["text"], labels=frozenset(turn.get("labels", [])), side=side,
                                        source="conversations.jsonl"))
                docs.append(doc)
                candidates.append([candidate_of(hit, _token_sentences(doc)) for hit in hits])
                unhappy.append(context.unhappy or upset)
            upset = upset or any(h.rule.spec.kind == "signal" or h.rule.category in NEGATIVE for h in hits)
    categories = SIDES[side]
    gold = np.array([[c in e.labels for c in categories] for e in examples], dtype=np.int8)
    return Prepared(side, categories, examples, docs, candidates, unhappy, gold)


def rule_recall(conversations: Prepared, specs: Mapping[str, CategorySpec]) -> float:
    """Recall of the rule stage alone (turn conditions included, no classifier) on these turns."""
    column = {c: i for i, c in enumerate(conversations.categories)}
    found = np.zeros_like(conversations.gold)
    for row, (cands, upset) in enumerate(zip(conversations.candidates, conversations.unhappy, strict=True)):
        present = {c.category for c in cands}
        for cand in cands:
            spec = specs.get(cand.category)
            if spec is not None and (present.intersection(spec.suppressed_by) or not cand.promise_ok
                                     or (spec.requires_context == "unhappy_customer" and not upset)):
                continue
            if cand.category in column:
                found[row, column[cand.category]] = 1
    positives = int(conversations.gold.sum())
    return round(int((found & conversations.gold).sum()) / max(1, positives), 3)


def unseen_rule_recall(side: Speaker) -> dict[str, float]:
    """Per-category recall of the rules on sentences their authors never saw (``unseen_rule_recall.yaml``)."""
    document = yaml.safe_load(UNSEEN_RECALL.read_text(encoding="utf-8"))
    return {str(category): float(value) for category, value in document[side].items()}


def train_side(prepared: Prepared, conversations: Prepared, rulebook: Rulebook, *, folds: int, seed: int,
               c: float) -> tuple[SideModel, dict[str, object]]:
    recall = rule_recall(conversations, rulebook.categories)
    log.info("%s: rule recall on the train conversations %.3f", prepared.side, recall)
    unseen = unseen_rule_recall(prepared.side)
    log.info("%s: rule recall on unseen sentences (tuning dropout) %s", prepared.side, unseen)
    oof = out_of_fold(prepared, folds=folds, seed=seed, c=c)
    objective = Objective.for_side(prepared.side, prepared.categories)
    report: dict[str, object] = {"rule_recall_on_train_conversations": recall, "rule_keep": unseen}
    tuned = []
    for unit, raw_scores in oof.items():
        calibration = platt(raw_scores, prepared.gold)
        scores = calibrated(raw_scores, calibration)
        result = tune_thresholds(prepared, scores, rulebook.categories, objective, rule_recall=unseen, seed=seed)
        report[f"objective_{unit}"] = round(result.value, 4)
        log.info("%s: reading %s -> objective %.4f", prepared.side, unit, result.value)
        tuned.append((result.value, unit, calibration, result, scores))
    _value, unit, calibration, result, scores = max(tuned, key=lambda t: t[0])
    model = fit_side(prepared.side, prepared.categories, [e.text for e in prepared.examples], prepared.gold,
                     c=c, seed=seed)
    model.unit, model.calibration = unit, calibration
    table, gold = dropout_table(conversations, score_docs(model, conversations.docs), rulebook.categories,
                                rule_recall=unseen, seed=seed)
    # No false-alarm term here: conversation turns run to several sentences, so their per-turn false
    # alarms are not comparable with the per-sentence target that the out-of-fold tuning enforced.
    per_turn = Objective.for_side(prepared.side, prepared.categories, false_alarm_weight=0.0)
    offset, loss, value = settle(result, table, gold, per_turn, objective)
    false_alarms = result.false_alarms(offset=offset, loss=loss)
    log.info("%s: on the train conversations, add offset %+.2f, veto loss %.2f -> objective %.4f "
             "(out-of-fold false alarms %.3f)", prepared.side, offset, loss, value, false_alarms)
    model.thresholds = result.thresholds(offset=offset, loss=loss)
    if prepared.side == "customer":
        model.strength = emotion_strength(prepared.examples)
        model.rule_calibration = rule_calibration(prepared, scores)
    labelled = [e for e in prepared.examples if e.labels]
    model.exemplar_texts = [e.text for e in labelled]
    model.exemplar_labels = [sorted(e.labels) for e in labelled]
    report.update(unit=unit, add_offset=offset, veto_loss=loss, oof_false_alarms=round(false_alarms, 4),
                  conversations_objective=round(value, 4),
                  sentences=len(prepared.examples), conversation_turns=len(conversations.examples),
                  features=model.features.size)
    return model, report


def train(*, out: Path, folds: int = FOLDS, seed: int = SEED, c: float = C, lang: str = "fr") -> SentenceModel:
    nlp = load_nlp()
    rulebook = load_rulebook(nlp, lang)
    sides: dict[str, SideModel] = {}
    meta: dict[str, object] = {"seed": seed, "folds": folds, "C": c, "rules_fingerprint": rulebook.fingerprint,
                               "features": "tfidf char_wb 2-5 + word 1-2 on accent-folded text",
                               "command": "python -m egoscope.learn.train"}
    for side in SIDES:
        examples = load_examples(side, "train")
        meta[f"{side}_data_sha1"] = hashlib.sha1("\n".join(e.text for e in examples).encode()).hexdigest()[:12]
        model, report = train_side(prepare(side, examples, nlp, rulebook),
                                   prepare_conversations(side, nlp, rulebook), rulebook, folds=folds, seed=seed, c=c)
        sides[side] = model
        meta[side] = report
    sentence_model = SentenceModel(lang=lang, sides=sides, meta=meta)
    out.parent.mkdir(parents=True, exist_ok=True)
    sentence_model.save(out)
    return sentence_model


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=default_model_path())
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--C", type=float, default=C, dest="c")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(out=args.out, folds=args.folds, seed=args.seed, c=args.c)
    log.info("wrote %s (%.1f MB with its .json)", args.out,
             (args.out.stat().st_size + args.out.with_suffix(".json").stat().st_size) / 1e6)


if __name__ == "__main__":
    main()
