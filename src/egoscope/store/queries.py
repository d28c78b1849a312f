"""The read API of the store, for the HTML report, the coaching sheet and other presenters.

Every function takes an open SQLAlchemy session (``with store.sessions() as session:``) and returns
frozen dataclasses, never ORM objects, so results can outlive the session. Dates are inclusive days
(``start``/``end``); None means unbounded. Rates are fractions (0.25 = 25 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, case, desc, func, select
from sqlalchemy.orm import Session

from egoscope.store.indicators import GROUPINGS, IndicatorRow, Indicators, indicators, totals
from egoscope.store.periods import days, store_bounds
from egoscope.store.tables import (
    AgentRow,
    CommitmentRow,
    ConversationResultRow,
    ConversationRow,
    ConversationTopicRow,
    FindingRow,
    ImportRunRow,
    TurnRow,
)

__all__ = [
    "GROUPINGS", "AgentInfo", "CommitmentView", "ConversationSummary", "FindingView", "ImportRunView",
    "IndicatorRow", "Indicators", "TopicShare", "agent_findings", "agents", "commitments", "conversation_result",
    "import_runs", "indicators", "store_bounds", "topic_breakdown", "totals", "trend", "worst_conversations",
]


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    id: str
    started_at: datetime | None
    agent: str | None
    team: str | None
    channel: str | None
    customer_id: str | None
    topic: str
    outcome: str
    score: int
    risk_remarks: int
    escalations: int
    last_word_risk: bool
    is_repeat: bool
    revenue_at_risk_eur: float


@dataclass(frozen=True, slots=True)
class FindingView:
    """A finding with the turn it was read on and its conversation's context."""

    conversation_id: str
    turn_index: int
    turn_text: str
    started_at: datetime | None
    agent: str | None
    channel: str | None
    topic: str
    category: str
    kind: str
    start: int
    end: int
    evidence: str
    rule: str
    explanation: str
    suggestion: str | None
    due: str | None


@dataclass(frozen=True, slots=True)
class CommitmentView:
    conversation_id: str
    customer_id: str | None
    agent: str | None
    turn_index: int
    phrase: str
    made_at: datetime | None  # the start of the conversation it was made in
    due: date
    topic: str
    status: str
    broken_by_conversation: str | None


@dataclass(frozen=True, slots=True)
class TopicShare:
    """A topic counted on every conversation that touches it (``primary``: those where it comes first)."""

    topic: str
    conversations: int
    share: float
    primary: int
    lost_rate: float
    mean_score: float
    revenue_at_risk_eur: float


@dataclass(frozen=True, slots=True)
class AgentInfo:
    agent: str
    team: str | None
    conversations: int


@dataclass(frozen=True, slots=True)
class ImportRunView:
    id: int
    command: str
    user: str
    started_at: datetime
    finished_at: datetime | None
    sources: list[str]
    engine_version: str
    assumptions: dict[str, Any]
    counts: dict[str, int]
    skip_reasons: list[str]


def trend(session: Session, period: Literal["week", "month"] = "week", start: date | None = None,
          end: date | None = None) -> list[IndicatorRow]:
    """Totals per week (labelled by their Monday) or month, oldest first, each with the change from the one before."""
    return indicators(session, period, start, end)


def worst_conversations(session: Session, limit: int = 10, start: date | None = None, end: date | None = None,
                        *, agent: str | None = None, team: str | None = None) -> list[ConversationSummary]:
    """The lowest-scored conversations (ties: the most revenue at risk, then the most risk remarks)."""
    conv = ConversationRow
    query = select(conv).where(*_in_days(conv.started_at, start, end))
    if agent is not None:
        query = query.where(conv.agent_id == agent)
    if team is not None:
        query = query.where(conv.team == team)
    query = query.order_by(conv.score, desc(conv.revenue_at_risk_eur), desc(conv.risk_count), conv.id).limit(limit)
    return [_summary(row) for row in session.scalars(query)]


def agent_findings(session: Session, agent: str, start: date | None = None, end: date | None = None, *,
                   kinds: tuple[str, ...] = ("risk", "good")) -> list[FindingView]:
    """An agent's findings of the given kinds (risks and good practices by default), newest conversation first."""
    query = (select(FindingRow, TurnRow.text)
             .join(TurnRow, and_(TurnRow.conversation_id == FindingRow.conversation_id,
                                 TurnRow.index == FindingRow.turn_index))
             .where(FindingRow.agent_id == agent, FindingRow.kind.in_(kinds),
                    *_in_days(FindingRow.started_at, start, end))
             .order_by(desc(FindingRow.started_at), FindingRow.conversation_id, FindingRow.turn_index,
                       FindingRow.start))
    return [_finding_view(row[0], row[1]) for row in session.execute(query)]


