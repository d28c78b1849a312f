"""Indicators against values worked out by hand on ``hand_built()`` (see its docstring and the comments)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from egoscope.errors import ConfigError
from egoscope.store import Store
from egoscope.store.indicators import IndicatorRow, indicators, totals


def by_group(store: Store, by: str, start: date | None = None, end: date | None = None) -> dict[Any, IndicatorRow]:
    with store.sessions() as session:
        return {row.group: row for row in indicators(session, by, start, end)}


def check(values: Any, expected: dict[str, Any]) -> None:
    for name, value in expected.items():
        assert getattr(values, name) == pytest.approx(value), name


# alice: c01, c03, c09. Agent turns 2 + 2 + 1 = 5; one risk (c01 deflecting_blame) -> 20 per 100 turns.
# Apology: needed in c01 (anger, risk) and c03 (frustration), given in c01 -> 0.5. Refusal turns: c03
# (explanation) -> 1/1 with a reason. Promises: c01 broken, c03 kept. Scores 40, 70, 100.
ALICE = dict(conversations=3, agent_turns=5, risk_remarks=1, risks_per_100_turns=20.0, escalation_rate=1 / 3,
             lost_rate=0.0, at_risk_rate=1 / 3, churn_signal_rate=1 / 3, apology_rate=0.5,
             refusals_with_reason_share=1.0, repeat_contact_rate=0.0, commitments_made=2, commitments_kept=1,
             commitments_broken=1, commitments_overdue=0, commitments_open=0, mean_score=70.0,
             revenue_at_risk_eur=300.0)
# bob: c02 (2 risks, unexplained refusal, lost, repeat), c06 (promise overdue).
BOB = dict(conversations=2, agent_turns=3, risk_remarks=2, risks_per_100_turns=200 / 3, escalation_rate=0.0,
           lost_rate=0.5, at_risk_rate=0.0, churn_signal_rate=0.0, apology_rate=0.0, refusals_with_reason_share=0.0,
           repeat_contact_rate=0.5, commitments_made=1, commitments_overdue=1, mean_score=50.0,
           revenue_at_risk_eur=500.0)
# carol: c04, c05, c08: no risk, nobody unhappy (apology rate undefined), two refusals both with a reason.
CAROL = dict(conversations=3, agent_turns=3, risk_remarks=0, risks_per_100_turns=0.0, apology_rate=None,
             refusals_with_reason_share=1.0, commitments_made=1, commitments_open=1, mean_score=235 / 3)
DAVE = dict(conversations=1, agent_turns=1, risks_per_100_turns=100.0, at_risk_rate=1.0, apology_rate=0.0,
            refusals_with_reason_share=None, mean_score=30.0, revenue_at_risk_eur=200.0)


@pytest.mark.parametrize("agent, expected", [("alice", ALICE), ("bob", BOB), ("carol", CAROL), ("dave", DAVE)])
def test_by_agent_over_the_whole_store(filled_store: Store, agent: str, expected: dict[str, Any]) -> None:
    rows = by_group(filled_store, "agent")
    assert set(rows) == {"alice", "bob", "carol", "dave"}
    check(rows[agent].values, expected)
    assert rows[agent].previous is None and rows[agent].change["conversations"] is None


@pytest.mark.parametrize("agent, risk, rate", [
    ("alice", "deflecting_blame", 20.0), ("alice", "blame_customer", 0.0), ("bob", "unexplained_refusal", 100 / 3),
    ("bob", "condescension", 100 / 3), ("dave", "blame_customer", 100.0),
])
def test_risks_per_100_agent_turns_per_risk_id(filled_store: Store, agent: str, risk: str, rate: float) -> None:
    assert by_group(filled_store, "agent")[agent].values.risks_per_100_turns_by_id[risk] == pytest.approx(rate)


@pytest.mark.parametrize("by, group, expected", [
    # Team A = alice + bob: 5 conversations, 8 agent turns, 3 risks; apology given in 1 of c01, c02, c03.
    ("team", "A", dict(conversations=5, agent_turns=8, risks_per_100_turns=37.5, escalation_rate=0.2, lost_rate=0.2,
                       apology_rate=1 / 3, refusals_with_reason_share=0.5, repeat_contact_rate=0.2,
                       commitments_made=3, commitments_kept=1, commitments_broken=1, commitments_overdue=1,
                       mean_score=62.0, revenue_at_risk_eur=800.0)),
    ("team", None, dict(conversations=1, risks_per_100_turns=100.0)),  # dave has no team
    ("channel", "phone", dict(conversations=4, agent_turns=6, risk_remarks=1, mean_score=73.75)),
    ("channel", "chat", dict(conversations=2, lost_rate=0.5, commitments_overdue=1)),
    ("topic", "delivery", dict(conversations=3, agent_turns=5, risk_remarks=3, churn_signal_rate=1 / 3,
                               repeat_contact_rate=1 / 3, commitments_broken=1, commitments_overdue=1)),
    ("topic", "refund", dict(conversations=2, commitments_open=1, refusals_with_reason_share=1.0)),
    ("topic", "other", dict(conversations=1, mean_score=100.0)),
])
def test_by_team_channel_topic(filled_store: Store, by: str, group: str | None, expected: dict[str, Any]) -> None:
    check(by_group(filled_store, by)[group].values, expected)


def test_by_week_compares_each_week_with_the_one_before(filled_store: Store) -> None:
    rows = by_group(filled_store, "week")
    assert list(rows) == ["2024-03-04", "2024-03-11"]  # c09 has no date: in no week
    first, second = rows["2024-03-04"], rows["2024-03-11"]
    assert (first.start, first.end) == (date(2024, 3, 4), date(2024, 3, 10))
    check(first.values, dict(conversations=3, agent_turns=6, risks_per_100_turns=50.0, apology_rate=1 / 3,
                             refusals_with_reason_share=0.5, repeat_contact_rate=1 / 3, commitments_made=2,
                             mean_score=130 / 3, revenue_at_risk_eur=800.0))
    assert first.previous is None and first.change["mean_score"] is None
    check(second.values, dict(conversations=5, agent_turns=5, risks_per_100_turns=20.0, at_risk_rate=0.2,
                              apology_rate=0.0, refusals_with_reason_share=1.0, commitments_made=2,
                              commitments_open=1, commitments_overdue=1, mean_score=69.0, revenue_at_risk_eur=200.0))
    assert second.previous == first.values
    assert second.change["conversations"] == 2
    assert second.change["risks_per_100_turns"] == pytest.approx(-30.0)
    assert second.change["mean_score"] == pytest.approx(69 - 130 / 3, abs=1e-5)
    assert second.change["risk:condescension"] == pytest.approx(-100 / 6)


def test_by_month(filled_store: Store) -> None:
    rows = by_group(filled_store, "month")
    assert list(rows) == ["2024-03"]
    check(rows["2024-03"].values, dict(conversations=8, commitments_made=4, revenue_at_risk_eur=1000.0))
    assert (rows["2024-03"].start, rows["2024-03"].end) == (date(2024, 3, 1), date(2024, 3, 31))


def test_a_window_is_compared_with_the_same_length_window_before(filled_store: Store) -> None:
    # 03-11..03-15 (5 days) against 03-06..03-10, which holds only c02 (bob).
    rows = by_group(filled_store, "agent", date(2024, 3, 11), date(2024, 3, 15))
    assert set(rows) == {"bob", "carol", "dave"}
    bob = rows["bob"]
    assert (bob.start, bob.end) == (date(2024, 3, 11), date(2024, 3, 15))
    check(bob.values, dict(conversations=1, risks_per_100_turns=0.0, mean_score=80.0))
    assert bob.previous is not None
    check(bob.previous, dict(conversations=1, risks_per_100_turns=100.0, mean_score=20.0, lost_rate=1.0))
    assert bob.change["risks_per_100_turns"] == pytest.approx(-100.0)
    assert bob.change["mean_score"] == pytest.approx(60.0)
    assert rows["carol"].previous is None and rows["carol"].change["mean_score"] is None


@pytest.mark.parametrize("start, end, expected", [
    (date(2024, 3, 11), None, {"bob", "carol", "dave"}),  # --to defaults to the newest day
    (None, date(2024, 3, 5), {"alice"}),  # --from defaults to the oldest day
    (date(2024, 3, 16), date(2024, 3, 31), set()),
])
def test_open_ended_windows(filled_store: Store, start: date | None, end: date | None, expected: set[str]) -> None:
    assert set(by_group(filled_store, "agent", start, end)) == expected


def test_week_buckets_start_on_the_monday_of_from(filled_store: Store) -> None:
    rows = by_group(filled_store, "week", date(2024, 3, 13), date(2024, 3, 14))
    assert list(rows) == ["2024-03-11"]
    row = rows["2024-03-11"]
    assert (row.start, row.end) == (date(2024, 3, 11), date(2024, 3, 14))
    assert row.values.conversations == 4  # c06 (03-11) to c08 (03-14); c07 (03-15) is after --to
    assert row.previous is not None and row.previous.conversations == 3


def test_totals(filled_store: Store) -> None:
    with filled_store.sessions() as session:
        whole = totals(session)
        window = totals(session, date(2024, 3, 11), date(2024, 3, 15))
    check(whole.values, dict(conversations=9, agent_turns=12, risk_remarks=4, commitments_made=4))  # 5+3+3+1 turns
    assert whole.group is None and whole.previous is None
    check(window.values, dict(conversations=5, mean_score=69.0))
    assert window.previous is not None and window.previous.conversations == 1


@pytest.mark.parametrize("by, start, end, message", [
    ("customer", None, None, "--by 'customer' is not valid; valid: agent, team"),
    ("agent", date(2024, 3, 9), date(2024, 3, 1), "--from 2024-03-09 is after --to 2024-03-01"),
])
def test_bad_arguments(filled_store: Store, by: str, start: date | None, end: date | None, message: str) -> None:
    with filled_store.sessions() as session, pytest.raises(ConfigError, match=message):
        indicators(session, by, start, end)


@pytest.mark.parametrize("by", ["agent", "week"])
def test_empty_store(store: Store, by: str) -> None:
    with store.sessions() as session:
        assert indicators(session, by) == []
        assert totals(session).values.conversations == 0
