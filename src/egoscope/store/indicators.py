"""Indicators per agent, team, channel, topic, week or month, with the change from the previous period.

Three ``GROUP BY`` queries (conversation facts, risk findings by id, commitments by status), each
over the current *and* the previous period at once; Python only divides the sums. The definitions
are in docs/store.md; rates are fractions (0.25 = 25 %), changes are differences (current - previous,
in points for rates), None where a rate has no denominator or there is no previous period.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, case, func, literal_column, null, or_, select
from sqlalchemy.orm import Session

from egoscope.errors import ConfigError
from egoscope.model import RISKS
from egoscope.store.periods import Window, bucket_bounds, previous_bucket, window_for
from egoscope.store.sqlfuncs import month_start, week_start
from egoscope.store.tables import CommitmentRow, ConversationRow, FindingRow

Grouped = type[ConversationRow] | type[FindingRow] | type[CommitmentRow]  # tables with the grouping columns
GroupBy = Literal["agent", "team", "channel", "topic", "week", "month"]
GROUPINGS: tuple[str, ...] = ("agent", "team", "channel", "topic", "week", "month")
CURRENT, PREVIOUS = "current", "previous"


@dataclass(frozen=True, slots=True)
class Indicators:
    """The indicators of one group over one period (definitions in docs/store.md)."""

    conversations: int = 0
    agent_turns: int = 0
    risk_remarks: int = 0
    risks_per_100_turns: float | None = None
    risks_per_100_turns_by_id: dict[str, float] = field(default_factory=dict)
    escalation_rate: float | None = None
    lost_rate: float | None = None
    at_risk_rate: float | None = None
    churn_signal_rate: float | None = None
    apology_rate: float | None = None
    refusals_with_reason_share: float | None = None
    repeat_contact_rate: float | None = None
    commitments_made: int = 0
    commitments_kept: int = 0
    commitments_broken: int = 0
    commitments_overdue: int = 0
    commitments_open: int = 0
    mean_score: float | None = None
    revenue_at_risk_eur: float = 0.0


SCALARS: tuple[str, ...] = tuple(f.name for f in fields(Indicators) if f.name != "risks_per_100_turns_by_id")


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One group: its values, those of the previous period, and the change of each (``risk:<id>`` keys too).

    ``start``/``end`` are the days covered (inclusive); None when the whole store is covered.
    """

    group: str | None
    start: date | None
    end: date | None
    values: Indicators
    previous: Indicators | None
    change: dict[str, float | None]

    def to_dict(self) -> dict[str, Any]:
        return {"group": self.group, "start": _iso(self.start), "end": _iso(self.end),
                "values": asdict(self.values),
                "previous": asdict(self.previous) if self.previous is not None else None,
                "change": dict(self.change)}


def indicators(session: Session, by: GroupBy | str, start: date | None = None,
               end: date | None = None) -> list[IndicatorRow]:
    """Indicators per ``by`` group over ``start``..``end`` (inclusive days), each with its previous period.

    For agent/team/channel/topic the previous period is the window of the same length just before
    ``start`` (none when neither date is given: the whole store is one period); for week/month it is
    the previous bucket, and the first bucket is widened to start on its Monday / first day.
    """
    if by not in GROUPINGS:
        raise ConfigError(f"--by {by!r} is not valid; valid: {', '.join(GROUPINGS)}")
    if start is not None and end is not None and start > end:
        raise ConfigError(f"--from {start} is after --to {end}")
    window = window_for(session, by, start, end)
    sums = _aggregate(session, by, window)
    if by in ("week", "month"):
        return _bucket_rows(by, window, sums)
    return _group_rows(window, sums)


def totals(session: Session, start: date | None = None, end: date | None = None) -> IndicatorRow:
    """All conversations of the window as one group (``group`` is None), with the previous window."""
    window = window_for(session, "all", start, end)
    sums = _aggregate(session, "all", window)
    rows = _group_rows(window, sums)
    return rows[0] if rows else IndicatorRow(None, window.start, window.end, Indicators(), None,
                                             _change(Indicators(), None))


def _group_rows(window: Window, sums: dict[tuple[Any, str], dict[str, Any]]) -> list[IndicatorRow]:
    groups = sorted({key for key, period in sums if period == CURRENT},
                    key=lambda g: (-sums[(g, CURRENT)]["conversations"], str(g)))
    rows = []
    for group in groups:
        values = _indicators(sums[(group, CURRENT)])
        previous = _indicators(sums[(group, PREVIOUS)]) if (group, PREVIOUS) in sums else None
        rows.append(IndicatorRow(group, window.start, window.end, values, previous, _change(values, previous)))
    return rows


def _bucket_rows(by: str, window: Window, sums: dict[tuple[Any, str], dict[str, Any]]) -> list[IndicatorRow]:
    buckets = sorted(key for key, _ in sums if window.first_bucket is None or key >= window.first_bucket)
    rows = []
    for bucket in buckets:
        values = _indicators(sums[(bucket, CURRENT)])
        before = sums.get((previous_bucket(by, bucket), CURRENT))
        previous = _indicators(before) if before is not None else None
        first, last = bucket_bounds(by, bucket)
        rows.append(IndicatorRow(bucket, first, min(last, window.end) if window.end else last, values, previous,
                                 _change(values, previous)))
    return rows


