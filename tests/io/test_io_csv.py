"""CSV reader: sniffed separator and encoding, French headers, grouping, and named errors."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from egoscope.errors import InputError
from egoscope.io.readers import ReadStats, read_conversations
from egoscope.model import Conversation, Customer

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "conversation_id,speaker,text"


def _read(path: Path) -> dict[str, Conversation]:
    return {conv.id: conv for conv in read_conversations([path])}


def _write(tmp_path: Path, text: str, *, encoding: str = "utf-8", name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("fixture, conv_id, texts", [
    ("messages_cp1252.csv", "v1", ("Bonjour, l’article est arrivé cassé.",
                                   "Ce n'est pas de notre faute, c'est le transporteur.", "Donc c’est moi qui paie ?")),
    ("messages_cp1252.csv", "v2", ("Je vous fais un geste : 10 € de remise.",)),
    ("messages_utf8_bom_semicolon.csv", "b1", (
        "Ça fait deux semaines que j’attends ; c'est inadmissible.",
        "Je suis désolée.\nJe relance l’entrepôt et je reviens vers vous aujourd'hui.")),
    ("messages.tsv", "b1", (
        "Ça fait deux semaines que j’attends ; c'est inadmissible.",
        "Je suis désolée.\nJe relance l’entrepôt et je reviens vers vous aujourd'hui.")),
])
def test_fixture_texts(fixture: str, conv_id: str, texts: tuple[str, ...]) -> None:
    assert tuple(turn.text for turn in _read(FIXTURES / fixture)[conv_id].turns) == texts


@pytest.mark.parametrize("fixture, conv_id, field, expected", [
    ("messages_cp1252.csv", "v1", "agent", "agent-7"),
    ("messages_cp1252.csv", "v1", "channel", "store"),  # "Magasin", a French alias
    ("messages_cp1252.csv", "v1", "team", "Boutique Nantes"),
    ("messages_cp1252.csv", "v1", "line", 2),
    ("messages_cp1252.csv", "v2", "line", 4),
    ("messages_utf8_bom_semicolon.csv", "b1", "channel", "chat"),
    ("messages_utf8_bom_semicolon.csv", "b1", "customer", Customer(id="k-1")),
    ("messages_utf8_bom_semicolon.csv", "b1", "started_at", datetime(2024, 6, 1, 14, tzinfo=UTC)),
    ("messages_utf8_bom_semicolon.csv", "b1", "extra", {}),  # unknown column "sentiment" ignored
])
def test_fixture_conversation_fields(fixture: str, conv_id: str, field: str, expected: object) -> None:
    assert getattr(_read(FIXTURES / fixture)[conv_id], field) == expected


@pytest.mark.parametrize("fixture, speakers", [
    ("messages_cp1252.csv", {"v1": ("customer", "agent", "customer"), "v2": ("agent",)}),
])
def test_fixture_speakers(fixture: str, speakers: dict[str, tuple[str, ...]]) -> None:
    read = _read(FIXTURES / fixture)
    assert {conv_id: tuple(t.speaker for t in conv.turns) for conv_id, conv in read.items()} == speakers


@pytest.mark.parametrize("fixture, order, texts_of_a", [
    ("messages_interleaved.csv", ["c", "b", "a"], ("Première question ?", "Réponse à a.", "Merci, c’est réglé.")),
])
def test_non_contiguous_rows_are_grouped(fixture: str, order: list[str], texts_of_a: tuple[str, ...]) -> None:
    conversations = list(read_conversations([FIXTURES / fixture]))
    assert [conv.id for conv in conversations] == order  # order of each conversation's last row
    assert tuple(turn.text for turn in conversations[-1].turns) == texts_of_a


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_separator_is_sniffed(tmp_path: Path, separator: str) -> None:
    rows = ["conversation_id", "speaker", "text"], ["c1", "client", "Bonjour"], ["c1", "agent", "Bonjour à vous"]
    path = _write(tmp_path, "\n".join(separator.join(row) for row in rows) + "\n")
    assert [turn.text for turn in _read(path)["c1"].turns] == ["Bonjour", "Bonjour à vous"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1"])
def test_encoding_is_sniffed(tmp_path: Path, encoding: str) -> None:
    text = "Ça coûte très cher, c'est inadmissible" + ("’" if encoding != "latin-1" else "")
    path = _write(tmp_path, f"{HEADER}\nc1,client,\"{text}\"\n", encoding=encoding)
    assert _read(path)["c1"].turns[0].text == text


@pytest.mark.parametrize("header", [
    "Conversation_ID;Speaker;TEXT",
    "ID Conversation;Interlocuteur;Message",
    "id_conversation;Émetteur;Contenu",
    "conversation;locuteur;texte",
])
def test_header_aliases(tmp_path: Path, header: str) -> None:
    path = _write(tmp_path, f"{header}\nc1;Conseillère;Bonjour\n")
    assert _read(path)["c1"].turns[0].speaker == "agent"


@pytest.mark.parametrize("body, line, field, message", [
    ("c1,robot,Bonjour\n", 2, "speaker", "unknown speaker 'robot'; valid words for agent"),
    ("c1,client,Bonjour\nc1,agent,\n", 3, "text", "empty text"),
    ("c1,client,\"   \"\n", 2, "text", "empty text"),
    ("c1,client\n", 2, "text", "empty text"),
    (",client,Bonjour\n", 2, "conversation_id", "empty conversation id"),
])
def test_malformed_rows(tmp_path: Path, body: str, line: int, field: str, message: str) -> None:
    path = _write(tmp_path, f"{HEADER}\n{body}")
    with pytest.raises(InputError) as caught:
        list(read_conversations([path]))
    assert (caught.value.file, caught.value.line, caught.value.field) == (str(path), line, field)
    assert message in caught.value.message and f"line {line}" in str(caught.value)


@pytest.mark.parametrize("content, line, field, message", [
    ("Horodatage;Interlocuteur;Message;ID\nhier;client;Bonjour;c1\n", 1, "conversation_id",
     "missing column (accepted names: conversation_id, conversation"),
    ("conversation_id;speaker;message;text\nc1;client;a;b\n", 1, "text", "columns 'message' and 'text' both mean 'text'"),
    ("conversation_id;Interlocuteur;Message;Horodatage\nc1;client;Bonjour;23/05/2024 10:02\n", 2, "Horodatage",
     "not an ISO-8601 date-time: '23/05/2024 10:02'"),
    ("conversation_id;speaker;text;canal\nc1;client;Bonjour;SMS\n", 2, "canal", "unknown channel 'sms'"),
])
def test_malformed_header_and_columns(tmp_path: Path, content: str, line: int, field: str, message: str) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(InputError) as caught:
        list(read_conversations([path]))
    assert (caught.value.file, caught.value.line, caught.value.field) == (str(path), line, field)
    assert message in caught.value.message


@pytest.mark.parametrize("body, ids, skipped", [
    ("a,client,Bonjour\nb,robot,Bonjour\nc,agent,Bonjour\n", ["a", "c"], 1),
    ("a,client,Bonjour\nb,client,Bonjour\na,agent,\nb,agent,Oui ?\n", ["b"], 1),  # a bad row spoils its conversation
    ("a,client,Bonjour\n,client,Sans id\nb,agent,\n", ["a"], 2),
])
def test_skip_mode(tmp_path: Path, body: str, ids: list[str], skipped: int) -> None:
    stats = ReadStats()
    conversations = list(read_conversations([_write(tmp_path, f"{HEADER}\n{body}")], on_error="skip", stats=stats))
    assert [conv.id for conv in conversations] == ids
    assert (stats.read, stats.skipped) == (len(ids), skipped)


@pytest.mark.parametrize("bad", [b"c2,client,caf\xe9 froid\n"])
def test_undecodable_row_spoils_its_conversation_only(tmp_path: Path, bad: bytes) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(("conversation_id,speaker,text\nc1,client,Très bien\n" + "c2,agent,Oui ?\n").encode() + bad
                     + b"c3,client,Merci\n")
    stats = ReadStats()
    assert [conv.id for conv in read_conversations([path], on_error="skip", stats=stats)] == ["c1", "c3"]
    reason = stats.reasons[0]
    assert (reason.file, reason.line, stats.skipped) == (str(path), 4, 1)
    assert "undecodable bytes (e9)" in reason.message


@pytest.mark.parametrize("size, shown", [(6_000_000, "6.0 MB > 5 MB")])
def test_too_long_row_is_attributed_to_its_conversation(tmp_path: Path, size: int, shown: str) -> None:
    path = _write(tmp_path, f"{HEADER}\nc1,client,Bonjour\nc2,client,{'x' * size}\nc2,agent,Oui\nc3,client,Merci\n")
    stats = ReadStats()
    assert [conv.id for conv in read_conversations([path], on_error="skip", stats=stats)] == ["c1", "c3"]
    assert (stats.skipped, stats.reasons[0].line) == (1, 3)
    assert f"line too long ({shown})" in stats.reasons[0].message


@pytest.mark.parametrize("content", ["", "conversation_id,speaker,text\n"])
def test_empty_files_yield_nothing(tmp_path: Path, content: str) -> None:
    assert list(read_conversations([_write(tmp_path, content)])) == []
