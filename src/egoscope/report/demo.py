"""The demo report: conversations imported into a throw-away SQLite store, then rendered as the real report.

``egoscope demo`` (and ``make demo``) call :func:`write_demo_report`. It accepts already analysed
results (stored as they are, without analysing again), conversations, or files to read; only the last
two load the engine.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from egoscope import __version__
from egoscope.model import Conversation, ConversationResult
from egoscope.report.render import write_report
from egoscope.store import import_conversations, open_store

Item = ConversationResult | Conversation | str | Path


class PrecomputedEngine:
    """Stands for the engine at import: hands back results analysed beforehand, by conversation id."""

    def __init__(self, results: Iterable[ConversationResult]) -> None:
        self._results = {result.id: result for result in results}
        first = next(iter(self._results.values()), None)
        assumptions = dict(first.revenue_at_risk.assumptions) if first is not None else {}
        assumptions.pop("annual_value_source", None)  # per conversation, not an assumption
        self._assumptions = assumptions

    @property
    def version(self) -> str:
        return f"egoscope {__version__} (results analysed before import)"

    @property
    def assumptions_dict(self) -> dict[str, Any]:
        return self._assumptions

    def analyze(self, conversations: Iterable[Conversation], *, batch_size: int = 64,
                n_process: int = 1) -> Iterator[ConversationResult]:
        for conv in conversations:
            yield self._results[conv.id]


def write_demo_report(items: Iterable[Item], out_path: Path | str, lang: str = "fr") -> Path:
    """Import ``items`` (results, conversations or file paths) into a temporary store and write the report.

    Returns the absolute path of the report; the temporary store is deleted afterwards.
    """
    results, conversations, paths = _split(items)
    with tempfile.TemporaryDirectory(prefix="egoscope-demo-") as folder:
        with open_store(f"sqlite:///{Path(folder) / 'demo.db'}") as store:
            if results:
                import_conversations(store, [r.conversation for r in results], PrecomputedEngine(results),
                                     sources=["(analysed in memory)"])
            if conversations or paths:
                _analyse_and_import(store, conversations, paths, lang)
            return write_report(store, Path(out_path), lang=lang)


def _split(items: Iterable[Item]) -> tuple[list[ConversationResult], list[Conversation], list[str]]:
    results: list[ConversationResult] = []
    conversations: list[Conversation] = []
    paths: list[str] = []
    for item in items:
        if isinstance(item, ConversationResult):
            results.append(item)
        elif isinstance(item, Conversation):
            conversations.append(item)
        else:
            paths.append(str(item))
    return results, conversations, paths


def _analyse_and_import(store: Any, conversations: list[Conversation], paths: list[str], lang: str) -> None:
    from egoscope.io.readers import read_conversations
    from egoscope.pipeline import Engine  # loads spaCy: only when there is something to analyse

    engine = Engine.load(explain_lang=lang)
    read = list(read_conversations(paths)) if paths else []
    import_conversations(store, [*conversations, *read], engine, sources=paths or ["(conversations in memory)"])
