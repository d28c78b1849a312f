"""Bytes to lines: encoding sniffing, bounded lines, and ISO-8601 date-times."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone

import pytest

from egoscope.io.encoding import BadLine, parse_datetime, sniff_encoding, text_lines

FRENCH = "Je n’ai pas reçu ma commande, ça fait déjà trois semaines ; c’est inadmissible. Œuvre à 15 €.\n"


@pytest.mark.parametrize("data, encoding", [
    (FRENCH.encode("utf-8"), "utf-8-sig"),
    (b"\xef\xbb\xbf" + FRENCH.encode("utf-8"), "utf-8-sig"),
    (b"plain ascii\n", "utf-8-sig"),
    (FRENCH.encode("utf-8")[:5], "utf-8-sig"),  # "Je n" + the first byte of "’": cut by the prefix, not invalid
    (FRENCH.encode("cp1252"), "cp1252"),
    (FRENCH.encode("utf-8") + b"caf\xe9\n", "utf-8-sig"),  # mostly UTF-8: the bad line is reported, not guessed
])
def test_sniff_encoding(data: bytes, encoding: str) -> None:
    assert sniff_encoding(data) == encoding


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_text_lines_decode_french(encoding: str) -> None:
    lines = list(text_lines(io.BytesIO((FRENCH * 3).encode(encoding)), file="f"))
    assert lines == [(1, FRENCH), (2, FRENCH), (3, FRENCH)]


@pytest.mark.parametrize("data, expected", [
    (b"a\r\nb\n\nc", [(1, "a\r\n"), (2, "b\n"), (3, "\n"), (4, "c")]),
    (b"", []),
])
def test_text_lines_keep_endings_and_numbers(data: bytes, expected: list[tuple[int, str]]) -> None:
    assert list(text_lines(io.BytesIO(data), file="f")) == expected


@pytest.mark.parametrize("max_bytes, data, numbers, message", [
    (10, b"court\n" + b"x" * 25 + b"\nfin\n", [1, 3], "line too long (0.0 MB > 1e-05 MB)"),
    (10, b"x" * 10 + b"\n", [1], None),  # exactly at the cap
    (5_000_000, b"ok\n" + b"x" * 12_345_678 + b"\nok\n", [1, 3], "line too long (12.3 MB > 5 MB)"),
])
def test_long_lines(max_bytes: int, data: bytes, numbers: list[int], message: str | None) -> None:
    items = list(text_lines(io.BytesIO(data), file="f", max_bytes=max_bytes))
    assert [item[0] for item in items if not isinstance(item, BadLine)] == numbers
    bad = [item for item in items if isinstance(item, BadLine)]
    assert [b.error.message for b in bad] == ([message] if message else [])
    assert all(b.number == 2 and b.error.line == 2 and len(b.head) <= 4096 for b in bad)


@pytest.mark.parametrize("value, expected", [
    ("2024-05-23T10:02:00+02:00", datetime(2024, 5, 23, 10, 2, tzinfo=timezone(timedelta(hours=2)))),
    ("2024-05-23T08:02:00Z", datetime(2024, 5, 23, 8, 2, tzinfo=UTC)),
    (" 2024-05-23 ", datetime(2024, 5, 23)),
])
def test_parse_datetime(value: str, expected: datetime) -> None:
    assert parse_datetime(value) == expected


@pytest.mark.parametrize("value", ["23/05/2024", "hier", ""])
def test_parse_datetime_errors_name_the_value(value: str) -> None:
    with pytest.raises(ValueError, match=f"not an ISO-8601 date-time: {value!r}"):
        parse_datetime(value)
