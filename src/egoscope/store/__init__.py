"""The store: analysed conversations in SQLite or PostgreSQL, and the queries the reports read."""

from egoscope.store.database import Store, open_store, resolve_db_url
from egoscope.store.importer import ImportSummary, import_conversations, reanalyze
from egoscope.store.promises import PromiseSummary, recompute

__all__ = [
    "ImportSummary",
    "PromiseSummary",
    "Store",
    "import_conversations",
    "open_store",
    "reanalyze",
    "recompute",
    "resolve_db_url",
]
