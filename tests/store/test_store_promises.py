"""Promises followed across a customer's conversations, and repeat contacts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from store_fixtures import FakeEngine, hand_built, make_conversation

from egoscope.store import Store, import_conversations, recompute
from egoscope.store.tables import CommitmentRow, ConversationRow


def statuses(store: Store) -> dict[str, tuple[str, str | None]]:
    with store.sessions() as session:
        rows = session.execute(select(CommitmentRow.conversation_id, CommitmentRow.status,
                                      CommitmentRow.broken_by_conversation))
        return {row.conversation_id: (row.status, row.broken_by_conversation) for row in rows}


def repeats(store: Store) -> set[str]:
    with store.sessions() as session:
        return set(session.scalars(select(ConversationRow.id).where(ConversationRow.is_repeat.is_(True))))


def test_statuses_of_the_hand_built_store(filled_store: Store) -> None:
    assert statuses(filled_store) == {
        "c01": ("broken", "c02"),  # cust1 back on delivery on 03-08, after the 03-06 due day
        "c03": ("kept", None),  # cust2 back on 03-12, but about a refund
        "c05": ("open", None),  # due 03-20, after the newest day (03-15)
        "c06": ("overdue", None),  # due 03-14, cust4 never came back
    }
    assert repeats(filled_store) == {"c02"}


@pytest.mark.parametrize("as_of, expected", [
    # Later than c05's due day: c08 (03-14, billing) came before it, on another topic -> not broken: overdue.
    (date(2024, 3, 25), {"c01": "broken", "c03": "kept", "c05": "overdue", "c06": "overdue"}),
    # Before c02 and c04 happened: contacts after as_of are ignored.
    (date(2024, 3, 7), {"c01": "overdue", "c03": "overdue", "c05": "open", "c06": "open"}),
    # On the due day itself the promise is still open.
    (date(2024, 3, 6), {"c01": "open", "c03": "open", "c05": "open", "c06": "open"}),
])
def test_as_of(store: Store, as_of: date, expected: dict[str, str]) -> None:
    summary = import_conversations(store, hand_built(), FakeEngine(), as_of=as_of)
    assert {conv: status for conv, (status, _) in statuses(store).items()} == expected
    assert summary.promises is not None and summary.promises.as_of == as_of


def promise_then(later_day: str, later_topic: str) -> list:
    return [
        make_conversation("p1", [("agent", "Remboursé sous 48 h #commitment@2024-05-10")], customer="k",
                          started_at="2024-05-08 10:00", topics=["refund"]),
        make_conversation("p2", [("customer", "Je reviens")], customer="k", started_at=later_day,
                          topics=[later_topic]),
        make_conversation("z", [("customer", "Autre client")], customer="other", started_at="2024-05-20 10:00"),
    ]


@pytest.mark.parametrize("later_day, later_topic, status, repeat", [
    ("2024-05-11 08:00", "refund", "broken", True),  # after the due day, same topic
    ("2024-05-10 18:00", "refund", "overdue", True),  # on the due day: chasing, not yet broken
    ("2024-05-09 09:00", "billing", "overdue", False),  # before the due day, other topic: does not break it
    ("2024-05-12 09:00", "billing", "kept", False),  # after, but about something else
    ("2024-05-16 09:00", "refund", "broken", False),  # 8 days later: broken, but no repeat within 7 days
])
def test_a_later_contact(store: Store, later_day: str, later_topic: str, status: str, repeat: bool) -> None:
    import_conversations(store, promise_then(later_day, later_topic), FakeEngine())
    assert statuses(store)["p1"][0] == status
    assert ("p2" in repeats(store)) is repeat


@pytest.mark.parametrize("days, expected", [(7, set()), (10, {"p2"})])
def test_repeat_window_is_an_option(store: Store, days: int, expected: set[str]) -> None:
    import_conversations(store, promise_then("2024-05-16 09:00", "refund"), FakeEngine(), repeat_days=days)
    assert repeats(store) == expected


@pytest.mark.parametrize("customer", [None])
def test_a_promise_without_customer_can_only_be_open_or_overdue(store: Store, customer: str | None) -> None:
    convs = [make_conversation("n1", [("agent", "Demain #commitment@2024-05-09")], customer=customer,
                               started_at="2024-05-08 10:00"),
             make_conversation("n2", [("agent", "Bonjour")], customer=customer, started_at="2024-05-12 10:00")]
    import_conversations(store, convs, FakeEngine())
    assert statuses(store) == {"n1": ("overdue", None)}
    assert repeats(store) == set()


@pytest.mark.parametrize("due", ["pas une date", "2024-05-10T18:00:00"])
def test_due_values(store: Store, due: str) -> None:
    convs = [make_conversation("d1", [("agent", f"Promis #commitment@{due}")], started_at="2024-05-08 10:00")]
    import_conversations(store, convs, FakeEngine())
    with store.sessions() as session:
        dues = list(session.scalars(select(CommitmentRow.due)))
    assert dues == ([] if due == "pas une date" else [date(2024, 5, 10)])


@pytest.mark.parametrize("repeat_days", [7])
def test_recompute_reports_counts(filled_store: Store, repeat_days: int) -> None:
    with filled_store.sessions() as session:
        summary = recompute(session, repeat_days=repeat_days)
        session.rollback()
    assert summary.as_of == date(2024, 3, 15)
    assert summary.statuses == {"open": 1, "kept": 1, "broken": 1, "overdue": 1}
    assert summary.repeat_contacts == 1
