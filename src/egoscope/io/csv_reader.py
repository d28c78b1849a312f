"""CSV / TSV: one row per message, grouped into conversations by ``conversation_id``.

Grouping without holding the file: a first pass counts the rows of each conversation id, the
second pass yields a conversation as soon as its last row is read. A file sorted by conversation
therefore streams with one conversation in memory; an interleaved one holds only the conversations
still open. The price: memory grows with the number of distinct ids (a dict of id -> row count,
about 100 bytes per conversation, never the text), the file is parsed twice, and stdin is first
copied to a temporary file. Conversations come out in the order of their last row.

The first row is the header; names are matched without case or accents, with French aliases.
Unknown columns are ignored. Per-conversation columns (agent, customer_id, channel, team) take
the first non-empty value of the conversation; ``started_at`` is the first turn's timestamp.
A bad row makes its whole conversation an error: a conversation is never returned short of a row.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from egoscope.errors import InputError
from egoscope.io.encoding import BadLine, parse_datetime, text_lines
from egoscope.io.jsonl_reader import CHANNELS, channel_of
from egoscope.io.roles import RoleTable, fold
from egoscope.model import Conversation, Customer, Turn

REQUIRED = ("conversation_id", "speaker", "text")
COLUMNS: dict[str, tuple[str, ...]] = {
    "conversation_id": ("conversation_id", "conversation", "conv_id", "id_conversation",
                        "identifiant_conversation", "dialogue_id", "ticket_id", "id_ticket"),
    "speaker": ("speaker", "role", "interlocuteur", "locuteur", "auteur", "emetteur", "author", "sender"),
    "text": ("text", "message", "texte", "contenu", "content", "body"),
    "timestamp": ("timestamp", "at", "time", "datetime", "date", "horodatage", "date_heure", "heure"),
    "agent": ("agent", "agent_id", "id_agent", "conseiller"),
    "customer_id": ("customer_id", "customer", "client", "client_id", "id_client"),
    "channel": ("channel", "canal"),
    "team": ("team", "equipe", "service"),
}
_ALIASES = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}
_SEPARATORS = (",", ";", "\t")


@dataclass(frozen=True, slots=True)
class _Row:
    """A parsed row (``cells``), or a broken one (``error``) with whatever cells could be recovered."""

    line: int
    cells: list[str]
    error: InputError | None = None


@dataclass(slots=True)
class _Open:
    """A conversation whose rows are not all read yet."""

    line: int
    remaining: int
    turns: list[Turn] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    error: InputError | None = None


def _key(name: str) -> str:
    return fold(name).replace(" ", "_")


def _separator(header: str) -> str:
    """The most frequent of ``,`` ``;`` tab in the header line (French Excel writes ``;``)."""
    counts = {sep: header.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda sep: counts[sep])
    return best if counts[best] else ","


@dataclass(frozen=True, slots=True)
class _Columns:
    """Where each known column is, and its name in the file (errors name the column as the user wrote it)."""

    positions: dict[str, int]
    names: dict[str, str]

    def cell(self, cells: list[str], column: str) -> str:
        position = self.positions.get(column)
        return cells[position] if position is not None and position < len(cells) else ""


def _columns(cells: list[str], *, file: str) -> _Columns:
    """Map the header; an error names the missing column and the names accepted for it."""
    positions: dict[str, int] = {}
    for position, name in enumerate(cells):
        column = _ALIASES.get(_key(name))
        if column is None:
            continue
        if column in positions:
            message = f"columns {cells[positions[column]]!r} and {name!r} both mean {column!r}; keep one"
            raise InputError(message, file=file, line=1, field=name)
        positions[column] = position
    for column in REQUIRED:
        if column not in positions:
            message = (f"missing column (accepted names: {', '.join(COLUMNS[column])}); "
                       f"found: {', '.join(cells) or 'nothing'}")
            raise InputError(message, file=file, line=1, field=column)
    return _Columns(positions, {column: cells[position] for column, position in positions.items()})


def _feed(lines: Iterator[tuple[int, str] | BadLine], broken: list[BadLine]) -> Iterator[str]:
    """Text for ``csv.reader``; a bad line is set aside in ``broken`` and replaced by an empty line."""
    for item in lines:
        if isinstance(item, BadLine):
            broken.append(item)
            yield "\n"
        else:
            yield item[1]


def _rows(binary: BinaryIO, *, file: str) -> Iterator[_Row]:
    """The header row, then every data row with the 1-based line where it starts.

    A row spoilt by a bad line carries the line's error, and the cells of the line's head so that
    its conversation id is still known.
    """
    broken: list[BadLine] = []
    source = _feed(text_lines(binary, file=file), broken)
    header = next(source, None)
    if header is None:
        return
    if broken:
        yield _Row(1, [], broken[0].error)
        return
    separator = _separator(header)
    yield _Row(1, next(csv.reader([header], delimiter=separator), []))
    reader = csv.reader(source, delimiter=separator)
    while True:
        start = reader.line_num + 2  # line_num counts the lines this reader consumed: all but the header
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield _Row(start, [], InputError(f"unreadable CSV row: {e}", file=file, line=start))
            cells = []
        if broken:
            bad = broken[0]
            broken.clear()
            head = next(csv.reader([bad.head], delimiter=separator), [])
            yield _Row(bad.number, cells or head, bad.error)
        elif cells:
            yield _Row(start, cells)


def _seekable(binary: BinaryIO) -> BinaryIO:
    """Stdin and pipes cannot be read twice: copy them to a temporary file (disk, not memory)."""
    if binary.seekable():
        return binary
    spool = tempfile.TemporaryFile()
    shutil.copyfileobj(binary, spool)
    spool.seek(0)
    return spool


def _add_row(conv: _Open, row: _Row, columns: _Columns, *, file: str, roles: RoleTable) -> InputError | None:
    """Append the row's turn to ``conv``; or the error naming the row's line and column."""
    def error(column: str, message: str) -> InputError:
        return InputError(message, file=file, line=row.line, field=columns.names.get(column, column))

    speaker_cell = columns.cell(row.cells, "speaker")
    speaker = roles.lookup(speaker_cell)
    if speaker is None:
        return error("speaker", roles.unknown(speaker_cell))
    text = columns.cell(row.cells, "text")
    if not text.strip():
        return error("text", "empty text")
    stamp = columns.cell(row.cells, "timestamp").strip()
    try:
        at = parse_datetime(stamp) if stamp else None
    except ValueError as e:
        return error("timestamp", str(e))
    channel = channel_of(columns.cell(row.cells, "channel"))
    if channel and channel not in CHANNELS:
        return error("channel", f"unknown channel {channel!r}; valid: {', '.join(CHANNELS)}")
    for column in ("agent", "customer_id", "channel", "team"):
        value = channel if column == "channel" else columns.cell(row.cells, column).strip()
        if value:
            conv.meta.setdefault(column, value)
    conv.turns.append(Turn(speaker=speaker, text=text, at=at))
    return None


def _conversation(conv_id: str, conv: _Open, *, file: str) -> Conversation:
    customer_id = conv.meta.get("customer_id")
    return Conversation(id=conv_id, turns=tuple(conv.turns), channel=conv.meta.get("channel"),
                        agent=conv.meta.get("agent"), team=conv.meta.get("team"), started_at=conv.turns[0].at,
                        customer=Customer(id=customer_id) if customer_id else None, source=file, line=conv.line)


def _count(rows: Iterator[_Row], columns: _Columns) -> dict[str, int]:
    """First pass: rows per conversation id, so that the second pass knows when one is complete."""
    counts: dict[str, int] = {}
    for row in rows:
        conv_id = columns.cell(row.cells, "conversation_id").strip()
        if conv_id:
            counts[conv_id] = counts.get(conv_id, 0) + 1
    return counts


def _group(rows: Iterator[_Row], columns: _Columns, counts: dict[str, int], *, file: str,
           roles: RoleTable) -> Iterator[Conversation | InputError]:
    """Second pass: yield each conversation (or its first error) as soon as its last row is read."""
    pending: dict[str, _Open] = {}
    for row in rows:
        conv_id = columns.cell(row.cells, "conversation_id").strip()
        if not conv_id:
            yield row.error or InputError("empty conversation id", file=file, line=row.line,
                                          field=columns.names["conversation_id"])
            continue
        conv = pending.get(conv_id)
        if conv is None:
            conv = pending[conv_id] = _Open(line=row.line, remaining=counts.get(conv_id, 1))
        conv.remaining -= 1
        if conv.error is None:
            conv.error = row.error or _add_row(conv, row, columns, file=file, roles=roles)
        if conv.remaining <= 0:
            del pending[conv_id]
            yield conv.error or _conversation(conv_id, conv, file=file)
    for conv_id, conv in pending.items():  # only if the two passes disagreed: never drop what was read
        yield conv.error or _conversation(conv_id, conv, file=file)


def read_csv(binary: BinaryIO, *, file: str, roles: RoleTable) -> Iterator[Conversation | InputError]:
    """Conversations of a CSV/TSV export, or an InputError in place of each bad one.

    A header that cannot be used is one error for the whole file.
    """
    binary = _seekable(binary)
    origin = binary.tell()
    first = _rows(binary, file=file)
    header = next(first, None)
    if header is None:
        return
    try:
        if header.error is not None:
            raise header.error
        columns = _columns(header.cells, file=file)
    except InputError as e:
        yield e
        return
    counts = _count(first, columns)
    binary.seek(origin)
    second = _rows(binary, file=file)
    next(second)
    yield from _group(second, columns, counts, file=file, roles=roles)
