"""JSONL reader: French text read as written, every malformed record named by file, line and field."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from egoscope.errors import InputError
from egoscope.io.readers import ReadStats, read_conversations
from egoscope.model import Customer, Turn

FIXTURES = Path(__file__).parent / "fixtures"
PARIS_SUMMER = timezone(timedelta(hours=2))
GOOD_TURN = {"speaker": "agent", "text": "Je m’en occupe."}


def _write(tmp_path: Path, *records: object, name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("index, expected_id, speakers, channel", [
    (0, "c1", ("customer", "agent"), "phone"),
    (1, "42", ("agent", "customer"), None),
    (2, "c3", ("customer", "agent"), "email"),
])
def test_fixture_conversations(index: int, expected_id: str, speakers: tuple[str, ...], channel: str | None) -> None:
    conv = list(read_conversations([FIXTURES / "conversations.jsonl"]))[index]
    assert conv.id == expected_id
    assert tuple(turn.speaker for turn in conv.turns) == speakers
    assert conv.channel == channel
    assert conv.line == index + 1
    assert conv.source == str(FIXTURES / "conversations.jsonl")


@pytest.mark.parametrize("field, expected", [
    ("agent", "agent-3"),
    ("team", "Relation client Lyon"),
    ("started_at", datetime(2024, 5, 23, 10, 2, tzinfo=UTC)),
    ("customer", Customer(id="k-17", tenure_years=5, spend_eur=15, spend_period="visit", visits_per_week=1)),
    ("extra", {"csat": 2, "tags": ["livraison", "relance"]}),
])
def test_first_fixture_fields(field: str, expected: object) -> None:
    conv = next(iter(read_conversations([FIXTURES / "conversations.jsonl"])))
    assert getattr(conv, field) == expected


@pytest.mark.parametrize("text", [
    "Bonjour, je n’ai toujours pas reçu ma commande, c’est la troisième fois que j’appelle !",
    "Je comprends votre agacement. Je m'en occupe tout de suite et je vous rappelle avant 17 h.",
])
def test_french_text_kept_exactly(text: str) -> None:
    conv = next(iter(read_conversations([FIXTURES / "conversations.jsonl"])))
    assert text in [turn.text for turn in conv.turns]


@pytest.mark.parametrize("at, expected", [
    ("2024-05-23T10:02:00+02:00", datetime(2024, 5, 23, 10, 2, tzinfo=PARIS_SUMMER)),
    ("2024-05-23T08:02:00Z", datetime(2024, 5, 23, 8, 2, tzinfo=UTC)),
    ("2024-05-23 10:02", datetime(2024, 5, 23, 10, 2)),
    (None, None),
])
def test_turn_datetimes(tmp_path: Path, at: str | None, expected: datetime | None) -> None:
    path = _write(tmp_path, {"id": "c", "turns": [{**GOOD_TURN, "at": at}]})
    assert next(iter(read_conversations([path]))).turns[0] == Turn("agent", "Je m’en occupe.", expected)


@pytest.mark.parametrize("speaker, expected", [
    ("agent", "agent"), ("Customer", "customer"), ("conseillere", "agent"), ("CONSEILLÈRE", "agent"),
    ("Service Client", "agent"), ("appelante", "customer"), ("Usager", "customer"), ("Téléconseiller", "agent"),
])
def test_speaker_role_words(tmp_path: Path, speaker: str, expected: str) -> None:
    path = _write(tmp_path, {"id": "c", "turns": [{"speaker": speaker, "text": "Bonjour"}]})
    assert next(iter(read_conversations([path]))).turns[0].speaker == expected


@pytest.mark.parametrize("record, field, message", [
    ('{"id": "c", "turns": [', None, "invalid JSON at column"),
    ("[1, 2]", None, "expected a JSON object (one per line), got list"),
    ("[", None, "a JSON array is not JSONL"),
    ('[{"id": "c"}]', None, "expected a JSON object"),
    ({"turns": [GOOD_TURN]}, "id", "missing required field"),
    ({"id": "c"}, "turns", "missing required field"),
    ({"id": "c", "turns": []}, "turns", "no turns"),
    ({"id": "", "turns": [GOOD_TURN]}, "id", "at least 1 character"),
    ({"id": ["c"], "turns": [GOOD_TURN]}, "id", "valid string"),
    ({"id": "c", "turns": "bonjour"}, "turns", "valid list"),
    ({"id": "c", "turns": [{"text": "a"}]}, "turns[0].speaker", "missing required field"),
    ({"id": "c", "turns": [GOOD_TURN, {"speaker": "robot", "text": "a"}]}, "turns[1].speaker",
     "unknown speaker 'robot'; valid words for agent: agent, conseiller"),
    ({"id": "c", "turns": [GOOD_TURN, {"speaker": "agent", "text": ""}]}, "turns[1].text", "empty text"),
    ({"id": "c", "turns": [{"speaker": "agent", "text": " \n\t"}]}, "turns[0].text", "empty text"),
    ({"id": "c", "turns": [{"speaker": "agent", "text": 12}]}, "turns[0].text", "valid string (got 12)"),
    ({"id": "c", "turns": [GOOD_TURN, GOOD_TURN, GOOD_TURN, {**GOOD_TURN, "at": "23/05/2024"}]}, "turns[3].at",
     "not an ISO-8601 date-time: '23/05/2024'"),
    ({"id": "c", "started_at": "hier", "turns": [GOOD_TURN]}, "started_at", "not an ISO-8601 date-time: 'hier'"),
    ({"id": "c", "started_at": 1716451200, "turns": [GOOD_TURN]}, "started_at",
     "expected an ISO-8601 date-time string (got 1716451200)"),
    ({"id": "c", "channel": "sms", "turns": [GOOD_TURN]}, "channel", "'phone', 'chat', 'email' or 'store'"),
    ({"id": "c", "customer": {"tenure_years": "5"}, "turns": [GOOD_TURN]}, "customer.tenure_years", "valid number"),
    ({"id": "c", "customer": {"tenure_years": -1}, "turns": [GOOD_TURN]}, "customer.tenure_years",
     "greater than or equal to 0"),
    ({"id": "c", "customer": {"tenure": 5}, "turns": [GOOD_TURN]}, "customer.tenure",
     "unknown field; valid: id, tenure_years"),
    ({"id": "c", "customer": {"spend_period": "day"}, "turns": [GOOD_TURN]}, "customer.spend_period", "'visit'"),
])
def test_malformed_record(tmp_path: Path, record: object, field: str | None, message: str) -> None:
    path = _write(tmp_path, {"id": "ok", "turns": [GOOD_TURN]}, record)
    with pytest.raises(InputError) as caught:
        list(read_conversations([path]))
    error = caught.value
    assert (error.file, error.line, error.field) == (str(path), 2, field)
    assert message in error.message
    assert str(path) in str(error) and "line 2" in str(error)
    if field:
        assert f"field '{field}'" in str(error)


@pytest.mark.parametrize("record", [
    {"id": "c", "turns": [{"speaker": "agent", "text": 1, "at": 2}]},
])
def test_several_errors_are_counted_in_the_message(tmp_path: Path, record: object) -> None:
    with pytest.raises(InputError, match=r"\+1 more error in this record"):
        list(read_conversations([_write(tmp_path, record)]))


@pytest.mark.parametrize("lines, ids, skipped", [
    (['{"id": "a", "turns": [{"speaker": "agent", "text": "ok"}]}', "{oops", "",
      '{"id": "b", "turns": []}', '{"id": "c", "turns": [{"speaker": "client", "text": "ok"}]}'], ["a", "c"], 2),
    (["", "  ", '{"id": "a", "turns": [{"speaker": "agent", "text": "ok"}]}'], ["a"], 0),
])
def test_skip_mode_counts(tmp_path: Path, lines: list[str], ids: list[str], skipped: int) -> None:
    stats = ReadStats()
    conversations = list(read_conversations([_write(tmp_path, *lines)], on_error="skip", stats=stats))
    assert [conv.id for conv in conversations] == ids
    assert (stats.read, stats.skipped, len(stats.reasons)) == (len(ids), skipped, skipped)


@pytest.mark.parametrize("extra", [{"csat": 4, "meta": {"source": "Genesys", "tags": ["é"]}}])
def test_unknown_top_level_fields_pass_through(tmp_path: Path, extra: dict[str, object]) -> None:
    path = _write(tmp_path, {"id": "c", "turns": [GOOD_TURN], **extra})
    assert next(iter(read_conversations([path]))).extra == extra


@pytest.mark.parametrize("turn", [{**GOOD_TURN, "message_id": "m-1", "sentiment": -0.4}])
def test_unknown_turn_fields_are_ignored(tmp_path: Path, turn: dict[str, object]) -> None:
    conv = next(iter(read_conversations([_write(tmp_path, {"id": "c", "turns": [turn]})])))
    assert conv.turns == (Turn("agent", "Je m’en occupe."),)
