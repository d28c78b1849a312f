"""JSONL: one conversation object per line, validated by pydantic, converted to ``model`` dataclasses.

Pydantic lives here, at the edge, and nowhere downstream. Models are strict (a string is not a
number, a number is not a date) so that a wrong type is reported rather than guessed; ids given as
JSON integers are the one coercion, because exports routinely write them so.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Any, BinaryIO, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from egoscope.errors import InputError
from egoscope.io.encoding import BadLine, parse_datetime, text_lines
from egoscope.io.roles import RoleTable, builtin_roles, fold
from egoscope.model import Conversation, Customer, Speaker, Turn

CHANNELS = ("phone", "chat", "email", "store")
Channel = Literal["phone", "chat", "email", "store"]
# French export spellings of the channels (compared folded: no case, no accents).
CHANNEL_ALIASES = {"telephone": "phone", "tel": "phone", "appel": "phone", "tchat": "chat", "mail": "email",
                   "e mail": "email", "courriel": "email", "magasin": "store", "boutique": "store"}


def channel_of(value: str) -> str:
    """The channel id of a value as exported ("Téléphone" -> "phone"); unknown values are returned
    folded, for the validation to reject with the list of valid channels."""
    folded = fold(value)
    return CHANNEL_ALIASES.get(folded, folded)


def _id_to_str(value: Any) -> Any:
    """Ids written as JSON integers become strings; other types fall through to strict validation."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _channel(value: Any) -> Any:
    return channel_of(value) if isinstance(value, str) else value


Id = Annotated[str, StringConstraints(min_length=1), BeforeValidator(_id_to_str)]
NonNegative = Annotated[float, Field(ge=0)]


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _datetime(value: Any) -> datetime:
    """ISO-8601 text only: pydantic's own datetime would also take numbers as Unix times, silently."""
    if not isinstance(value, str):
        raise PydanticCustomError("datetime", "{message}",
                                  {"message": f"expected an ISO-8601 date-time string (got {_shown(value)})"})
    try:
        return parse_datetime(value)
    except ValueError as e:
        raise PydanticCustomError("datetime", str(e)) from e


IsoDatetime = Annotated[datetime, PlainValidator(_datetime)]


class TurnIn(BaseModel):
    """One turn; unknown keys (message ids, sentiment scores of other tools) are ignored."""

    model_config = ConfigDict(strict=True, extra="ignore")

    speaker: Speaker
    text: str
    at: IsoDatetime | None = None

    @field_validator("speaker", mode="before")
    @classmethod
    def _role_word(cls, value: Any, info: ValidationInfo) -> Any:
        """A role word of the caller's table (passed as validation context) -> "agent" / "customer"."""
        roles = info.context["roles"] if info.context else builtin_roles()
        if not isinstance(value, str):
            return value  # strict validation reports the wrong type
        speaker = roles.lookup(value)
        if speaker is None:
            raise PydanticCustomError("speaker", "{message}", {"message": roles.unknown(value)})
        return speaker

    @field_validator("text")
    @classmethod
    def _not_empty(cls, value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("empty_text", "empty text")
        return value


class CustomerIn(BaseModel):
    """Customer facts that drive the revenue estimate: unknown keys are refused, a typo must not
    silently fall back to default values."""

    model_config = ConfigDict(strict=True, extra="forbid")

    id: Id | None = None
    tenure_years: NonNegative | None = None
    spend_eur: NonNegative | None = None
    spend_period: Literal["visit", "week", "month", "year"] | None = None
    visits_per_week: NonNegative | None = None


class ConversationIn(BaseModel):
    """One JSONL record; unknown top-level keys are kept and passed through in ``Conversation.extra``."""

    model_config = ConfigDict(strict=True, extra="allow")

    id: Id
    turns: list[TurnIn]
    channel: Annotated[Channel | None, BeforeValidator(_channel)] = None
    agent: Id | None = None
    team: str | None = None
    started_at: IsoDatetime | None = None
    customer: CustomerIn | None = None

    @field_validator("turns")
    @classmethod
    def _has_turns(cls, value: list[TurnIn]) -> list[TurnIn]:
        if not value:
            raise PydanticCustomError("no_turns", "no turns: a conversation needs at least one turn")
        return value


def _field_path(loc: tuple[int | str, ...]) -> str:
    """('turns', 3, 'at') -> 'turns[3].at', the way a user would point at it in the file."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def validation_error(error: ValidationError, *, file: str, line: int) -> InputError:
    """The first pydantic error as an InputError naming the field, with the offending value."""
    first = error.errors(include_url=False)[0]
    message = first["msg"]
    if first["type"] == "missing":
        message = "missing required field"
    elif first["type"] == "extra_forbidden" and first["loc"][0] == "customer":
        message = f"unknown field; valid: {', '.join(CustomerIn.model_fields)}"
    elif first["type"] not in ("empty_text", "no_turns", "speaker", "datetime"):
        message += f" (got {_shown(first['input'])})"
    more = error.error_count() - 1
    if more:
        message += f" (+{more} more error{'s' if more > 1 else ''} in this record)"
    return InputError(message, file=file, line=line, field=_field_path(tuple(first["loc"])))


def to_conversation(record: ConversationIn, *, file: str, line: int) -> Conversation:
    """Validated record -> frozen Conversation; unknown top-level keys go to ``extra``."""
    turns = tuple(Turn(speaker=turn.speaker, text=turn.text, at=turn.at) for turn in record.turns)
    customer = Customer(**record.customer.model_dump()) if record.customer is not None else None
    return Conversation(id=record.id, turns=turns, channel=record.channel, agent=record.agent, team=record.team,
                        started_at=record.started_at, customer=customer, extra=dict(record.model_extra or {}),
                        source=file, line=line)


def load_object(text: str, *, file: str, line: int) -> dict[str, Any] | InputError:
    """One line of JSON that must be an object; the error gives the column (JSON has no field yet)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        array = text.lstrip().startswith("[")
        hint = "; a JSON array is not JSONL: write one object per line" if array else ""
        return InputError(f"invalid JSON at column {e.colno}: {e.msg}{hint}", file=file, line=line)
    if not isinstance(data, dict):
        return InputError(f"expected a JSON object (one per line), got {type(data).__name__}", file=file, line=line)
    return data


def parse_record(text: str, *, file: str, line: int, roles: RoleTable) -> Conversation | InputError:
    """One JSONL line -> a Conversation, or the InputError that says what is wrong and where."""
    data = load_object(text, file=file, line=line)
    if isinstance(data, InputError):
        return data
    try:
        record = ConversationIn.model_validate(data, context={"roles": roles})
    except ValidationError as e:
        return validation_error(e, file=file, line=line)
    return to_conversation(record, file=file, line=line)


def read_jsonl(binary: BinaryIO, *, file: str, roles: RoleTable) -> Iterator[Conversation | InputError]:
    """Conversations, or an InputError in place of each bad record; blank lines are not records."""
    for item in text_lines(binary, file=file):
        if isinstance(item, BadLine):
            yield item.error
            continue
        number, text = item
        if text.strip():
            yield parse_record(text.rstrip("\r\n"), file=file, line=number, roles=roles)
