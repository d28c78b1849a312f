"""``egoscope export``: findings and per-conversation results as CSV or Parquet files for BI tools.

Rows are streamed from the database in chunks and written with pyarrow, so memory stays flat on a
large store. CSV files are UTF-8 with a header; the topics list is joined with ``;`` there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from sqlalchemy import select
from sqlalchemy.orm import Session

from egoscope.errors import ConfigError, StoreError
from egoscope.store.periods import days
from egoscope.store.tables import ConversationRow, FindingRow

ExportFormat = Literal["csv", "parquet"]
FORMATS: tuple[str, ...] = ("csv", "parquet")
CHUNK = 5000


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    source: Any  # a mapped attribute
    type: pa.DataType


C, F = ConversationRow, FindingRow
CONVERSATION_COLUMNS: tuple[Column, ...] = (
    Column("id", C.id, pa.string()), Column("customer_id", C.customer_id, pa.string()),
    Column("agent", C.agent_id, pa.string()), Column("team", C.team, pa.string()),
    Column("channel", C.channel, pa.string()), Column("started_at", C.started_at, pa.timestamp("us")),
    Column("language", C.language, pa.string()), Column("outcome", C.outcome, pa.string()),
    Column("score", C.score, pa.int32()), Column("last_word", C.last_word, pa.string()),
    Column("last_word_risk", C.last_word_risk, pa.bool_()), Column("topic", C.topic, pa.string()),
    Column("topics", C.topics, pa.list_(pa.string())),
    Column("revenue_at_risk_eur", C.revenue_at_risk_eur, pa.float64()),
    Column("turns", C.turn_count, pa.int32()), Column("agent_turns", C.agent_turn_count, pa.int32()),
    Column("risk_remarks", C.risk_count, pa.int32()), Column("escalations", C.escalation_count, pa.int32()),
    Column("churn_signals", C.churn_signal_count, pa.int32()),
    Column("negative_emotions", C.negative_emotion_count, pa.int32()),
    Column("apologies", C.apology_count, pa.int32()), Column("refusal_turns", C.refusal_turn_count, pa.int32()),
    Column("explained_refusal_turns", C.explained_refusal_turn_count, pa.int32()),
    Column("is_repeat", C.is_repeat, pa.bool_()), Column("engine_version", C.engine_version, pa.string()),
    Column("content_hash", C.content_hash, pa.string()),
)
FINDING_COLUMNS: tuple[Column, ...] = (
    Column("conversation_id", F.conversation_id, pa.string()), Column("turn_index", F.turn_index, pa.int32()),
    Column("speaker", F.speaker, pa.string()), Column("category", F.category, pa.string()),
    Column("kind", F.kind, pa.string()), Column("start", F.start, pa.int32()), Column("end", F.end, pa.int32()),
    Column("evidence", F.evidence, pa.string()), Column("rule", F.rule, pa.string()),
    Column("explanation", F.explanation, pa.string()), Column("suggestion", F.suggestion, pa.string()),
    Column("intensity", F.intensity, pa.float64()), Column("due", F.due, pa.string()),
    Column("source", F.source, pa.string()), Column("score", F.score, pa.float64()),
    Column("agent", F.agent_id, pa.string()), Column("team", F.team, pa.string()),
    Column("channel", F.channel, pa.string()), Column("topic", F.topic, pa.string()),
    Column("started_at", F.started_at, pa.timestamp("us")),
)


def export(session: Session, out_dir: str | Path, fmt: ExportFormat | str = "csv", *,
           start: date | None = None, end: date | None = None) -> dict[Path, int]:
    """Write ``conversations.<fmt>`` and ``findings.<fmt>`` into ``out_dir``; returns rows written per file."""
    if fmt not in FORMATS:
        raise ConfigError(f"--format {fmt!r} is not valid for export; valid: {', '.join(FORMATS)}")
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"cannot create the export folder {folder}: {e.strerror or e}") from e
    window = days(start, end)
    tables = (("conversations", CONVERSATION_COLUMNS, window.filters(C.started_at), (C.started_at, C.id)),
              ("findings", FINDING_COLUMNS, window.filters(F.started_at), (F.conversation_id, F.turn_index, F.id)))
    written = {}
    for name, columns, conditions, order in tables:
        query = select(*(column.source for column in columns)).where(*conditions).order_by(*order)
        path = folder / f"{name}.{fmt}"
        written[path] = _write(session, query, columns, path, fmt)
    return written


def _write(session: Session, query: Any, columns: Sequence[Column], path: Path, fmt: str) -> int:
    schema = pa.schema([pa.field(c.name, c.type) for c in columns])
    file_schema = schema if fmt == "parquet" else _csv_schema(schema)
    count = 0
    try:
        writer: Any = (pq.ParquetWriter(path, file_schema) if fmt == "parquet"
                       else pa_csv.CSVWriter(path, file_schema))
        with writer:
            for chunk in session.execute(query).yield_per(CHUNK).partitions():
                arrays = [pa.array([row[i] for row in chunk], type=c.type) for i, c in enumerate(columns)]
                batch = pa.record_batch(arrays, schema=schema)
                writer.write_batch(batch if fmt == "parquet" else _for_csv(batch, file_schema))
                count += len(chunk)
    except OSError as e:
        raise StoreError(f"cannot write {path}: {e.strerror or e}") from e
    return count


def _csv_schema(schema: pa.Schema) -> pa.Schema:
    """CSV has no lists: list columns become ``;``-joined strings."""
    return pa.schema([pa.field(f.name, pa.string() if pa.types.is_list(f.type) else f.type) for f in schema])


def _for_csv(batch: pa.RecordBatch, schema: pa.Schema) -> pa.RecordBatch:
    arrays = []
    for field, array in zip(batch.schema, batch.columns, strict=True):
        if pa.types.is_list(field.type):
            array = pa.array([";".join(v) if v is not None else None for v in array.to_pylist()], pa.string())
        arrays.append(array)
    return pa.record_batch(arrays, schema=schema)
