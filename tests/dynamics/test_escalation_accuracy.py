"""The labelled test split: trigger-turn accuracy must not fall below what docs/escalation.md reports."""

from __future__ import annotations

import pytest

from egoscope.learn.data import load_conversations, repo_data_dir
from egoscope.learn.evaluate_conversations import ConversationScores, evaluate
from egoscope.pipeline import Engine

ACHIEVED_TEST_TRIGGER_ACCURACY = 0.885  # 54/61 with the seven-batch model, docs/escalation.md
MARGIN = 0.05  # three conversations of the 61: emotion rules and the classifier change under us

pytestmark = pytest.mark.skipif(not (repo_data_dir() / "conversations.jsonl").exists(),
                                reason="the labelled corpus ships with the source checkout only")


@pytest.fixture(scope="module")
def split_scores(engine: Engine) -> ConversationScores:
    return evaluate(engine, load_conversations("test"))


@pytest.mark.parametrize("floor", [ACHIEVED_TEST_TRIGGER_ACCURACY - MARGIN])
def test_trigger_accuracy_on_test_split(split_scores: ConversationScores, floor: float) -> None:
    assert split_scores.trigger_accuracy >= floor, f"wrong trigger turn: {', '.join(split_scores.misses)}"


@pytest.mark.parametrize("floor", [0.95])
def test_last_word_on_test_split(split_scores: ConversationScores, floor: float) -> None:
    assert split_scores.last_word_accuracy >= floor
