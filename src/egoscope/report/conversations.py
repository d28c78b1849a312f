"""Conversations as the report shows them: the transcript with marked remarks, the trigger, its sincere rewrite.

Reads the stored result dicts (``egoscope.io.serialize.result_to_dict``), so it needs no engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from egoscope.report.catalog import Catalog
from egoscope.report.highlight import Span, mark
from egoscope.store.queries import ConversationSummary

MARKED_KINDS = {"risk": "risk", "signal": "signal", "good": "good"}


@dataclass(frozen=True, slots=True)
class Advice:
    """One risky remark of a turn: what it is, why it hurts, and a sincere way to say it."""

    category: str
    label: str
    evidence: str
    why: str | None
    rewrite: str | None


@dataclass(frozen=True, slots=True)
class TurnView:
    index: int
    speaker: str
    html: Markup
    trigger: bool
    advice: tuple[Advice, ...]


@dataclass(frozen=True, slots=True)
class ConversationView:
    summary: ConversationSummary
    topics: tuple[str, ...]
    turns: tuple[TurnView, ...]
    trigger: TurnView | None
    escalated_after_trigger: bool


def finding_spans(findings: list[dict[str, Any]], catalog: Catalog, kinds: dict[str, str] = MARKED_KINDS) -> list[Span]:
    """A span per finding of the given kinds, the risks first so they win where marks overlap."""
    chosen = [f for f in findings if f.get("kind") in kinds]
    chosen.sort(key=lambda f: f["kind"] != "risk")
    return [Span(int(f["start"]), int(f["end"]), kinds[f["kind"]], catalog.label(f["category"])) for f in chosen]


def advice_for(findings: list[dict[str, Any]], catalog: Catalog) -> tuple[Advice, ...]:
    """The distinct risk categories of a turn, each with its explanation and rewrite in the report's language."""
    seen: dict[str, Advice] = {}
    for finding in findings:
        category = finding["category"]
        if finding.get("kind") != "risk" or category in seen:
            continue
        rule = finding.get("rule")
        seen[category] = Advice(category, catalog.label(category), finding.get("evidence", ""),
                                catalog.explanation(category, rule) or finding.get("explanation"),
                                catalog.suggestion(category, rule) or finding.get("suggestion"))
    return tuple(seen.values())


def trigger_index(result: dict[str, Any]) -> tuple[int | None, bool]:
    """The agent turn that set the conversation off, and whether an escalation followed it.

    The first escalation triggered by a risky remark wins; else the first agent turn with a risky remark.
    """
    for escalation in result.get("escalations", []):
        if escalation.get("trigger_turn") is not None and escalation.get("trigger_risks"):
            return int(escalation["trigger_turn"]), True
    for turn in result.get("turns", []):
        if turn["speaker"] == "agent" and any(f.get("kind") == "risk" for f in turn.get("findings", [])):
            return int(turn["index"]), False
    return None, False


def conversation_view(summary: ConversationSummary, result: dict[str, Any], catalog: Catalog) -> ConversationView:
    trigger_at, escalated = trigger_index(result)
    turns = tuple(
        TurnView(int(turn["index"]), turn["speaker"], mark(turn["text"], finding_spans(turn.get("findings", []), catalog)),
                 int(turn["index"]) == trigger_at, advice_for(turn.get("findings", []), catalog))
        for turn in result.get("turns", [])
    )
    trigger = next((turn for turn in turns if turn.trigger), None)
    return ConversationView(summary, tuple(result.get("topics", [])), turns, trigger, escalated)
