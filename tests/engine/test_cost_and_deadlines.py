"""Revenue at risk (seed 000: 15 EUR a week is 780 EUR a year) and commitment deadlines."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from egoscope.analyzers.cost import annual_value, revenue_at_risk
from egoscope.analyzers.deadlines import resolve_due
from egoscope.errors import RuleFileError
from egoscope.model import Customer
from egoscope.settings import load_assumptions

BASE = datetime.fromisoformat("2026-05-13T10:00:00+02:00")  # a Wednesday


@pytest.mark.parametrize(("customer", "expected", "default"), [
    (Customer(spend_eur=15, spend_period="week"), 780.0, False),
    (Customer(spend_eur=40, spend_period="month"), 480.0, False),
    (Customer(spend_eur=30, spend_period="visit", visits_per_week=2), 3120.0, False),
    (Customer(spend_eur=1200, spend_period="year"), 1200.0, False),
    (None, 300.0, True),
    (Customer(id="x"), 300.0, True),
])
def test_annual_value(customer: Customer | None, expected: float, default: bool) -> None:
    assert annual_value(customer, load_assumptions()) == (expected, default)


def test_revenue_at_risk_shows_every_part() -> None:
    risk = revenue_at_risk(Customer(spend_eur=15, spend_period="week"), "lost", True, load_assumptions())
    assert risk.direct_eur == pytest.approx(780 * 0.9)
    assert risk.word_of_mouth_eur == pytest.approx(0.9 * 10 * 0.02 * 780)
    assert risk.silent_leavers_eur == pytest.approx(780 * 0.9 * 1.5 * 0.25)
    assert risk.eur == pytest.approx(risk.direct_eur + risk.word_of_mouth_eur + risk.silent_leavers_eur, abs=0.02)
    assert risk.assumptions["people_told_per_unhappy_customer"] == 10


@pytest.mark.parametrize(("text", "expected"), [(b"default_annual_value_eur: 500\n", 500.0),
                                                 (b"loss_probability: {lost: 1.0}\n", 300.0)])
def test_assumptions_override(tmp_path: Path, text: bytes, expected: float) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(text)
    assert load_assumptions(path).default_annual_value_eur == expected


@pytest.mark.parametrize("text", [b"default_annual_value_eur: -5\n", b"people_told: 3\n", b"a: [\n"])
def test_bad_assumptions_name_the_file(tmp_path: Path, text: bytes) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(text)
    with pytest.raises(RuleFileError, match="bad.yaml"):
        load_assumptions(path)


@pytest.mark.parametrize(("phrase", "due"), [
    ("Vous serez remboursé sous 48 h.", "2026-05-15T10:00+02:00"),
    ("Je vous rappelle demain avant midi.", "2026-05-14T12:00+02:00"),
    ("Le remboursement arrivera d'ici vendredi.", "2026-05-15"),
    ("sous quinzaine", "2026-05-28"),
    ("dans 3 jours ouvrés", "2026-05-18"),
    ("le 2 juin", "2026-06-02"),
    ("avant la fin du mois", "2026-05-31"),
    ("lundi prochain", "2026-05-18"),
])
def test_resolve_due(phrase: str, due: str) -> None:
    assert resolve_due(phrase, BASE) == due


@pytest.mark.parametrize("phrase", ["rapidement", "dès que possible"])
def test_no_deadline(phrase: str) -> None:
    assert resolve_due(phrase, BASE) is None
    assert resolve_due("sous 48 h", None) is None


@pytest.mark.parametrize("n_process", [2, 0])  # 0: auto, with the size threshold lowered below 12
def test_parallel_analysis_keeps_order_and_results(n_process: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from egoscope import pipeline
    from egoscope.io.readers import read_conversations
    from egoscope.io.serialize import result_to_dict
    from egoscope.pipeline import Engine

    monkeypatch.setattr(pipeline, "AUTO_MIN_CONVERSATIONS", 4)
    engine = Engine.load()
    sample = Path(__file__).resolve().parents[2] / "src" / "egoscope" / "data" / "sample" / "conversations.jsonl"
    conversations = list(read_conversations([sample]))[:12]
    serial = [result_to_dict(r) for r in engine.analyze(conversations, batch_size=2)]
    parallel = [result_to_dict(r) for r in engine.analyze(conversations, batch_size=2, n_process=n_process)]
    assert parallel == serial


def test_auto_processes_stay_in_process_for_small_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    from egoscope import pipeline
    from egoscope.io.readers import read_conversations

    engine = pipeline.Engine.load()
    sample = Path(__file__).resolve().parents[2] / "src" / "egoscope" / "data" / "sample" / "conversations.jsonl"
    conversations = list(read_conversations([sample]))[:6]

    def no_fork(*_args: object) -> None:
        raise AssertionError("a small input must not start workers")

    monkeypatch.setattr(pipeline, "_parallel", no_fork)
    assert len(list(engine.analyze(conversations, batch_size=2, n_process=pipeline.AUTO_PROCESSES))) == 6
    assert list(engine.analyze([], n_process=pipeline.AUTO_PROCESSES)) == []
