"""Plain-text transcripts: "Speaker : text" lines, conversations separated by a blank or "---" line.

    [10:02] Conseillère : Bonjour, que puis-je faire pour vous ?
    Client : Ma commande n'est pas arrivée.
      Une ligne en retrait continue le tour précédent.
    ---

A line counts as a new turn when it starts (no indentation) with one to three words and a colon
followed by a space or the end of the line; the words must then be a known role word, else it is
an error rather than a guess. Indent a line to make it a continuation whatever it contains
("Note : …"). Continuation lines are joined to their turn with a newline, which keeps the author's
line breaks as sentence boundaries. A time-only stamp ("[10:02]", "[10h02]") has no date, so it
cannot be ``Turn.at``: it is kept in ``extra["turn_times"]``; a full ISO-8601 stamp becomes ``Turn.at``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from egoscope.errors import InputError
from egoscope.io.encoding import STDIN_NAME, BadLine, parse_datetime, text_lines
from egoscope.io.roles import RoleTable
from egoscope.model import Conversation, Speaker, Turn

_SEPARATOR = re.compile(r"^\s*(?:-{3,}\s*)?$")
_TURN = re.compile(
    r"^(?:\[(?P<stamp>[^\]]{1,40})\]\s*)?"
    r"(?P<label>[^\W\d_][\w'’.()-]*(?: [\w'’.()-]+){0,2})\s*:(?:\s+|$)(?P<text>.*)$"
)
_CLOCK = re.compile(r"^\d{1,2}[:h]\d{2}(?::\d{2})?$")


@dataclass(slots=True)
class _TurnDraft:
    speaker: Speaker
    line: int
    parts: list[str]
    at: datetime | None = None
    clock: str | None = None


@dataclass(slots=True)
class _Block:
    """The lines of one conversation so far; once it has an error, its lines are no longer kept."""

    number: int
    line: int
    turns: list[_TurnDraft] = field(default_factory=list)
    error: InputError | None = None


def _turn(match: re.Match[str], number: int, *, file: str, roles: RoleTable) -> _TurnDraft | InputError:
    label = match["label"]
    speaker = roles.lookup(label)
    if speaker is None:
        return InputError(roles.unknown(label), file=file, line=number, field="speaker")
    turn = _TurnDraft(speaker=speaker, line=number, parts=[match["text"].strip()])
    stamp = (match["stamp"] or "").strip()
    if _CLOCK.match(stamp):
        turn.clock = stamp
    elif stamp:
        try:
            turn.at = parse_datetime(stamp)
        except ValueError as e:
            return InputError(f"{e}, or a time such as [10:02]", file=file, line=number, field="timestamp")
    return turn


def _add_line(block: _Block, number: int, text: str, *, file: str, roles: RoleTable) -> InputError | None:
    """A new turn, or a continuation of the last one; the error of a line that is neither."""
    match = None if text[:1].isspace() else _TURN.match(text)
    if match is None:
        if not block.turns:
            return InputError("expected 'Speaker : text' (e.g. 'Client : Bonjour') to start a conversation, "
                              f"got {text.strip()[:60]!r}", file=file, line=number, field="speaker")
        block.turns[-1].parts.append(text.strip())
        return None
    turn = _turn(match, number, file=file, roles=roles)
    if isinstance(turn, InputError):
        return turn
    block.turns.append(turn)
    return None


def _finish(block: _Block, *, stem: str, file: str) -> Conversation | InputError:
    if block.error is not None:
        return block.error
    turns = []
    for draft in block.turns:
        text = "\n".join(part for part in draft.parts if part)
        if not text:
            return InputError("empty text", file=file, line=draft.line, field="text")
        turns.append(Turn(speaker=draft.speaker, text=text, at=draft.at))
    clocks = [draft.clock for draft in block.turns]
    extra = {"turn_times": clocks} if any(clocks) else {}
    return Conversation(id=f"{stem}-{block.number}", turns=tuple(turns), started_at=turns[0].at,
                        extra=extra, source=file, line=block.line)


def read_transcript(binary: BinaryIO, *, file: str, roles: RoleTable) -> Iterator[Conversation | InputError]:
    """Conversations with ids "<file stem>-<n>", or an InputError in place of a bad one.

    ``n`` counts every conversation of the file, bad ones too, so that ids do not shift when a
    bad conversation is fixed; stdin gives "stdin-<n>".
    """
    stem = "stdin" if file == STDIN_NAME else Path(file).stem
    block: _Block | None = None
    count = 0
    for item in text_lines(binary, file=file):
        number = item.number if isinstance(item, BadLine) else item[0]
        text = "" if isinstance(item, BadLine) else item[1].rstrip("\r\n")
        if not isinstance(item, BadLine) and _SEPARATOR.match(text):
            if block is not None:
                yield _finish(block, stem=stem, file=file)
                block = None
            continue
        if block is None:
            count += 1
            block = _Block(number=count, line=number)
        if isinstance(item, BadLine):
            block.error = block.error or item.error
        elif block.error is None:
            block.error = _add_line(block, number, text, file=file, roles=roles)
    if block is not None:
        yield _finish(block, stem=stem, file=file)
