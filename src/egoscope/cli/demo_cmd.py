"""``egoscope demo``: the whole job on the built-in French sample corpus."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from egoscope.cli.common import LANG_OPTION, Lang, console, load_engine, user_errors
from egoscope.cli.render import OUTCOME_WORDS, category_table, render_conversation

SAMPLE = "conversations.jsonl"


def sample_path() -> Path:
    return Path(str(resources.files("egoscope") / "data" / "sample" / SAMPLE))


def _cost_table(results: list, lang: str) -> Table:  # type: ignore[type-arg]
    total = sum(r.revenue_at_risk.eur for r in results)
    defaults = sum(1 for r in results if r.revenue_at_risk.value_is_default)
    assumptions = results[0].revenue_at_risk.assumptions if results else {}
    fr = lang == "fr"
    table = Table(title="Coût de l'ego : revenu en jeu" if fr else "Cost of ego: revenue at risk")
    table.add_column("Hypothèse" if fr else "Assumption")
    table.add_column("Valeur" if fr else "Value", justify="right")
    table.add_row("Revenu en jeu (total)" if fr else "Revenue at risk (total)", f"{total:,.0f} €".replace(",", " "))
    for outcome in ("lost", "at_risk", "retained", "resolved"):
        count = sum(1 for r in results if r.outcome == outcome)
        table.add_row(f"{'Conversations' if not fr else 'Conversations'} « {OUTCOME_WORDS[lang][outcome]} »", str(count))
    table.add_row("Probabilité de départ par issue" if fr else "Loss probability by outcome",
                  ", ".join(f"{k} {v:.0%}" for k, v in assumptions.get("loss_probability", {}).items()))
    table.add_row("Personnes informées par client mécontent" if fr else "People told per unhappy customer",
                  str(assumptions.get("people_told_per_unhappy_customer")))
    table.add_row("Conversion du bouche-à-oreille" if fr else "Word-of-mouth conversion",
                  f"{assumptions.get('word_of_mouth_conversion', 0):.0%}")
    table.add_row("Départs silencieux par client qui se plaint" if fr else "Silent leavers per voiced one",
                  str(assumptions.get("silent_leavers_per_voiced")))
    table.add_row("Valeur client par défaut (si dépense inconnue)" if fr else "Default customer value (spend unknown)",
                  f"{assumptions.get('default_annual_value_eur')} € ({defaults} conv.)")
    return table


def demo(
    lang: Annotated[Lang, LANG_OPTION] = "fr",
    worst: Annotated[int, typer.Option(help="How many of the worst conversations to show.")] = 3,
    report: Annotated[Path, typer.Option(help="Where to write the HTML report.")] = Path("report.html"),
) -> None:
    """Analyse the built-in French sample corpus: worst conversations, counts per category, cost of ego."""
    from egoscope.io.readers import read_conversations

    engine = load_engine(lang=lang)
    conversations = list(read_conversations([str(sample_path())]))
    results = list(engine.analyze(conversations))
    fr = lang == "fr"
    console.rule("[bold]egoscope — démonstration" if fr else "[bold]egoscope — demo")
    console.print(f"{len(results)} conversations analysées" if fr else f"{len(results)} conversations analysed")
    for result in sorted(results, key=lambda r: (r.score, -r.revenue_at_risk.eur))[:worst]:
        render_conversation(console, result, lang)
    console.print(category_table(results, lang))
    console.print(_cost_table(results, lang))
    _write_report(results, report, lang)


def _write_report(results: list, out: Path, lang: str) -> None:  # type: ignore[type-arg]
    """Import the results into a temporary store and write the HTML report from it."""
    from egoscope.report.demo import write_demo_report

    path = write_demo_report(results, out, lang)
    console.print(f"Rapport écrit : [bold]{path}[/]" if lang == "fr" else f"Report written: [bold]{path}[/]")


def register(app: typer.Typer) -> None:
    app.command()(user_errors(demo))
