"""Root-cause topics of a conversation, from topic cue lists (``lang/<lang>/topics.yaml``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator
from spacy.language import Language
from spacy.tokens import Doc

from egoscope.errors import RuleFileError
from egoscope.model import TOPICS
from egoscope.rules.anchored import AnchoredMatcher
from egoscope.rules.cues import CueCompiler, CueSyntaxError
from egoscope.rules.yamlfile import load_with_lines

MAX_TOPICS = 3


class TopicFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    licence: str
    topics: dict[str, list[str]]

    @field_validator("topics")
    @classmethod
    def _known(cls, topics: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(topics) - set(TOPICS))
        if unknown:
            raise ValueError(f"unknown topics {unknown}; valid: {', '.join(TOPICS)}")
        return topics


class TopicDetector:
    """Counts topic cues over all turns; the most cited topics are the conversation's root causes."""

    def __init__(self, nlp: Language, path: Path) -> None:
        spec, lines = load_with_lines(path, TopicFile)
        compiler = CueCompiler(nlp)
        self._matcher = AnchoredMatcher(nlp.vocab)
        for topic, cues in spec.topics.items():
            patterns = []
            for index, cue in enumerate(cues):
                try:
                    patterns.extend(compiler.compile_all(cue))
                except CueSyntaxError as error:
                    raise RuleFileError(str(error), file=str(path), line=lines(("topics", topic, index)),
                                        field=f"topics.{topic}.{index}") from error
            self._matcher.add(topic, patterns)
        compiler.save()

    def count(self, doc: Doc) -> Counter[str]:
        return Counter(doc.vocab.strings[match_id] for match_id, _s, _e in self._matcher(doc))

    @staticmethod
    def decide(counts: Sequence[Counter[str]], channel: str | None) -> tuple[str, ...]:
        total: Counter[str] = Counter()
        for counter in counts:
            total.update(counter)
        if channel == "store":
            total["store"] += 1
        ranked = [topic for topic, _n in total.most_common(MAX_TOPICS)]
        return tuple(ranked) if ranked else ("other",)
