"""Transcript reader: "Speaker : text" lines, continuations, separators, ids, role words."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from egoscope.errors import InputError
from egoscope.io.readers import ReadStats, read_conversations
from egoscope.model import Turn

FIXTURES = Path(__file__).parent / "fixtures"
PARIS_SUMMER = timezone(timedelta(hours=2))


def _write(tmp_path: Path, text: str, name: str = "appels.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("index, conv_id, line, turns", [
    (0, "transcripts-1", 1, (
        Turn("agent", "Bonjour, que puis-je faire pour vous ?"),
        Turn("customer", "Ma commande n’est pas arrivée.\nÇa fait trois semaines que j'attends.\n"
                         "Note : c'est la troisième relance."))),
    (1, "transcripts-2", 6, (
        Turn("agent", "Service client, bonjour.", datetime(2024, 5, 23, 10, 15, tzinfo=PARIS_SUMMER)),
        Turn("customer", "Je voudrais résilier."),
        Turn("agent", "Je comprends, puis-je vous demander pourquoi ?",
             datetime(2024, 5, 23, 10, 16, 30, tzinfo=PARIS_SUMMER)))),
    (2, "transcripts-3", 11, (Turn("agent", "Vous avez le ticket ?"), Turn("customer", "Non, je l’ai perdu."))),
])
def test_fixture(index: int, conv_id: str, line: int, turns: tuple[Turn, ...]) -> None:
    conv = list(read_conversations([FIXTURES / "transcripts.txt"]))[index]
    assert (conv.id, conv.line, conv.turns) == (conv_id, line, turns)


@pytest.mark.parametrize("index, started_at, extra", [
    (0, None, {"turn_times": ["10:02", None]}),
    (1, datetime(2024, 5, 23, 10, 15, tzinfo=PARIS_SUMMER), {}),
])
def test_fixture_times(index: int, started_at: datetime | None, extra: dict[str, object]) -> None:
    conv = list(read_conversations([FIXTURES / "transcripts.txt"]))[index]
    assert (conv.started_at, conv.extra) == (started_at, extra)


@pytest.mark.parametrize("text, expected", [
    ("Client : Bonjour\nAgent : Oui ?\n", [["customer", "agent"]]),
    ("Client: Bonjour\nAgent:Oui ?\n", [["customer"]]),  # "Agent:Oui" has no space after the colon: continuation
    ("Client : a\n\nAgent : b\n", [["customer"], ["agent"]]),
    ("Client : a\n---\nAgent : b\n-----\n\n\n", [["customer"], ["agent"]]),
    ("\n\nClient : a\n  ---x\n", [["customer"]]),
    ("[10h02] Caissière : a\n[09:15:00] Cliente : b\n", [["agent", "customer"]]),
    ("Conseillère Julie : a\nClient 2 : b\nService clientèle : c\n", [["agent", "customer", "agent"]]),
    ("CLIENT : a\ncaissiere : b\nOpérateur : c\nSupport : d\nUsagère : e\n", [["customer", "agent", "agent",
                                                                                "agent", "customer"]]),
])
def test_turns_and_separators(tmp_path: Path, text: str, expected: list[list[str]]) -> None:
    conversations = list(read_conversations([_write(tmp_path, text)]))
    assert [[turn.speaker for turn in conv.turns] for conv in conversations] == expected


@pytest.mark.parametrize("text, expected", [
    ("Client : Bonjour\nje suis mécontent\n", "Bonjour\nje suis mécontent"),
    ("Client :\n  Bonjour\n", "Bonjour"),
    ("Client : voir https://exemple.fr/suivi\n", "voir https://exemple.fr/suivi"),
    ("Client : Bonjour : je rappelle\n", "Bonjour : je rappelle"),
    ("Client : a\n    Remarque : indentée\n", "a\nRemarque : indentée"),
])
def test_continuations(tmp_path: Path, text: str, expected: str) -> None:
    assert next(iter(read_conversations([_write(tmp_path, text)]))).turns[0].text == expected


@pytest.mark.parametrize("text, line, field, message", [
    ("Client : a\nNote : b\n", 2, "speaker", "unknown speaker 'Note'; valid words for agent: agent, conseiller"),
    ("Bonjour tout le monde\nClient : a\n", 1, "speaker", "expected 'Speaker : text'"),
    ("Client : a\n\n  indentée sans tour\n", 3, "speaker", "expected 'Speaker : text'"),
    ("Client : a\nAgent :\n", 2, "text", "empty text"),
    ("[hier] Client : a\n", 1, "timestamp", "not an ISO-8601 date-time: 'hier'"),
])
def test_malformed(tmp_path: Path, text: str, line: int, field: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        list(read_conversations([path]))
    assert (caught.value.file, caught.value.line, caught.value.field) == (str(path), line, field)
    assert message in caught.value.message


@pytest.mark.parametrize("text, ids, skipped", [
    ("Client : a\n\nRobot : b\nClient : c\n\nAgent : d\n", ["appels-1", "appels-3"], 1),
    ("Robot : a\n---\nRobot : b\n", [], 2),
])
def test_skip_mode_keeps_ids_stable(tmp_path: Path, text: str, ids: list[str], skipped: int) -> None:
    stats = ReadStats()
    conversations = list(read_conversations([_write(tmp_path, text)], on_error="skip", stats=stats))
    assert ([conv.id for conv in conversations], stats.skipped) == (ids, skipped)


@pytest.mark.parametrize("roles, text, expected", [
    ({"Technicien": "agent", "Abonné": "customer"}, "Technicien : a\nabonne : b\n", ["agent", "customer"]),
    ({"Support": "customer"}, "Support : a\nAgent : b\n", ["customer", "agent"]),
    ({"Bot": "AGENT"}, "Bot : a\n", ["agent"]),
])
def test_custom_roles(tmp_path: Path, roles: dict[str, str], text: str, expected: list[str]) -> None:
    conv = next(iter(read_conversations([_write(tmp_path, text)], roles=roles)))
    assert [turn.speaker for turn in conv.turns] == expected


@pytest.mark.parametrize("roles, text, listed", [({"Technicien": "agent"}, "Robot : a\n", "agent: agent, .*, Technicien; customer")])
def test_custom_roles_are_listed_in_errors(tmp_path: Path, roles: dict[str, str], text: str, listed: str) -> None:
    with pytest.raises(InputError, match=listed):
        list(read_conversations([_write(tmp_path, text)], roles=roles))


@pytest.mark.parametrize("encoding", ["cp1252"])
def test_legacy_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes("Conseillère : Désolée pour l’attente.\nClient : Ça va.\n".encode(encoding))
    conv = next(iter(read_conversations([path])))
    assert [turn.text for turn in conv.turns] == ["Désolée pour l’attente.", "Ça va."]
