"""The report's SQL on PostgreSQL: a few sample conversations in a schema of their own, both pages rendered."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from pagetext import visible_text
from sample_store import BUDGETS, GENERATED_AT, SAMPLE

from egoscope.io.readers import read_conversations
from egoscope.report import render_coaching_sheet, render_report
from egoscope.store import Store, import_conversations, open_store

PG_URL = os.environ.get("EGOSCOPE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
FIRST = 8

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_store(engine: Any) -> Iterator[Store]:
    try:
        with psycopg.connect(PG_URL, connect_timeout=3, autocommit=True) as conn:
            schema = f"egoscope_report_{uuid.uuid4().hex[:12]}"
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except psycopg.Error as e:
        pytest.skip(f"no PostgreSQL server answers at {PG_URL} ({str(e).strip().splitlines()[0]})")
    try:
        with open_store(f"{PG_URL}?options=-csearch_path%3D{schema}") as store:
            import_conversations(store, list(read_conversations([str(SAMPLE)]))[:FIRST], engine)
            yield store
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.mark.parametrize("lang", ["fr"])
def test_report_and_sheet_render_on_postgresql(pg_store: Store, lang: str) -> None:
    report = visible_text(render_report(pg_store, lang=lang, budgets=BUDGETS, generated_at=GENERATED_AT))
    assert f"{FIRST} conversations" in report
    sheet = render_coaching_sheet(pg_store, "agent-3", lang=lang, generated_at=GENERATED_AT)
    assert "agent-3" in visible_text(sheet)
