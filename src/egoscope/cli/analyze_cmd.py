"""``egoscope analyze``: conversations in, explained findings out."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal, TextIO

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from egoscope.cli.common import LANG_OPTION, Lang, console, err_console, load_engine, user_errors
from egoscope.cli.render import category_table, render_conversation, summary_table
from egoscope.errors import ConfigError
from egoscope.io.readers import ReadStats
from egoscope.io.serialize import result_to_dict
from egoscope.model import Conversation, ConversationResult

OutputFormat = Literal["table", "json", "jsonl", "csv"]
PROGRESS_AFTER = 30


def _with_progress(results: Iterator[ConversationResult], enabled: bool) -> Iterator[ConversationResult]:
    """Show a progress line once there are more than a few dozen conversations."""
    if not enabled:
        yield from results
        return
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=None),
                        TextColumn("{task.completed} conversations"), TimeElapsedColumn(),
                        console=err_console, transient=True)
    task = None
    with progress:
        for count, result in enumerate(results, start=1):
            if count == PROGRESS_AFTER:
                task = progress.add_task("analyse", total=None, completed=count)
            elif task is not None:
                progress.update(task, completed=count)
            yield result


@contextlib.contextmanager
def _output(out: Path | None) -> Iterator[TextIO]:
    if out is None:
        yield sys.stdout
        return
    try:
        handle = out.open("w", encoding="utf-8", newline="")
    except OSError as error:
        raise ConfigError(f"--out: cannot write '{out}': {error.strerror}") from error
    with handle:
        yield handle


def analyze(
    files: Annotated[list[Path], typer.Argument(help="Conversation files: .jsonl, .csv or .txt transcripts.")],
    fmt: Annotated[str, typer.Option("--format", help="table, json, jsonl or csv.")] = "table",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the results to this file.")] = None,
    input_format: Annotated[str | None, typer.Option("--input-format", help="Force jsonl, csv or text.")] = None,
    on_error: Annotated[str, typer.Option("--on-error", help="fail (default) or skip bad records.")] = "fail",
    assumptions: Annotated[Path | None, typer.Option("--assumptions", help="YAML overriding cost assumptions.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, max=8,
                                      help="Processes; 0 (default): one per core, up to 4, for inputs of "
                                           "more than 256 conversations.")] = 0,
    lang: Annotated[Lang, LANG_OPTION] = "fr",
    categories: Annotated[list[Path] | None, typer.Option("--categories", help="Custom category YAML file(s).")] = None,
) -> None:
    """Analyse conversations: risks, emotions, escalations, outcome, score and revenue at risk."""
    from egoscope.io.readers import read_conversations
    from egoscope.io.writers import write_results

    if fmt not in ("table", "json", "jsonl", "csv"):
        raise ConfigError(f"--format must be one of table, json, jsonl, csv; not '{fmt}'")
    if on_error not in ("fail", "skip"):
        raise ConfigError(f"--on-error must be 'fail' or 'skip', not '{on_error}'")
    stats = ReadStats()
    conversations: Iterator[Conversation] = read_conversations(
        [str(f) for f in files], input_format=input_format, on_error=on_error, stats=stats)  # type: ignore[arg-type]
    engine = load_engine(lang=lang, assumptions=assumptions, categories=categories, quiet=fmt != "table")
    results = _with_progress(engine.analyze(conversations, n_process=jobs), enabled=err_console.is_terminal)
    with _output(out) as handle:
        if fmt == "table":
            collected = list(results)
            table_console = console if out is None else type(console)(file=handle, width=120)
            for result in sorted(collected, key=lambda r: r.score)[:5]:
                render_conversation(table_console, result, lang)
            table_console.print(summary_table(collected, lang))
            table_console.print(category_table(collected, lang))
            written = len(collected)
        else:
            written = write_results((result_to_dict(r) for r in results), fmt, handle)  # type: ignore[arg-type]
    _summary(written, stats, out)


def _summary(written: int, stats: ReadStats, out: Path | None) -> None:
    """What was analysed and what was skipped, with the first reason: never a silent drop."""
    skipped = stats.skipped
    message = f"{written} conversation(s) analysed"
    if out is not None:
        message += f" → {out}"
    if skipped:
        first = stats.reasons[0] if stats.reasons else None
        detail = f" (first: {first.file}, line {first.line}: {first.message})" if first else ""
        message += f"; {skipped} skipped{detail}"
    err_console.print(f"[dim]{message}[/]")


def register(app: typer.Typer) -> None:
    app.command()(user_errors(analyze))
