"""The engine: builds the stages once, then runs conversations and drafts through them.

read -> normalise -> spaCy (tokens, lemmas, sentences) -> rule hits -> turn decisions -> [custom categories]
-> [classifier] -> customer negativity -> escalations / last word / outcome -> topics -> score -> cost.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import chain, islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from egoscope import __version__
from egoscope.analyzers import dynamics
from egoscope.analyzers.classifier_stage import ClassifierStage, TurnScores, default_model_path
from egoscope.analyzers.cost import revenue_at_risk
from egoscope.analyzers.cues import Hit, find_hits
from egoscope.analyzers.scoring import score
from egoscope.analyzers.topics import TopicDetector
from egoscope.custom import CustomDetector, load_detector
from egoscope.model import (
    ALL_CATEGORIES,
    CheckResult,
    Conversation,
    ConversationResult,
    Finding,
    Speaker,
    TurnResult,
)
from egoscope.nlp import load_nlp
from egoscope.rules.rulebook import Rulebook, language_dir, load_rulebook
from egoscope.settings import Assumptions, Dynamics, load_assumptions, load_dynamics
from egoscope.text import normalise

UNHAPPY_LEVEL = 0.3
AUTO_PROCESSES = 0  # n_process value: decide from the input size and the machine
MAX_AUTO_PROCESSES = 4  # each worker holds about 700 MB
AUTO_MIN_CONVERSATIONS = 256  # auto: inputs up to this size stay in this process


@dataclass(frozen=True, slots=True)
class _TurnAnalysis:
    hits: list[Hit]
    unhappy_cue: bool


class Engine:
    """One per process: holds the spaCy pipeline, the compiled rules and the settings."""

    def __init__(self, nlp: Language, rulebook: Rulebook, topics: TopicDetector, params: Dynamics,
                 assumptions: Assumptions, *, lang: str = "fr", explain_lang: str = "fr",
                 custom: CustomDetector | None = None, classifier: ClassifierStage | None = None) -> None:
        self.nlp = nlp
        self.rulebook = rulebook
        self.topics = topics
        self.params = params
        self.assumptions = assumptions
        self.lang = lang
        self.explain_lang = explain_lang
        self.custom = custom
        # Rules only unless a classifier stage is given (Engine.load gives the shipped model).
        self.classifier = classifier or ClassifierStage(rulebook, path=None, explain_lang=explain_lang)

    @classmethod
    def load(cls, *, assumptions: Path | None = None, explain_lang: str = "fr", lang: str = "fr",
             custom_categories: Sequence[Path | str] = (), use_model: bool = True) -> Engine:
        """``custom_categories``: YAML files of categories by example (docs/custom-categories.md);
        ``use_model=False``: rules only, without the learned sentence classifier (docs/accuracy.md)."""
        nlp = load_nlp()
        rulebook = load_rulebook(nlp, lang)
        topics = TopicDetector(nlp, language_dir(lang) / "topics.yaml")
        custom = load_detector(custom_categories, reserved={*ALL_CATEGORIES, *rulebook.categories},
                               clause_breaks=rulebook.clause_breaks, lang=explain_lang)
        model = default_model_path(lang)
        classifier = ClassifierStage(rulebook, path=model if use_model and model.is_file() else None,
                                     explain_lang=explain_lang)
        return cls(nlp, rulebook, topics, load_dynamics(), load_assumptions(assumptions),
                   lang=lang, explain_lang=explain_lang, custom=custom, classifier=classifier)

    @property
    def version(self) -> str:
        return f"egoscope {__version__} rules {self.rulebook.fingerprint} model {self.classifier.fingerprint}"

    @property
    def assumptions_dict(self) -> dict[str, object]:
        return self.assumptions.model_dump()

    # -- drafts ---------------------------------------------------------------------------------
    def check(self, text: str, *, id: str | None = None, date: datetime | None = None) -> CheckResult:
        return next(self.check_many([(id, text)], date=date))

    def check_many(self, drafts: Iterable[tuple[str | None, str]], *, date: datetime | None = None,
                   batch_size: int = 256, speaker: Speaker = "agent") -> Iterator[CheckResult]:
        """Drafts with no conversation around them: unhappiness is read from the draft itself.

        ``speaker="customer"`` reads customer messages instead (emotions and signals)."""
        iterator = iter(drafts)
        while batch := list(islice(iterator, batch_size)):
            docs = list(self.nlp.pipe([normalise(text) for _id, text in batch], batch_size=batch_size))
            custom = self._custom_findings([(doc, speaker, text)
                                            for (_id, text), doc in zip(batch, docs, strict=True)])
            scores = self.classifier.score(docs, [speaker] * len(docs))
            for (draft_id, text), doc, extra, turn_scores in zip(batch, docs, custom, scores, strict=True):
                analysis = self._analyse_turn(doc, speaker, text)
                findings = self.classifier.findings(analysis.hits, turn_scores, speaker, text,
                                                    unhappy=analysis.unhappy_cue, base=date)
                yield CheckResult(text=text, findings=findings + extra, id=draft_id)

    # -- conversations --------------------------------------------------------------------------
    def analyze(self, conversations: Iterable[Conversation], *, batch_size: int = 64,
                n_process: int = 1) -> Iterator[ConversationResult]:
        """Results in input order. ``n_process > 1`` forks workers that share this loaded engine
        (copy-on-write) and each run whole batches, rules and classifier included: parallelising only
        spaCy would leave the rule stage on one core. ``n_process=0`` (``AUTO_PROCESSES``): one
        worker per core, at most ``MAX_AUTO_PROCESSES``, once the input holds more than
        ``AUTO_MIN_CONVERSATIONS`` (below that, warming a second set of caches costs more than it
        saves: 200 conversations ran 1 s slower on two workers, 600 ran 28 % faster)."""
        if n_process == AUTO_PROCESSES:
            stream = iter(conversations)
            head = list(islice(stream, AUTO_MIN_CONVERSATIONS + 1))
            n_process = min(os.cpu_count() or 1, MAX_AUTO_PROCESSES) if len(head) > AUTO_MIN_CONVERSATIONS else 1
            conversations = chain(head, stream)
        batches = _batches(conversations, batch_size)
        if n_process <= 1:
            for batch in batches:
                yield from self._analyse_batch(batch)
            return
        yield from _parallel(self, batches, n_process)

    def _analyse_batch(self, batch: list[Conversation]) -> list[ConversationResult]:
        return list(self._iter_batch(batch))

    def _iter_batch(self, batch: list[Conversation]) -> Iterator[ConversationResult]:
        if batch:
            texts = [normalise(turn.text) for conv in batch for turn in conv.turns]
            docs = list(self.nlp.pipe(texts, batch_size=256))
            # The classifier vectorises every sentence of the batch at once.
            scores = self.classifier.score(docs, [turn.speaker for conv in batch for turn in conv.turns])
            offset = 0
            for conv in batch:
                end = offset + len(conv.turns)
                yield self._analyse_conversation(conv, docs[offset:end], scores[offset:end])
                offset = end

    def _custom_findings(self, items: Sequence[tuple[Doc, Speaker, str]]) -> list[tuple[Finding, ...]]:
        """Custom-category findings per turn, embedded in one batch (none without custom categories)."""
        return self.custom.find(items) if self.custom is not None else [() for _item in items]

    def _analyse_turn(self, doc: Doc, speaker: Speaker, text: str) -> _TurnAnalysis:
        hits, context = find_hits(doc, speaker, self.rulebook, text)
        return _TurnAnalysis(hits=hits, unhappy_cue=context.unhappy)

    def _analyse_conversation(self, conv: Conversation, docs: Sequence[Doc],
                              scores: Sequence[TurnScores | None]) -> ConversationResult:
        speakers = [turn.speaker for turn in conv.turns]
        findings: list[tuple[Finding, ...]] = []
        levels: dict[int, float] = {}
        customer_findings: dict[int, Sequence[Finding]] = {}
        risky: set[int] = set()
        custom = self._custom_findings([(doc, turn.speaker, turn.text)
                                        for turn, doc in zip(conv.turns, docs, strict=True)])
        for index, (turn, doc) in enumerate(zip(conv.turns, docs, strict=True)):
            analysis = self._analyse_turn(doc, turn.speaker, turn.text)
            unhappy = analysis.unhappy_cue or any(level >= UNHAPPY_LEVEL for level in levels.values())
            turn_findings = self.classifier.findings(analysis.hits, scores[index], turn.speaker, turn.text,
                                                     unhappy=unhappy, base=turn.at or conv.started_at)
            turn_findings += custom[index]
            findings.append(turn_findings)
            if turn.speaker == "customer":
                levels[index] = dynamics.customer_level(conv.turns, index, turn_findings, self.params)
                customer_findings[index] = turn_findings
            elif any(f.kind == "risk" for f in turn_findings):
                risky.add(index)
        return self._conclude(conv, docs, speakers, findings, levels, customer_findings, risky)

    def _conclude(self, conv: Conversation, docs: Sequence[Doc], speakers: list[Speaker],
                  findings: list[tuple[Finding, ...]], levels: dict[int, float],
                  customer_findings: dict[int, Sequence[Finding]], risky: set[int]) -> ConversationResult:
        escalations = dynamics.escalations(speakers, levels, self.params)
        last, last_risk = dynamics.last_word(speakers, risky)
        outcome = dynamics.outcome(customer_findings, levels, last_risk, self.params)
        topics = self.topics.decide([self.topics.count(doc) for doc in docs], conv.channel)
        agent_findings = [f for i, fs in enumerate(findings) if speakers[i] == "agent" for f in fs]
        turn_results = tuple(
            TurnResult(index=i, speaker=turn.speaker, text=turn.text, findings=findings[i],
                       emotions=dynamics.emotions_of(findings[i]), negativity=levels.get(i), at=turn.at)
            for i, turn in enumerate(conv.turns)
        )
        return ConversationResult(
            conversation=conv, language=self.lang, turns=turn_results, escalations=tuple(escalations),
            last_word=last, last_word_risk=last_risk, outcome=outcome, topics=topics,
            score=score(agent_findings, escalations, outcome, last_risk, self.params.score),
            revenue_at_risk=revenue_at_risk(conv.customer, outcome, bool(risky), self.assumptions),
        )


def _batches(conversations: Iterable[Conversation], size: int) -> Iterator[list[Conversation]]:
    iterator = iter(conversations)
    while batch := list(islice(iterator, size)):
        yield batch


_worker_engine: Engine | None = None


def _run_batch(batch: list[Conversation]) -> list[ConversationResult]:
    if _worker_engine is None:
        raise RuntimeError("analysis worker started without an engine")
    return _worker_engine._analyse_batch(batch)


def _parallel(engine: Engine, batches: Iterator[list[Conversation]], n_process: int) -> Iterator[ConversationResult]:
    """Forked workers inherit the loaded engine; ``imap`` keeps order and bounds memory to a few batches."""
    context = multiprocessing.get_context("fork")
    global _worker_engine
    _worker_engine = engine  # set before forking: the children get it without pickling the model
    try:
        with context.Pool(n_process) as pool:
            for results in pool.imap(_run_batch, batches):
                yield from results
    finally:
        _worker_engine = None
