"""Opening stores: URL resolution, SQLite settings, migrations, and the errors a user can cause."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

import egoscope.store
from egoscope.errors import ConfigError, StoreError
from egoscope.store import Store, open_store, resolve_db_url
from egoscope.store.database import alembic_config, schema_revision
from egoscope.store.tables import Base


@pytest.mark.parametrize("value, environ, expected", [
    (None, {}, "sqlite:///{cwd}/egoscope.db"),
    (None, {"EGOSCOPE_DB": "other.db"}, "sqlite:///{cwd}/other.db"),
    ("given.db", {"EGOSCOPE_DB": "other.db"}, "sqlite:///{cwd}/given.db"),
    ("/tmp/x.db", {}, "sqlite:////tmp/x.db"),
    ("sqlite:////tmp/y.db", {}, "sqlite:////tmp/y.db"),
    ("postgresql://postgres@127.0.0.1:5432/test", {}, "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    ("postgres://u@h/db", {}, "postgresql+psycopg://u@h/db"),
    ("postgresql+psycopg://u@h/db", {}, "postgresql+psycopg://u@h/db"),
    (None, {"EGOSCOPE_DB": "postgresql://u@h/db"}, "postgresql+psycopg://u@h/db"),
])
def test_resolve_db_url(value: str | None, environ: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch,
                        tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_db_url(value, environ=environ) == expected.format(cwd=tmp_path.resolve())


@pytest.mark.parametrize("url, error, message", [
    ("mysql://root@localhost/db", ConfigError, r"unsupported database URL scheme 'mysql://'.*use a file path"),
    ("postgresql://postgres:secret@127.0.0.1:1/test", StoreError,
     r"^cannot open the database postgresql\+psycopg://postgres:\*\*\*@127.0.0.1:1/test: "),
    ("postgresql://postgres@127.0.0.1:5432:99/test", ConfigError, r"bad database URL"),
    ("/no/such/folder/egoscope.db", StoreError, r"folder /no/such/folder does not exist"),
])
def test_user_errors_are_one_line(url: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as caught:
        open_store(url)
    assert "\n" not in str(caught.value) and "secret" not in str(caught.value)


@pytest.mark.parametrize("content", [b"this is not a database, just some text" * 200])
def test_a_file_that_is_not_a_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=r"cannot open the database .*notes.db: .*not a database"):
        open_store(str(path))


@pytest.mark.parametrize("name", ["egoscope.db"])
def test_sqlite_is_a_wal_file(tmp_path: Path, name: str) -> None:
    with open_store(str(tmp_path / name)) as store, store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert sqlite3.connect(tmp_path / name).execute("select count(*) from conversations").fetchone() == (0,)


def test_migrations_create_exactly_the_models(store: Store) -> None:
    """Fails when a model changes without an Alembic revision (or the reverse)."""
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert differences == []


def test_opening_again_keeps_the_revision(db_url: str) -> None:
    with open_store(db_url) as store:
        first = schema_revision(store)
    with open_store(db_url) as store:
        assert schema_revision(store) == first == "0001"


def test_a_newer_schema_is_refused(db_url: str) -> None:
    with open_store(db_url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="schema revision '9999', newer than this egoscope"):
        open_store(db_url)


@pytest.mark.parametrize("head", ["0001"])
def test_migrations_are_shipped_in_the_package(head: str) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert Path(script.dir) == Path(egoscope.store.__file__).parent / "migrations"
    assert script.get_current_head() == head
