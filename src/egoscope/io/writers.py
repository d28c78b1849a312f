"""Results out, streaming: a JSON array, JSON lines, or CSV, one result in memory at a time.

The input dicts are those of ``io.serialize`` (``result_to_dict`` for a conversation,
``check_to_dict`` for a draft). French text is written as is (``ensure_ascii=False``).

CSV is one row per finding, because findings are what a spreadsheet user filters and counts.
Each row repeats its conversation's ``outcome``, ``score`` and ``revenue_at_risk_eur`` so that
rows can be filtered or pivoted without a join; a conversation without findings still gets one
row (finding columns empty), so that every analysed conversation and its outcome appear. Not in
the CSV: turn texts, emotions, escalations, topics, a finding's ``source`` and model ``score``
(the ``score`` column is the conversation's) — use JSON or JSONL for the full result.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from typing import Any, Literal, TextIO

from egoscope.errors import ConfigError

OutputFormat = Literal["json", "jsonl", "csv"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("json", "jsonl", "csv")
FINDING_COLUMNS = ("category", "kind", "start", "end", "evidence", "rule", "explanation", "suggestion",
                   "intensity", "due")
CSV_COLUMNS = ("conversation_id", "turn", "speaker", *FINDING_COLUMNS, "outcome", "score", "revenue_at_risk_eur")


def _default(value: Any) -> str:
    """Dates that reach the writer unconverted (e.g. in ``assumptions`` or ``extra``) as ISO-8601."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot write a {type(value).__name__} as JSON: {value!r}")


def _dumps(result: Mapping[str, Any], *, indent: int | None = None) -> str:
    return json.dumps(result, ensure_ascii=False, indent=indent, default=_default)


def _write_json(results: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """A JSON array written item by item: the list never exists in memory."""
    count = 0
    for result in results:
        out.write(("[\n" if count == 0 else ",\n") + _dumps(result, indent=2))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count


def _write_jsonl(results: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    count = 0
    for result in results:
        out.write(_dumps(result) + "\n")
        count += 1
    return count


def _cell(value: Any) -> Any:
    return "" if value is None else value


def _csv_rows(result: Mapping[str, Any]) -> Iterator[list[Any]]:
    """The rows of one result: a conversation result (findings under ``turns``) or a draft check."""
    revenue = result.get("revenue_at_risk") or {}
    tail = [result.get("outcome"), result.get("score"), revenue.get("eur")]
    if "turns" in result:
        located = [(turn.get("index"), turn.get("speaker"), finding)
                   for turn in result["turns"] for finding in turn.get("findings", [])]
    else:
        located = [(None, None, finding) for finding in result.get("findings", [])]
    if not located:
        yield [_cell(value) for value in [result.get("id"), None, None, *[None] * len(FINDING_COLUMNS), *tail]]
    for turn, speaker, finding in located:
        head = [result.get("id"), turn, speaker]
        yield [_cell(value) for value in [*head, *(finding.get(column) for column in FINDING_COLUMNS), *tail]]


def _write_csv(results: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")  # "\n": ``out`` may not have been opened with newline=""
    writer.writerow(CSV_COLUMNS)
    count = 0
    for result in results:
        writer.writerows(_csv_rows(result))
        count += 1
    return count


def write_results(results: Iterable[Mapping[str, Any]], fmt: OutputFormat, out: TextIO) -> int:
    """Write ``results`` to ``out`` as ``fmt``, consuming them lazily; returns how many were written."""
    writers = {"json": _write_json, "jsonl": _write_jsonl, "csv": _write_csv}
    if fmt not in writers:
        raise ConfigError(f"output format {fmt!r} is not valid; valid: {', '.join(OUTPUT_FORMATS)}")
    return writers[fmt](results, out)
