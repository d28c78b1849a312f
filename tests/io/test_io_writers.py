"""Writers: JSON array / JSONL / CSV from ``io.serialize`` dicts, streamed, French text unescaped."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from egoscope.errors import ConfigError
from egoscope.io.serialize import check_to_dict, result_to_dict
from egoscope.io.writers import CSV_COLUMNS, write_results
from egoscope.model import (
    SPEAKERS,
    CheckResult,
    Conversation,
    ConversationResult,
    Finding,
    RevenueAtRisk,
    Turn,
    TurnResult,
)

REFUSAL = Finding(category="blame_customer", kind="risk", start=0, end=27, evidence="Vous auriez dû vérifier",
                  rule="blame_customer.vous_auriez_du", explanation="Renvoie la faute au client.",
                  suggestion="Je vérifie avec vous l’adresse.", intensity=0.8)
ANGER = Finding(category="anger", kind="emotion", start=0, end=12, evidence="C’est honteux",
                rule="anger.honteux", explanation="Colère explicite.")


def _result(conv_id: str, findings: tuple[tuple[Finding, ...], ...], score: int = 40) -> dict[str, Any]:
    speakers = SPEAKERS
    texts = ("Vous auriez dû vérifier l'adresse.", "C’est honteux !")
    turns = tuple(TurnResult(index=i, speaker=speakers[i % 2], text=texts[i % 2], findings=found)
                  for i, found in enumerate(findings))
    conversation = Conversation(id=conv_id, turns=tuple(Turn(t.speaker, t.text) for t in turns), channel="chat",
                                started_at=datetime(2024, 5, 23, tzinfo=UTC), extra={"csat": 2})
    revenue = RevenueAtRisk(eur=123.5, annual_value_eur=780.0, loss_probability=0.3, direct_eur=100.0,
                            word_of_mouth_eur=20.0, silent_leavers_eur=3.5, value_is_default=False,
                            assumptions={"as_of": datetime(2024, 1, 1, tzinfo=UTC)})
    return result_to_dict(ConversationResult(
        conversation=conversation, language="fr", turns=turns, escalations=(), last_word="customer",
        last_word_risk=True, outcome="at_risk", topics=("delivery",), score=score, revenue_at_risk=revenue))


RESULTS = [_result("c1", ((REFUSAL,), (ANGER,))), _result("c2", ((), ()), score=90)]
CHECK = check_to_dict(CheckResult(text="Vous auriez dû vérifier.", findings=(REFUSAL,), id="d-1"))


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_french_text_is_not_escaped(fmt: str) -> None:
    out = io.StringIO()
    write_results(RESULTS, fmt, out)  # type: ignore[arg-type]
    assert "Vous auriez dû vérifier" in out.getvalue() and "\\u00fb" not in out.getvalue()


@pytest.mark.parametrize("results", [RESULTS, [], [CHECK]])
def test_json_is_one_array(results: list[dict[str, Any]]) -> None:
    out = io.StringIO()
    assert write_results(results, "json", out) == len(results)
    assert json.loads(out.getvalue()) == json.loads(json.dumps(results, default=datetime.isoformat))


@pytest.mark.parametrize("results", [RESULTS, [], [CHECK]])
def test_jsonl_is_one_object_per_line(results: list[dict[str, Any]]) -> None:
    out = io.StringIO()
    assert write_results(results, "jsonl", out) == len(results)
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [result["id"] for result in results]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_datetimes_left_in_dicts_are_iso(fmt: str) -> None:
    out = io.StringIO()
    write_results(RESULTS[:1], fmt, out)  # type: ignore[arg-type]
    written = json.loads(out.getvalue())
    first = written[0] if fmt == "json" else written
    assert first["revenue_at_risk"]["assumptions"]["as_of"] == "2024-01-01T00:00:00+00:00"


@pytest.mark.parametrize("value", [{1, 2}, object()])
def test_values_json_cannot_hold_are_an_error(value: object) -> None:
    with pytest.raises(TypeError, match="cannot write a"):
        write_results([{"id": "c", "extra": {"x": value}}], "jsonl", io.StringIO())


@pytest.mark.parametrize("results, expected", [
    (RESULTS, [
        {"conversation_id": "c1", "turn": "0", "speaker": "agent", "category": "blame_customer", "kind": "risk",
         "start": "0", "end": "27", "evidence": "Vous auriez dû vérifier", "rule": "blame_customer.vous_auriez_du",
         "explanation": "Renvoie la faute au client.", "suggestion": "Je vérifie avec vous l’adresse.",
         "intensity": "0.8", "due": "", "outcome": "at_risk", "score": "40", "revenue_at_risk_eur": "123.5"},
        {"conversation_id": "c1", "turn": "1", "speaker": "customer", "category": "anger", "kind": "emotion",
         "start": "0", "end": "12", "evidence": "C’est honteux", "rule": "anger.honteux",
         "explanation": "Colère explicite.", "suggestion": "", "intensity": "", "due": "", "outcome": "at_risk",
         "score": "40", "revenue_at_risk_eur": "123.5"},
        {**{column: "" for column in CSV_COLUMNS}, "conversation_id": "c2", "outcome": "at_risk", "score": "90",
         "revenue_at_risk_eur": "123.5"},
    ]),
    ([CHECK], [
        {**{column: "" for column in CSV_COLUMNS}, "conversation_id": "d-1", "category": "blame_customer",
         "kind": "risk", "start": "0", "end": "27", "evidence": "Vous auriez dû vérifier",
         "rule": "blame_customer.vous_auriez_du", "explanation": "Renvoie la faute au client.",
         "suggestion": "Je vérifie avec vous l’adresse.", "intensity": "0.8"},
    ]),
    ([], []),
])
def test_csv_is_one_row_per_finding(results: list[dict[str, Any]], expected: list[dict[str, str]]) -> None:
    out = io.StringIO()
    assert write_results(results, "csv", out) == len(results)
    assert out.getvalue().splitlines()[0] == ",".join(CSV_COLUMNS)
    assert _csv_rows(out.getvalue()) == expected


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_writing_streams(fmt: str) -> None:
    out = io.StringIO()
    seen: list[int] = []

    def results() -> Iterator[dict[str, Any]]:
        for result in RESULTS:
            yield result
            seen.append(len(out.getvalue()))  # the previous result is already written when the next is asked

    write_results(results(), fmt, out)  # type: ignore[arg-type]
    assert 0 < seen[0] < seen[1] <= len(out.getvalue())


@pytest.mark.parametrize("fmt", ["xml", "JSON"])
def test_unknown_format(fmt: str) -> None:
    with pytest.raises(ConfigError, match="valid: json, jsonl, csv"):
        write_results(RESULTS, fmt, io.StringIO())  # type: ignore[arg-type]
