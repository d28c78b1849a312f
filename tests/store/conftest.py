"""Store fixtures: a fresh store on SQLite and on PostgreSQL, and one filled with ``hand_built()``.

Helpers (conversation factory, FakeEngine, the hand-built conversations) live in ``store_fixtures.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from store_fixtures import DIALECTS, FakeEngine, database, hand_built
from typer.testing import CliRunner

from egoscope.cli import store_cmds
from egoscope.store import Store, import_conversations, open_store


@pytest.fixture(params=DIALECTS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        yield opened


@pytest.fixture(scope="module", params=DIALECTS)
def filled_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store holding :func:`hand_built` (read-only: shared by the tests of one module)."""
    with database(request.param, tmp_path_factory.mktemp("filled")) as url, open_store(url) as opened:
        import_conversations(opened, hand_built(), FakeEngine(), batch_size=4)
        yield opened


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture(scope="session")
def real_engine() -> Any:
    """The real engine, loaded once for the whole test session (it takes seconds)."""
    from egoscope.pipeline import Engine

    return Engine.load()


@pytest.fixture
def cli(real_engine: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Runs store commands in-process, with the already loaded engine."""
    monkeypatch.setattr(store_cmds, "_load_engine", lambda assumptions=None: real_engine)
    app = typer.Typer()
    store_cmds.register(app)
    runner = CliRunner()
    yield lambda *args: runner.invoke(app, [str(a) for a in args])
