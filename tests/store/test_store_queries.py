"""The read API for the report and the coaching sheet, and the BI export."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from egoscope.errors import ConfigError
from egoscope.store import Store
from egoscope.store.export import export
from egoscope.store.queries import (
    agent_findings,
    agents,
    commitments,
    store_bounds,
    topic_breakdown,
    trend,
    worst_conversations,
)


@pytest.mark.parametrize("limit, start, end, kwargs, expected", [
    (3, None, None, {}, ["c02", "c07", "c01"]),  # scores 20, 30, 40
    (2, date(2024, 3, 11), None, {}, ["c07", "c05"]),
    (5, None, None, {"team": "B"}, ["c05", "c08", "c04"]),
    (5, None, None, {"agent": "alice"}, ["c01", "c03", "c09"]),
])
def test_worst_conversations(filled_store: Store, limit: int, start: date | None, end: date | None,
                             kwargs: dict[str, str], expected: list[str]) -> None:
    with filled_store.sessions() as session:
        worst = worst_conversations(session, limit, start, end, **kwargs)
    assert [c.id for c in worst] == expected
    if expected[0] == "c02":
        assert (worst[0].outcome, worst[0].risk_remarks, worst[0].is_repeat) == ("lost", 2, True)


@pytest.mark.parametrize("kinds, expected", [
    (("risk", "good"), [("c03", "explanation"), ("c03", "commitment"), ("c01", "deflecting_blame"),
                        ("c01", "apology"), ("c01", "commitment")]),
    (("risk",), [("c01", "deflecting_blame")]),
])
def test_agent_findings(filled_store: Store, kinds: tuple[str, ...], expected: list[tuple[str, str]]) -> None:
    with filled_store.sessions() as session:
        found = agent_findings(session, "alice", kinds=kinds)
    assert [(f.conversation_id, f.category) for f in found] == expected
    assert found[-1].turn_text.startswith(("Désolée", "Pas notre faute"))


@pytest.mark.parametrize("status, expected", [(None, ["c01", "c03", "c06", "c05"]), ("overdue", ["c06"])])
def test_commitments(filled_store: Store, status: str | None, expected: list[str]) -> None:
    with filled_store.sessions() as session:
        promises = commitments(session, status=status)
    assert [p.conversation_id for p in promises] == expected
    broken = [p for p in promises if p.status == "broken"]
    assert all(p.broken_by_conversation == "c02" and p.agent == "alice" for p in broken)


def test_topic_breakdown_trend_agents_bounds(filled_store: Store) -> None:
    with filled_store.sessions() as session:
        topics = {t.topic: t for t in topic_breakdown(session)}
        weeks = trend(session, "week")
        people = agents(session)
        bounds = store_bounds(session)
    assert topics["delivery"].conversations == 3 and topics["delivery"].share == pytest.approx(3 / 9)
    assert topics["delivery"].lost_rate == pytest.approx(1 / 3) and topics["delivery"].primary == 3
    assert [w.group for w in weeks] == ["2024-03-04", "2024-03-11"]
    assert [(a.agent, a.team, a.conversations) for a in people] == [
        ("alice", "A", 3), ("bob", "A", 2), ("carol", "B", 3), ("dave", None, 1)]
    assert bounds == (date(2024, 3, 4), date(2024, 3, 15))


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export(filled_store: Store, tmp_path: Path, fmt: str) -> None:
    with filled_store.sessions() as session:
        written = export(session, tmp_path / "out", fmt)
    assert {path.name: count for path, count in written.items()} == {
        f"conversations.{fmt}": 9, f"findings.{fmt}": 18}
    if fmt == "parquet":
        conversations = pq.read_table(tmp_path / "out" / "conversations.parquet").to_pylist()
        findings = pq.read_table(tmp_path / "out" / "findings.parquet").to_pylist()
    else:
        with open(tmp_path / "out" / "conversations.csv", encoding="utf-8") as file:
            conversations = list(csv.DictReader(file))
        with open(tmp_path / "out" / "findings.csv", encoding="utf-8") as file:
            findings = list(csv.DictReader(file))
    c01 = next(c for c in conversations if c["id"] == "c01")
    assert c01["outcome"] == "at_risk" and str(c01["score"]) == "40"
    assert c01["topics"] == (["delivery"] if fmt == "parquet" else "delivery")
    assert {f["category"] for f in findings if f["conversation_id"] == "c01"} == {
        "anger", "deflecting_blame", "churn_intent", "apology", "commitment"}


@pytest.mark.parametrize("fmt", ["xlsx"])
def test_export_format_is_checked(filled_store: Store, tmp_path: Path, fmt: str) -> None:
    with filled_store.sessions() as session, pytest.raises(ConfigError, match="valid: csv, parquet"):
        export(session, tmp_path, fmt)
