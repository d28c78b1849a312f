"""Store queries the report and the coaching sheet need beyond ``egoscope.store.queries``.

Same conventions as there: a session in, frozen dataclasses out; ``start``/``end`` are inclusive days
(None: unbounded); every aggregate is one ``GROUP BY`` in SQL, nothing is summed row by row in Python.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import ColumnElement, case, desc, distinct, func, select
from sqlalchemy.orm import Session

from egoscope.store.periods import bucket_bounds, days
from egoscope.store.sqlfuncs import month_start, week_start
from egoscope.store.tables import (
    ConversationResultRow,
    ConversationRow,
    ConversationTopicRow,
    FindingRow,
    ImportRunRow,
)

Period = Literal["week", "month"]


@dataclass(frozen=True, slots=True)
class CategoryCount:
    category: str
    kind: str
    findings: int
    conversations: int


@dataclass(frozen=True, slots=True)
class TopicCategory:
    """How often a category was found in the conversations touching a topic."""

    topic: str
    category: str
    kind: str
    findings: int


@dataclass(frozen=True, slots=True)
class CostBreakdown:
    """Revenue at risk split into its three parts, and the counts behind them."""

    conversations: int = 0
    total_eur: float = 0.0
    direct_eur: float = 0.0
    word_of_mouth_eur: float = 0.0
    silent_leavers_eur: float = 0.0
    lost: int = 0
    at_risk: int = 0
    voiced_churn: int = 0
    with_risk_remark: int = 0
    default_value: int = 0


@dataclass(frozen=True, slots=True)
class AssumptionSet:
    """One set of cost assumptions and the conversations of the window that were priced with it."""

    run_ids: tuple[int, ...]
    conversations: int
    assumptions: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AgentPeriod:
    """One agent over one week or month."""

    bucket: str
    start: date
    conversations: int
    agent_turns: int
    risk_remarks: int
    good_practices: int
    escalated: int
    mean_score: float | None


def _window(started_at: Any, start: date | None, end: date | None) -> list[ColumnElement[bool]]:
    return days(start, end).filters(started_at)


def category_counts(session: Session, start: date | None = None, end: date | None = None, *,
                    agent: str | None = None) -> list[CategoryCount]:
    """Findings per category (and the conversations holding them), most frequent first."""
    query = (select(FindingRow.category, FindingRow.kind, func.count().label("n"),
                    func.count(distinct(FindingRow.conversation_id)).label("convs"))
             .where(*_window(FindingRow.started_at, start, end))
             .group_by(FindingRow.category, FindingRow.kind)
             .order_by(desc("n"), FindingRow.category))
    if agent is not None:
        query = query.where(FindingRow.agent_id == agent)
    return [CategoryCount(row.category, row.kind, row.n, row.convs) for row in session.execute(query)]


def categories_by_topic(session: Session, start: date | None = None, end: date | None = None, *,
                        kinds: tuple[str, ...] = ("risk", "emotion", "signal")) -> list[TopicCategory]:
    """Findings per topic and category, over every topic of a conversation (not only its first)."""
    topic = ConversationTopicRow
    query = (select(topic.topic, FindingRow.category, FindingRow.kind, func.count().label("n"))
             .join(topic, topic.conversation_id == FindingRow.conversation_id)
             .where(FindingRow.kind.in_(kinds), *_window(FindingRow.started_at, start, end))
             .group_by(topic.topic, FindingRow.category, FindingRow.kind)
             .order_by(topic.topic, desc("n"), FindingRow.category))
    return [TopicCategory(row.topic, row.category, row.kind, row.n) for row in session.execute(query)]


def cost_breakdown(session: Session, start: date | None = None, end: date | None = None) -> CostBreakdown:
    """Sums of the revenue-at-risk parts stored in each conversation's result, over the window."""
    conv, result = ConversationRow, ConversationResultRow.result
    money = ("revenue_at_risk",)
    query = (select(
        func.count().label("n"), func.sum(conv.revenue_at_risk_eur).label("total"),
        func.sum(result[(*money, "direct_eur")].as_float()).label("direct"),
        func.sum(result[(*money, "word_of_mouth_eur")].as_float()).label("wom"),
        func.sum(result[(*money, "silent_leavers_eur")].as_float()).label("silent"),
        _count_if(conv.outcome == "lost").label("lost"), _count_if(conv.outcome == "at_risk").label("at_risk"),
        _count_if(conv.churn_signal_count > 0).label("voiced"), _count_if(conv.risk_count > 0).label("risky"),
        _count_if(result[(*money, "value_is_default")].as_boolean().is_(True)).label("default"))
        .join(ConversationResultRow, ConversationResultRow.conversation_id == conv.id)
        .where(*_window(conv.started_at, start, end)))
    row = session.execute(query).one()
    if not row.n:
        return CostBreakdown()
    return CostBreakdown(row.n, round(row.total or 0.0, 2), round(row.direct or 0.0, 2), round(row.wom or 0.0, 2),
                         round(row.silent or 0.0, 2), int(row.lost), int(row.at_risk), int(row.voiced),
                         int(row.risky), int(row.default))


