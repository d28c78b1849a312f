"""Store benchmark: indicator queries on 100 000 synthetic conversations, and import throughput.

    .venv/bin/python bench/bench_store.py [--conversations 100000] [--db bench-store.db] [--keep]
                                          [--engine-sample 500] [--skip-engine]

1. Generates synthetic ConversationResults (random findings, dates over a year, 200 agents, 30 000
   customers) and bulk-inserts them into a SQLite file through the store's own row builder and writer
   (no NLP); recomputes promises and repeat contacts.
2. Times every ``indicators`` query (each --by, over the whole store and over the last 90 days).
3. Imports ~500 conversations (the sample corpus, copied under new ids) through the real engine and
   reports conversations per second.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from egoscope.model import (
    GOOD_PRACTICES,
    RISKS,
    Conversation,
    ConversationResult,
    Customer,
    Escalation,
    Finding,
    RevenueAtRisk,
    Turn,
    TurnResult,
    kind_of,
)
from egoscope.store import open_store
from egoscope.store.indicators import GROUPINGS, indicators
from egoscope.store.promises import recompute
from egoscope.store.rows import content_hash, result_rows
from egoscope.store.writer import write_results

SAMPLE = Path(__file__).resolve().parents[1] / "src/egoscope/data/sample/conversations.jsonl"
CHANNELS = ("phone", "chat", "email", "store")
TOPICS = ("delivery", "billing", "refund", "product_quality", "account_change", "cancellation", "other")
NEGATIVE = ("anger", "exasperation", "annoyance", "frustration", "disappointment")
START = datetime(2025, 1, 6, 8, 0)


def synthetic_results(count: int, seed: int = 7) -> Iterator[ConversationResult]:
    """Plausible results: ~8 turns, a risk on ~15 % of agent turns, an emotion on ~30 % of customer turns."""
    rng = random.Random(seed)
    for number in range(count):
        started = START + timedelta(minutes=rng.randrange(365 * 24 * 60))
        agent = rng.randrange(200)
        conv = Conversation(
            id=f"syn-{number:07d}", turns=(), channel=rng.choice(CHANNELS), agent=f"agent-{agent:03d}",
            team=f"team-{agent % 20:02d}", started_at=started,
            customer=Customer(id=f"cust-{rng.randrange(30_000):05d}", spend_eur=rng.choice((20.0, 50.0, 90.0)),
                              spend_period="month"),
        )
        turns = tuple(_turn(rng, index, started) for index in range(rng.randrange(6, 11)))
        outcome = rng.choices(("resolved", "retained", "at_risk", "lost"), (60, 15, 15, 10))[0]
        yield ConversationResult(
            conversation=replace(conv, turns=tuple(Turn(t.speaker, t.text, t.at) for t in turns)),
            language="fr", turns=turns,
            escalations=(Escalation(turn=3, trigger_turn=2, delta=0.4),) if rng.random() < 0.12 else (),
            last_word=turns[-1].speaker, last_word_risk=rng.random() < 0.05, outcome=outcome,  # type: ignore[arg-type]
            topics=tuple(rng.sample(TOPICS, rng.choice((1, 1, 2)))), score=rng.randrange(20, 101),
            revenue_at_risk=RevenueAtRisk(eur=rng.uniform(50, 900) if outcome in ("at_risk", "lost") else 0.0,
                                          annual_value_eur=600.0, loss_probability=0.2, direct_eur=0.0,
                                          word_of_mouth_eur=0.0, silent_leavers_eur=0.0, value_is_default=False),
        )


def _turn(rng: random.Random, index: int, started: datetime) -> TurnResult:
    speaker = "customer" if index % 2 == 0 else "agent"
    categories: list[str] = []
    if speaker == "agent":
        categories += [rng.choice(RISKS)] if rng.random() < 0.15 else []
        categories += [rng.choice(GOOD_PRACTICES)] if rng.random() < 0.3 else []
    else:
        categories += [rng.choice(NEGATIVE)] if rng.random() < 0.3 else []
        categories += ["churn_intent"] if rng.random() < 0.03 else []
    findings = tuple(
        Finding(category=c, kind=kind_of(c), start=0, end=10, evidence="un extrait", rule=f"{c}.1",
                explanation="explication", due=(started + timedelta(days=rng.randrange(1, 10))).date().isoformat()
                if c == "commitment" else None)
        for c in categories)
    return TurnResult(index=index, speaker=speaker, text=f"Tour {index} : une phrase de longueur moyenne.",  # type: ignore[arg-type]
                      findings=findings, at=started + timedelta(seconds=30 * index))


def fill(db: str, count: int, batch: int = 2000) -> None:
    print(f"generating {count} synthetic conversations into {db}…")
    began = time.perf_counter()
    with open_store(db) as store:
        pending = []
        for result in synthetic_results(count):
            pending.append(result_rows(result, content_hash=content_hash(result.conversation),
                                       engine_version="synthetic", import_run_id=None))
            if len(pending) == batch:
                with store.transaction() as session:
                    write_results(session, pending, replace=())
                pending = []
        with store.transaction() as session:
            write_results(session, pending, replace=())
        spent = time.perf_counter() - began
        print(f"  inserted in {spent:.1f} s ({count / spent:,.0f} conversations/s)")
        began = time.perf_counter()
        with store.transaction() as session:
            summary = recompute(session)
        print(f"  promises and repeat contacts recomputed in {time.perf_counter() - began:.2f} s: "
              f"{summary.statuses}, {summary.repeat_contacts} repeat contacts")


def time_indicators(db: str) -> None:
    """Wall time, and CPU time of this process: SQLite runs in it, so the latter is the wall time of a quiet machine."""
    print("indicators, per query (best of 3): wall time, CPU time")
    with open_store(db) as store, store.sessions() as session:
        last = START.date() + timedelta(days=364)
        for label, start, end in (("whole store", None, None), ("last 90 days", last - timedelta(days=89), last)):
            for by in GROUPINGS:
                wall, cpu, rows = [], [], []
                for _ in range(3):
                    began, began_cpu = time.perf_counter(), time.process_time()
                    rows = indicators(session, by, start, end)
                    wall.append(time.perf_counter() - began)
                    cpu.append(time.process_time() - began_cpu)
                print(f"  --by {by:<8} {label:<13} {min(wall):6.3f} s  {min(cpu):6.3f} s  ({len(rows)} groups)")


class TimedEngine:
    """Wraps the engine to tell the time spent analysing from the time spent storing."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.version = engine.version
        self.assumptions_dict = engine.assumptions_dict
        self.seconds = 0.0

    def analyze(self, conversations: Iterable[Conversation], **options: Any) -> Iterator[ConversationResult]:
        results = iter(self.engine.analyze(conversations, **options))
        while True:
            began = time.perf_counter()
            result = next(results, None)
            self.seconds += time.perf_counter() - began
            if result is None:
                return
            yield result


