"""Opening a store: resolve the URL, connect, bring the schema to the newest Alembic revision.

SQLite (a file in WAL mode) is the default; PostgreSQL is reached through psycopg 3. A PostgreSQL
URL may carry ``?options=-csearch_path%3Dmyschema`` to keep a store in its own schema.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from egoscope.errors import ConfigError, StoreError

DEFAULT_DB = "egoscope.db"
ENV_VAR = "EGOSCOPE_DB"
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_PG_LOCK_ID = 0x65676F73  # "egos": serialises concurrent first-time migrations on one server
_URL_FORMS = "a file path, sqlite:///FILE or postgresql://USER@HOST:PORT/DB"


def resolve_db_url(value: str | None = None, *, environ: dict[str, str] | None = None) -> str:
    """The database URL from ``--db``, else ``$EGOSCOPE_DB``, else ``egoscope.db`` in the current directory.

    A plain path becomes a SQLite URL; ``postgresql://`` and ``postgres://`` get the psycopg driver.
    """
    env = os.environ if environ is None else environ
    raw = (value or env.get(ENV_VAR) or DEFAULT_DB).strip()
    if "://" not in raw:
        return "sqlite:///" + str(Path(raw).expanduser().resolve())
    scheme, rest = raw.split("://", 1)
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return "postgresql+psycopg://" + rest
    if scheme == "sqlite":
        return raw
    raise ConfigError(f"unsupported database URL scheme '{scheme}://' in '{_hide(raw)}': use {_URL_FORMS}")


def _hide(raw: str) -> str:
    try:
        return make_url(raw).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return raw


@dataclass
class Store:
    """An open store: the SQLAlchemy engine and a session factory. Close it when done."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end of the block, or rolled back on error."""
        with self.sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and create or migrate) the store at ``url`` (see :func:`resolve_db_url`).

    Raises ConfigError for a malformed URL and StoreError when the database cannot be reached.
    """
    resolved = resolve_db_url(url)
    try:
        parsed = make_url(resolved)
        parsed.port  # noqa: B018 - the port is parsed lazily; a bad one must fail here
    except (ArgumentError, ValueError) as e:
        raise ConfigError(f"bad database URL '{_hide(resolved)}': {e}; use {_URL_FORMS}") from e
    engine = _create_engine(parsed)
    store = Store(url=parsed, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
    try:
        if migrate:
            upgrade(store)
        else:
            with engine.connect():
                pass
    except DBAPIError as e:
        engine.dispose()
        raise StoreError(f"cannot open the database {store.display_url}: {_first_line(e.orig)}") from e
    except SQLAlchemyError as e:
        engine.dispose()
        raise StoreError(f"cannot open the database {store.display_url}: {_first_line(e)}") from e
    except StoreError:
        engine.dispose()
        raise
    return store


def _create_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = 5
    try:
        return create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError) as e:
        raise ConfigError(f"bad database URL '{url.render_as_string()}': {e}") from e


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not Path(database).parent.is_dir():
        raise StoreError(f"cannot create the database {database}: folder {Path(database).parent} does not exist")
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def _first_line(error: object) -> str:
    message = str(error).strip()
    return message.splitlines()[0] if message else type(error).__name__


def alembic_config(connection: Connection | None = None) -> Config:
    """The Alembic configuration of the migrations shipped inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # New revisions are named r0002_slug.py: a module name may not start with a digit (mypy, imports).
    config.set_main_option("file_template", "r%%(rev)s_%%(slug)s")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(store: Store) -> None:
    """Bring the schema to the newest revision (``alembic upgrade head``); a no-op when it is current."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with store.engine.begin() as connection:
        if store.dialect == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
        current = MigrationContext.configure(connection).get_current_revision()
        if current == head:
            return
        known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
        if current is not None and current not in known:
            raise StoreError(f"the database {store.display_url} has schema revision '{current}', "
                             "newer than this egoscope: upgrade egoscope")
        command.upgrade(alembic_config(connection), "head")


def schema_revision(store: Store) -> str | None:
    """The Alembic revision the store is at (``None`` for an empty database)."""
    with store.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
