"""Writing batches of result rows: insert new conversations, replace changed ones whole.

Every function takes a session inside the caller's transaction: a batch is committed all at once or
not at all, which is what makes an interrupted import safe to run again.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from egoscope.store.rows import ResultRows
from egoscope.store.tables import (
    AgentRow,
    Base,
    CommitmentRow,
    ConversationResultRow,
    ConversationRow,
    ConversationTopicRow,
    CustomerRow,
    FindingRow,
    TurnRow,
)


def stored_hashes(session: Session, ids: Collection[str]) -> dict[str, str]:
    """The content hash of each of ``ids`` already in the store."""
    if not ids:
        return {}
    query = select(ConversationRow.id, ConversationRow.content_hash).where(ConversationRow.id.in_(ids))
    return {row.id: row.content_hash for row in session.execute(query)}


def write_results(session: Session, batch: Sequence[ResultRows], *, replace: Collection[str]) -> None:
    """Insert the rows of ``batch``; the conversations in ``replace`` are deleted first, with all they own."""
    if replace:
        delete_conversations(session, replace)
    _upsert(session, CustomerRow, [rows.customer for rows in batch if rows.customer is not None])
    _upsert(session, AgentRow, [rows.agent for rows in batch if rows.agent is not None])
    _insert(session, ConversationRow, [rows.conversation for rows in batch])
    _insert(session, ConversationResultRow, [rows.result for rows in batch])
    _insert(session, ConversationTopicRow, [row for rows in batch for row in rows.topics])
    _insert(session, TurnRow, [row for rows in batch for row in rows.turns])
    _insert(session, FindingRow, [row for rows in batch for row in rows.findings])
    _insert(session, CommitmentRow, [row for rows in batch for row in rows.commitments])


def delete_conversations(session: Session, ids: Collection[str]) -> None:
    """Delete conversations and their results, topics, turns, findings and commitments (children first)."""
    id_list = list(ids)
    for model in (FindingRow, CommitmentRow, TurnRow, ConversationTopicRow, ConversationResultRow):
        session.execute(delete(model).where(model.conversation_id.in_(id_list)))
    session.execute(update(CommitmentRow).where(CommitmentRow.broken_by_conversation.in_(id_list))
                    .values(broken_by_conversation=None))
    session.execute(delete(ConversationRow).where(ConversationRow.id.in_(id_list)))


def count_conversations(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ConversationRow)) or 0


def _insert(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(model), rows)


def _upsert(session: Session, model: type[CustomerRow] | type[AgentRow], rows: list[dict[str, Any]]) -> None:
    """Insert or update by id; a later row wins, but a missing (None) value keeps the stored one."""
    latest = list({row["id"]: row for row in rows}.values())  # one row per id: ON CONFLICT needs it
    if not latest:
        return
    dialect = session.get_bind().dialect.name
    statement = (pg_insert if dialect == "postgresql" else sqlite_insert)(model)
    table = model.__table__
    columns = [name for name in latest[0] if name != "id"]
    statement = statement.on_conflict_do_update(
        index_elements=["id"],
        set_={name: func.coalesce(statement.excluded[name], table.c[name]) for name in columns},
    )
    session.execute(statement, latest)
