"""Core data types: what flows from the readers through the analysers to the writers.

Frozen dataclasses inside (cheap, hashable, safe to share between stages); pydantic lives only
at the edges (input validation in ``io``, configuration, API).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Speaker = Literal["agent", "customer"]
Kind = Literal["risk", "good", "emotion", "signal"]
Outcome = Literal["resolved", "retained", "at_risk", "lost"]
SpendPeriod = Literal["visit", "week", "month", "year"]

SPEAKERS: tuple[Speaker, ...] = ("agent", "customer")
OUTCOMES: tuple[Outcome, ...] = ("resolved", "retained", "at_risk", "lost")
TOPICS: tuple[str, ...] = (
    "delivery", "billing", "refund", "product_quality", "account_change", "cancellation",
    "reachability", "promotion", "loyalty", "store", "other",
)

RISKS: tuple[str, ...] = (
    "favour_framing", "blame_customer", "lecturing", "effort_display", "deflecting_blame",
    "unexplained_refusal", "powerlessness", "gatekeeping", "doubting_good_faith", "condescension",
    "untimely_offer",
)
GOOD_PRACTICES: tuple[str, ...] = (
    "apology", "ownership", "solution", "explanation", "alternative", "empathy", "recognition", "commitment",
)
EMOTIONS: tuple[str, ...] = ("anger", "exasperation", "annoyance", "frustration", "disappointment", "satisfaction")
SIGNALS: tuple[str, ...] = ("churn_intent", "public_complaint", "compensation_demand")

AGENT_CATEGORIES: tuple[str, ...] = RISKS + GOOD_PRACTICES
CUSTOMER_CATEGORIES: tuple[str, ...] = EMOTIONS + SIGNALS
ALL_CATEGORIES: tuple[str, ...] = AGENT_CATEGORIES + CUSTOMER_CATEGORIES


def kind_of(category: str) -> Kind:
    """The kind of a built-in category id (custom categories carry their own kind)."""
    if category in RISKS:
        return "risk"
    if category in GOOD_PRACTICES:
        return "good"
    if category in EMOTIONS:
        return "emotion"
    if category in SIGNALS:
        return "signal"
    raise KeyError(category)


def speaker_of(kind: Kind) -> Speaker:
    """Risks and good practices are read on agent turns, emotions and signals on customer turns."""
    return "agent" if kind in ("risk", "good") else "customer"


@dataclass(frozen=True, slots=True)
class Customer:
    id: str | None = None
    tenure_years: float | None = None
    spend_eur: float | None = None
    spend_period: SpendPeriod | None = None
    visits_per_week: float | None = None


@dataclass(frozen=True, slots=True)
class Turn:
    speaker: Speaker
    text: str
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Conversation:
    """One conversation as read from any input format.

    ``extra`` keeps unknown input fields so that writers can pass them through untouched;
    ``source``/``line`` say where the record came from, for error messages and import runs.
    """

    id: str
    turns: tuple[Turn, ...]
    channel: str | None = None
    agent: str | None = None
    team: str | None = None
    started_at: datetime | None = None
    customer: Customer | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    source: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Finding:
    """One explained detection on one turn; ``start``/``end`` are character offsets into the turn text."""

    category: str
    kind: Kind
    start: int
    end: int
    evidence: str
    rule: str
    explanation: str
    suggestion: str | None = None
    intensity: float | None = None
    due: str | None = None
    source: Literal["rule", "model", "custom"] = "rule"
    score: float | None = None


@dataclass(frozen=True, slots=True)
class TurnResult:
    index: int
    speaker: Speaker
    text: str
    findings: tuple[Finding, ...] = ()
    emotions: dict[str, float] = field(default_factory=dict, hash=False)
    negativity: float | None = None
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Escalation:
    turn: int
    trigger_turn: int | None
    delta: float


@dataclass(frozen=True, slots=True)
class RevenueAtRisk:
    eur: float
    annual_value_eur: float
    loss_probability: float
    direct_eur: float
    word_of_mouth_eur: float
    silent_leavers_eur: float
    value_is_default: bool
    assumptions: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class ConversationResult:
    conversation: Conversation
    language: str
    turns: tuple[TurnResult, ...]
    escalations: tuple[Escalation, ...]
    last_word: Speaker | None
    last_word_risk: bool
    outcome: Outcome
    topics: tuple[str, ...]
    score: int
    revenue_at_risk: RevenueAtRisk

    @property
    def id(self) -> str:
        return self.conversation.id

    def findings(self) -> list[tuple[int, Finding]]:
        """All findings with their turn index, in conversation order."""
        return [(turn.index, finding) for turn in self.turns for finding in turn.findings]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What ``egoscope check`` returns for one draft."""

    text: str
    findings: tuple[Finding, ...]
    id: str | None = None
