"""The coaching sheet of one agent: what works first, then the moments to rework with their own words.

Written to the agent: it never names or ranks colleagues. The rewrites and explanations come from the
rule files (``Catalog``), in the sheet's language.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from markupsafe import Markup
from sqlalchemy.orm import Session

from egoscope.errors import ConfigError
from egoscope.report import charts
from egoscope.report.catalog import Catalog
from egoscope.report.highlight import Span, excerpt, mark
from egoscope.report.i18n import Formatter, Translator, check_lang
from egoscope.report.queries import AgentPeriod, Period, agent_trend
from egoscope.store.periods import store_bounds
from egoscope.store.queries import FindingView, agent_findings, agents

EXAMPLES_SHOWN = 3
MOMENTS_SHOWN = 3
PRACTICE_ITEMS = 3
WEEKS_BEFORE_MONTHLY = 10
# Good practices worth building on when an agent has fewer than three risks to work on, in this order.
GOOD_TO_BUILD = ("empathy", "explanation", "alternative", "ownership", "apology", "commitment", "solution",
                 "recognition")


@dataclass(frozen=True, slots=True)
class Example:
    html: Markup
    day: datetime | None
    conversation_id: str


@dataclass(frozen=True, slots=True)
class Practice:
    """A category of the agent's findings: how often, why it matters, their own sentences, a rewrite."""

    category: str
    label: str
    count: int
    why: str | None
    rewrite: str | None
    examples: tuple[Example, ...]
    evidence: str


@dataclass(frozen=True, slots=True)
class Exercise:
    """One of the three things to practise."""

    kind: str  # "risk": replace a habit; "good": build on a strength
    label: str
    why: str | None
    instead_of: str | None
    try_saying: str | None


@dataclass(frozen=True, slots=True)
class CoachContext:
    lang: str
    agent: str
    team: str | None
    start: date | None
    end: date | None
    first_day: date | None
    last_day: date | None
    generated_at: datetime
    conversations: int
    replies: int
    strengths: tuple[Practice, ...]
    moments: tuple[Practice, ...]
    exercises: tuple[Exercise, ...]
    chart: Markup | None
    trend_sentence: str


def build_coaching_sheet(session: Session, agent: str, *, lang: str = "fr", start: date | None = None,
                         end: date | None = None, generated_at: datetime | None = None) -> CoachContext:
    """Read one agent's findings and trend; ConfigError naming the known agents when ``agent`` is unknown."""
    check_lang(lang)
    if start is not None and end is not None and start > end:
        raise ConfigError(f"--from {start} is after --to {end}")
    team = _team_of(session, agent)
    t, fmt, catalog = Translator(lang), Formatter(lang), Catalog.load(lang)
    findings = agent_findings(session, agent, start, end)
    strengths = _practices([f for f in findings if f.kind == "good"], "good", catalog)
    moments = _practices([f for f in findings if f.kind == "risk"], "risk", catalog)[:MOMENTS_SHOWN]
    oldest, newest = store_bounds(session)
    first_day, last_day = start or oldest, end or newest
    long_period = first_day is not None and last_day is not None and (last_day - first_day).days > 7 * WEEKS_BEFORE_MONTHLY
    period: Period = "month" if long_period else "week"
    periods = agent_trend(session, agent, period, start, end)
    return CoachContext(
        lang=lang, agent=agent, team=team, start=start, end=end, first_day=first_day, last_day=last_day,
        generated_at=generated_at or datetime.now().replace(microsecond=0),
        conversations=sum(p.conversations for p in periods), replies=sum(p.agent_turns for p in periods),
        strengths=strengths, moments=moments, exercises=_exercises(moments, strengths, catalog),
        chart=_chart(periods, period, t, fmt), trend_sentence=_trend_sentence(periods, t, fmt),
    )


def _team_of(session: Session, agent: str) -> str | None:
    known = {info.agent: info.team for info in agents(session)}
    if agent not in known:
        listed = ", ".join(sorted(known)) or "none (import conversations first)"
        raise ConfigError(f"unknown agent {agent!r}; known agents: {listed}")
    return known[agent]


def _practices(findings: list[FindingView], kind: str, catalog: Catalog) -> tuple[Practice, ...]:
    """One entry per category, most frequent first, with up to three of the agent's own sentences."""
    by_category: dict[str, list[FindingView]] = defaultdict(list)
    for finding in findings:
        by_category[finding.category].append(finding)
    ranked = sorted(by_category.items(), key=lambda item: (-len(item[1]), item[0]))
    practices = []
    for category, found in ranked:
        rule = Counter(f.rule for f in found).most_common(1)[0][0]
        practices.append(Practice(category, catalog.label(category), len(found),
                                  catalog.explanation(category, rule),
                                  catalog.suggestion(category, rule) or found[0].suggestion,
                                  _examples(found, kind), found[0].evidence))
    return tuple(practices)


def _examples(found: list[FindingView], css: str) -> tuple[Example, ...]:
    """Distinct turns, newest first; every span of the category in a turn is marked."""
    turns: dict[tuple[str, int], list[FindingView]] = {}
    for finding in found:
        turns.setdefault((finding.conversation_id, finding.turn_index), []).append(finding)
    examples = []
    for (conversation_id, _turn), group in list(turns.items())[:EXAMPLES_SHOWN]:
        text, spans = excerpt(group[0].turn_text, [Span(f.start, f.end, css) for f in group])
        examples.append(Example(mark(text, spans), group[0].started_at, conversation_id))
    return tuple(examples)


def _exercises(moments: tuple[Practice, ...], strengths: tuple[Practice, ...],
               catalog: Catalog) -> tuple[Exercise, ...]:
    """Three things to practise: the agent's most frequent risks first, then good practices to build on."""
    exercises = [Exercise("risk", m.label, m.why, m.evidence, m.rewrite) for m in moments[:PRACTICE_ITEMS]]
    used = Counter({s.category: s.count for s in strengths})
    candidates = sorted((c for c in GOOD_TO_BUILD if c in catalog.categories),
                        key=lambda c: (used.get(c, 0), GOOD_TO_BUILD.index(c)))
    for category in candidates[:PRACTICE_ITEMS - len(exercises)]:
        exercises.append(Exercise("good", catalog.label(category), catalog.explanation(category), None, None))
    return tuple(exercises)


def _chart(periods: list[AgentPeriod], period: str, t: Translator, fmt: Formatter) -> Markup | None:
    if not periods:
        return None
    labels = [fmt.month(p.start) if period == "month" else fmt.short_day(p.start) for p in periods]
    figure = charts.agent_trend_figure(labels, [p.good_practices for p in periods], [p.risk_remarks for p in periods], t)
    return charts.Charts(fmt).html(figure, "agent-trend")


def _trend_sentence(periods: list[AgentPeriod], t: Translator, fmt: Formatter) -> str:
    """Compares the first half of the period with the second, in risky remarks per 100 replies."""
    if len(periods) < 2:
        return t("coach.trend.single")
    half = len(periods) // 2
    before, after = _rate(periods[:half]), _rate(periods[half:])
    values = {"before": fmt.number(before, 1), "after": fmt.number(after, 1)}
    if after < before:
        return t("coach.trend.better", **values)
    if after > before:
        return t("coach.trend.worse", **values)
    return t("coach.trend.steady", **values)


def _rate(periods: list[AgentPeriod]) -> float:
    replies = sum(p.agent_turns for p in periods)
    return 100 * sum(p.risk_remarks for p in periods) / replies if replies else 0.0
