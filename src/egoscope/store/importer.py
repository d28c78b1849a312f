"""``import`` and ``reanalyze``: analyse conversations in batches and store each batch in one transaction.

Idempotent and resumable: a conversation is looked up by id before it is analysed; when its content
hash is the stored one it is skipped as *unchanged*, when it differs it is re-analysed and replaced
whole. A batch is committed with the run's counters, so an import killed half-way leaves whole
batches behind and the next run picks up where it stopped.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import islice
from typing import Any, Protocol

from sqlalchemy import func, select, update

from egoscope.errors import ConfigError, InputError
from egoscope.io.serialize import result_to_dict
from egoscope.model import Conversation, ConversationResult
from egoscope.store.database import Store
from egoscope.store.promises import DEFAULT_REPEAT_DAYS, PromiseSummary, recompute
from egoscope.store.rebuild import conversation_from_result
from egoscope.store.rows import content_hash, result_rows
from egoscope.store.tables import ConversationResultRow, ConversationRow, ImportRunRow
from egoscope.store.writer import stored_hashes, write_results


class AnalysisEngine(Protocol):
    """What the store needs of ``egoscope.pipeline.Engine``."""

    @property
    def version(self) -> str: ...

    @property
    def assumptions_dict(self) -> dict[str, Any]: ...

    def analyze(self, conversations: Iterable[Conversation], *, batch_size: int = 64,
                n_process: int = 1) -> Iterator[ConversationResult]: ...


@dataclass
class ImportSummary:
    """Counts of one import or reanalyze run (``updated`` = stored before with other content or results)."""

    run_id: int
    read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    skip_reasons: list[str] = field(default_factory=list)  # the first ones (ReadStats keeps 100)
    promises: PromiseSummary | None = None

    def counters(self) -> dict[str, Any]:
        return {"read": self.read, "imported": self.imported, "updated": self.updated,
                "unchanged": self.unchanged, "skipped": self.skipped, "skip_reasons": self.skip_reasons}


Progress = Callable[[ImportSummary], None]


def import_conversations(store: Store, conversations: Iterable[Conversation], engine: AnalysisEngine, *,
                         batch_size: int = 64, sources: Sequence[str] = (), read_stats: Any = None,
                         as_of: date | None = None, repeat_days: int = DEFAULT_REPEAT_DAYS,
                         progress: Progress | None = None) -> ImportSummary:
    """Analyse and store ``conversations``, ``batch_size`` per transaction, then recompute the promises.

    ``read_stats`` (an ``egoscope.io.readers.ReadStats``) supplies the skipped records and their reasons.
    """
    _check_batch_size(batch_size)
    summary = ImportSummary(run_id=start_run(store, "import", sources, engine))
    for batch in _batches(conversations, batch_size):
        _import_batch(store, batch, engine, summary, batch_size=batch_size, read_stats=read_stats)
        if progress is not None:
            progress(summary)
    _copy_read_stats(summary, read_stats)
    return finish_run(store, summary, as_of=as_of, repeat_days=repeat_days)


def _import_batch(store: Store, batch: list[Conversation], engine: AnalysisEngine, summary: ImportSummary,
                  *, batch_size: int, read_stats: Any) -> None:
    with store.sessions() as session:
        known = stored_hashes(session, {conv.id for conv in batch})
    hashes: dict[str, str] = {}
    pending: dict[str, Conversation] = {}
    for conv in batch:
        digest = content_hash(conv)
        previous = hashes.get(conv.id, known.get(conv.id))
        summary.read += 1
        if previous == digest:
            summary.unchanged += 1
            continue
        if previous is None:
            summary.imported += 1
        else:
            summary.updated += 1
        hashes[conv.id] = digest
        pending[conv.id] = conv  # a later duplicate in the same batch wins
    results = list(engine.analyze(pending.values(), batch_size=batch_size)) if pending else []
    rows = [result_rows(r, content_hash=hashes[r.id], engine_version=engine.version,
                        import_run_id=summary.run_id) for r in results]
    _copy_read_stats(summary, read_stats)
    with store.transaction() as session:
        write_results(session, rows, replace=[conv_id for conv_id in pending if conv_id in known])
        _save_counters(session, summary)


def reanalyze(store: Store, engine: AnalysisEngine, *, everything: bool = False, batch_size: int = 64,
              as_of: date | None = None, repeat_days: int = DEFAULT_REPEAT_DAYS,
              progress: Progress | None = None) -> ImportSummary:
    """Re-run the engine on stored conversations analysed by another engine version (all with ``everything``).

    Resumable unless ``everything``: conversations already re-analysed carry the current version.
    ``updated`` counts the conversations whose result changed, ``unchanged`` the others.
    """
    _check_batch_size(batch_size)
    summary = ImportSummary(run_id=start_run(store, "reanalyze", [store.display_url], engine))
    last_id: str | None = None
    while batch := _stored_batch(store, engine.version, after=last_id, everything=everything, limit=batch_size):
        last_id = batch[-1].id
        stored = {row.id: row for row in batch}
        conversations = [conversation_from_result(row.result) for row in batch]
        results = list(engine.analyze(conversations, batch_size=batch_size))
        rows = [result_rows(r, content_hash=stored[r.id].content_hash, engine_version=engine.version,
                            import_run_id=summary.run_id) for r in results]
        summary.read += len(batch)
        changed = sum(_as_json(result_to_dict(r)) != _as_json(stored[r.id].result) for r in results)
        summary.updated += changed
        summary.unchanged += len(results) - changed
        with store.transaction() as session:
            write_results(session, rows, replace=list(stored))
            _save_counters(session, summary)
        if progress is not None:
            progress(summary)
    return finish_run(store, summary, as_of=as_of, repeat_days=repeat_days)


def count_to_reanalyze(store: Store, engine_version: str, *, everything: bool = False) -> int:
    """How many stored conversations :func:`reanalyze` would process."""
    query = select(func.count()).select_from(ConversationRow)
    if not everything:
        query = query.where(ConversationRow.engine_version != engine_version)
    with store.sessions() as session:
        return session.scalar(query) or 0


def _stored_batch(store: Store, version: str, *, after: str | None, everything: bool, limit: int) -> list[Any]:
    query = (select(ConversationRow.id, ConversationRow.content_hash, ConversationResultRow.result)
             .join(ConversationResultRow, ConversationResultRow.conversation_id == ConversationRow.id))
    if after is not None:
        query = query.where(ConversationRow.id > after)
    if not everything:
        query = query.where(ConversationRow.engine_version != version)
    with store.sessions() as session:
        return list(session.execute(query.order_by(ConversationRow.id).limit(limit)))


def start_run(store: Store, command: str, sources: Sequence[str], engine: AnalysisEngine) -> int:
    """Record the start of an import run (committed at once, so an interrupted run stays visible)."""
    run = ImportRunRow(command=command, user=_os_user(), started_at=_now(), sources=list(sources),
                       engine_version=engine.version, assumptions=_as_plain_json(engine.assumptions_dict),
                       read=0, imported=0, updated=0, unchanged=0, skipped=0, skip_reasons=[])
    with store.transaction() as session:
        session.add(run)
        session.flush()
        return run.id


def finish_run(store: Store, summary: ImportSummary, *, as_of: date | None,
               repeat_days: int) -> ImportSummary:
    """Recompute promises and repeat contacts, then close the run with its final counts."""
    with store.transaction() as session:
        summary.promises = recompute(session, as_of=as_of, repeat_days=repeat_days)
        _save_counters(session, summary, finished=True)
    return summary


def _save_counters(session: Any, summary: ImportSummary, *, finished: bool = False) -> None:
    values: dict[str, Any] = summary.counters()
    if finished:
        values["finished_at"] = _now()
    session.execute(update(ImportRunRow).where(ImportRunRow.id == summary.run_id).values(**values))


def _copy_read_stats(summary: ImportSummary, read_stats: Any) -> None:
    if read_stats is None:
        return
    summary.skipped = int(getattr(read_stats, "skipped", 0))
    summary.skip_reasons = [_reason_text(reason) for reason in getattr(read_stats, "reasons", ())]


def _reason_text(reason: Any) -> str:
    """``file, line N, field 'x': message`` from a ReadStats.SkipReason (or the reason as text)."""
    if not hasattr(reason, "message"):
        return str(reason)
    return str(InputError(reason.message, file=reason.file, line=reason.line, field=reason.field))


def _batches(items: Iterable[Conversation], size: int) -> Iterator[list[Conversation]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _check_batch_size(batch_size: int) -> None:
    if batch_size < 1:
        raise ConfigError(f"--batch-size must be at least 1, got {batch_size}")


def _as_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def _as_plain_json(data: Any) -> Any:
    """``data`` with dates, paths and the like turned to strings, so the JSON column accepts it."""
    return json.loads(json.dumps(data, default=str))


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        return os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"


def _now() -> datetime:
    """UTC, without offset (the column type has none)."""
    return datetime.now(UTC).replace(tzinfo=None)
