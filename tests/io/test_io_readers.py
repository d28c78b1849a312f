"""The public entry: format detection, stdin, the fail/skip policy, stats, huge lines, flat memory."""

from __future__ import annotations

import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from egoscope.errors import ConfigError, InputError
from egoscope.io.readers import ReadStats, SkipReason, detect_format, read_conversations

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = '{"id": "c1", "turns": [{"speaker": "client", "text": "Où est ma commande ?"}]}\n'


class _Stdin:
    """What the readers see of ``sys.stdin``: a byte buffer over a real, non-seekable pipe."""

    def __init__(self, data: bytes) -> None:
        read_end, write_end = os.pipe()
        os.write(write_end, data)  # small data: fits in the pipe buffer
        os.close(write_end)
        self.buffer = os.fdopen(read_end, "rb")


@pytest.mark.parametrize("name, input_format, expected", [
    ("a.jsonl", None, "jsonl"), ("a.ndjson", None, "jsonl"), ("a.JSON", None, "jsonl"), ("a.csv", None, "csv"),
    ("a.tsv", None, "csv"), ("a.txt", None, "transcript"), ("-", None, "jsonl"), ("-", "csv", "csv"),
    ("a.txt", "jsonl", "jsonl"), ("export.dat", "transcript", "transcript"),
])
def test_detect_format(name: str, input_format: str | None, expected: str) -> None:
    assert detect_format(name, input_format) == expected