def window_assumptions(session: Session, start: date | None = None,
                       end: date | None = None) -> list[AssumptionSet]:
    """The cost assumptions recorded on the import runs that priced the window's conversations.

    Runs with identical assumptions are merged; the set that priced the most conversations comes first.
    """
    conv = ConversationRow
    per_run = (select(conv.import_run_id, func.count())
               .where(conv.import_run_id.is_not(None), *_window(conv.started_at, start, end))
               .group_by(conv.import_run_id))
    counts: dict[int, int] = {run_id: count for run_id, count in session.execute(per_run) if run_id is not None}
    runs = session.execute(select(ImportRunRow.id, ImportRunRow.assumptions)
                           .where(ImportRunRow.id.in_(list(counts))).order_by(ImportRunRow.id))
    merged: dict[str, tuple[list[int], int, dict[str, Any]]] = {}
    for run_id, assumptions in runs:
        count = counts[run_id]
        key = json.dumps(assumptions, sort_keys=True)
        runs, total, _ = merged.get(key, ([], 0, assumptions))
        merged[key] = ([*runs, run_id], total + count, assumptions)
    sets = [AssumptionSet(tuple(runs), total, dict(values)) for runs, total, values in merged.values()]
    return sorted(sets, key=lambda s: (-s.conversations, -max(s.run_ids)))


def agent_trend(session: Session, agent: str, period: Period = "week", start: date | None = None,
                end: date | None = None) -> list[AgentPeriod]:
    """One agent's weeks (labelled by their Monday) or months, oldest first (undated conversations left out)."""
    conv = ConversationRow
    bucket = (week_start if period == "week" else month_start)(conv.started_at).label("bucket")
    facts = (select(bucket, func.count().label("n"), func.sum(conv.agent_turn_count).label("turns"),
                    func.sum(conv.risk_count).label("risks"), _count_if(conv.escalation_count > 0).label("esc"),
                    func.avg(conv.score).label("score"))
             .where(conv.agent_id == agent, conv.started_at.is_not(None), *_window(conv.started_at, start, end))
             .group_by(bucket))
    good = _good_practices_by_bucket(session, agent, period, start, end)
    rows = []
    for row in session.execute(facts):
        first, _ = bucket_bounds(period, row.bucket)
        rows.append(AgentPeriod(row.bucket, first, row.n, int(row.turns or 0), int(row.risks or 0),
                                good.get(row.bucket, 0), int(row.esc),
                                round(float(row.score), 2) if row.score is not None else None))
    return sorted(rows, key=lambda r: r.bucket)


def _good_practices_by_bucket(session: Session, agent: str, period: Period, start: date | None,
                              end: date | None) -> dict[str, int]:
    bucket = (week_start if period == "week" else month_start)(FindingRow.started_at).label("bucket")
    query = (select(bucket, func.count().label("n"))
             .where(FindingRow.agent_id == agent, FindingRow.kind == "good", FindingRow.started_at.is_not(None),
                    *_window(FindingRow.started_at, start, end))
             .group_by(bucket))
    counts: dict[str, int] = defaultdict(int)
    for row in session.execute(query):
        counts[row.bucket] += row.n
    return counts


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))
