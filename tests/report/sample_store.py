"""What the report tests share: the sample corpus, the fixed generation time and budgets, the store handle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from egoscope.report import Budgets
from egoscope.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "egoscope" / "data" / "sample" / "conversations.jsonl"
GENERATED_AT = datetime(2026, 7, 1, 9, 0)
BUDGETS = Budgets(ad_eur=500_000.0, cr_eur=10_000.0)


@dataclass(frozen=True)
class SampleStore:
    """The session's store of the sample corpus, its URL and its SQLite file."""

    store: Store
    url: str
    path: Path