@pytest.mark.parametrize("name, input_format, error, message", [
    ("a.xlsx", None, InputError, "cannot tell the format from the extension '.xlsx'"),
    ("a", None, InputError, "extension '(none)'"),
    ("a.csv", "excel", ConfigError, "input_format='excel' is not valid; valid: jsonl, csv, transcript"),
])
def test_detect_format_errors(name: str, input_format: str | None, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        detect_format(name, input_format)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"on_error": "ignore"}, ConfigError, "on_error='ignore' is not valid; valid: fail, skip"),
    ({"roles": {"Bot": "robot"}}, ConfigError, "'robot' is not a speaker; valid: agent, customer"),
    ({"input_format": "xml"}, ConfigError, "input_format='xml'"),
])
def test_bad_options_fail_before_reading(kwargs: dict[str, object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        read_conversations([FIXTURES / "conversations.jsonl"], **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize("missing, message", [("nope.jsonl", "file not found"), ("", "is a directory")])
def test_missing_paths_fail_before_reading(tmp_path: Path, missing: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_conversations([FIXTURES / "conversations.jsonl", tmp_path / missing])


@pytest.mark.parametrize("paths, ids", [
    ([FIXTURES / "conversations.jsonl", FIXTURES / "messages.tsv"], ["c1", "42", "c3", "b1"]),
    ([str(FIXTURES / "messages.tsv")], ["b1"]),
])
def test_several_files_in_order(paths: list[Path | str], ids: list[str]) -> None:
    stats = ReadStats()
    assert [conv.id for conv in read_conversations(paths, stats=stats)] == ids
    assert (stats.read, stats.files) == (len(ids), [str(path) for path in paths])


@pytest.mark.parametrize("path", [FIXTURES / "messages.tsv", str(FIXTURES / "messages.tsv")])
def test_a_single_path_is_not_iterated_as_characters(path: Path | str) -> None:
    assert [conv.id for conv in read_conversations(path)] == ["b1"]  # type: ignore[arg-type]


@pytest.mark.parametrize("data, input_format, ids", [
    (GOOD.encode(), None, ["c1"]),
    (b"conversation_id;speaker;text\nx;client;Bonjour\ny;agent;Oui\nx;agent;Re\n", "csv", ["y", "x"]),
    ("Client : Allô ?\n\nConseiller : Oui ?\n".encode("cp1252"), "transcript", ["stdin-1", "stdin-2"]),
])
def test_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes, input_format: str | None, ids: list[str]) -> None:
    stdin = _Stdin(data)
    monkeypatch.setattr(sys, "stdin", stdin)
    conversations = list(read_conversations(["-"], input_format=input_format))
    stdin.buffer.close()
    assert [conv.id for conv in conversations] == ids
    assert {conv.source for conv in conversations} == {"<stdin>"}


@pytest.mark.parametrize("bad_lines, max_reasons, kept", [(5, 100, 5), (250, 100, 100), (3, 0, 0)])
def test_skip_reasons_are_capped_but_counts_exact(tmp_path: Path, bad_lines: int, max_reasons: int,
                                                  kept: int) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(GOOD + "{broken\n" * bad_lines + GOOD, encoding="utf-8")
    stats = ReadStats(max_reasons=max_reasons)
    assert len(list(read_conversations([path], on_error="skip", stats=stats))) == 2
    assert (stats.read, stats.skipped, len(stats.reasons)) == (2, bad_lines, kept)
    if kept:
        assert stats.reasons[0] == SkipReason(str(path), 2, None,
                                              "invalid JSON at column 2: Expecting property name enclosed in double quotes")


@pytest.mark.parametrize("on_error", ["fail"])
def test_fail_mode_raises_the_first_error_after_the_good_records(tmp_path: Path, on_error: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(GOOD + "{broken\n" + "[\n", encoding="utf-8")
    conversations = read_conversations([path], on_error=on_error)  # type: ignore[arg-type]
    assert next(conversations).id == "c1"
    with pytest.raises(InputError, match="line 2"):
        next(conversations)


@pytest.mark.parametrize("data, message", [
    (b"\xff\xfe{\x00}\x00", "NUL bytes: this looks like a UTF-16 or binary file"),
    (GOOD.encode() + b'{"id": "c2", "turns": [{"speaker": "agent", "text": "caf\xe9 \xc3\xa9"}]}\n',
     "undecodable bytes (e9) at byte 57 for encoding utf-8; save the file as UTF-8"),
])
def test_undecodable_bytes(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        list(read_conversations([path]))
    assert message in caught.value.message and caught.value.file == str(path)


@pytest.mark.parametrize("size, shown", [(50 * 2**20, "line too long (52.4 MB > 5 MB)")])
def test_huge_line_is_an_error_and_never_in_memory_whole(tmp_path: Path, size: int, shown: str) -> None:
    path = tmp_path / "huge.jsonl"
    head, tail = b'{"id": "big", "turns": [{"speaker": "agent", "text": "', b'"}]}'
    with path.open("wb") as out:
        out.write(GOOD.encode())
        out.write(head + b"x" * (size - len(head) - len(tail)) + tail + b"\n")  # a valid record of 50 MiB
        out.write(GOOD.replace("c1", "c3").encode())
    stats = ReadStats()
    tracemalloc.start()
    try:
        ids = [conv.id for conv in read_conversations([path], on_error="skip", stats=stats)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert ids == ["c1", "c3"]
    assert stats.reasons == [SkipReason(str(path), 2, None, shown)]
    assert peak < 16 * 2**20  # the bounded 5 MB read (briefly doubled inside readline), never the 52 MB line


def _conversation_line(number: int) -> str:
    return json.dumps({"id": f"c{number}", "channel": "chat", "customer": {"tenure_years": number % 9},
                       "turns": [{"speaker": "client", "text": f"Commande n°{number} jamais reçue, c’est inadmissible."},
                                 {"speaker": "conseillère", "text": "Je suis désolée, je m'en occupe."}]},
                      ensure_ascii=False) + "\n"


@pytest.mark.parametrize("count", [50_000])
def test_memory_stays_flat_on_a_large_file(tmp_path: Path, count: int) -> None:
    path = tmp_path / "large.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.writelines(_conversation_line(number) for number in range(count))
    started = time.perf_counter()
    tracemalloc.start()
    try:
        read = sum(1 for _ in read_conversations([path]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert read == count
    assert path.stat().st_size > 8 * 2**20
    assert peak < 2**20, f"peak {peak / 2**20:.1f} MiB for a {path.stat().st_size / 2**20:.0f} MiB file"
    assert time.perf_counter() - started < 90  # generous: CI machines are shared
