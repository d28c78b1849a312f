"""Test helpers for the store: databases on both dialects, a conversation factory, a fake engine.

Conversations are written with tags in their turn text (``#apology``, ``#commitment@2024-03-08``) that
:class:`FakeEngine` turns into findings, so that indicator expectations can be computed by hand.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest

from egoscope.model import (
    Conversation,
    ConversationResult,
    Customer,
    Escalation,
    Finding,
    RevenueAtRisk,
    Turn,
    TurnResult,
    kind_of,
)

SAMPLE = Path(__file__).resolve().parents[2] / "src/egoscope/data/sample/conversations.jsonl"
PG_URL = os.environ.get("EGOSCOPE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
TAG = re.compile(r"#(\w+)(?:@(\S+))?")
_pg_problem: list[str] = []  # memo: None checked yet -> empty; unreachable -> [reason]; reachable -> [""]


def pg_unavailable() -> str | None:
    """Why the PostgreSQL test server cannot be used, or None when it answers."""
    if not _pg_problem:
        try:
            with psycopg.connect(PG_URL, connect_timeout=3):
                _pg_problem.append("")
        except psycopg.Error as e:
            _pg_problem.append(f"no PostgreSQL server answers at {PG_URL} ({str(e).strip().splitlines()[0]})")
    return _pg_problem[0] or None


DIALECTS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@contextmanager
def database(dialect: str, folder: Path) -> Iterator[str]:
    """A fresh database URL: a SQLite file, or a PostgreSQL schema of its own (dropped afterwards).

    A unique schema per test keeps parallel runs (``pytest -n 2``) apart on the one server.
    """
    if dialect == "sqlite":
        yield f"sqlite:///{folder / 'egoscope.db'}"
        return
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    schema = f"egoscope_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def make_conversation(conv_id: str, turns: Iterable[tuple[str, str]], *, started_at: str | None = "2024-03-04 10:00",
                      customer: str | None = "c1", agent: str | None = "alice", team: str | None = "A",
                      channel: str | None = "phone", **extra: Any) -> Conversation:
    """A conversation; ``extra`` may set ``topics``, ``outcome``, ``score``, ``revenue``, ``escalations``."""
    return Conversation(
        id=conv_id,
        turns=tuple(Turn(speaker=speaker, text=text) for speaker, text in turns),  # type: ignore[arg-type]
        channel=channel, agent=agent, team=team,
        started_at=datetime.fromisoformat(started_at) if started_at else None,
        customer=Customer(id=customer, spend_eur=100.0, spend_period="month") if customer else None,
        extra=extra,
    )


class FakeEngine:
    """Stands for ``egoscope.pipeline.Engine``: findings come from ``#tags`` (and from ``cues``: word ->
    category, to play a changed rule set), the rest of the result from ``extra``."""

    def __init__(self, version: str = "fake-1", cues: dict[str, str] | None = None) -> None:
        self.version = version
        self.cues = cues or {}
        self.assumptions_dict: dict[str, Any] = {"churn_probability": 0.3}
        self.analysed: list[str] = []

    def analyze(self, conversations: Iterable[Conversation], *, batch_size: int = 64,
                n_process: int = 1) -> Iterator[ConversationResult]:
        for conv in conversations:
            self.analysed.append(conv.id)
            yield fake_result(conv, cues=self.cues)


def fake_result(conv: Conversation, *, cues: dict[str, str] | None = None) -> ConversationResult:
    turns = tuple(TurnResult(index=i, speaker=turn.speaker, text=turn.text, at=turn.at,
                             findings=_findings(turn.text, cues or {}),
                             negativity=0.5 if "#anger" in turn.text else 0.0,
                             emotions={"anger": 0.8} if "#anger" in turn.text else {})
                  for i, turn in enumerate(conv.turns))
    extra = conv.extra
    return ConversationResult(
        conversation=conv, language="fr", turns=turns,
        escalations=tuple(Escalation(turn=1, trigger_turn=0, delta=0.4) for _ in range(extra.get("escalations", 0))),
        last_word=turns[-1].speaker if turns else None, last_word_risk=False,
        outcome=extra.get("outcome", "resolved"), topics=tuple(extra.get("topics", ("delivery",))),
        score=extra.get("score", 80),
        revenue_at_risk=RevenueAtRisk(eur=extra.get("revenue", 0.0), annual_value_eur=1200.0, loss_probability=0.1,
                                      direct_eur=0.0, word_of_mouth_eur=0.0, silent_leavers_eur=0.0,
                                      value_is_default=False),
    )


def _findings(text: str, cues: dict[str, str]) -> tuple[Finding, ...]:
    tagged = [(m.group(1), m.start(), m.end(), m.group(2)) for m in TAG.finditer(text)]
    cued = [(category, text.index(word), text.index(word) + len(word), None)
            for word, category in cues.items() if word in text]
    return tuple(
        Finding(category=category, kind=kind_of(category), start=start, end=end, evidence=text[start:end],
                rule=f"{category}.tag", explanation=f"tag {category}", due=due)
        for category, start, end, due in tagged + cued
    )


def hand_built() -> list[Conversation]:
    """Nine conversations whose indicators are worked out by hand in test_indicators.py.

    Week of Monday 2024-03-04: c01, c02, c03; week of 2024-03-11: c04 to c08; c09 has no date.
    Promises (as of the newest day, 2024-03-15): c01 broken by c02, c03 kept (c04 is on another
    topic), c05 open (due 03-20; c08 comes before, on another topic), c06 overdue. c02 is a repeat.
    """
    c = make_conversation
    return [
        c("c01", [("customer", "Colis pas arrivé #anger"), ("agent", "Pas notre faute #deflecting_blame"),
                  ("customer", "Je vais voir ailleurs #churn_intent"),
                  ("agent", "Désolée #apology, remboursé sous 2 jours #commitment@2024-03-06")],
          customer="cust1", agent="alice", team="A", channel="phone", started_at="2024-03-04 09:00",
          topics=["delivery"], outcome="at_risk", score=40, revenue=300.0, escalations=1),
        c("c02", [("customer", "Toujours rien"), ("agent", "Non #unexplained_refusal"),
                  ("agent", "Calmez-vous #condescension")],
          customer="cust1", agent="bob", team="A", channel="chat", started_at="2024-03-08 10:00",
          topics=["delivery"], outcome="lost", score=20, revenue=500.0),
        c("c03", [("customer", "Facture fausse #frustration"), ("agent", "Impossible car fermé #explanation"),
                  ("agent", "Je vous rappelle demain #commitment@2024-03-06")],
          customer="cust2", agent="alice", team="A", channel="phone", started_at="2024-03-05 14:00",
          topics=["billing"], outcome="resolved", score=70),
        c("c04", [("customer", "Merci #satisfaction"), ("agent", "Je vous propose un avoir #alternative")],
          customer="cust2", agent="carol", team="B", channel="email", started_at="2024-03-12 09:00",
          topics=["refund"], outcome="resolved", score=90),
        c("c05", [("customer", "Remboursement ?"), ("agent", "Remboursé le 20 #commitment@2024-03-20")],
          customer="cust3", agent="carol", team="B", channel="email", started_at="2024-03-13 11:00",
          topics=["refund"], outcome="retained", score=60),
        c("c06", [("customer", "Où est ma commande"), ("agent", "Livraison jeudi #commitment@2024-03-14")],
          customer="cust4", agent="bob", team="A", channel="chat", started_at="2024-03-11 16:00",
          topics=["delivery"], outcome="resolved", score=80),
        c("c07", [("customer", "Produit cassé #disappointment"), ("agent", "C'est votre faute #blame_customer")],
          customer="cust5", agent="dave", team=None, channel="store", started_at="2024-03-15 17:30",
          topics=["product_quality"], outcome="at_risk", score=30, revenue=200.0),
        c("c08", [("customer", "Question facture"), ("agent", "C'est normal car prorata #explanation")],
          customer="cust3", agent="carol", team="B", channel="phone", started_at="2024-03-14 09:00",
          topics=["billing"], outcome="resolved", score=85),
        c("c09", [("agent", "Bonjour"), ("customer", "Merci #satisfaction")],
          customer=None, agent="alice", team="A", channel="phone", started_at=None,
          topics=["other"], outcome="resolved", score=100),
    ]
