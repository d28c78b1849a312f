"""Speaker role words ("Conseillère", "Client"…) to speakers, shared by every reader.

The words are data (``lang/fr/roles.yaml``), loaded and validated once on first use, so that a
transcript, a CSV speaker column and a JSONL ``speaker`` field accept exactly the same words.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from egoscope.errors import ConfigError, RuleFileError
from egoscope.model import SPEAKERS, Speaker

ROLES_FILE = Path(__file__).resolve().parent.parent / "lang" / "fr" / "roles.yaml"


def fold(word: str) -> str:
    """Lower-case, accent-free, single-spaced form used for lookups.

    Exports disagree on case, accents and separators ("Conseillère", "CONSEILLERE",
    "service_client"); folding makes them one key instead of a list of spellings.
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.replace("-", " ").replace("_", " ").split())


class _Speakers(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    agent: list[str] = Field(min_length=1)
    customer: list[str] = Field(min_length=1)


class _RolesFile(BaseModel):
    """Schema of ``roles.yaml``: where the words come from, and the words of each speaker."""

    model_config = ConfigDict(extra="forbid", strict=True)

    source: str = Field(min_length=1)
    licence: str = Field(min_length=1)
    speakers: _Speakers


@dataclass(frozen=True, slots=True)
class RoleTable:
    """Folded role word -> speaker, plus the words as written, to list them in error messages."""

    words: Mapping[str, Speaker]
    shown: Mapping[Speaker, tuple[str, ...]]

    def lookup(self, label: str) -> Speaker | None:
        """The speaker of a label, or None.

        The whole label is tried first ("Service client"), then its leading words, so that a
        named speaker ("Conseillère Julie", "Client 2") still resolves.
        """
        parts = fold(label).split(" ")
        for size in range(len(parts), 0, -1):
            speaker = self.words.get(" ".join(parts[:size]))
            if speaker is not None:
                return speaker
        return None

    def unknown(self, label: str) -> str:
        """The message for a label that is no role word: the value, then every valid word."""
        options = "; ".join(f"{speaker}: {', '.join(self.shown[speaker])}" for speaker in SPEAKERS)
        return f"unknown speaker {label!r}; valid words for {options}"


def load_roles(path: Path) -> RoleTable:
    """A validated role table from a YAML file shaped like ``lang/fr/roles.yaml``."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        roles_file = _RolesFile.model_validate(data)
    except yaml.YAMLError as e:
        raise RuleFileError(f"invalid YAML: {e}", file=str(path)) from e
    except ValidationError as e:
        first = e.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RuleFileError(f"{first['msg']} (got {first['input']!r})", file=str(path), field=where) from e
    listed: dict[Speaker, list[str]] = {"agent": roles_file.speakers.agent, "customer": roles_file.speakers.customer}
    pairs = [(word, speaker) for speaker, words in listed.items() for word in words]
    return _table(pairs, origin=str(path))


def _table(pairs: list[tuple[str, Speaker]], *, origin: str) -> RoleTable:
    """Build a table; a word claimed by both speakers is an error (which one would win is arbitrary)."""
    words: dict[str, Speaker] = {}
    shown: dict[Speaker, list[str]] = {speaker: [] for speaker in SPEAKERS}
    for word, speaker in pairs:
        key = fold(word)
        if not key:
            raise RuleFileError("empty role word", file=origin, field=f"speakers.{speaker}")
        if words.get(key, speaker) != speaker:
            raise RuleFileError(f"role word {word!r} is listed for both agent and customer",
                                file=origin, field=f"speakers.{speaker}")
        if key not in words:
            shown[speaker].append(word)
        words[key] = speaker
    return RoleTable(words=words, shown={speaker: tuple(shown[speaker]) for speaker in SPEAKERS})


@functools.cache
def builtin_roles() -> RoleTable:
    """The table of ``lang/fr/roles.yaml``, read and validated on first use only."""
    return load_roles(ROLES_FILE)


def _as_speaker(value: str) -> Speaker | None:
    """``value`` as a speaker literal, or None (a narrowing the type checker can follow)."""
    folded = fold(value)
    return next((speaker for speaker in SPEAKERS if speaker == folded), None)


def role_table(extra: Mapping[str, str] | None = None) -> RoleTable:
    """The built-in table, with the caller's words added (a caller's word overrides a built-in one).

    ``extra`` maps a role word to ``"agent"`` or ``"customer"``, e.g. ``{"Technicien": "agent"}``.
    """
    table = builtin_roles()
    if not extra:
        return table
    words = dict(table.words)
    shown = {speaker: list(table.shown[speaker]) for speaker in SPEAKERS}
    for word, value in extra.items():
        speaker = _as_speaker(value)
        if speaker is None:
            raise ConfigError(f"roles[{word!r}]: {value!r} is not a speaker; valid: {', '.join(SPEAKERS)}")
        key = fold(word)
        if not key:
            raise ConfigError(f"roles: empty role word mapped to {value!r}")
        previous = words.get(key)
        if previous == speaker:
            continue
        if previous is not None:
            shown[previous] = [shown_word for shown_word in shown[previous] if fold(shown_word) != key]
        words[key] = speaker
        shown[speaker].append(word)
    return RoleTable(words=words, shown={speaker: tuple(shown[speaker]) for speaker in SPEAKERS})
