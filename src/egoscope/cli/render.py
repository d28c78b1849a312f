"""Rich rendering for people: highlighted evidence, explanations, rewrites, summary tables."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from egoscope.model import CheckResult, ConversationResult, Finding

STYLE_BY_KIND = {"risk": "bold white on red", "good": "bold black on green", "emotion": "bold black on yellow",
                 "signal": "bold white on magenta"}
WORDS = {
    "fr": {"risk": "Risque", "good": "Bonne pratique", "emotion": "Émotion", "signal": "Signal",
           "why": "Pourquoi", "rewrite": "Reformulation", "none": "Aucune remarque à risque détectée.",
           "conversation": "Conversation", "outcome": "Issue", "score": "Score", "revenue": "Revenu en jeu",
           "trigger": "Remarque déclencheuse", "turn": "tour", "topics": "Sujets", "category": "Catégorie",
           "count": "Nombre", "agent": "Agent", "customer": "Client", "last_word": "Dernier mot"},
    "en": {"risk": "Risk", "good": "Good practice", "emotion": "Emotion", "signal": "Signal",
           "why": "Why", "rewrite": "Rewrite", "none": "No risky remark found.",
           "conversation": "Conversation", "outcome": "Outcome", "score": "Score", "revenue": "Revenue at risk",
           "trigger": "Triggering remark", "turn": "turn", "topics": "Topics", "category": "Category",
           "count": "Count", "agent": "Agent", "customer": "Customer", "last_word": "Last word"},
}
OUTCOME_WORDS = {
    "fr": {"resolved": "résolu", "retained": "retenu", "at_risk": "à risque", "lost": "perdu"},
    "en": {"resolved": "resolved", "retained": "retained", "at_risk": "at risk", "lost": "lost"},
}


def highlighted(text: str, findings: Sequence[Finding]) -> Text:
    """The text with each finding's span highlighted in the colour of its kind."""
    rich_text = Text(text)
    for finding in sorted(findings, key=lambda f: f.kind == "risk"):
        rich_text.stylize(STYLE_BY_KIND.get(finding.kind, "bold"), finding.start, finding.end)
    return rich_text


def finding_lines(finding: Finding, lang: str) -> Text:
    words = WORDS[lang]
    line = Text()
    line.append(f"{words[finding.kind]} · {finding.category}", style=STYLE_BY_KIND[finding.kind])
    line.append(f"  « {finding.evidence} »", style="italic")
    if finding.intensity is not None:
        line.append(f"  ({finding.intensity:.2f})")
    if finding.due:
        line.append(f"  → {finding.due}", style="cyan")
    if finding.kind == "risk":
        line.append(f"\n   {words['why']} : {finding.explanation}", style="dim")
        if finding.suggestion:
            line.append(f"\n   {words['rewrite']} : ", style="bold green")
            line.append(finding.suggestion, style="green")
    return line


def render_check(console: Console, result: CheckResult, lang: str) -> None:
    risks = [f for f in result.findings if f.kind == "risk"]
    body: list[Text] = [highlighted(result.text, result.findings), Text("")]
    body += [finding_lines(f, lang) for f in risks]
    body += [finding_lines(f, lang) for f in result.findings if f.kind != "risk"]
    if not risks:
        body.append(Text(WORDS[lang]["none"], style="green"))
    title = f"{len(risks)} ⚠" if risks else "✓"
    console.print(Panel(Group(*body), title=title, border_style="red" if risks else "green"))


def render_conversation(console: Console, result: ConversationResult, lang: str) -> None:
    words = WORDS[lang]
    conv = result.conversation
    trigger_turns = {e.trigger_turn for e in result.escalations if e.trigger_turn is not None}
    header = (f"{words['conversation']} {conv.id} · {conv.channel or '-'} · {conv.agent or '-'} — "
              f"{words['outcome']} : {OUTCOME_WORDS[lang][result.outcome]} · {words['score']} {result.score}/100 · "
              f"{words['revenue']} {result.revenue_at_risk.eur:.0f} €")
    lines: list[Text] = []
    for turn in result.turns:
        who = words["agent"] if turn.speaker == "agent" else words["customer"]
        prefix = Text(f"{turn.index:>2} {who:8} ", style="bold cyan" if turn.speaker == "agent" else "bold")
        line = prefix + highlighted(turn.text, turn.findings)
        if turn.negativity is not None and turn.negativity > 0:
            line.append(f"  [{turn.negativity:.2f}]", style="yellow")
        if turn.index in trigger_turns:
            line.append(f"  ← {words['trigger']}", style="bold red")
        lines.append(line)
        if turn.index in trigger_turns:
            lines += [Text("      ") + finding_lines(f, lang) for f in turn.findings if f.kind == "risk"]
    footer = Text(f"{words['topics']} : {', '.join(result.topics)} · {words['last_word']} : {result.last_word}")
    console.print(Panel(Group(*lines, Text(""), footer), title=header, title_align="left",
                        border_style="red" if result.outcome in ("lost", "at_risk") else "green"))


def category_table(results: Iterable[ConversationResult], lang: str) -> Table:
    words = WORDS[lang]
    counts: Counter[tuple[str, str]] = Counter()
    for result in results:
        for _index, finding in result.findings():
            counts[(finding.kind, finding.category)] += 1
    table = Table(title=words["category"], show_lines=False)
    table.add_column("Type")
    table.add_column(words["category"])
    table.add_column(words["count"], justify="right")
    for (kind, category), count in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1])):
        table.add_row(words[kind], category, str(count), style="red" if kind == "risk" else None)
    return table


def summary_table(results: Sequence[ConversationResult], lang: str) -> Table:
    words = WORDS[lang]
    table = Table(title=words["conversation"] + "s")
    for column in ("id", "channel", "agent", words["outcome"], words["score"], words["revenue"], "risks"):
        table.add_column(column)
    for result in results:
        risks = sorted({f.category for _i, f in result.findings() if f.kind == "risk"})
        table.add_row(result.id, result.conversation.channel or "-", result.conversation.agent or "-",
                      OUTCOME_WORDS[lang][result.outcome], str(result.score), f"{result.revenue_at_risk.eur:.0f} €",
                      ", ".join(risks))
    return table
