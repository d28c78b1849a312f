"""Accuracy of the engine (rules + classifier) on the fixed test split, and its speed (``make eval``).

    python -m egoscope.learn.evaluate [--rules-only] [--no-speed]

Prints per-category precision / recall / F1, the targets of docs/accuracy.md, the reliability of the
emotion probabilities and intensities, and sentences / conversations per second.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from egoscope.learn.data import Example, load_examples
from egoscope.learn.evaluate_rules import prf, score_examples
from egoscope.model import AGENT_CATEGORIES, CUSTOMER_CATEGORIES, EMOTIONS, RISKS, Conversation, Turn
from egoscope.pipeline import Engine
from egoscope.text import normalise

RELIABILITY_BINS = (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0001)
TARGETS = {"risk_micro_f1": 0.85, "risk_min_f1": 0.70, "customer_micro_f1": 0.80, "false_alarm_rate": 0.03}


@dataclass
class Report:
    """Test-split numbers of one engine configuration."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    false_alarms: int = 0
    clean: int = 0
    reliability: list[tuple[str, int, float, float]] = field(default_factory=list)
    intensity_mae: float | None = None
    intensity_pairs: int = 0

    def micro_f1(self, categories: Sequence[str]) -> float:
        total: Counter[str] = Counter()
        for category in categories:
            total.update(self.counts[category])
        return prf(total)[2]

    def f1(self, category: str) -> float:
        return prf(self.counts[category])[2]

    @property
    def risk_micro_f1(self) -> float:
        return self.micro_f1(RISKS)

    @property
    def risk_min_f1(self) -> float:
        return min(self.f1(c) for c in RISKS)

    @property
    def customer_micro_f1(self) -> float:
        return self.micro_f1(CUSTOMER_CATEGORIES)

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / max(1, self.clean)


def evaluate(engine: Engine, split: str = "test") -> Report:
    """Score the engine on one split of the labelled sentences (each sentence read as one turn)."""
    report = Report()
    agent = load_examples("agent", split)  # type: ignore[arg-type]
    customer = load_examples("customer", split)  # type: ignore[arg-type]
    report.counts.update(score_examples(engine, agent, AGENT_CATEGORIES))
    report.counts.update(score_examples(engine, customer, CUSTOMER_CATEGORIES))
    clean = [e for e in agent if not e.labels & set(RISKS)]
    report.clean = len(clean)
    report.false_alarms = sum(1 for r in engine.check_many((None, e.text) for e in clean)
                              if any(f.kind == "risk" for f in r.findings))
    report.reliability = reliability(engine, customer)
    report.intensity_mae, report.intensity_pairs = intensity_error(engine, customer)
    return report


def reliability(engine: Engine, examples: Sequence[Example]) -> list[tuple[str, int, float, float]]:
    """Emotion probability bins: (bin, sentences x emotions in it, mean probability, observed share)."""
    if not engine.classifier.enabled:
        return []
    docs = list(engine.nlp.pipe([normalise(e.text) for e in examples]))
    side = engine.classifier.model_.sides["customer"]
    columns = [side.categories.index(e) for e in EMOTIONS]
    predicted, observed = [], []
    for example, scores in zip(examples, engine.classifier.score(docs, ["customer"] * len(docs)), strict=True):
        if scores is None or not len(scores.probabilities):
            continue
        best = scores.probabilities.max(axis=0)
        for emotion, column in zip(EMOTIONS, columns, strict=True):
            predicted.append(float(best[column]))
            observed.append(emotion in example.labels)
    p, o = np.array(predicted), np.array(observed, dtype=float)
    rows = []
    for low, high in zip(RELIABILITY_BINS, RELIABILITY_BINS[1:], strict=False):
        inside = (p >= low) & (p < high)
        if inside.any():
            rows.append((f"{low:.1f}-{min(high, 1.0):.1f}", int(inside.sum()), float(p[inside].mean()),
                         float(o[inside].mean())))
    return rows


def intensity_error(engine: Engine, examples: Sequence[Example]) -> tuple[float | None, int]:
    """Mean absolute error of the reported intensity against the labelled one, on correctly found emotions."""
    errors = []
    results = engine.check_many(((None, e.text) for e in examples), speaker="customer")
    for example, result in zip(examples, results, strict=True):
        for finding in result.findings:
            if finding.kind == "emotion" and finding.intensity is not None and finding.category in example.intensity:
                errors.append(abs(finding.intensity - example.intensity[finding.category]))
    return (float(np.mean(errors)) if errors else None), len(errors)