def _change(values: Indicators, previous: Indicators | None) -> dict[str, float | None]:
    change: dict[str, float | None] = {}
    for name in SCALARS:
        now, before = getattr(values, name), getattr(previous, name) if previous is not None else None
        change[name] = None if now is None or before is None else round(now - before, 6)
    for risk, now in values.risks_per_100_turns_by_id.items():
        before = previous.risks_per_100_turns_by_id.get(risk) if previous is not None else None
        change[f"risk:{risk}"] = None if before is None else round(now - before, 6)
    return change


def _indicators(s: dict[str, Any]) -> Indicators:
    n, turns = s["conversations"], s["agent_turns"]
    by_id = {risk: round(100 * s["risks"].get(risk, 0) / turns, 6)
             for risk in (*RISKS, *sorted(set(s["risks"]) - set(RISKS)))} if turns else {}
    return Indicators(
        conversations=n, agent_turns=turns, risk_remarks=s["risk_remarks"],
        risks_per_100_turns=_ratio(100 * s["risk_remarks"], turns), risks_per_100_turns_by_id=by_id,
        escalation_rate=_ratio(s["escalated"], n), lost_rate=_ratio(s["lost"], n),
        at_risk_rate=_ratio(s["at_risk"], n), churn_signal_rate=_ratio(s["churn"], n),
        apology_rate=_ratio(s["apology_given"], s["apology_needed"]),
        refusals_with_reason_share=_ratio(s["explained_refusals"], s["refusals"]),
        repeat_contact_rate=_ratio(s["repeats"], n),
        commitments_made=sum(s["commitments"].values()), commitments_kept=s["commitments"].get("kept", 0),
        commitments_broken=s["commitments"].get("broken", 0),
        commitments_overdue=s["commitments"].get("overdue", 0),
        commitments_open=s["commitments"].get("open", 0),
        mean_score=_ratio(s["score_sum"], n), revenue_at_risk_eur=round(s["revenue"], 2),
    )


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 6) if whole else None


# -- SQL ---------------------------------------------------------------------------------------


def _aggregate(session: Session, by: str, window: Window) -> dict[tuple[Any, str], dict[str, Any]]:
    """``(group, period) -> sums`` from the three GROUP BY queries."""
    sums: dict[tuple[Any, str], dict[str, Any]] = {}
    conv = ConversationRow
    for row in session.execute(_grouped(_facts(), by, window, conv)).mappings():
        if row["conversations"]:  # without GROUP BY, an empty store still gives one row of NULL sums
            sums[(row["grp"], row["prd"])] = {**row, "risks": {}, "commitments": defaultdict(int)}
    risks = (_grouped([FindingRow.category, func.count().label("n")], by, window, FindingRow, FindingRow.category)
             .where(FindingRow.kind == "risk"))
    for risk in session.execute(risks):
        if (risk.grp, risk.prd) in sums:
            sums[(risk.grp, risk.prd)]["risks"][risk.category] = risk.n
    promises = _grouped([CommitmentRow.status, func.count().label("n")], by, window, CommitmentRow,
                        CommitmentRow.status)
    for promise in session.execute(promises):
        if (promise.grp, promise.prd) in sums:
            sums[(promise.grp, promise.prd)]["commitments"][promise.status] += promise.n
    return sums


def _grouped(columns: list[Any], by: str, window: Window, model: Grouped,
             *extra_groups: Any) -> Select[Any]:
    """``SELECT grp, prd, columns… WHERE <window> GROUP BY grp, prd, extra_groups``.

    Constant keys (one group, no previous period) stay out of GROUP BY: PostgreSQL refuses constants there.
    """
    key, period = _key(by, model), _period(window, model.started_at)
    grouping = [expr for expr in (key, period) if expr is not None]
    key_column = (key if key is not None else null()).label("grp")
    period_column = (period if period is not None else literal_column(f"'{CURRENT}'")).label("prd")
    return (select(key_column, period_column, *columns)
            .where(*window.filters(model.started_at))
            .group_by(*grouping, *extra_groups))


def _facts() -> list[Any]:
    conv = ConversationRow
    unhappy = or_(conv.negative_emotion_count > 0, conv.risk_count > 0)
    return [
        func.count().label("conversations"),
        func.sum(conv.agent_turn_count).label("agent_turns"), func.sum(conv.risk_count).label("risk_remarks"),
        _count_if(conv.escalation_count > 0).label("escalated"), _count_if(conv.outcome == "lost").label("lost"),
        _count_if(conv.outcome == "at_risk").label("at_risk"),
        _count_if(conv.churn_signal_count > 0).label("churn"), _count_if(unhappy).label("apology_needed"),
        _count_if(and_(unhappy, conv.apology_count > 0)).label("apology_given"),
        func.sum(conv.refusal_turn_count).label("refusals"),
        func.sum(conv.explained_refusal_turn_count).label("explained_refusals"),
        _count_if(conv.is_repeat.is_(True)).label("repeats"), func.sum(conv.score).label("score_sum"),
        func.sum(conv.revenue_at_risk_eur).label("revenue"),
    ]


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def _key(by: str, model: Grouped) -> ColumnElement[Any] | None:
    if by == "week":
        return week_start(model.started_at)
    if by == "month":
        return month_start(model.started_at)
    if by == "all":
        return None
    columns: dict[str, Any] = {"agent": model.agent_id, "team": model.team,
                               "channel": model.channel, "topic": model.topic}
    return columns[by]


def _period(window: Window, started_at: Any) -> ColumnElement[str] | None:
    """``'previous'`` for rows before the current window's start, else ``'current'`` (None: no previous)."""
    if window.previous_start is None or window.current_start is None:
        return None
    return case((started_at < window.current_start, literal_column(f"'{PREVIOUS}'")),
                else_=literal_column(f"'{CURRENT}'"))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
