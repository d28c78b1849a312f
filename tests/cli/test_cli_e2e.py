"""The ``egoscope`` command end to end, as a user runs it (subprocess: real exit codes, real stdout)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from egoscope.cli.main import app

REPO = Path(__file__).resolve().parents[2]
SCHEMA_DIR = REPO / "src" / "egoscope" / "schema"
SEEDS = REPO.parent / "shared" / "checks" / "seed-sentences.jsonl"
RISKS = {"favour_framing", "blame_customer", "lecturing", "effort_display", "deflecting_blame", "unexplained_refusal",
         "powerlessness", "gatekeeping", "doubting_good_faith", "condescension", "untimely_offer"}


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def run(*args: str, stdin: str | None = None) -> Done:
    """Run the CLI in this process (the engine is loaded once per test process)."""
    result = CliRunner().invoke(app, list(args), input=stdin, env={"COLUMNS": "120", "NO_COLOR": "1"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Done(result.exit_code, result.stdout, result.stderr)


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real ``python -m egoscope`` for what only a process shows: exit codes and no traceback."""
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "egoscope", *args], capture_output=True, text=True,
                          env=env, timeout=300, check=False)


def schema(name: str) -> dict[str, object]:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", ["Normalement on fait payer la différence, c'est votre jour de chance."])
def test_check_json(text: str) -> None:
    done = run("check", "--json", text)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    jsonschema.validate(result, schema("check.schema.json"))
    assert "favour_framing" in {f["category"] for f in result["findings"]}
    for finding in result["findings"]:
        assert text[finding["start"]:finding["end"]] == finding["evidence"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_check_human_output_reads_stdin(lang: str) -> None:
    done = run("check", "--lang", lang, "-", stdin="Calmez-vous, madame.")
    assert done.returncode == 0, done.stderr
    assert "condescension" in done.stdout
    assert ("Reformulation" if lang == "fr" else "Rewrite") in done.stdout


@pytest.mark.parametrize("drafts", [
    '{"id": "a", "text": "Calmez-vous."}\nMerci pour votre patience, je vous rembourse aujourd\'hui.\n\n'
    '{"id": "c", "text": "Selon nos informations, le colis a bien été livré."}\n',
])
def test_check_file_one_result_per_line_in_order(tmp_path: Path, drafts: str) -> None:
    path = tmp_path / "drafts.jsonl"
    path.write_text(drafts, encoding="utf-8")
    done = run("check", "--json", "--file", str(path))
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r.get("id") for r in results] == ["a", None, "c"]
    assert not [f for f in results[1]["findings"] if f["kind"] == "risk"]
    for result in results:
        jsonschema.validate(result, schema("check.schema.json"))


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/checks is not beside the checkout")
def test_seed_sentences_floor() -> None:
    done = run("check", "--json", "--file", str(SEEDS))
    assert done.returncode == 0, done.stderr
    wanted = [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines() if line.strip()]
    got = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(got) == len(wanted)
    for want, result in zip(wanted, got, strict=True):
        risks = {f["category"] for f in result["findings"]} & RISKS
        assert risks == set(want["expect"]) & RISKS, want["id"]


@pytest.mark.parametrize(("args", "message"), [
    (["check"], "give either a TEXT"),
    (["check", "   "], "empty"),
    (["analyze", "missing.jsonl"], "missing.jsonl"),
    (["analyze", "--format", "xml", "x.jsonl"], "--format"),
])
def test_user_errors_are_one_line(args: list[str], message: str) -> None:
    done = run_process(*args)
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_analyze_jsonl_validates_against_schema(sample_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    done = run("analyze", str(sample_dir / "conversations.jsonl"), "--format", "jsonl", "--out", str(out))
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(results) >= 40
    for result in results:
        jsonschema.validate(result, schema("result.schema.json"))
        for turn in result["turns"]:
            for finding in turn["findings"]:
                assert turn["text"][finding["start"]:finding["end"]] == finding["evidence"]
    greengrocer = next(r for r in results if r["id"] == "demo-01")
    assert greengrocer["revenue_at_risk"]["annual_value_eur"] == 780
    assert "favour_framing" in {f["category"] for t in greengrocer["turns"] for f in t["findings"]}


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_analyze_all_input_formats(sample_dir: Path, fmt: str) -> None:
    files = [str(sample_dir / name) for name in ("conversations.csv", "transcripts.txt")]
    done = run("analyze", *files, "--format", fmt)
    assert done.returncode == 0, done.stderr
    if fmt == "json":
        results = json.loads(done.stdout)
        assert len(results) == 6
        for result in results:
            jsonschema.validate(result, schema("result.schema.json"))
    elif fmt == "csv":
        assert done.stdout.startswith("conversation_id,")


@pytest.mark.parametrize(("on_error", "code"), [("fail", 2), ("skip", 0)])
def test_analyze_bad_record(tmp_path: Path, on_error: str, code: int) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok", "turns": [{"speaker": "client", "text": "Bonjour"}]}\n{"id": "x", "turns": [}\n',
                    encoding="utf-8")
    done = run_process("analyze", str(path), "--format", "jsonl", "--on-error", on_error)
    assert done.returncode == code
    assert "Traceback" not in done.stderr
    assert "line 2" in done.stderr
    if on_error == "skip":
        assert len(done.stdout.splitlines()) == 1
        assert "1 skipped" in done.stderr


def test_assumptions_echoed(sample_dir: Path, tmp_path: Path) -> None:
    assumptions = tmp_path / "a.yaml"
    assumptions.write_text("default_annual_value_eur: 1000\n", encoding="utf-8")
    done = run("analyze", str(sample_dir / "transcripts.txt"), "--format", "jsonl", "--assumptions", str(assumptions))
    assert done.returncode == 0, done.stderr
    first = json.loads(done.stdout.splitlines()[0])
    assert first["revenue_at_risk"]["assumptions"]["default_annual_value_eur"] == 1000


def test_demo_runs() -> None:
    done = run("demo", "--worst", "1")
    assert done.returncode == 0, done.stderr
    assert "demo-" in done.stdout
