"""From a ConversationResult to table rows: the content hash, the conversation facts, turns, findings, promises.

Everything here is pure (no session): the writer inserts what these functions return.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from egoscope.io.serialize import result_to_dict
from egoscope.model import Conversation, ConversationResult, Finding, TurnResult

DEFAULT_TOPIC = "other"
NON_NEGATIVE_EMOTIONS = frozenset({"satisfaction"})
REASON_CATEGORIES = frozenset({"explanation", "alternative"})


def content_hash(conv: Conversation) -> str:
    """SHA-256 of the conversation's input content (not of where it was read from)."""
    data = {
        "id": conv.id,
        "channel": conv.channel,
        "agent": conv.agent,
        "team": conv.team,
        "started_at": _iso(conv.started_at),
        "customer": asdict(conv.customer) if conv.customer is not None else None,
        "turns": [[turn.speaker, turn.text, _iso(turn.at)] for turn in conv.turns],
        "extra": conv.extra,
    }
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def local_time(value: datetime | None) -> datetime | None:
    """The wall-clock time as written in the input: days and weeks are counted where the contact happened."""
    return value.replace(tzinfo=None) if value is not None else None


def primary_topic(result: ConversationResult) -> str:
    return result.topics[0] if result.topics else DEFAULT_TOPIC


def parse_due(due: str | None) -> date | None:
    """The date of a ``due`` value (``YYYY-MM-DD`` or a longer ISO timestamp); None when absent or unreadable."""
    if not due:
        return None
    try:
        return date.fromisoformat(due[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class ResultRows:
    """Every row one conversation result writes, keyed by table name."""

    conversation: dict[str, Any]
    result: dict[str, Any]
    customer: dict[str, Any] | None
    agent: dict[str, Any] | None
    topics: list[dict[str, Any]]
    turns: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    commitments: list[dict[str, Any]]


def result_rows(result: ConversationResult, *, content_hash: str, engine_version: str,
                import_run_id: int | None) -> ResultRows:
    """All the rows of one result; ``content_hash`` is the hash of the input it was analysed from."""
    conv = result.conversation
    customer_id = conv.customer.id if conv.customer is not None else None
    topic = primary_topic(result)
    started_at = local_time(conv.started_at)
    grouping = {"agent_id": conv.agent, "team": conv.team, "channel": conv.channel, "topic": topic,
                "started_at": started_at}
    conversation = {
        "id": conv.id, "customer_id": customer_id, "agent_id": conv.agent, "team": conv.team,
        "channel": conv.channel, "started_at": started_at, "language": result.language,
        "outcome": result.outcome, "score": result.score, "last_word": result.last_word,
        "last_word_risk": result.last_word_risk, "topic": topic, "topics": list(result.topics),
        "revenue_at_risk_eur": result.revenue_at_risk.eur, "content_hash": content_hash,
        "engine_version": engine_version, "import_run_id": import_run_id,
        **conversation_facts(result), "is_repeat": False,
    }
    return ResultRows(
        conversation=conversation,
        result={"conversation_id": conv.id, "result": result_to_dict(result)},
        customer=asdict(conv.customer) if customer_id is not None and conv.customer is not None else None,
        agent={"id": conv.agent, "team": conv.team} if conv.agent else None,
        topics=[{"conversation_id": conv.id, "topic": t} for t in dict.fromkeys(result.topics or (topic,))],
        turns=[_turn_row(conv.id, turn) for turn in result.turns],
        findings=[_finding_row(conv.id, turn, finding, grouping)
                  for turn in result.turns for finding in turn.findings],
        commitments=_commitment_rows(result, customer_id, grouping),
    )


def conversation_facts(result: ConversationResult) -> dict[str, int]:
    """Per-conversation counts the indicators add up (see docs/store.md for their definitions)."""
    categories = [(turn.speaker, f.kind, f.category) for turn in result.turns for f in turn.findings]
    refusal_turns = explained_turns = 0
    for turn in result.turns:
        turn_categories = {f.category for f in turn.findings}
        has_reason = bool(turn_categories & REASON_CATEGORIES)
        if has_reason or "unexplained_refusal" in turn_categories:
            refusal_turns += 1
            explained_turns += has_reason
    return {
        "turn_count": len(result.turns),
        "agent_turn_count": sum(turn.speaker == "agent" for turn in result.turns),
        "risk_count": sum(kind == "risk" for _, kind, _ in categories),
        "escalation_count": len(result.escalations),
        "churn_signal_count": sum(category == "churn_intent" for _, _, category in categories),
        "negative_emotion_count": sum(kind == "emotion" and category not in NON_NEGATIVE_EMOTIONS
                                      for _, kind, category in categories),
        "apology_count": sum(category == "apology" for _, _, category in categories),
        "refusal_turn_count": refusal_turns,
        "explained_refusal_turn_count": explained_turns,
    }


def _turn_row(conversation_id: str, turn: TurnResult) -> dict[str, Any]:
    return {"conversation_id": conversation_id, "index": turn.index, "speaker": turn.speaker,
            "text": turn.text, "at": local_time(turn.at), "negativity": turn.negativity,
            "emotions": dict(turn.emotions)}


def _finding_row(conversation_id: str, turn: TurnResult, finding: Finding,
                 grouping: dict[str, Any]) -> dict[str, Any]:
    return {
        "conversation_id": conversation_id, "turn_index": turn.index, "speaker": turn.speaker,
        "category": finding.category, "kind": finding.kind, "start": finding.start, "end": finding.end,
        "evidence": finding.evidence, "rule": finding.rule, "explanation": finding.explanation,
        "suggestion": finding.suggestion, "intensity": finding.intensity, "due": finding.due,
        "source": finding.source, "score": finding.score, **grouping,
    }


def _commitment_rows(result: ConversationResult, customer_id: str | None,
                     grouping: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for turn_index, finding in result.findings():
        due = parse_due(finding.due) if finding.category == "commitment" else None
        if due is None:
            continue
        rows.append({
            "conversation_id": result.id, "turn_index": turn_index, "customer_id": customer_id,
            "phrase": finding.evidence, "due": due,
            "deadline": datetime.combine(due + timedelta(days=1), datetime.min.time()),
            "status": "open", "broken_by_conversation": None, **grouping,
        })
    return rows
