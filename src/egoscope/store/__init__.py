"""The store: analysed conversations in SQLite or PostgreSQL, and the queries the reports read.

Open with :func:`open_store`; write with :func:`import_conversations` / :func:`reanalyze`; read with
``egoscope.store.queries``. See docs/store.md.
"""

from egoscope.store.database import Store, open_store, resolve_db_url
from egoscope.store.export import export
from egoscope.store.importer import ImportSummary, import_conversations, reanalyze
from egoscope.store.promises import PromiseSummary, recompute

__all__ = [
    "ImportSummary",
    "PromiseSummary",
    "Store",
    "export",
    "import_conversations",
    "open_store",
    "reanalyze",
    "recompute",
    "resolve_db_url",
]
