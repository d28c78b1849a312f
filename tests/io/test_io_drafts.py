"""Drafts for ``egoscope check --file``: plain lines and JSON lines, mixed, blank lines counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from egoscope.errors import ConfigError, InputError
from egoscope.io.readers import ReadStats, read_drafts

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("fixture, drafts, blank", [
    ("drafts.txt", [
        (None, "Je comprends votre frustration, je m'en occupe.", 1),
        ("d-2", "Ce n’est pas de notre faute.", 3),
        (None, "C'est à titre exceptionnel, hein.", 5),
        (None, "Vous auriez dû lire les conditions.", 6),
    ], 2),
])
def test_fixture(fixture: str, drafts: list[tuple[str | None, str, int]], blank: int) -> None:
    stats = ReadStats()
    assert list(read_drafts(FIXTURES / fixture, stats=stats)) == drafts
    assert (stats.read, stats.blank, stats.skipped, stats.files) == (len(drafts), blank, 0, [str(FIXTURES / fixture)])


@pytest.mark.parametrize("line, expected", [
    ('{"id": 7, "text": "Désolé."}', ("7", "Désolé.")),
    ('  {"text": "Sans id"}', (None, "Sans id")),
    ("Texte libre : {pas du JSON}", (None, "Texte libre : {pas du JSON}")),
])
def test_line_kinds(tmp_path: Path, line: str, expected: tuple[str | None, str]) -> None:
    path = tmp_path / "drafts.txt"
    path.write_text(line + "\n", encoding="utf-8")
    assert list(read_drafts(path)) == [(*expected, 1)]


@pytest.mark.parametrize("line, field, message", [
    ('{"id": "d1", "text": ""}', "text", "empty text"),
    ('{"id": "d1"}', "text", "missing required field"),
    ('{"text": 3}', "text", "valid string (got 3)"),
    ('{"text": "a", "id": [1]}', "id", "valid string"),
    ('{"text": "a"', None, "invalid JSON at column 13: Expecting ',' delimiter"),
])
def test_malformed(tmp_path: Path, line: str, field: str | None, message: str) -> None:
    path = tmp_path / "drafts.jsonl"
    path.write_text("Bonjour\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_drafts(path))
    assert (caught.value.file, caught.value.line, caught.value.field) == (str(path), 2, field)
    assert message in caught.value.message


@pytest.mark.parametrize("content, texts, skipped, blank", [
    ('Bonjour\n{"text": ""}\n\n{oops\nMerci\n', ["Bonjour", "Merci"], 2, 1),
])
def test_skip_mode(tmp_path: Path, content: str, texts: list[str], skipped: int, blank: int) -> None:
    path = tmp_path / "drafts.txt"
    path.write_text(content, encoding="utf-8")
    stats = ReadStats()
    assert [text for _, text, _ in read_drafts(path, on_error="skip", stats=stats)] == texts
    assert (stats.read, stats.skipped, stats.blank) == (len(texts), skipped, blank)


@pytest.mark.parametrize("on_error", ["warn"])
def test_bad_option(on_error: str) -> None:
    with pytest.raises(ConfigError, match="valid: fail, skip"):
        read_drafts(FIXTURES / "drafts.txt", on_error=on_error)  # type: ignore[arg-type]
