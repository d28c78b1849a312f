"""Conversation-level quality on the labelled conversations.

Run ``python -m egoscope.learn.evaluate_conversations [train] [test]``.

Measures what ``analyzers/dynamics.py`` decides: the trigger turn of the first escalation ("no
escalation" predicted for a calm conversation counts as correct), escalation detection (a
conversation with at least one escalation), the outcome with its confusion matrix, and the last word.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from egoscope.io.jsonl_reader import ConversationIn, to_conversation
from egoscope.learn.data import Split, load_conversations
from egoscope.model import OUTCOMES, Conversation, ConversationResult
from egoscope.pipeline import Engine


@dataclass
class ConversationScores:
    """Counts over one set of labelled conversations; the rates are properties."""

    total: int = 0
    trigger_correct: int = 0
    escalation: Counter[str] = field(default_factory=Counter)  # tp / fp / fn / tn, per conversation
    outcome_correct: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (expected, predicted)
    last_word_correct: int = 0
    misses: list[str] = field(default_factory=list)  # ids whose trigger turn is wrong

    @property
    def trigger_accuracy(self) -> float:
        return self.trigger_correct / self.total if self.total else 0.0

    @property
    def escalation_precision(self) -> float:
        tp, fp = self.escalation["tp"], self.escalation["fp"]
        return tp / (tp + fp) if tp + fp else 1.0

    @property
    def escalation_recall(self) -> float:
        tp, fn = self.escalation["tp"], self.escalation["fn"]
        return tp / (tp + fn) if tp + fn else 1.0

    @property
    def outcome_accuracy(self) -> float:
        return self.outcome_correct / self.total if self.total else 0.0

    @property
    def last_word_accuracy(self) -> float:
        return self.last_word_correct / self.total if self.total else 0.0


def to_conversations(records: Iterable[Mapping[str, Any]]) -> list[Conversation]:
    """Labelled records -> Conversations (the extra ``labels`` / ``expected`` keys are ignored)."""
    return [to_conversation(ConversationIn.model_validate(dict(record)), file=str(record["id"]), line=0)
            for record in records]


def predicted_trigger(result: ConversationResult) -> int | None:
    return result.escalations[0].trigger_turn if result.escalations else None


def add(scores: ConversationScores, expected: Mapping[str, Any], result: ConversationResult) -> None:
    """Count one conversation's result against its expected values."""
    scores.total += 1
    if predicted_trigger(result) == expected["trigger_turn"]:
        scores.trigger_correct += 1
    else:
        scores.misses.append(result.id)
    gold, got = bool(expected["escalations"]), bool(result.escalations)
    scores.escalation["tp" if gold and got else "fp" if got else "fn" if gold else "tn"] += 1
    scores.outcome_correct += result.outcome == expected["outcome"]
    scores.confusion[(str(expected["outcome"]), result.outcome)] += 1
    scores.last_word_correct += result.last_word == expected["last_word"]


def evaluate(engine: Engine, records: Sequence[Mapping[str, Any]]) -> ConversationScores:
    scores = ConversationScores()
    for record, result in zip(records, engine.analyze(to_conversations(records)), strict=True):
        add(scores, record["expected"], result)
    return scores


def report(scores: ConversationScores, title: str) -> str:
    """The numbers as a plain-text block (the caller prints it)."""
    lines = [
        f"{title}: {scores.total} conversations",
        f"  trigger-turn accuracy   {scores.trigger_accuracy:.3f}  ({scores.trigger_correct}/{scores.total})",
        f"  escalation detection    P {scores.escalation_precision:.3f}  R {scores.escalation_recall:.3f}"
        f"  (tp {scores.escalation['tp']}, fp {scores.escalation['fp']}, fn {scores.escalation['fn']},"
        f" tn {scores.escalation['tn']})",
        f"  outcome accuracy        {scores.outcome_accuracy:.3f}",
        f"  last-word accuracy      {scores.last_word_accuracy:.3f}",
        "  outcome confusion (rows expected, columns predicted)",
        "    " + f"{'':10}" + "".join(f"{name:>10}" for name in OUTCOMES),
    ]
    for expected in OUTCOMES:
        row = "".join(f"{scores.confusion[(expected, predicted)]:>10}" for predicted in OUTCOMES)
        lines.append(f"    {expected:10}{row}")
    if scores.misses:
        lines.append(f"  wrong trigger turn: {', '.join(scores.misses)}")
    return "\n".join(lines)


def main(splits: Sequence[Split] = ("train", "test")) -> None:
    engine = Engine.load()
    for split in splits:
        print(report(evaluate(engine, load_conversations(split)), split))


if __name__ == "__main__":
    main(tuple(sys.argv[1:]) or ("train", "test"))  # type: ignore[arg-type]
