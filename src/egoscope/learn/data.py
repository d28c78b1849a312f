"""The labelled corpus in ``data/labelled/``: loading and the fixed train/test split.

The split is a hash of the normalised text, so it never changes when files are reordered or grow,
and the test split is never seen by training or by rule tuning.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from egoscope.text import fold

Split = Literal["train", "test"]
TEST_SHARE = 0.2
# Files by side, as glob patterns: a new batch of labelled data is a new file, no code change.
AGENT_PATTERN = "agent_*.jsonl"
CUSTOMER_PATTERN = "customer*.jsonl"
CONVERSATION_PATTERN = "conversations*.jsonl"


def repo_data_dir() -> Path:
    """``data/labelled`` of the source checkout (the corpus is not shipped in the wheel)."""
    return Path(__file__).resolve().parents[3] / "data" / "labelled"


def split_of(text: str) -> Split:
    digest = hashlib.sha1(" ".join(fold(text).split()).encode("utf-8")).digest()
    return "test" if digest[0] / 256 < TEST_SHARE else "train"


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    labels: frozenset[str]
    side: Literal["agent", "customer"]
    source: str
    intensity: dict[str, float] = field(default_factory=dict, hash=False, compare=False)
    channel: str | None = field(default=None, compare=False)
    register: str | None = field(default=None, compare=False)
    sector: str | None = field(default=None, compare=False)

    @property
    def split(self) -> Split:
        return split_of(self.text)


def _read(path: Path, side: Literal["agent", "customer"]) -> Iterator[Example]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                yield Example(text=record["text"], labels=frozenset(record.get("labels", [])), side=side,
                              source=path.name, intensity=record.get("intensity", {}),
                              channel=record.get("channel"), register=record.get("register"),
                              sector=record.get("sector"))


def load_examples(side: Literal["agent", "customer"], split: Split | None = None,
                  directory: Path | None = None) -> list[Example]:
    """Labelled sentences of one side, deduplicated by folded text, optionally one split only."""
    directory = directory or repo_data_dir()
    pattern = AGENT_PATTERN if side == "agent" else CUSTOMER_PATTERN
    seen: set[str] = set()
    examples: list[Example] = []
    for path in sorted(directory.glob(pattern)):
        for example in _read(path, side):
            key = " ".join(fold(example.text).split())
            if key in seen:
                continue
            seen.add(key)
            if split is None or example.split == split:
                examples.append(example)
    return examples


def load_conversations(split: Split | None = None, directory: Path | None = None) -> list[dict[str, object]]:
    """Labelled conversations (input format plus per-turn ``labels`` and ``expected``); split by id."""
    directory = directory or repo_data_dir()
    records = [json.loads(line) for path in sorted(directory.glob(CONVERSATION_PATTERN))
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in records if split is None or split_of(str(r["id"])) == split]
