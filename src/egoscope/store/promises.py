"""Promises and repeat contacts, followed across the conversations of one customer.

Both are recomputed in SQL, over the whole store, after every import (a few set-based UPDATEs):

* a commitment is **broken** when the same customer comes back on the same topic after its due day;
  **open** while its due day is not past (relative to ``as_of``); **kept** when it is past and the
  customer came back since, but only on other topics; **overdue** when it is past and the customer has
  not been back. Contacts after ``as_of`` are ignored.
* a conversation is a **repeat contact** when the same customer had another conversation sharing a
  topic in the ``repeat_days`` days before it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, select, update
from sqlalchemy.orm import Session, aliased

from egoscope.store.sqlfuncs import days_before
from egoscope.store.tables import STATUSES, CommitmentRow, ConversationRow, ConversationTopicRow

DEFAULT_REPEAT_DAYS = 7


@dataclass(frozen=True, slots=True)
class PromiseSummary:
    """What :func:`recompute` found: commitments per status and the number of repeat contacts."""

    as_of: date | None
    repeat_days: int
    statuses: dict[str, int] = field(default_factory=dict)
    repeat_contacts: int = 0


def newest_date(session: Session) -> date | None:
    """The day of the newest conversation in the store (the default ``as_of``)."""
    newest = session.scalar(select(func.max(ConversationRow.started_at)))
    return newest.date() if newest is not None else None


def recompute(session: Session, *, as_of: date | None = None,
              repeat_days: int = DEFAULT_REPEAT_DAYS) -> PromiseSummary:
    """Recompute every commitment's status and every conversation's repeat flag, in the caller's transaction."""
    as_of = as_of or newest_date(session)
    mark_repeats(session, repeat_days=repeat_days)
    if as_of is not None:
        mark_commitments(session, as_of=as_of)
    statuses = dict.fromkeys(STATUSES, 0)
    for status, count in session.execute(select(CommitmentRow.status, func.count()).group_by(CommitmentRow.status)):
        statuses[status] = count
    repeats = session.scalar(select(func.count()).where(ConversationRow.is_repeat.is_(True))) or 0
    return PromiseSummary(as_of=as_of, repeat_days=repeat_days, statuses=statuses, repeat_contacts=repeats)


def mark_repeats(session: Session, *, repeat_days: int) -> None:
    """Flag the conversations whose customer had a conversation on a shared topic in the previous days."""
    current = ConversationRow.__table__
    previous = aliased(ConversationRow, name="previous")
    previous_topic = aliased(ConversationTopicRow, name="previous_topic")
    current_topic = aliased(ConversationTopicRow, name="current_topic")
    earlier_contact = (
        select(previous.id)
        .join(previous_topic, previous_topic.conversation_id == previous.id)
        .join(current_topic, current_topic.topic == previous_topic.topic)
        .where(
            current_topic.conversation_id == current.c.id,
            previous.customer_id == current.c.customer_id,
            previous.started_at < current.c.started_at,
            previous.started_at >= days_before(current.c.started_at, repeat_days),
        )
    )
    session.execute(update(ConversationRow).values(is_repeat=exists(earlier_contact)),
                    execution_options={"synchronize_session": False})


def mark_commitments(session: Session, *, as_of: date) -> None:
    """Set each commitment's status and the conversation that broke it (see the module docstring)."""
    as_of_start = datetime.combine(as_of, datetime.min.time())
    as_of_end = as_of_start + timedelta(days=1)
    same_topic = _later_contacts(as_of_end, same_topic=True)
    status = case(
        (exists(same_topic), "broken"),
        (CommitmentRow.deadline > as_of_start, "open"),
        (exists(_later_contacts(as_of_end, same_topic=False)), "kept"),
        else_="overdue",
    )
    breaker = (same_topic.order_by(None).order_by(_later.started_at, _later.id).limit(1).scalar_subquery())
    session.execute(update(CommitmentRow).values(status=status, broken_by_conversation=breaker),
                    execution_options={"synchronize_session": False})


_later = aliased(ConversationRow, name="later")
_later_topic = aliased(ConversationTopicRow, name="later_topic")


def _later_contacts(as_of_end: datetime, *, same_topic: bool) -> Select[Any]:
    """The customer's conversations after the commitment's due day and up to ``as_of`` (correlated)."""
    commitment = CommitmentRow.__table__
    query = select(_later.id).where(
        _later.customer_id == commitment.c.customer_id,
        _later.id != commitment.c.conversation_id,
        _later.started_at >= commitment.c.deadline,
        _later.started_at < as_of_end,
    )
    if same_topic:
        query = query.join(_later_topic, and_(_later_topic.conversation_id == _later.id,
                                              _later_topic.topic == commitment.c.topic))
    return query
