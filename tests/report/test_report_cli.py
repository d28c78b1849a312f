"""``egoscope report`` and ``egoscope coach`` as a user runs them (in process, real exit codes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_store import SampleStore
from typer.testing import CliRunner

from egoscope.cli.main import app


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "200", "NO_COLOR": "1"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("lang, written", [("fr", "Écrit"), ("en", "Written")])
def test_report_command_writes_one_file(sample_store: SampleStore, tmp_path: Path, lang: str, written: str) -> None:
    out = tmp_path / "report.html"
    code, stdout, _ = run("report", "--out", out, "--lang", lang, "--db", sample_store.path, "--from", "2026-03-01",
                          "--to", "2026-06-30", "--ad-budget", "200000", "--cr-budget", "4000")
    assert code == 0
    assert stdout.strip() == f"{written}: {out.resolve()}"
    assert out.stat().st_size > 1_000_000  # plotly.js is inline
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.parametrize("agent", ["agent-3"])
def test_coach_command_names_the_file_after_the_agent(sample_store: SampleStore, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, agent: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run("coach", agent, "--db", sample_store.path, "--lang", "en")
    assert code == 0
    assert (tmp_path / f"coaching-{agent}.html").is_file()


@pytest.mark.parametrize("args, message", [
    (["coach", "nobody"], "egoscope: unknown agent 'nobody'; known agents: agent-1, agent-2, agent-3, agent-4, "
                          "agent-5, agent-6, agent-7, agent-8"),
    (["report", "--ad-budget", "1000"], "egoscope: --cr-budget is missing: give both --ad-budget and --cr-budget, "
                                        "or neither"),
    (["report", "--lang", "de"], "egoscope: --lang 'de' is not valid; valid: fr, en"),
    (["report", "--from", "2026-13-01"], "egoscope: --from '2026-13-01' is not a date: expected YYYY-MM-DD"),
])
def test_user_errors_are_one_line(sample_store: SampleStore, tmp_path: Path, args: list[str], message: str) -> None:
    code, stdout, stderr = run(*args, "--db", sample_store.path, "--out", tmp_path / "page.html")
    assert code == 2
    assert stderr.strip() == message
    assert not (tmp_path / "page.html").exists()


@pytest.mark.parametrize("command", [["report"], ["coach", "agent-1"]])
def test_a_missing_store_is_not_created(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "none.db"
    code, _, stderr = run(*command, "--db", missing, "--out", tmp_path / "page.html")
    assert code == 2
    assert stderr.startswith(f"egoscope: no store at {missing}")
    assert not missing.exists()
