"""The managers' report: everything the template shows, read from the store in one session.

Sections in page order: overview (key figures, takeaways, trends), remarks by category, the costliest
conversations, teams and agents, root causes by topic, promises and repeat contacts, the cost of ego.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from markupsafe import Markup
from sqlalchemy.orm import Session

from egoscope.errors import ConfigError
from egoscope.report import charts
from egoscope.report.catalog import Catalog
from egoscope.report.conversations import ConversationView, conversation_view
from egoscope.report.cost import Budgets, CostSection, cost_section
from egoscope.report.i18n import Formatter, Translator, check_lang
from egoscope.report.queries import (
    CategoryCount,
    categories_by_topic,
    category_counts,
    cost_breakdown,
    window_assumptions,
)
from egoscope.store.indicators import IndicatorRow, indicators
from egoscope.store.queries import (
    CommitmentView,
    commitments,
    conversation_result,
    store_bounds,
    topic_breakdown,
    totals,
    trend,
    worst_conversations,
)

WORST_SHOWN = 5
PROMISES_SHOWN = 10
WEEKS_BEFORE_MONTHLY = 26
POSITIVE_REACTIONS = frozenset({"satisfaction"})  # left out of the root causes  # a longer period opens the trend chart on months
Tone = Literal["good", "bad", "neutral"]


@dataclass(frozen=True, slots=True)
class Kpi:
    key: str
    value: str
    detail: str
    change: str
    tone: Tone


@dataclass(frozen=True, slots=True)
class CategoryRow:
    category: str
    kind: str
    label: str
    findings: int
    conversations: int
    explanation: str | None
    rewrite: str | None


@dataclass(frozen=True, slots=True)
class TopicView:
    topic: str
    label: str
    conversations: int
    share: float
    lost_rate: float
    mean_score: float
    revenue_eur: float
    risks: tuple[tuple[str, int], ...]
    reactions: tuple[tuple[str, int, str], ...]  # label, findings, kind (emotion or signal)


@dataclass(frozen=True, slots=True)
class PromisesSection:
    made: int
    kept: int
    broken: int
    overdue: int
    open: int
    repeat_rate: float | None
    repeats: int
    unkept: tuple[CommitmentView, ...]


@dataclass(frozen=True, slots=True)
class ReportContext:
    lang: str
    start: date | None
    end: date | None
    first_day: date | None
    last_day: date | None
    generated_at: datetime
    conversations: int
    agent_count: int
    team_count: int
    compared: bool
    kpis: tuple[Kpi, ...]
    takeaways: tuple[str, ...]
    trend_chart: Markup | None
    months: tuple[IndicatorRow, ...]
    risk_chart: Markup | None
    good_chart: Markup | None
    risks: tuple[CategoryRow, ...]
    good: tuple[CategoryRow, ...]
    reactions: tuple[CategoryRow, ...]
    worst: tuple[ConversationView, ...]
    teams: tuple[IndicatorRow, ...]
    agents: tuple[IndicatorRow, ...]
    topics: tuple[TopicView, ...]
    promises: PromisesSection
    cost: CostSection


def build_report(session: Session, *, lang: str = "fr", start: date | None = None, end: date | None = None,
                 budgets: Budgets | None = None, generated_at: datetime | None = None) -> ReportContext:
    """Read every section of the report from the store (``start``/``end``: inclusive days, None: unbounded)."""
    check_lang(lang)
    if start is not None and end is not None and start > end:
        raise ConfigError(f"--from {start} is after --to {end}")
    t, fmt, catalog = Translator(lang), Formatter(lang), Catalog.load(lang)
    overall = totals(session, start, end)
    counts = category_counts(session, start, end)
    weeks, months = trend(session, "week", start, end), trend(session, "month", start, end)
    teams = indicators(session, "team", start, end)
    agent_rows = sorted(indicators(session, "agent", start, end), key=lambda r: str(r.group))
    topics = _topics(session, start, end, t, catalog)
    cost = cost_section(cost_breakdown(session, start, end), window_assumptions(session, start, end), budgets,
                        t, fmt)
    risks, good, reactions = (_category_rows(counts, kinds, catalog)
                              for kinds in (("risk",), ("good",), ("emotion", "signal")))
    figures = charts.Charts(fmt)  # in page order: the first figure carries plotly.js
    trend_chart = (figures.html(charts.trend_figure(weeks, months, t, fmt, monthly_first=len(weeks) > WEEKS_BEFORE_MONTHLY),
                                "trend", wide=True) if weeks else None)
    risk_chart = _bars(figures, risks, charts.RISK, t("chart.risks"), "risks")
    good_chart = _bars(figures, good, charts.GOOD, t("chart.good"), "good")
    first_day, last_day = _covered_days(session, start, end)
    return ReportContext(
        lang=lang, start=start, end=end, first_day=first_day, last_day=last_day,
        generated_at=generated_at or datetime.now().replace(microsecond=0),
        conversations=overall.values.conversations, agent_count=len(agent_rows), team_count=len(teams),
        compared=overall.previous is not None, kpis=_kpis(overall, t, fmt),
        takeaways=_takeaways(overall, risks, good, topics, cost, t, fmt),
        trend_chart=trend_chart, months=tuple(months), risk_chart=risk_chart, good_chart=good_chart,
        risks=risks, good=good, reactions=reactions, worst=_worst(session, start, end, catalog),
        teams=tuple(teams), agents=tuple(agent_rows), topics=topics,
        promises=_promises(session, overall, start, end), cost=cost,
    )


def _covered_days(session: Session, start: date | None, end: date | None) -> tuple[date | None, date | None]:
    oldest, newest = store_bounds(session)
    return start or oldest, end or newest


def _bars(figures: charts.Charts, rows: tuple[CategoryRow, ...], colour: str, title: str,
          div_id: str) -> Markup | None:
    if not rows:
        return None
    return figures.html(charts.categories_figure([r.label for r in rows], [r.findings for r in rows], colour,
                                                 title=title), div_id)


def _category_rows(counts: list[CategoryCount], kinds: tuple[str, ...], catalog: Catalog) -> tuple[CategoryRow, ...]:
    return tuple(CategoryRow(c.category, c.kind, catalog.label(c.category), c.findings, c.conversations,
                             catalog.explanation(c.category), catalog.suggestion(c.category))
                 for c in counts if c.kind in kinds)


def _kpis(overall: IndicatorRow, t: Translator, fmt: Formatter) -> tuple[Kpi, ...]:
    v, change = overall.values, overall.change
    unhappy = None if v.lost_rate is None or v.at_risk_rate is None else v.lost_rate + v.at_risk_rate
    unhappy_change = (None if change.get("lost_rate") is None or change.get("at_risk_rate") is None
                      else (change["lost_rate"] or 0.0) + (change["at_risk_rate"] or 0.0))
    unkept = v.commitments_broken + v.commitments_overdue
    return (
        Kpi("conversations", fmt.number(v.conversations), t("kpi.conversations.detail"),
            fmt.signed(change.get("conversations")), "neutral"),
        Kpi("risk_rate", fmt.number(v.risks_per_100_turns, 1), t("kpi.risk_rate.detail"),
            fmt.signed(change.get("risks_per_100_turns"), 1), _tone(change.get("risks_per_100_turns"))),
        Kpi("escalation", fmt.percent(v.escalation_rate), t("kpi.escalation.detail"),
            fmt.points(change.get("escalation_rate")), _tone(change.get("escalation_rate"))),
        Kpi("unhappy", fmt.percent(unhappy), t("kpi.unhappy.detail"), fmt.points(unhappy_change),
            _tone(unhappy_change)),
        Kpi("revenue", fmt.eur(v.revenue_at_risk_eur), t("kpi.revenue.detail"),
            fmt.signed(change.get("revenue_at_risk_eur")), _tone(change.get("revenue_at_risk_eur"))),
        Kpi("promises", fmt.number(unkept), t("kpi.promises.detail", made=fmt.number(v.commitments_made)),
            "", "bad" if unkept else "neutral"),
    )


def _tone(change: float | None) -> Tone:
    """For every key figure but the volume, more is worse."""
    if not change:
        return "neutral"
    return "bad" if change > 0 else "good"


def _takeaways(overall: IndicatorRow, risks: tuple[CategoryRow, ...], good: tuple[CategoryRow, ...],
               topics: tuple[TopicView, ...], cost: CostSection, t: Translator, fmt: Formatter) -> tuple[str, ...]:
    v = overall.values
    lines = []
    if cost.breakdown.total_eur:
        lines.append(t("takeaway.revenue", total=fmt.eur(cost.breakdown.total_eur),
                       hidden=fmt.percent(cost.hidden_share)))
    if risks:
        lines.append(t("takeaway.top_risk", label=risks[0].label, n=risks[0].findings,
                       convs=risks[0].conversations))
    if v.escalation_rate:
        lines.append(t("takeaway.escalation", share=fmt.percent(v.escalation_rate)))
    costly = max(topics, key=lambda topic: topic.revenue_eur, default=None)
    if costly is not None and costly.revenue_eur:
        lines.append(t("takeaway.topic", topic=costly.label, eur=fmt.eur(costly.revenue_eur)))
    if v.commitments_made:
        lines.append(t("takeaway.promises", unkept=v.commitments_broken + v.commitments_overdue,
                       made=v.commitments_made))
    if good:
        lines.append(t("takeaway.good", label=good[0].label, n=good[0].findings))
    return tuple(lines)


def _worst(session: Session, start: date | None, end: date | None, catalog: Catalog) -> tuple[ConversationView, ...]:
    views = []
    for summary in worst_conversations(session, WORST_SHOWN, start, end):
        result = conversation_result(session, summary.id)
        if result is not None:
            views.append(conversation_view(summary, result, catalog))
    return tuple(views)


def _topics(session: Session, start: date | None, end: date | None, t: Translator,
            catalog: Catalog) -> tuple[TopicView, ...]:
    risks: dict[str, list[tuple[str, int]]] = {}
    reactions: dict[str, list[tuple[str, int, str]]] = {}
    for row in categories_by_topic(session, start, end):
        if row.kind == "risk":
            risks.setdefault(row.topic, []).append((catalog.label(row.category), row.findings))
        elif row.category not in POSITIVE_REACTIONS:
            reactions.setdefault(row.topic, []).append((catalog.label(row.category), row.findings, row.kind))
    views = [TopicView(s.topic, topic_label(s.topic, t), s.conversations, s.share, s.lost_rate, s.mean_score,
                       s.revenue_at_risk_eur, tuple(risks.get(s.topic, [])[:3]), tuple(reactions.get(s.topic, [])[:3]))
             for s in topic_breakdown(session, start, end)]
    return tuple(sorted(views, key=lambda v: (-v.revenue_eur, v.topic)))


def topic_label(topic: str, t: Translator) -> str:
    return t(f"topic.{topic}") if t.has(f"topic.{topic}") else topic.replace("_", " ")


def _promises(session: Session, overall: IndicatorRow, start: date | None, end: date | None) -> PromisesSection:
    v = overall.values
    unkept = [c for c in commitments(session, start, end) if c.status in ("broken", "overdue")]
    unkept.sort(key=lambda c: (c.status != "broken", c.due))
    repeats = round((v.repeat_contact_rate or 0.0) * v.conversations)
    return PromisesSection(v.commitments_made, v.commitments_kept, v.commitments_broken, v.commitments_overdue,
                           v.commitments_open, v.repeat_contact_rate, repeats, tuple(unkept[:PROMISES_SHOWN]))
