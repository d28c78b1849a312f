"""Counts of the labelled corpus for ``data/labelled/DATASHEET.md`` (``python -m egoscope.learn.datasheet``).

Prints Markdown tables: sentences per label and split, per channel / register / sector, and the
conversation counts. Counts are after de-duplication by folded text, as training and evaluation see them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from egoscope.learn.data import Example, load_conversations, load_examples
from egoscope.model import AGENT_CATEGORIES, CUSTOMER_CATEGORIES


def label_table(examples: Sequence[Example], categories: Sequence[str]) -> list[str]:
    by_split = {s: Counter(label for e in examples if e.split == s for label in e.labels) for s in ("train", "test")}
    clean = {s: sum(1 for e in examples if e.split == s and not e.labels) for s in ("train", "test")}
    total = {s: sum(1 for e in examples if e.split == s) for s in ("train", "test")}
    lines = ["| label | train | test | all |", "|---|---:|---:|---:|"]
    for category in categories:
        train, test = by_split["train"][category], by_split["test"][category]
        lines.append(f"| `{category}` | {train} | {test} | {train + test} |")
    lines.append(f"| (no label: clean) | {clean['train']} | {clean['test']} | {clean['train'] + clean['test']} |")
    lines.append(f"| **sentences** | {total['train']} | {total['test']} | {total['train'] + total['test']} |")
    return lines


def facet_table(examples: Sequence[Example], facet: str) -> list[str]:
    counts = Counter((getattr(e, facet) or "?", e.split) for e in examples)
    values = sorted({value for value, _split in counts}, key=lambda v: -(counts[v, "train"] + counts[v, "test"]))
    lines = [f"| {facet} | train | test |", "|---|---:|---:|"]
    lines += [f"| {value} | {counts[value, 'train']} | {counts[value, 'test']} |" for value in values]
    return lines


def conversation_lines() -> list[str]:
    records = load_conversations()
    test = {str(r["id"]) for r in load_conversations("test")}
    turns: Counter[tuple[str, str]] = Counter()
    labels: Counter[str] = Counter()
    for record in records:
        split = "test" if str(record["id"]) in test else "train"
        for turn in record["turns"]:  # type: ignore[attr-defined]
            turns[split, turn["speaker"]] += 1
            labels[split] += len(turn.get("labels", []))
    lines = ["| split | conversations | agent turns | customer turns | turn labels |", "|---|---:|---:|---:|---:|"]
    for split in ("train", "test"):
        n = len(test) if split == "test" else len(records) - len(test)
        lines.append(f"| {split} | {n} | {turns[split, 'agent']} | {turns[split, 'customer']} | {labels[split]} |")
    return lines


def main() -> None:
    agent, customer = load_examples("agent"), load_examples("customer")
    sections = [("Agent sentences per label", label_table(agent, AGENT_CATEGORIES)),
                ("Customer sentences per label", label_table(customer, CUSTOMER_CATEGORIES)),
                ("Agent sentences per channel", facet_table(agent, "channel")),
                ("Customer sentences per channel", facet_table(customer, "channel")),
                ("Agent sentences per register", facet_table(agent, "register")),
                ("Customer sentences per register", facet_table(customer, "register")),
                ("Conversations", conversation_lines())]
    for title, lines in sections:
        print(f"### {title}\n")
        print("\n".join(lines), end="\n\n")
    sectors = Counter(e.sector or "?" for e in (*agent, *customer))
    print(f"Sectors ({len(sectors)}): " + ", ".join(f"{s} {n}" for s, n in sectors.most_common()))


if __name__ == "__main__":
    main()
