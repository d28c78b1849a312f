"""Report fixtures: the built-in sample corpus imported once per session into a SQLite file, and its pages.

The import goes through the store's own import code with the real engine (the session ``engine`` of
tests/conftest.py), so the pages are rendered from exactly what ``egoscope import`` stores.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sample_store import BUDGETS, GENERATED_AT, SAMPLE, SampleStore

from egoscope.io.readers import read_conversations
from egoscope.report import render_coaching_sheet, render_report
from egoscope.store import Store, import_conversations, open_store


@pytest.fixture(scope="session")
def sample_store(engine: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SampleStore]:
    """The sample corpus in a temporary SQLite store (read-only for the tests)."""
    path = tmp_path_factory.mktemp("report-store") / "egoscope.db"
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        import_conversations(store, read_conversations([str(SAMPLE)]), engine, sources=[str(SAMPLE)])
        yield SampleStore(store, url, path)


@pytest.fixture(scope="session")
def report_pages(sample_store: SampleStore) -> dict[str, str]:
    """The report in both languages, with the budget comparison."""
    return {lang: render_report(sample_store.store, lang=lang, budgets=BUDGETS, generated_at=GENERATED_AT)
            for lang in ("fr", "en")}


@pytest.fixture(scope="session")
def coach_pages(sample_store: SampleStore) -> dict[tuple[str, str], str]:
    """Coaching sheets keyed by (agent, lang), rendered on demand and kept for the session."""
    return _LazyPages(sample_store.store)


class _LazyPages(dict[tuple[str, str], str]):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self._store = store

    def __missing__(self, key: tuple[str, str]) -> str:
        agent, lang = key
        self[key] = render_coaching_sheet(self._store, agent, lang=lang, generated_at=GENERATED_AT)
        return self[key]
