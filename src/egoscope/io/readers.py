"""The one entry point for input: files (or stdin) of any supported format -> Conversations.

Format readers yield errors as values (``InputError`` in place of a record); this module alone
applies the caller's policy: ``"fail"`` raises the first one, ``"skip"`` counts it in ``ReadStats``
with its reason and goes on. Nothing is dropped without being counted. Everything streams: the
caller gets a generator, and memory does not grow with the size of a JSONL or transcript file
(see ``csv_reader`` for what CSV grouping keeps).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal, NamedTuple, Protocol

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from egoscope.errors import ConfigError, InputError
from egoscope.io.csv_reader import read_csv
from egoscope.io.encoding import STDIN_NAME, BadLine, text_lines
from egoscope.io.jsonl_reader import Id, load_object, read_jsonl, validation_error
from egoscope.io.roles import RoleTable, role_table
from egoscope.io.transcript_reader import read_transcript
from egoscope.model import Conversation

OnError = Literal["fail", "skip"]
FORMATS = ("jsonl", "csv", "transcript")
EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv",
              ".txt": "transcript"}
STDIN = "-"


class Reader(Protocol):
    """What every format reader is: bytes in, conversations or errors-as-values out."""

    def __call__(self, binary: BinaryIO, *, file: str, roles: RoleTable) -> Iterator[Conversation | InputError]:
        ...


READERS: dict[str, Reader] = {"jsonl": read_jsonl, "csv": read_csv, "transcript": read_transcript}


class SkipReason(NamedTuple):
    """Why a record was skipped, and where."""

    file: str | None
    line: int | None
    field: str | None
    message: str


@dataclass
class ReadStats:
    """What a read did: records returned, records skipped and why, files opened, and the empty
    lines ``read_drafts`` passed over (blank lines between JSONL records or transcripts are layout).

    ``reasons`` keeps the first ``max_reasons`` skips only, so that memory stays flat on a file
    full of errors; ``skipped`` stays exact (``skipped - len(reasons)`` were not itemised).
    """

    read: int = 0
    skipped: int = 0
    blank: int = 0
    reasons: list[SkipReason] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    max_reasons: int = 100

    def record(self, error: InputError) -> None:
        self.skipped += 1
        if len(self.reasons) < self.max_reasons:
            self.reasons.append(SkipReason(error.file, error.line, error.field, error.message))


def _check_on_error(on_error: str) -> None:
    if on_error not in ("fail", "skip"):
        raise ConfigError(f"on_error={on_error!r} is not valid; valid: fail, skip")


def detect_format(path: str | Path, input_format: str | None = None) -> str:
    """The reader for ``path``: ``input_format`` if given, else from the extension ("-" is JSONL)."""
    if input_format is not None:
        if input_format not in FORMATS:
            raise ConfigError(f"input_format={input_format!r} is not valid; valid: {', '.join(FORMATS)}")
        return input_format
    if str(path) == STDIN:
        return "jsonl"
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        message = (f"cannot tell the format from the extension {suffix or '(none)'!r}; "
                   f"known: {', '.join(EXTENSIONS)}; or pass input_format ({', '.join(FORMATS)})")
        raise InputError(message, file=str(path))
    return EXTENSIONS[suffix]


def _check_path(path: str | Path) -> None:
    if str(path) != STDIN and not Path(path).is_file():
        reason = "is a directory, not a file" if Path(path).is_dir() else "file not found"
        raise InputError(reason, file=str(path))


@contextmanager
def _open(path: str | Path) -> Iterator[BinaryIO]:
    """The file as bytes (readers decode themselves); stdin is borrowed, never closed."""
    if str(path) == STDIN:
        yield sys.stdin.buffer
        return
    with open(path, "rb") as binary:
        yield binary


def _name(path: str | Path) -> str:
    return STDIN_NAME if str(path) == STDIN else str(path)


def _handle(error: InputError, on_error: OnError, stats: ReadStats) -> None:
    if on_error == "fail":
        raise error
    stats.record(error)


def read_conversations(paths: Sequence[str | Path], *, input_format: str | None = None,
                       on_error: OnError = "fail", roles: Mapping[str, str] | None = None,
                       stats: ReadStats | None = None) -> Iterator[Conversation]:
    """Stream the conversations of ``paths`` ("-" is stdin), in file order.

    Options, formats and paths are checked now, before the first file is read, so that a typo
    fails at once instead of after a long file. ``roles`` adds role words (word -> "agent" or
    "customer") to those of ``lang/fr/roles.yaml``. Pass a ``ReadStats`` to learn what was skipped.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    _check_on_error(on_error)
    for path in paths:
        _check_path(path)
    formats = [detect_format(path, input_format) for path in paths]
    table = role_table(roles)
    return _read(list(zip(paths, formats, strict=True)), on_error, table,
                 stats if stats is not None else ReadStats())


def _read(jobs: list[tuple[str | Path, str]], on_error: OnError, table: RoleTable,
          stats: ReadStats) -> Iterator[Conversation]:
    for path, fmt in jobs:
        name = _name(path)
        stats.files.append(name)
        with _open(path) as binary:
            for item in READERS[fmt](binary, file=name, roles=table):
                if isinstance(item, InputError):
                    _handle(item, on_error, stats)
                    continue
                stats.read += 1
                yield item


class DraftIn(BaseModel):
    """A JSON draft line: ``text`` to check, an optional ``id`` echoed back; other keys are ignored."""

    model_config = ConfigDict(strict=True, extra="ignore")

    text: str
    id: Id | None = None

    @field_validator("text")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("empty_text", "empty text")
        return value


def _draft(text: str, *, file: str, line: int) -> tuple[str | None, str, int] | InputError:
    """A plain-text line is a draft as is; a line starting with "{" is a JSON object with "text"."""
    if not text.lstrip().startswith("{"):
        return None, text, line
    data = load_object(text, file=file, line=line)
    if isinstance(data, InputError):
        return data
    try:
        draft = DraftIn.model_validate(data)
    except ValidationError as e:
        return validation_error(e, file=file, line=line)
    return draft.id, draft.text, line


def read_drafts(path: str | Path, *, on_error: OnError = "fail",
                stats: ReadStats | None = None) -> Iterator[tuple[str | None, str, int]]:
    """Stream the drafts of a file for ``egoscope check --file``: (id or None, text, line).

    One draft per line, plain text or a JSON object (decided per line, so both can be mixed).
    Empty lines are skipped and counted in ``stats.blank``.
    """
    _check_on_error(on_error)
    _check_path(path)
    return _drafts(path, on_error, stats if stats is not None else ReadStats())


def _drafts(path: str | Path, on_error: OnError, stats: ReadStats) -> Iterator[tuple[str | None, str, int]]:
    name = _name(path)
    stats.files.append(name)
    with _open(path) as binary:
        for item in text_lines(binary, file=name):
            if isinstance(item, BadLine):
                _handle(item.error, on_error, stats)
                continue
            number, raw = item
            text = raw.rstrip("\r\n")
            if not text.strip():
                stats.blank += 1
                continue
            draft = _draft(text, file=name, line=number)
            if isinstance(draft, InputError):
                _handle(draft, on_error, stats)
                continue
            stats.read += 1
            yield draft
