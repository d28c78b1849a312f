"""The store's tables, as typed SQLAlchemy 2 models.

The conversation row carries *conversation facts* (agent turns, risks, apologies, refusals…) counted
from its findings when it is written, so that every indicator is one ``GROUP BY`` over one table.
Findings repeat the agent/team/channel/topic/started_at of their conversation for the same reason.
Changing a model means adding an Alembic revision under ``store/migrations/versions``
(``tests/store/test_migrations.py`` fails when the two disagree).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, ForeignKeyConstraint, Index, MetaData, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Deterministic constraint names keep migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JsonType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    """Strings are unbounded (``VARCHAR`` without length): ids, rules and custom categories have no natural limit."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CustomerRow(Base):
    """A customer, as last described by one of their conversations."""

    __tablename__ = "customers"

    id: Mapped[str] = mapped_column(primary_key=True)
    tenure_years: Mapped[float | None]
    spend_eur: Mapped[float | None]
    spend_period: Mapped[str | None]
    visits_per_week: Mapped[float | None]


class AgentRow(Base):
    """An agent and the team of their latest conversation."""

    __tablename__ = "agents"

    id: Mapped[str] = mapped_column(primary_key=True)
    team: Mapped[str | None]


class ImportRunRow(Base):
    """One ``egoscope import`` or ``reanalyze``: who, when, from what, with which engine, and counts."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    command: Mapped[str]
    user: Mapped[str]
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    sources: Mapped[list[str]] = mapped_column(JsonType)
    engine_version: Mapped[str]
    assumptions: Mapped[dict[str, Any]] = mapped_column(JsonType)
    read: Mapped[int] = mapped_column(default=0)
    imported: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    skipped: Mapped[int] = mapped_column(default=0)
    skip_reasons: Mapped[list[str]] = mapped_column(JsonType)


class ConversationRow(Base):
    """One analysed conversation: its outcome, its content hash and its facts for the indicators."""

    __tablename__ = "conversations"
    # No (team|channel|topic, started_at) index: SQLite would walk it for GROUP BY team and fetch rows
    # in random order, slower than one scan; agents keep theirs for the per-agent queries (coaching).
    __table_args__ = (
        Index(None, "started_at"),
        Index(None, "agent_id", "started_at"),
        Index(None, "customer_id", "started_at"),
        Index(None, "engine_version"),
    )

    id: Mapped[str] = mapped_column(primary_key=True)
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"))
    agent_id: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))
    team: Mapped[str | None]
    channel: Mapped[str | None]
    # Local wall-clock time: the offset is dropped here (kept in ``result``) so days and weeks are local.
    started_at: Mapped[datetime | None]
    language: Mapped[str]
    outcome: Mapped[str]
    score: Mapped[int]
    last_word: Mapped[str | None]
    last_word_risk: Mapped[bool]
    topic: Mapped[str]
    topics: Mapped[list[str]] = mapped_column(JsonType)
    revenue_at_risk_eur: Mapped[float]
    content_hash: Mapped[str]
    engine_version: Mapped[str]
    import_run_id: Mapped[int | None] = mapped_column(ForeignKey("import_runs.id"))
    turn_count: Mapped[int]
    agent_turn_count: Mapped[int]
    risk_count: Mapped[int]
    escalation_count: Mapped[int]
    churn_signal_count: Mapped[int]
    negative_emotion_count: Mapped[int]
    apology_count: Mapped[int]
    refusal_turn_count: Mapped[int]
    explained_refusal_turn_count: Mapped[int]
    is_repeat: Mapped[bool] = mapped_column(default=False)


class ConversationResultRow(Base):
    """The full result of a conversation (``result_to_dict``), one row per conversation.

    Kept out of ``conversations`` on purpose: a few kilobytes of JSON per row would make every
    indicator scan read them (0.43 s instead of 0.10 s for the facts of 100 000 conversations).
    """

    __tablename__ = "conversation_results"

    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"),
                                                 primary_key=True)
    result: Mapped[dict[str, Any]] = mapped_column(JsonType)


class ConversationTopicRow(Base):
    """Every topic of a conversation (``conversations.topic`` holds only the primary one)."""

    __tablename__ = "conversation_topics"
    __table_args__ = (Index(None, "topic", "conversation_id"),)

    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"),
                                                 primary_key=True)
    topic: Mapped[str] = mapped_column(primary_key=True)


class TurnRow(Base):
    __tablename__ = "turns"

    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"),
                                                 primary_key=True)
    index: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    speaker: Mapped[str]
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime | None]
    negativity: Mapped[float | None]
    emotions: Mapped[dict[str, float]] = mapped_column(JsonType)


class FindingRow(Base):
    """One finding on one turn, with its conversation's grouping columns repeated."""

    __tablename__ = "findings"
    __table_args__ = (
        ForeignKeyConstraint(["conversation_id", "turn_index"], ["turns.conversation_id", "turns.index"],
                             ondelete="CASCADE"),
        Index(None, "conversation_id", "turn_index"),
        # Covers the per-risk indicator query: no lookup into the (wide) finding rows.
        Index(None, "kind", "started_at", "category", "agent_id", "team", "channel", "topic"),
        Index(None, "category", "started_at"),
        Index(None, "agent_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    conversation_id: Mapped[str]
    turn_index: Mapped[int]
    speaker: Mapped[str]
    category: Mapped[str]
    kind: Mapped[str]
    start: Mapped[int]
    end: Mapped[int]
    evidence: Mapped[str] = mapped_column(Text)
    rule: Mapped[str]
    explanation: Mapped[str] = mapped_column(Text)
    suggestion: Mapped[str | None] = mapped_column(Text)
    intensity: Mapped[float | None]
    due: Mapped[str | None]
    source: Mapped[str]
    score: Mapped[float | None]
    agent_id: Mapped[str | None]
    team: Mapped[str | None]
    channel: Mapped[str | None]
    topic: Mapped[str]
    started_at: Mapped[datetime | None]


class CommitmentRow(Base):
    """A dated promise (a ``commitment`` finding with a due date), followed across the customer's contacts.

    ``deadline`` is the first instant after the due day; ``status`` is one of ``open``, ``kept``,
    ``broken``, ``overdue`` and is recomputed by :func:`egoscope.store.promises.recompute`. The
    agent/team/channel/topic/started_at of the conversation it was made in are repeated for the indicators.
    """

    __tablename__ = "commitments"
    __table_args__ = (
        ForeignKeyConstraint(["conversation_id", "turn_index"], ["turns.conversation_id", "turns.index"],
                             ondelete="CASCADE"),
        Index(None, "conversation_id", "turn_index"),
        Index(None, "customer_id", "topic"),
        Index(None, "started_at"),
        Index(None, "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    conversation_id: Mapped[str]
    turn_index: Mapped[int]
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"))
    phrase: Mapped[str] = mapped_column(Text)
    due: Mapped[date]
    deadline: Mapped[datetime]
    status: Mapped[str] = mapped_column(default="open")
    broken_by_conversation: Mapped[str | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL"))
    agent_id: Mapped[str | None]
    team: Mapped[str | None]
    channel: Mapped[str | None]
    topic: Mapped[str]
    started_at: Mapped[datetime | None]


STATUSES: tuple[str, ...] = ("open", "kept", "broken", "overdue")