def time_import(sample_size: int) -> None:
    from egoscope.io.readers import read_conversations
    from egoscope.pipeline import Engine
    from egoscope.store import import_conversations

    base = list(read_conversations([SAMPLE]))
    copies = [replace(conv, id=f"{conv.id}-{n}") for n in range(sample_size // len(base) + 1) for conv in base]
    copies = copies[:sample_size]
    began = time.perf_counter()
    engine = TimedEngine(Engine.load())
    loaded = time.perf_counter() - began
    with tempfile.TemporaryDirectory() as folder, open_store(str(Path(folder) / "import.db")) as store:
        began = time.perf_counter()
        summary = import_conversations(store, copies, engine, batch_size=64)
        spent = time.perf_counter() - began
    print(f"import through the engine: {summary.imported} conversations in {spent:.1f} s "
          f"= {summary.imported / spent:.1f} conversations/s (engine load {loaded:.1f} s, not counted); "
          f"analysis {engine.seconds:.1f} s, reading + storing {spent - engine.seconds:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--db", default=None, help="SQLite file to fill (default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="reuse --db if it is already filled")
    parser.add_argument("--engine-sample", type=int, default=500)
    parser.add_argument("--skip-engine", action="store_true")
    args = parser.parse_args(argv)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (timings grow with it)")
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "bench-store.db")
        if not (args.keep and Path(db).exists()):
            Path(db).unlink(missing_ok=True)
            fill(db, args.conversations)
        time_indicators(db)
    if not args.skip_engine:
        time_import(args.engine_sample)
    return 0


if __name__ == "__main__":
    sys.exit(main())
