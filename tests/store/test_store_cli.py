"""The store commands end to end: ``import`` with the real engine and readers, ``indicators``, ``export``,
and the one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import typer
from rich.console import Console
from sqlalchemy import func, select
from store_fixtures import SAMPLE
from typer.testing import CliRunner

from egoscope.cli import store_cmds
from egoscope.store import Store, open_store
from egoscope.store.tables import ConversationRow, FindingRow, ImportRunRow

SIZE = 12


def stored_ids(url: str) -> list[str]:
    with open_store(url) as store, store.sessions() as session:
        return list(session.scalars(select(ConversationRow.id)))


def test_import_with_the_real_engine_is_idempotent(cli: Any, db_url: str, tmp_path: Path) -> None:
    source = tmp_path / "sample.jsonl"  # a part of the sample corpus: the engine takes ~50 ms a conversation
    source.write_text("\n".join(SAMPLE.read_text(encoding="utf-8").splitlines()[:SIZE]) + "\n", encoding="utf-8")
    first = cli("import", source, "--db", db_url, "--batch-size", "4")
    assert first.exit_code == 0, first.output
    assert f"imported {SIZE}, updated 0, unchanged 0, skipped 0" in first.stdout
    second = cli("import", source, "--db", db_url)
    assert f"imported 0, updated 0, unchanged {SIZE}, skipped 0" in second.stdout
    ids = stored_ids(db_url)
    assert len(ids) == len(set(ids)) == SIZE
    with open_store(db_url) as store, store.sessions() as session:
        runs = session.scalars(select(ImportRunRow).order_by(ImportRunRow.id)).all()
        findings = session.scalar(select(func.count()).select_from(FindingRow))
    assert [run.imported for run in runs] == [SIZE, 0] and runs[0].sources == [str(source)]
    assert runs[0].engine_version.startswith("egoscope ") and runs[0].assumptions
    assert findings and findings > SIZE
    again = cli("reanalyze", "--db", db_url)
    assert again.exit_code == 0 and "reanalysed 0" in again.stdout


@pytest.mark.parametrize("on_error, exit_code, expected", [
    ("skip", 0, "imported 1, updated 0, unchanged 0, skipped 1"),
    ("fail", 2, "egoscope: "),
])
def test_bad_records(cli: Any, tmp_path: Path, on_error: str, exit_code: int, expected: str) -> None:
    good = SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    source = tmp_path / "mixed.jsonl"
    source.write_text(good + "\n" + '{"id": "broken", "turns": []}\n', encoding="utf-8")
    result = cli("import", source, "--db", tmp_path / "s.db", "--on-error", on_error)
    assert result.exit_code == exit_code
    assert expected in result.output
    if on_error == "skip":
        assert "skipped: " in result.stdout and "mixed.jsonl, line 2" in result.stdout
    else:
        assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args, message", [
    (["indicators", "--by", "agent", "--from", "2024-02-30"], "egoscope: --from '2024-02-30' is not a date: expected YYYY-MM-DD"),
    (["indicators", "--by", "customer"], "egoscope: --by 'customer' is not valid; valid: agent, team, channel"),
    (["indicators", "--by", "agent", "--format", "xml"], "egoscope: --format 'xml' is not valid"),
    (["indicators", "--by", "agent", "--db", "postgresql://postgres@127.0.0.1:1/test"],
     "egoscope: cannot open the database postgresql+psycopg://postgres@127.0.0.1:1/test: "),
    (["export", "--out", "x", "--db", "oracle://scott@db/orcl"], "egoscope: unsupported database URL scheme 'oracle://'"),
    (["import", "x.jsonl", "--on-error", "ignore"], "egoscope: --on-error 'ignore' is not valid; valid: fail, skip"),
    (["reanalyze", "--db", "/no/such/folder/x.db"], "egoscope: cannot create the database /no/such/folder/x.db"),
])
def test_user_errors_are_one_line_without_traceback(args: list[str], message: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = typer.Typer()
    store_cmds.register(app)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


@pytest.fixture
def filled_url(filled_store: Store, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(store_cmds, "console", Console(width=250, highlight=False))  # wide tables, no wrapping
    return filled_store.url.render_as_string(hide_password=False)


def run(*args: Any) -> Any:
    app = typer.Typer()
    store_cmds.register(app)
    return CliRunner().invoke(app, [str(a) for a in args])


def test_indicators_table(filled_url: str) -> None:
    result = run("indicators", "--by", "agent", "--db", filled_url, "--from", "2024-03-11", "--to", "2024-03-15")
    assert result.exit_code == 0, result.output
    bob = next(line for line in result.stdout.splitlines() if "bob" in line)
    assert "0.0 (-100.0)" in bob and "80.0 (+60.0)" in bob  # risks/100 turns and score against 03-06..03-10
    assert "Risk remarks per 100 agent turns" in result.stdout


def test_indicators_csv_and_json(filled_url: str) -> None:
    as_csv = run("indicators", "--by", "week", "--format", "csv", "--db", filled_url)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [row["group"] for row in rows] == ["2024-03-04", "2024-03-11"]
    assert rows[1]["conversations"] == "5" and rows[1]["conversations_change"] == "2"
    assert float(rows[1]["risk_blame_customer_per_100_turns"]) == pytest.approx(20.0)
    as_json = json.loads(run("indicators", "--by", "team", "--format", "json", "--db", filled_url).stdout)
    assert as_json["by"] == "team"
    team_a = next(row for row in as_json["rows"] if row["group"] == "A")
    assert team_a["values"]["conversations"] == 5 and team_a["previous"] is None


def test_indicators_as_of_recomputes_promises(filled_url: str) -> None:
    result = run("indicators", "--by", "month", "--format", "json", "--as-of", "2024-03-25", "--db", filled_url)
    month = json.loads(result.stdout)["rows"][0]["values"]
    assert (month["commitments_open"], month["commitments_overdue"]) == (0, 2)
    run("indicators", "--by", "month", "--as-of", "2024-03-15", "--db", filled_url)  # back as the others expect


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_command(filled_url: str, tmp_path: Path, fmt: str) -> None:
    result = run("export", "--format", fmt, "--out", tmp_path / "bi", "--db", filled_url)
    assert result.exit_code == 0, result.output
    assert f"conversations.{fmt}: 9 rows" in result.stdout and f"findings.{fmt}: 18 rows" in result.stdout


def test_the_commands_are_registered_in_the_main_app() -> None:
    pytest.importorskip("egoscope.cli.analyze_cmd", reason="the main app needs the other command modules")
    from typer.main import get_command

    from egoscope.cli.main import app

    names = set(get_command(app).commands)  # type: ignore[attr-defined]
    assert {"import", "reanalyze", "indicators", "export"} <= names
