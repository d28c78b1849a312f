"""Date windows for the queries: the current period, the previous one, and week/month buckets.

Days are inclusive at both ends for users (``--from 2024-03-01 --to 2024-03-31``) and become
half-open timestamp ranges in SQL (``>= 2024-03-01 00:00`` and ``< 2024-04-01 00:00``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from egoscope.store.tables import ConversationRow


@dataclass(frozen=True, slots=True)
class Window:
    """What a query reads: ``[previous_start or current_start, upper)``; rows before ``current_start`` are
    the previous period. ``first_bucket`` is the first week/month to report (earlier ones only serve as
    a previous bucket)."""

    start: date | None = None
    end: date | None = None
    current_start: datetime | None = None
    previous_start: datetime | None = None
    upper: datetime | None = None
    first_bucket: str | None = None
    dated_only: bool = False

    def filters(self, started_at: Any) -> list[ColumnElement[bool]]:
        lower = self.previous_start or self.current_start
        conditions: list[ColumnElement[bool]] = []
        if lower is not None:
            conditions.append(started_at >= lower)
        if self.upper is not None:
            conditions.append(started_at < self.upper)
        if self.dated_only and not conditions:
            conditions.append(started_at.is_not(None))
        return conditions


def day_start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def days(start: date | None, end: date | None) -> Window:
    """The window of the days ``start``..``end`` (inclusive; None: unbounded), with no previous period."""
    return Window(start=start, end=end, current_start=day_start(start) if start is not None else None,
                  upper=day_start(end + timedelta(days=1)) if end is not None else None)


def store_bounds(session: Session) -> tuple[date | None, date | None]:
    """The days of the oldest and newest dated conversations."""
    oldest, newest = session.execute(
        select(func.min(ConversationRow.started_at), func.max(ConversationRow.started_at))).one()
    return (oldest.date() if oldest else None, newest.date() if newest else None)


def window_for(session: Session, by: str, start: date | None, end: date | None) -> Window:
    """The window for ``by``: week/month buckets, or a period and the same-length period before it."""
    upper = day_start(end + timedelta(days=1)) if end is not None else None
    if by in ("week", "month"):
        if start is None:
            return Window(end=end, upper=upper, dated_only=True)
        label = bucket_of(by, start)
        first_day, _ = bucket_bounds(by, label)
        previous_day, _ = bucket_bounds(by, previous_bucket(by, label))
        return Window(start=first_day, end=end, previous_start=day_start(previous_day), upper=upper,
                      first_bucket=label, dated_only=True)
    if start is None and end is None:
        return Window()
    oldest, newest = store_bounds(session)
    first, last = start or oldest or end, end or newest or start
    if first is None or last is None:  # not reached: one of start/end was given
        return Window()
    length = (last - first).days + 1
    return Window(start=first, end=last, current_start=day_start(first),
                  previous_start=day_start(first - timedelta(days=length)),
                  upper=day_start(last + timedelta(days=1)))


def bucket_of(by: str, day: date) -> str:
    """The label of the week (its Monday, ``YYYY-MM-DD``) or month (``YYYY-MM``) holding ``day``."""
    if by == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    return f"{day.year:04d}-{day.month:02d}"


def bucket_bounds(by: str, label: str) -> tuple[date, date]:
    """The first and last day of a week or month label."""
    if by == "week":
        monday = date.fromisoformat(label)
        return monday, monday + timedelta(days=6)
    first = date.fromisoformat(f"{label}-01")
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def previous_bucket(by: str, label: str) -> str:
    first, _ = bucket_bounds(by, label)
    return bucket_of(by, first - timedelta(days=1))
