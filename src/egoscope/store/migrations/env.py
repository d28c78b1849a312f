"""Alembic environment: runs on the connection handed over by ``egoscope.store.database.upgrade``.

For development, ``alembic -x db=URL revision --autogenerate`` also works (see docs/store.md).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from egoscope.store.database import resolve_db_url
from egoscope.store.tables import Base


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copy
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = create_engine(resolve_db_url(context.get_x_argument(as_dictionary=True).get("db")))
    with engine.begin() as own_connection:
        _run(own_connection)
    engine.dispose()
