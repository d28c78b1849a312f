"""Threshold tuning of the hybrid decision, on out-of-fold train scores only.

``decide`` in ``classifier_stage`` runs turn by turn; tuning needs thousands of evaluations, so
``HybridTable`` replays the same decision on whole arrays (one row per sentence, one column per
category). ``tests/learn`` checks that both agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from egoscope.analyzers.classifier_stage import MODEL_EXCLUDED, RuleCandidate, TurnScores
from egoscope.learn.linear import Thresholds
from egoscope.model import GOOD_PRACTICES, RISKS, Speaker
from egoscope.rules.schema import CategorySpec

if TYPE_CHECKING:
    from egoscope.learn.train import Prepared

# A model finding with no rule behind it is shown to a reviewer as evidence: below about a one-in-three
# chance of being right (calibrated) it would cost more trust than it adds recall, whatever F1 says.
MIN_ADD = 0.35
ADD_GRID = tuple(round(x, 2) for x in np.arange(MIN_ADD, 0.96, 0.05)) + (1.01,)  # 1.01: never add
# Veto levels (0: never veto). A rule hit is dropped only when the calibrated model gives it less than
# a one-in-ten chance: at 0.2 the veto dropped the guide's own examples of blame ("C'est à vous de me
# dire ce que vous voulez.", model probability 0.12), whose phrasing the later batches rarely use.
VETO_GRID = (0.0, 0.02, 0.05, 0.1)
MAX_FALSE_ALARMS = 0.025  # on risk-free agent sentences: the 3 % target less a margin for new text
DRAWS = 3  # rule-dropout replicas of the train sentences
TUNING_VETO_LOSS = 0.1  # the veto in place while the add thresholds are tuned (settle then picks the final one)
VETO_LOSSES = (0.02, 0.05, 0.1, 0.2, 0.3)  # share of a category's true sentences a veto may drop (out of fold)
OFFSETS = (-0.1, -0.05, 0.0, 0.05, 0.1, 0.15, 0.2)  # global shifts of the add thresholds tried on conversations
ROUNDS = 3
NO_HIT = -1.0


@dataclass
class HybridTable:
    """The inputs of the hybrid decision for many turns, as arrays."""

    categories: tuple[str, ...]
    best: np.ndarray  # (n, k) highest probability over the turn's sentences
    rule_max: np.ndarray  # (n, k) highest probability over the rule hits of the category, NO_HIT if none
    rule_promise_max: np.ndarray  # (n, k) the same over hits whose promise condition holds
    unhappy: np.ndarray  # (n,) bool
    suppressors: list[list[int]]  # per category: the columns that suppress it
    needs_unhappy: np.ndarray  # (k,) bool
    addable: np.ndarray  # (k,) bool

    @classmethod
    def build(cls, categories: Sequence[str], candidates: Sequence[Sequence[RuleCandidate]],
              scores: Sequence[TurnScores], unhappy: Sequence[bool], specs: Mapping[str, CategorySpec]) -> HybridTable:
        column = {c: i for i, c in enumerate(categories)}
        n, k = len(scores), len(categories)
        best = np.zeros((n, k))
        rule_max = np.full((n, k), NO_HIT)
        rule_promise_max = np.full((n, k), NO_HIT)
        for row, (cands, turn) in enumerate(zip(candidates, scores, strict=True)):
            if len(turn.probabilities):
                best[row] = turn.probabilities.max(axis=0)
            for cand in cands:
                index = column.get(cand.category)
                if index is None:
                    continue
                value = 2.0 if cand.sentence < 0 else float(turn.probabilities[cand.sentence, index])
                rule_max[row, index] = max(rule_max[row, index], value)
                if cand.promise_ok:
                    rule_promise_max[row, index] = max(rule_promise_max[row, index], value)
        suppressors = [[column[s] for s in specs[c].suppressed_by if s in column] if c in specs else []
                       for c in categories]
        needs_unhappy = np.array([c in specs and specs[c].requires_context == "unhappy_customer" for c in categories])
        addable = np.array([c not in MODEL_EXCLUDED for c in categories])
        return cls(tuple(categories), best, rule_max, rule_promise_max, np.asarray(unhappy, dtype=bool),
                   suppressors, needs_unhappy, addable)

    def predict(self, add: np.ndarray, veto: np.ndarray) -> np.ndarray:
        """(n, k) bool: the categories the hybrid reports on each turn for these thresholds."""
        found = self.rule_max > veto
        added = ~found & (self.best >= add) & self.addable
        present = found | added
        suppressed = np.zeros_like(found)
        for index, columns in enumerate(self.suppressors):
            if columns:
                suppressed[:, index] = present[:, columns].any(axis=1)
        allowed = ~suppressed & (~self.needs_unhappy | self.unhappy[:, None])
        return ((self.rule_promise_max > veto) | added) & allowed


@dataclass(frozen=True)
class Objective:
    """What tuning maximises: F1 of the side, with a floor on the weakest categories and false alarms."""

    side: Speaker
    categories: tuple[str, ...]
    false_alarm_weight: float = 10.0

    @classmethod
    def for_side(cls, side: Speaker, categories: Sequence[str], *, false_alarm_weight: float = 10.0) -> Objective:
        return cls(side, tuple(categories), false_alarm_weight)

    def __call__(self, predicted: np.ndarray, gold: np.ndarray) -> float:
        if self.side == "customer":
            every = list(range(len(self.categories)))
            return 0.6 * micro_f1(predicted, gold, every) + 0.4 * macro_f1(predicted, gold, every)
        risks = [i for i, c in enumerate(self.categories) if c in RISKS]
        good = [i for i, c in enumerate(self.categories) if c in GOOD_PRACTICES]
        value = (0.45 * micro_f1(predicted, gold, risks) + 0.3 * macro_f1(predicted, gold, risks)
                 + 0.25 * micro_f1(predicted, gold, good))
        return value - self.false_alarm_weight * max(0.0, false_alarm_rate(predicted, gold, risks) - MAX_FALSE_ALARMS)


def micro_f1(predicted: np.ndarray, gold: np.ndarray, columns: Sequence[int]) -> float:
    p, g = predicted[:, columns].astype(bool), gold[:, columns].astype(bool)
    tp, fp, fn = int((p & g).sum()), int((p & ~g).sum()), int((~p & g).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def macro_f1(predicted: np.ndarray, gold: np.ndarray, columns: Sequence[int]) -> float:
    return float(np.mean([micro_f1(predicted, gold, [c]) for c in columns]))


def false_alarm_rate(predicted: np.ndarray, gold: np.ndarray, risk_columns: Sequence[int]) -> float:
    clean = ~gold[:, risk_columns].astype(bool).any(axis=1)
    if not clean.any():
        return 0.0
    return float(predicted[clean][:, risk_columns].any(axis=1).mean())


@dataclass
class Tuned:
    """Per-category add thresholds (``add``) and the veto levels for each allowed loss of true hits."""

    categories: tuple[str, ...]
    add: np.ndarray
    vetoes: dict[float, np.ndarray]
    value: float
    table: HybridTable | None = None  # the out-of-fold replay the thresholds were tuned on
    gold: np.ndarray | None = None

    def false_alarms(self, *, offset: float, loss: float) -> float:
        """False-alarm rate of these thresholds on the out-of-fold replay (0 when there is none)."""
        if self.table is None or self.gold is None:
            return 0.0
        risks = [i for i, c in enumerate(self.categories) if c in RISKS]
        return false_alarm_rate(self.table.predict(self.shifted(offset), self.vetoes[loss]), self.gold, risks)

    def thresholds(self, *, offset: float = 0.0, loss: float = VETO_LOSSES[0]) -> dict[str, Thresholds]:
        add = self.shifted(offset)
        return {c: Thresholds(add=round(float(add[i]), 3), veto=round(float(self.vetoes[loss][i]), 3))
                for i, c in enumerate(self.categories)}

    def shifted(self, offset: float) -> np.ndarray:
        """Every add threshold moved by ``offset``; "never" stays never."""
        return np.where(self.add > 1.0, self.add, np.clip(self.add + offset, MIN_ADD, 1.0))


def tune_thresholds(prepared: Prepared, scores: Sequence[TurnScores], specs: Mapping[str, CategorySpec],
                    objective: Objective, *, rule_recall: Mapping[str, float], seed: int) -> Tuned:
    """Add thresholds by coordinate ascent on out-of-fold decisions, with rule dropout; safe vetoes.

    The rules were written from the train split, where their recall is close to 1: tuned with them as
    they are, the hybrid would learn never to add anything, while on unseen text their recall is far
    lower. So each rule hit is kept with probability ``rule_recall[category]`` (their recall on
    sentences no rule was written from, ``unseen_rule_recall.yaml``; ``"*"`` for a category without
    its own estimate), over ``DRAWS`` seeded replicas.
    The turn-level conditions apply during tuning as in the engine.
    """
    table, gold = dropout_table(prepared, scores, specs, rule_recall=rule_recall, seed=seed)
    k = len(prepared.categories)
    vetoes = {loss: safe_vetoes(table.best, gold, loss) for loss in VETO_LOSSES}
    # Tune the additions with a veto in place, as the engine runs: without it the rules' false hits
    # would use up the false-alarm budget that the veto frees.
    veto = vetoes[TUNING_VETO_LOSS]
    add = np.full(k, ADD_GRID[-1])  # start from "never add": additions must pay their way
    value = objective(table.predict(add, veto), gold)
    for _round in range(ROUNDS):
        changed = False
        for index in range(k):
            for candidate in ADD_GRID:
                old = add[index]
                add[index] = candidate
                trial_value = objective(table.predict(add, veto), gold)
                if trial_value > value + 1e-9:
                    value, changed = trial_value, True
                else:
                    add[index] = old
        if not changed:
            break
    return Tuned(tuple(prepared.categories), add, vetoes, value, table, gold)


def dropout_table(prepared: Prepared, scores: Sequence[TurnScores], specs: Mapping[str, CategorySpec], *,
                  rule_recall: Mapping[str, float], seed: int) -> tuple[HybridTable, np.ndarray]:
    """The hybrid replay over ``DRAWS`` seeded replicas, each true rule hit kept at its unseen-text recall.

    False hits are all kept: the rules' false alarms on new text are not rarer than on the text they
    were written from."""
    rng = np.random.default_rng(seed)
    column = {c: i for i, c in enumerate(prepared.categories)}

    def kept(row: int, cand: RuleCandidate) -> bool:
        index = column.get(cand.category)
        if index is None or not prepared.gold[row, index]:
            return True
        return bool(rng.random() < rule_recall.get(cand.category, rule_recall["*"]))

    candidates = [[c for c in cands if kept(row, c)]
                  for _draw in range(DRAWS) for row, cands in enumerate(prepared.candidates)]
    table = HybridTable.build(prepared.categories, candidates, list(scores) * DRAWS, list(prepared.unhappy) * DRAWS,
                              specs)
    return table, np.tile(prepared.gold, (DRAWS, 1))


def safe_vetoes(best: np.ndarray, gold: np.ndarray, loss: float) -> np.ndarray:
    """Per category, the highest veto level that drops at most ``loss`` of its true sentences (out of fold)."""
    veto = np.zeros(best.shape[1])
    for index in range(best.shape[1]):
        positives = best[gold[:, index].astype(bool), index]
        if len(positives):
            veto[index] = max((v for v in VETO_GRID if (positives <= v).mean() <= loss), default=0.0)
    return veto


def settle(tuned: Tuned, table: HybridTable, gold: np.ndarray, per_turn: Objective,
           per_sentence: Objective) -> tuple[float, float, float]:
    """Two global knobs: an offset added to every add threshold and the veto's allowed loss.
    Returns (offset, loss, value).

    Each knob pair is judged on the labelled train conversations (``table``, which must replay the
    rules as they do on unseen text, ``dropout_table``: they were written with these conversations in
    view) plus the out-of-fold train sentences the thresholds were tuned on, so that 400-odd turns
    alone do not decide. Only pairs that keep the out-of-fold false-alarm rate within the bound are
    tried, plus offset 0 (the tuned thresholds themselves), so that there is always a choice."""
    if tuned.table is None or tuned.gold is None:
        raise ValueError("settle needs the out-of-fold replay that tune_thresholds keeps")
    trials = []
    for offset in OFFSETS:
        for loss in VETO_LOSSES:
            if tuned.false_alarms(offset=offset, loss=loss) > MAX_FALSE_ALARMS and offset != 0.0:
                continue
            add, veto = tuned.shifted(offset), tuned.vetoes[loss]
            value = (per_turn(table.predict(add, veto), gold)
                     + per_sentence(tuned.table.predict(add, veto), tuned.gold)) / 2
            trials.append((value, -abs(offset), offset, loss))
    value, _closeness, offset, loss = max(trials)
    return offset, loss, value