def commitments(session: Session, start: date | None = None, end: date | None = None, *,
                status: str | None = None, agent: str | None = None) -> list[CommitmentView]:
    """Dated promises made in the window (by their conversation's date), with their current status, by due date."""
    conditions = _in_days(CommitmentRow.started_at, start, end)
    if status is not None:
        conditions.append(CommitmentRow.status == status)
    if agent is not None:
        conditions.append(CommitmentRow.agent_id == agent)
    query = select(CommitmentRow).where(*conditions).order_by(CommitmentRow.due, CommitmentRow.id)
    return [_commitment_view(row) for row in session.scalars(query)]


def topic_breakdown(session: Session, start: date | None = None, end: date | None = None) -> list[TopicShare]:
    """Every topic with the conversations that touch it, most frequent first (a conversation may have several)."""
    conv, topic = ConversationRow, ConversationTopicRow
    in_window = _in_days(conv.started_at, start, end)
    total = session.scalar(select(func.count()).select_from(conv).where(*in_window)) or 0
    query = (select(topic.topic, func.count().label("n"),
                    func.sum(case((conv.topic == topic.topic, 1), else_=0)).label("primary"),
                    func.sum(case((conv.outcome == "lost", 1), else_=0)).label("lost"),
                    func.avg(conv.score).label("score"), func.sum(conv.revenue_at_risk_eur).label("revenue"))
             .join(conv, conv.id == topic.conversation_id).where(*in_window)
             .group_by(topic.topic).order_by(desc("n"), topic.topic))
    rows = session.execute(query)
    return [TopicShare(row.topic, row.n, round(row.n / total, 6) if total else 0.0, int(row.primary),
                       round(row.lost / row.n, 6), round(float(row.score), 2), round(float(row.revenue), 2))
            for row in rows]


def agents(session: Session) -> list[AgentInfo]:
    """Every agent with their team and number of stored conversations, by name."""
    query = (select(AgentRow.id, AgentRow.team, func.count(ConversationRow.id))
             .outerjoin(ConversationRow, ConversationRow.agent_id == AgentRow.id)
             .group_by(AgentRow.id, AgentRow.team).order_by(AgentRow.id))
    return [AgentInfo(agent, team, count) for agent, team, count in session.execute(query)]


def conversation_result(session: Session, conversation_id: str) -> dict[str, Any] | None:
    """The stored result of one conversation, as ``egoscope.io.serialize.result_to_dict`` wrote it."""
    return session.scalar(select(ConversationResultRow.result)
                          .where(ConversationResultRow.conversation_id == conversation_id))


def import_runs(session: Session, limit: int = 20) -> list[ImportRunView]:
    """The latest import and reanalyze runs, newest first."""
    runs = session.scalars(select(ImportRunRow).order_by(desc(ImportRunRow.id)).limit(limit))
    return [ImportRunView(r.id, r.command, r.user, r.started_at, r.finished_at, list(r.sources), r.engine_version,
                          dict(r.assumptions), {"read": r.read, "imported": r.imported, "updated": r.updated,
                                                "unchanged": r.unchanged, "skipped": r.skipped},
                          list(r.skip_reasons)) for r in runs]


def _in_days(started_at: Any, start: date | None, end: date | None) -> list[ColumnElement[bool]]:
    return days(start, end).filters(started_at)


def _summary(row: ConversationRow) -> ConversationSummary:
    return ConversationSummary(row.id, row.started_at, row.agent_id, row.team, row.channel, row.customer_id,
                               row.topic, row.outcome, row.score, row.risk_count, row.escalation_count,
                               row.last_word_risk, row.is_repeat, row.revenue_at_risk_eur)


def _commitment_view(c: CommitmentRow) -> CommitmentView:
    return CommitmentView(c.conversation_id, c.customer_id, c.agent_id, c.turn_index, c.phrase, c.started_at, c.due, c.topic,
                          c.status, c.broken_by_conversation)


def _finding_view(f: FindingRow, text: str) -> FindingView:
    return FindingView(f.conversation_id, f.turn_index, text, f.started_at, f.agent_id, f.channel, f.topic,
                       f.category, f.kind, f.start, f.end, f.evidence, f.rule, f.explanation, f.suggestion, f.due)
