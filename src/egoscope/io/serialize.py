"""Results to plain JSON-ready dicts: the output contract described by ``schema/result.schema.json``."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from egoscope.model import CheckResult, ConversationResult, Finding, TurnResult


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "category": finding.category,
        "kind": finding.kind,
        "start": finding.start,
        "end": finding.end,
        "evidence": finding.evidence,
        "rule": finding.rule,
        "explanation": finding.explanation,
        "source": finding.source,
    }
    for key in ("suggestion", "intensity", "due", "score"):
        value = getattr(finding, key)
        if value is not None:
            data[key] = value
    return data


def turn_to_dict(turn: TurnResult) -> dict[str, Any]:
    data: dict[str, Any] = {"index": turn.index, "speaker": turn.speaker, "text": turn.text}
    if turn.at is not None:
        data["at"] = _iso(turn.at)
    if turn.negativity is not None:
        data["negativity"] = turn.negativity
    data["emotions"] = dict(turn.emotions)
    data["findings"] = [finding_to_dict(f) for f in turn.findings]
    return data


def result_to_dict(result: ConversationResult) -> dict[str, Any]:
    conv = result.conversation
    risks_by_turn = {t.index: [f.category for f in t.findings if f.kind == "risk"] for t in result.turns}
    data: dict[str, Any] = {
        "id": conv.id,
        "language": result.language,
        "channel": conv.channel,
        "agent": conv.agent,
        "team": conv.team,
        "started_at": _iso(conv.started_at),
        "customer": asdict(conv.customer) if conv.customer is not None else None,
        "turns": [turn_to_dict(t) for t in result.turns],
        "escalations": [
            {
                "turn": e.turn,
                "trigger_turn": e.trigger_turn,
                "delta": e.delta,
                "trigger_risks": risks_by_turn.get(e.trigger_turn, []) if e.trigger_turn is not None else [],
            }
            for e in result.escalations
        ],
        "last_word": result.last_word,
        "last_word_risk": result.last_word_risk,
        "outcome": result.outcome,
        "topics": list(result.topics),
        "score": result.score,
        "revenue_at_risk": {
            "eur": result.revenue_at_risk.eur,
            "annual_value_eur": result.revenue_at_risk.annual_value_eur,
            "loss_probability": result.revenue_at_risk.loss_probability,
            "direct_eur": result.revenue_at_risk.direct_eur,
            "word_of_mouth_eur": result.revenue_at_risk.word_of_mouth_eur,
            "silent_leavers_eur": result.revenue_at_risk.silent_leavers_eur,
            "value_is_default": result.revenue_at_risk.value_is_default,
            "assumptions": result.revenue_at_risk.assumptions,
        },
    }
    if conv.extra:
        data["extra"] = conv.extra
    return data


def check_to_dict(result: CheckResult) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if result.id is not None:
        data["id"] = result.id
    data["text"] = result.text
    data["findings"] = [finding_to_dict(f) for f in result.findings]
    return data
