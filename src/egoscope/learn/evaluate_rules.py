"""Per-category precision / recall of the engine on the labelled sentences (``python -m ...``)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence

from egoscope.learn.data import Example, Split, load_examples
from egoscope.model import AGENT_CATEGORIES, CUSTOMER_CATEGORIES, RISKS
from egoscope.pipeline import Engine


def score_examples(engine: Engine, examples: Sequence[Example], categories: Sequence[str]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {c: Counter() for c in categories}
    side = examples[0].side if examples else "agent"
    results = engine.check_many(((None, e.text) for e in examples), speaker=side)
    for example, result in zip(examples, results, strict=True):
        predicted = {f.category for f in result.findings}
        for category in categories:
            gold, got = category in example.labels, category in predicted
            counts[category]["tp" if gold and got else "fp" if got else "fn" if gold else "tn"] += 1
    return counts


def prf(counter: Counter[str]) -> tuple[float, float, float]:
    tp, fp, fn = counter["tp"], counter["fp"], counter["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(split: Split = "train") -> None:
    engine = Engine.load(use_model=False)  # the rules alone; `make eval` scores the hybrid
    for side, categories in (("agent", AGENT_CATEGORIES), ("customer", CUSTOMER_CATEGORIES)):
        examples = load_examples(side, split)  # type: ignore[arg-type]
        counts = score_examples(engine, examples, categories)
        print(f"\n{side} ({split}, {len(examples)} sentences)")
        print(f"{'category':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
        for category in categories:
            p, r, f = prf(counts[category])
            c = counts[category]
            print(f"{category:24} {p:6.2f} {r:6.2f} {f:6.2f} {c['tp']:5} {c['fp']:5} {c['fn']:5}")
        if side == "agent":
            clean = [e for e in examples if not e.labels & set(RISKS)]
            flagged = sum(1 for r in engine.check_many((None, e.text) for e in clean)
                          if any(f.kind == "risk" for f in r.findings))
            print(f"false-alarm rate on risk-free sentences: {flagged}/{len(clean)} = {flagged / max(1, len(clean)):.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "train")  # type: ignore[arg-type]
