"""A Conversation rebuilt from a stored result, so that ``reanalyze`` needs no input files."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from egoscope.model import Conversation, Customer, Turn


def conversation_from_result(data: dict[str, Any]) -> Conversation:
    """The Conversation a stored ``result`` (the JSON of ``result_to_dict``) was analysed from."""
    customer = data.get("customer")
    return Conversation(
        id=data["id"],
        turns=tuple(Turn(speaker=turn["speaker"], text=turn["text"], at=_datetime(turn.get("at")))
                    for turn in data["turns"]),
        channel=data.get("channel"),
        agent=data.get("agent"),
        team=data.get("team"),
        started_at=_datetime(data.get("started_at")),
        customer=Customer(**customer) if customer else None,
        extra=dict(data.get("extra") or {}),
    )


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
