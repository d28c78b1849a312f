"""``egoscope check``: an agent checks a draft reply before sending it."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from egoscope.cli.common import LANG_OPTION, Lang, console, err_console, load_engine, user_errors
from egoscope.cli.render import render_check
from egoscope.errors import ConfigError, InputError
from egoscope.io.serialize import check_to_dict

MAX_DRAFT_CHARS = 100_000


def _single_text(text: str) -> str:
    if text == "-":
        data = sys.stdin.buffer.read(MAX_DRAFT_CHARS * 4 + 1)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(f"standard input is not UTF-8 text (byte {error.start})", file="<stdin>") from error
    if not text.strip():
        raise InputError("the draft is empty", file="<stdin>" if text == "" else None, field="text")
    if len(text) > MAX_DRAFT_CHARS:
        raise InputError(f"the draft is too long ({len(text)} characters > {MAX_DRAFT_CHARS})", field="text")
    return text


def _parse_date(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError as error:
        raise ConfigError(f"--date: '{value}' is not an ISO-8601 date (e.g. 2026-05-12 or 2026-05-12T09:30)") from error


def check(
    text: Annotated[str | None, typer.Argument(help="The draft to check; '-' reads standard input.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Many drafts: one per line, or JSONL with "
                                                                   "a 'text' field (an 'id' is echoed back).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON: one object per draft, one per line.")] = False,
    lang: Annotated[Lang, LANG_OPTION] = "fr",
    date: Annotated[str | None, typer.Option(help="Date the draft is sent (ISO-8601), to resolve "
                                                  "commitment deadlines ('sous 48 h').")] = None,
    on_error: Annotated[str, typer.Option("--on-error", help="fail or skip bad lines of --file.")] = "fail",
    categories: Annotated[list[Path] | None, typer.Option("--categories", help="Custom category YAML file(s).")] = None,
) -> None:
    """Check an agent's draft: risky remarks highlighted with why they hurt and a sincere rewrite."""
    from egoscope.io.readers import ReadStats, read_drafts

    if (text is None) == (file is None):
        raise ConfigError("give either a TEXT to check (or '-' for standard input) or --file FILE, not both")
    if on_error not in ("fail", "skip"):
        raise ConfigError(f"--on-error must be 'fail' or 'skip', not '{on_error}'")
    when = _parse_date(date)
    if text is not None:
        draft = _single_text(text)
        engine = load_engine(lang=lang, categories=categories, quiet=as_json)
        result = engine.check(draft, date=when)
        if as_json:
            console.print_json(json.dumps(check_to_dict(result), ensure_ascii=False))
        else:
            render_check(console, result, lang)
        return
    if file is None:  # unreachable: checked above; narrows the type
        return
    stats = ReadStats()
    engine = load_engine(lang=lang, categories=categories, quiet=True)
    drafts = ((draft_id, draft_text) for draft_id, draft_text, _line in
              read_drafts(file, on_error=on_error, stats=stats))  # type: ignore[arg-type]
    for result in engine.check_many(drafts, date=when):
        if as_json:
            sys.stdout.write(json.dumps(check_to_dict(result), ensure_ascii=False) + "\n")
        else:
            if result.id:
                console.print(f"[bold]{result.id}[/]")
            render_check(console, result, lang)
    if stats.skipped:
        err_console.print(f"[yellow]{stats.skipped} draft(s) skipped[/] (first: {stats.reasons[0].message})")


def register(app: typer.Typer) -> None:
    app.command()(user_errors(check))
