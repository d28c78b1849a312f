"""Store commands: ``import``, ``reanalyze``, ``indicators``, ``export``.

The store library never prints; these commands draw the progress bar, the summaries and the tables,
and turn user errors (bad URL, unreachable server, bad date) into one line on stderr and exit code 2.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from egoscope.cli.common import console, err_console, load_engine, user_errors
from egoscope.errors import ConfigError
from egoscope.store import ImportSummary, Store, open_store
from egoscope.store.indicators import GROUPINGS, SCALARS, IndicatorRow
from egoscope.store.promises import DEFAULT_REPEAT_DAYS

DbOption = Annotated[str | None, typer.Option(
    "--db", help="SQLite file or postgresql:// URL (default: $EGOSCOPE_DB, else ./egoscope.db)")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", help="Day promises are judged on, YYYY-MM-DD (default: the newest conversation)")]
RepeatOption = Annotated[int, typer.Option(
    "--repeat-days", min=1, help="A customer back within this many days on the same topic is a repeat contact")]
AssumptionsOption = Annotated[Path | None, typer.Option(
    "--assumptions", help="YAML file of cost assumptions (recorded on the import run)")]
FromOption = Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD")]
ToOption = Annotated[str | None, typer.Option("--to", help="Last day (included), YYYY-MM-DD")]
ON_ERROR = ("fail", "skip")
TABLE_FORMATS = ("table", "csv", "json")


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{option} {value!r} is not a date: expected YYYY-MM-DD") from None


def _choice(value: str, valid: tuple[str, ...], option: str) -> str:
    if value not in valid:
        raise ConfigError(f"{option} {value!r} is not valid; valid: {', '.join(valid)}")
    return value


@user_errors
def import_cmd(
    files: Annotated[list[Path], typer.Argument(help="Conversation files (JSONL, CSV, transcripts); - for stdin")],
    db: DbOption = None,
    input_format: Annotated[str | None, typer.Option("--input-format", help="jsonl, csv or transcript")] = None,
    on_error: Annotated[str, typer.Option("--on-error", help="fail or skip a bad record")] = "fail",
    batch_size: Annotated[int, typer.Option("--batch-size", help="Conversations per transaction")] = 64,
    assumptions: AssumptionsOption = None,
    as_of: AsOfOption = None,
    repeat_days: RepeatOption = DEFAULT_REPEAT_DAYS,
) -> None:
    """Analyse conversations and store them; run it again after an interruption, it resumes."""
    from egoscope.io.readers import ReadStats, read_conversations
    from egoscope.store import import_conversations

    _choice(on_error, ON_ERROR, "--on-error")
    as_of_day = parse_day(as_of, "--as-of")
    with open_store(db) as store:
        engine = _load_engine(assumptions)
        stats = ReadStats()
        conversations = read_conversations([str(f) for f in files], input_format=input_format,
                                           on_error=on_error, stats=stats)  # type: ignore[arg-type]
        with _progress("Importing", total=None) as advance:
            summary = import_conversations(store, conversations, engine, batch_size=batch_size,
                                           sources=[str(f) for f in files], read_stats=stats,
                                           as_of=as_of_day, repeat_days=repeat_days, progress=advance)
        _print_summary("import", summary, store)


@user_errors
def reanalyze_cmd(
    db: DbOption = None,
    everything: Annotated[bool, typer.Option("--all", help="Also conversations analysed by this engine")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Conversations per transaction")] = 64,
    assumptions: AssumptionsOption = None,
    as_of: AsOfOption = None,
    repeat_days: RepeatOption = DEFAULT_REPEAT_DAYS,
) -> None:
    """Re-run the engine on stored conversations after the rules or the model changed."""
    from egoscope.store import reanalyze
    from egoscope.store.importer import count_to_reanalyze

    as_of_day = parse_day(as_of, "--as-of")
    with open_store(db) as store:
        engine = _load_engine(assumptions)
        total = count_to_reanalyze(store, engine.version, everything=everything)
        with _progress("Reanalysing", total=total) as advance:
            summary = reanalyze(store, engine, everything=everything, batch_size=batch_size,
                                as_of=as_of_day, repeat_days=repeat_days, progress=advance)
        _print_summary("reanalyze", summary, store)


@user_errors
def indicators_cmd(
    by: Annotated[str, typer.Option("--by", help=f"One of: {', '.join(GROUPINGS)}")],
    start: FromOption = None,
    end: ToOption = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
    db: DbOption = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Recompute promise statuses as of this day first (YYYY-MM-DD)")] = None,
    repeat_days: Annotated[int | None, typer.Option(
        "--repeat-days", min=1, help="Recompute repeat contacts with this window first")] = None,
) -> None:
    """Indicators per agent, team, channel, topic, week or month, with the change from the previous period."""
    from egoscope.store.indicators import indicators
    from egoscope.store.promises import mark_commitments, mark_repeats

    _choice(by, GROUPINGS, "--by")
    _choice(fmt, TABLE_FORMATS, "--format")
    first, last, as_of_day = parse_day(start, "--from"), parse_day(end, "--to"), parse_day(as_of, "--as-of")
    with open_store(db) as store:
        with store.transaction() as session:  # only what was asked: the rest keeps its import-time settings
            if as_of_day is not None:
                mark_commitments(session, as_of=as_of_day)
            if repeat_days is not None:
                mark_repeats(session, repeat_days=repeat_days)
        with store.sessions() as session:
            rows = indicators(session, by, first, last)
    {"table": _print_table, "csv": _print_csv, "json": _print_json}[fmt](by, rows)


@user_errors
def export_cmd(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the files into")],
    fmt: Annotated[str, typer.Option("--format", help="csv or parquet")] = "csv",
    db: DbOption = None,
    start: FromOption = None,
    end: ToOption = None,
) -> None:
    """Write findings and per-conversation results as CSV or Parquet, for BI tools."""
    from egoscope.store.export import FORMATS, export

    _choice(fmt, FORMATS, "--format")
    first, last = parse_day(start, "--from"), parse_day(end, "--to")
    with open_store(db) as store, store.sessions() as session:
        written = export(session, out_dir, fmt, start=first, end=last)
    for path, count in written.items():
        console.print(f"{path}: {count} rows", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("import")(import_cmd)
    app.command("reanalyze")(reanalyze_cmd)
    app.command("indicators")(indicators_cmd)
    app.command("export")(export_cmd)


# -- helpers ---------------------------------------------------------------------------------------


def _load_engine(assumptions: Path | None = None) -> Any:
    return load_engine(assumptions=assumptions)


@contextmanager
def _progress(label: str, *, total: int | None) -> Iterator[Any]:
    columns = [SpinnerColumn(), TextColumn(f"{label}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("[dim]{task.fields[detail]}"), TimeElapsedColumn()]
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task(label, total=total, detail="")

        def advance(summary: ImportSummary) -> None:
            detail = f"new {summary.imported} · updated {summary.updated} · unchanged {summary.unchanged}"
            progress.update(task, completed=summary.read, detail=detail)

        yield advance


def _print_summary(command: str, summary: ImportSummary, store: Store) -> None:
    new = "imported" if command == "import" else "reanalysed"
    counted = summary.imported if command == "import" else summary.read
    console.print(f"{new} {counted}, updated {summary.updated}, unchanged {summary.unchanged}, "
                  f"skipped {summary.skipped} — run #{summary.run_id} in {store.display_url}",
                  markup=False, soft_wrap=True)
    for reason in summary.skip_reasons[:10]:
        console.print(f"  skipped: {reason}", markup=False, soft_wrap=True)
    if summary.skipped > 10:
        console.print(f"  … and {summary.skipped - 10} more skipped records", markup=False, soft_wrap=True)
    if summary.promises is not None:
        p = summary.promises
        states = ", ".join(f"{status} {count}" for status, count in p.statuses.items())
        console.print(f"promises as of {p.as_of or '-'}: {states}; repeat contacts "
                      f"(within {p.repeat_days} days): {p.repeat_contacts}", markup=False, soft_wrap=True)


# -- indicator output --------------------------------------------------------------------------------

_PERCENT = {"escalation_rate", "lost_rate", "at_risk_rate", "churn_signal_rate", "apology_rate",
            "refusals_with_reason_share", "repeat_contact_rate"}
_TABLE_COLUMNS = (("conversations", "convs"), ("risks_per_100_turns", "risks/100 turns"),
                  ("escalation_rate", "escalated"), ("lost_rate", "lost"), ("at_risk_rate", "at risk"),
                  ("churn_signal_rate", "churn signal"), ("apology_rate", "apology"),
                  ("refusals_with_reason_share", "refusals w/ reason"), ("repeat_contact_rate", "repeat"),
                  ("commitments_made", "promises"), ("commitments_kept", "kept"),
                  ("commitments_overdue", "overdue"), ("commitments_broken", "broken"),
                  ("mean_score", "score"), ("revenue_at_risk_eur", "€ at risk"))


_WHOLE = {"conversations", "commitments_made", "commitments_kept", "commitments_overdue", "commitments_broken",
          "revenue_at_risk_eur"}


def _number(name: str, number: float, *, signed: bool = False) -> str:
    """Rates as percentages (their changes in percentage points), counts and euros whole, the rest to 0.1."""
    sign = "+" if signed else ""
    if name in _PERCENT:
        return f"{100 * number:{sign}.1f}" + ("" if signed else "%")
    return f"{number:{sign},.0f}" if name in _WHOLE else f"{number:{sign}.1f}"


def _cell(name: str, value: float | None, change: float | None) -> str:
    if value is None:
        return "–"
    text = _number(name, value)
    return f"{text} [dim]({_number(name, change, signed=True)})[/]" if change else text


def _print_table(by: str, rows: list[IndicatorRow]) -> None:
    if not rows:
        console.print("no conversations in this period", soft_wrap=True)
        return
    console.print(f"Indicators by {by} (in brackets: change from the previous period, in points for rates)",
                  soft_wrap=True)
    table = Table()
    table.add_column(by, no_wrap=True)
    for _name, header in _TABLE_COLUMNS:
        table.add_column(header, justify="right", overflow="fold")
    for row in rows:
        cells = [_cell(name, getattr(row.values, name), row.change.get(name)) for name, _ in _TABLE_COLUMNS]
        table.add_row(row.group or "(none)", *cells)
    console.print(table)
    risks = sorted({risk for row in rows for risk, rate in row.values.risks_per_100_turns_by_id.items() if rate})
    if risks:
        console.print("Risk remarks per 100 agent turns, by risk", soft_wrap=True)
        detail = Table()
        detail.add_column(by, no_wrap=True)
        for risk in risks:
            detail.add_column(risk.replace("_", " "), justify="right", overflow="fold")
        for row in rows:
            detail.add_row(row.group or "(none)", *(
                _cell("risk", row.values.risks_per_100_turns_by_id.get(risk), row.change.get(f"risk:{risk}"))
                for risk in risks))
        console.print(detail)


def _flat(row: IndicatorRow, risks: list[str]) -> dict[str, Any]:
    flat: dict[str, Any] = {"group": row.group, "start": row.start, "end": row.end}
    for name in SCALARS:
        flat[name], flat[f"{name}_change"] = getattr(row.values, name), row.change.get(name)
    for risk in risks:
        flat[f"risk_{risk}_per_100_turns"] = row.values.risks_per_100_turns_by_id.get(risk)
        flat[f"risk_{risk}_change"] = row.change.get(f"risk:{risk}")
    return flat


def _print_csv(by: str, rows: list[IndicatorRow]) -> None:
    risks = list(dict.fromkeys(risk for row in rows for risk in row.values.risks_per_100_turns_by_id))
    header = list(_flat(rows[0], risks)) if rows else ["group", "start", "end", *SCALARS]
    writer = csv.DictWriter(sys.stdout, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(_flat(row, risks))


def _print_json(by: str, rows: list[IndicatorRow]) -> None:
    sys.stdout.write(json.dumps({"by": by, "rows": [row.to_dict() for row in rows]}, ensure_ascii=False,
                                indent=2) + "\n")
