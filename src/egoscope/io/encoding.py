"""From bytes to numbered lines of text, for every reader; and from text to datetimes.

Readers take bytes, not text, on purpose: a text-mode file decodes eagerly, its ``readline``
cannot be bounded in bytes, and it cannot carry on after an undecodable byte. Reading bytes lets
us sniff the encoding on a prefix, cap a line at ``MAX_LINE_BYTES`` without ever holding a
50 MB line whole, and report one bad line and go on with the next.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from charset_normalizer import from_bytes

from egoscope.errors import InputError

STDIN_NAME = "<stdin>"  # how stdin is named in messages and in ``Conversation.source``
MAX_LINE_BYTES = 5_000_000
PREFIX_BYTES = 64 * 1024
HEAD_BYTES = 4096
_DRAIN_BYTES = 1 << 20
# The encodings of French exports that are not UTF-8 (Excel, older CRMs, Windows tools). Left
# unconstrained, charset-normalizer often prefers cp1250 for short French text.
_LEGACY_ENCODINGS = ["cp1252", "iso8859_15", "latin_1"]


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line that cannot be read as text (too long, undecodable).

    ``head`` is the start of the line decoded leniently: enough for the CSV reader to find which
    conversation the broken row belonged to, so that the whole conversation is reported, not
    silently shortened.
    """

    number: int
    error: InputError
    head: str = ""


class _Replayed:
    """A stream that replays the sniffed prefix before the rest: sniffing stdin needs no seek."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix: io.BytesIO | None = io.BytesIO(prefix)
        self._rest = rest

    def readline(self, limit: int) -> bytes:
        if self._prefix is None:
            return self._rest.readline(limit)  # no concatenation: a long line is not copied twice
        part = self._prefix.readline(limit)
        if part.endswith(b"\n") or len(part) == limit:
            return part
        self._prefix = None
        return part + self._rest.readline(limit - len(part))


def sniff_encoding(prefix: bytes) -> str:
    """The codec of a file from its first bytes: strict UTF-8 first, then the French legacy codecs.

    UTF-8 is tried first because charset-normalizer can call short UTF-8 text something else; the
    decoder is incremental so that a character cut by the end of the prefix does not count.
    """
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(prefix, final=False)
        return "utf-8-sig"  # also strips a BOM; harmless on every other line
    except UnicodeDecodeError:
        pass
    # Valid multi-byte UTF-8 ("Ã©" read as cp1252) almost never occurs by chance in legacy French
    # text: if there is some, the file is UTF-8 with a few bad bytes, to report line by line
    # rather than turn every accent of the file into mojibake.
    lenient = prefix.decode("utf-8", errors="ignore")
    if any(ord(char) > 127 for char in lenient):
        return "utf-8-sig"
    best = from_bytes(prefix, cp_isolation=_LEGACY_ENCODINGS).best()
    return best.encoding if best is not None else "cp1252"


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _read_line(stream: _Replayed, max_bytes: int) -> tuple[bytes, int]:
    """One line, and its size; a line over ``max_bytes`` is drained in chunks and only its head kept."""
    line = stream.readline(max_bytes + 1)
    size = len(line.rstrip(b"\r\n"))
    if size <= max_bytes:
        return line, size
    head = line[:HEAD_BYTES]
    chunk = line
    while chunk and not chunk.endswith(b"\n"):
        chunk = stream.readline(_DRAIN_BYTES)
        size += len(chunk.rstrip(b"\r\n"))
    return head, size


def text_lines(binary: BinaryIO, *, file: str, max_bytes: int = MAX_LINE_BYTES) -> Iterator[tuple[int, str] | BadLine]:
    """Numbered (1-based) lines, with their line ending kept, or a ``BadLine`` for each unreadable one.

    Memory stays flat: one line at a time, and a line over ``max_bytes`` never whole.
    """
    prefix = binary.read(PREFIX_BYTES)
    if b"\x00" in prefix:
        message = "NUL bytes: this looks like a UTF-16 or binary file; save it as UTF-8 text"
        yield BadLine(1, InputError(message, file=file, line=1))
        return
    encoding = sniff_encoding(prefix)
    stream = _Replayed(prefix, binary)
    number = 0
    while True:
        line, size = _read_line(stream, max_bytes)
        if not line:
            return
        number += 1
        if size > max_bytes:
            message = f"line too long ({_megabytes(size)} > {max_bytes / 1e6:g} MB)"
            yield BadLine(number, InputError(message, file=file, line=number), _lenient(line, encoding))
            continue
        try:
            yield number, line.decode(encoding)
        except UnicodeDecodeError as e:
            bad = e.object[e.start:e.end].hex(" ")
            shown = encoding.removesuffix("-sig")
            message = f"undecodable bytes ({bad}) at byte {e.start + 1} for encoding {shown}; save the file as UTF-8"
            yield BadLine(number, InputError(message, file=file, line=number), _lenient(line[:HEAD_BYTES], encoding))


def _lenient(data: bytes, encoding: str) -> str:
    return data.decode(encoding, errors="replace")


def parse_datetime(value: str) -> datetime:
    """An ISO-8601 date-time, with ``Z`` or an offset (``datetime.fromisoformat`` reads both since 3.11).

    Raises ValueError with the offending value and an example, for the readers to wrap with the
    field name.
    """
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError as e:
        raise ValueError(f"not an ISO-8601 date-time: {value!r} (expected e.g. 2024-05-23T10:02:00+02:00)") from e
