"""Import and reanalyze through the library, with the fake engine: idempotency, updates, runs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pytest
from sqlalchemy import func, select
from store_fixtures import FakeEngine, hand_built, make_conversation

from egoscope.errors import ConfigError
from egoscope.io.serialize import result_to_dict
from egoscope.model import Turn
from egoscope.store import Store, import_conversations, reanalyze
from egoscope.store.queries import conversation_result, import_runs
from egoscope.store.rebuild import conversation_from_result
from egoscope.store.tables import (
    AgentRow,
    CommitmentRow,
    ConversationResultRow,
    ConversationRow,
    ConversationTopicRow,
    CustomerRow,
    FindingRow,
    TurnRow,
)

TABLES = (ConversationRow, ConversationResultRow, ConversationTopicRow, TurnRow, FindingRow, CommitmentRow)


def counts(store: Store) -> dict[str, int]:
    with store.sessions() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
                for model in TABLES}


@pytest.mark.parametrize("batch_size", [1, 4, 64])
def test_importing_twice_stores_once(store: Store, batch_size: int) -> None:
    first = import_conversations(store, hand_built(), FakeEngine(), batch_size=batch_size)
    before = counts(store)
    engine = FakeEngine()
    second = import_conversations(store, hand_built(), engine, batch_size=batch_size)
    assert (first.read, first.imported, first.updated, first.unchanged) == (9, 9, 0, 0)
    assert (second.read, second.imported, second.updated, second.unchanged) == (9, 0, 0, 9)
    assert engine.analysed == []  # unchanged content is not analysed again
    assert counts(store) == before == {"conversations": 9, "conversation_results": 9, "conversation_topics": 9, "turns": 22, "findings": 18,
                                       "commitments": 4}


def test_changed_content_replaces_turns_and_findings(store: Store) -> None:
    import_conversations(store, hand_built(), FakeEngine())
    original = {conv.id: conv for conv in hand_built()}
    changed = replace(original["c01"], turns=(Turn("customer", "Bonjour"), Turn("agent", "Voilà #solution")))
    summary = import_conversations(store, [changed, original["c02"]], FakeEngine())
    assert (summary.imported, summary.updated, summary.unchanged) == (0, 1, 1)
    with store.sessions() as session:
        turns = session.scalars(select(TurnRow.text).where(TurnRow.conversation_id == "c01")
                                .order_by(TurnRow.index)).all()
        findings = session.scalars(select(FindingRow.category).where(FindingRow.conversation_id == "c01")).all()
        row = session.get(ConversationRow, "c01")
        promises = session.scalars(select(CommitmentRow.conversation_id)).all()
    assert turns == ["Bonjour", "Voilà #solution"]
    assert findings == ["solution"]
    assert row is not None and row.risk_count == 0 and row.apology_count == 0 and row.turn_count == 2
    assert sorted(promises) == ["c03", "c05", "c06"]  # c01's promise went with its old content
    assert counts(store)["conversations"] == 9


def test_a_duplicate_in_one_batch_is_stored_once_the_last_one_winning(store: Store) -> None:
    first = make_conversation("dup", [("agent", "v1")])
    second = make_conversation("dup", [("agent", "v2 #apology")])
    summary = import_conversations(store, [first, first, second], FakeEngine(), batch_size=10)
    assert (summary.read, summary.imported, summary.unchanged, summary.updated) == (3, 1, 1, 1)
    with store.sessions() as session:
        assert session.scalars(select(TurnRow.text)).all() == ["v2 #apology"]


def test_customers_and_agents_keep_their_latest_known_values(store: Store) -> None:
    convs = [make_conversation("a", [("agent", "x")], agent="eve", team="A"),
             replace(make_conversation("b", [("agent", "y")], agent="eve", team=None), customer=None)]
    import_conversations(store, convs, FakeEngine())
    import_conversations(store, [make_conversation("c", [("agent", "z")], agent="eve", team="B")], FakeEngine())
    with store.sessions() as session:
        assert session.get(AgentRow, "eve").team == "B"  # type: ignore[union-attr]
        customer = session.get(CustomerRow, "c1")
    assert customer is not None and customer.spend_eur == 100.0


@dataclass
class Reason:
    file: str | None
    line: int | None
    field: str | None
    message: str


@dataclass
class Stats:
    skipped: int = 0
    reasons: list[Reason] = field(default_factory=list)


def test_an_import_run_records_who_when_what_and_counts(store: Store) -> None:
    stats = Stats(skipped=1, reasons=[Reason("in.jsonl", 3, "turns", "must not be empty")])
    summary = import_conversations(store, hand_built()[:2], FakeEngine(), sources=["in.jsonl"], read_stats=stats)
    assert summary.skipped == 1
    assert summary.skip_reasons == ["in.jsonl, line 3, field 'turns': must not be empty"]
    with store.sessions() as session:
        (run,) = import_runs(session)
        stored = conversation_result(session, "c01")
    assert run.command == "import" and run.user and run.finished_at is not None
    assert run.sources == ["in.jsonl"] and run.engine_version == "fake-1"
    assert run.assumptions == {"churn_probability": 0.3}
    assert run.counts == {"read": 2, "imported": 2, "updated": 0, "unchanged": 0, "skipped": 1}
    assert run.skip_reasons == summary.skip_reasons
    assert stored is not None and stored["id"] == "c01" and stored["outcome"] == "at_risk"


@pytest.mark.parametrize("batch_size", [0, -3])
def test_bad_batch_size(store: Store, batch_size: int) -> None:
    with pytest.raises(ConfigError, match=f"--batch-size must be at least 1, got {batch_size}"):
        import_conversations(store, [], FakeEngine(), batch_size=batch_size)


def test_reanalyze_reruns_stale_conversations_only(store: Store) -> None:
    import_conversations(store, hand_built(), FakeEngine(version="v1"))
    newer = FakeEngine(version="v2", cues={"Non": "gatekeeping"})  # a new rule: only c02 says "Non"
    summary = reanalyze(store, newer, batch_size=4)
    assert (summary.read, summary.updated, summary.unchanged) == (9, 1, 8)
    again = reanalyze(store, newer)
    assert again.read == 0
    with store.sessions() as session:
        versions = set(session.scalars(select(ConversationRow.engine_version)))
        run = import_runs(session)[0]
        assert session.get(ConversationRow, "c02").risk_count == 3  # type: ignore[union-attr]
    assert versions == {"v2"}
    assert run.command == "reanalyze" and run.engine_version == "v2"
    assert counts(store)["conversations"] == 9


def test_reanalyze_everything(store: Store) -> None:
    import_conversations(store, hand_built(), FakeEngine())
    summary = reanalyze(store, FakeEngine(), everything=True)
    assert (summary.read, summary.updated, summary.unchanged) == (9, 0, 9)
    assert summary.promises is not None and summary.promises.statuses["broken"] == 1


@pytest.mark.parametrize("conv_id", ["c01", "c07", "c09"])
def test_a_stored_result_gives_back_its_conversation(conv_id: str) -> None:
    conv = {c.id: c for c in hand_built()}[conv_id]
    engine = FakeEngine()
    (result,) = engine.analyze([conv])
    assert conversation_from_result(result_to_dict(result)) == conv
