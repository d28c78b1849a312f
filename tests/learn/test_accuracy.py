"""The hybrid engine (rules + sentence classifier) on the fixed test split: floors of docs/accuracy.md.

The floors are what the shipped model reaches minus a small margin; the issue's targets (risk
micro-F1 >= 0.85, every risk >= 0.70, customer micro-F1 >= 0.80, false alarms <= 3 %) are printed
by ``make eval`` and the gap is reported in docs/accuracy.md.
"""

from __future__ import annotations

import pytest

from egoscope.learn.evaluate import Report, evaluate
from egoscope.model import RISKS
from egoscope.pipeline import Engine

# Reached by the shipped model on the test split (docs/accuracy.md, 23 Nov 2026, seven batches of data).
REACHED = {"risk_micro_f1": 0.707, "risk_min_f1": 0.560, "customer_micro_f1": 0.762, "false_alarm_rate": 0.027}
MARGIN = 0.03  # about two test sentences of a category: the rule files change under the model
ALARM_MARGIN = 0.003  # three of the 1 141 risk-free sentences: stays under the 3 % target


@pytest.fixture(scope="module")
def report(engine: Engine) -> Report:
    """One evaluation of the test split per module (about 20 s)."""
    if not engine.classifier.enabled:
        pytest.fail("the shipped model is missing: run `make model`")
    return evaluate(engine)


@pytest.mark.parametrize("metric", ["risk_micro_f1", "customer_micro_f1"])
def test_micro_f1_floor(report: Report, metric: str) -> None:
    assert getattr(report, metric) >= REACHED[metric] - MARGIN


@pytest.mark.parametrize("risk", RISKS)
def test_every_risk_keeps_its_floor(report: Report, risk: str) -> None:
    assert report.f1(risk) >= REACHED["risk_min_f1"] - MARGIN


@pytest.mark.parametrize("ceiling", [REACHED["false_alarm_rate"] + ALARM_MARGIN])
def test_false_alarms_on_clean_agent_sentences(report: Report, ceiling: float) -> None:
    assert report.false_alarm_rate <= ceiling


@pytest.mark.parametrize("tolerance", [0.1])
def test_emotion_probabilities_are_calibrated(report: Report, tolerance: float) -> None:
    """In each reliability bin with enough sentences, the observed share is close to the mean probability."""
    for _name, n, mean_p, share in report.reliability:
        if n >= 40:
            assert abs(mean_p - share) <= tolerance