def synthetic_conversations(count: int, turns: int = 10) -> list[Conversation]:
    """``count`` conversations of ``turns`` turns of about 20 words, cut from the labelled train sentences."""
    agent = [e.text for e in load_examples("agent", "train")]
    customer = [e.text for e in load_examples("customer", "train")]
    conversations = []
    for number in range(count):
        turn_list = []
        for index in range(turns):
            pool = customer if index % 2 == 0 else agent
            words = " ".join(pool[(number * turns + index) * 7 % len(pool)].split()[:20])
            turn_list.append(Turn(speaker="customer" if index % 2 == 0 else "agent", text=words))
        conversations.append(Conversation(id=f"bench-{number}", turns=tuple(turn_list)))
    return conversations


def conversations_per_second(engine: Engine, conversations: Sequence[Conversation], repeats: int = 2) -> float:
    list(engine.analyze(conversations[:20]))  # warm-up
    best = float("inf")
    for _repeat in range(repeats):
        start = time.perf_counter()
        for _result in engine.analyze(conversations):
            pass
        best = min(best, time.perf_counter() - start)
    return len(conversations) / best


def classifier_cost(engine: Engine, conversations: Sequence[Conversation]) -> tuple[float, float]:
    """(sentences per second, milliseconds per conversation) of the classifier's scoring alone."""
    turns = [turn for conv in conversations for turn in conv.turns]
    docs = list(engine.nlp.pipe([normalise(turn.text) for turn in turns]))
    speakers = [turn.speaker for turn in turns]
    engine.classifier.score(docs[:50], speakers[:50])  # warm-up: loads the model
    start = time.perf_counter()
    scores = engine.classifier.score(docs, speakers)
    elapsed = time.perf_counter() - start
    sentences = sum(len(s.sentences) for s in scores if s is not None)
    return sentences / elapsed, 1000 * elapsed / len(conversations)


def print_report(title: str, report: Report) -> None:
    print(f"\n== {title}")
    print(f"{'category':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for category in (*AGENT_CATEGORIES, *CUSTOMER_CATEGORIES):
        c = report.counts[category]
        p, r, f = prf(c)
        print(f"{category:24} {p:6.2f} {r:6.2f} {f:6.2f} {c['tp']:5} {c['fp']:5} {c['fn']:5}")
    rows = [("agent risks micro-F1", report.risk_micro_f1, ">=", TARGETS["risk_micro_f1"]),
            ("weakest risk F1", report.risk_min_f1, ">=", TARGETS["risk_min_f1"]),
            ("customer emotions+signals micro-F1", report.customer_micro_f1, ">=", TARGETS["customer_micro_f1"]),
            (f"false alarms on clean agent sentences ({report.false_alarms}/{report.clean})",
             report.false_alarm_rate, "<=", TARGETS["false_alarm_rate"])]
    print()
    for name, value, sign, target in rows:
        met = value >= target if sign == ">=" else value <= target
        print(f"{name:52} {value:6.3f}  target {sign} {target:.2f}  {'met' if met else 'NOT met'}")
    if report.reliability:
        print("\nemotion probability reliability (test customer sentences x 6 emotions)")
        print(f"{'bin':10} {'n':>5} {'mean p':>7} {'observed':>9}")
        for name, n, mean_p, share in report.reliability:
            print(f"{name:10} {n:5} {mean_p:7.2f} {share:9.2f}")
    if report.intensity_mae is not None:
        print(f"intensity MAE on correctly found emotions: {report.intensity_mae:.3f} ({report.intensity_pairs} pairs)")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-only", action="store_true", help="evaluate the rules without the classifier")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args(argv)
    engine = Engine.load(use_model=not args.rules_only)
    title = "rules only" if not engine.classifier.enabled else "hybrid: rules + sentence classifier"
    print_report(f"{title}, test split", evaluate(engine))
    if not args.no_speed:
        conversations = synthetic_conversations(200)
        print(f"\nspeed: {conversations_per_second(engine, conversations):.1f} conversations/s "
              "(10 turns x 20 words, one process)")
        if engine.classifier.enabled:
            rate, cost = classifier_cost(engine, conversations)
            print(f"classifier stage alone: {rate:,.0f} sentences/s, {cost:.2f} ms per conversation")


if __name__ == "__main__":
    main()
