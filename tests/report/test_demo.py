"""``write_demo_report``: results, conversations or files into a throw-away store, then the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pagetext import visible_text
from sample_store import SAMPLE

from egoscope.io.readers import read_conversations
from egoscope.pipeline import Engine
from egoscope.report.demo import write_demo_report

FIRST = 4


@pytest.fixture(scope="module")
def few_results(engine: Any) -> list[Any]:
    conversations = list(read_conversations([str(SAMPLE)]))[:FIRST]
    return list(engine.analyze(conversations))


@pytest.mark.parametrize("lang, scope", [("en", f"{FIRST} conversations · "), ("fr", f"{FIRST} conversations · ")])
def test_results_are_stored_without_a_second_analysis(few_results: list[Any], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, lang: str, scope: str) -> None:
    monkeypatch.setattr(Engine, "load", _no_engine)
    path = write_demo_report(few_results, tmp_path / "report.html", lang)
    assert path == (tmp_path / "report.html").resolve()
    text = visible_text(path.read_text(encoding="utf-8"))
    assert scope in text
    assert list(tmp_path.iterdir()) == [path]  # the temporary store is gone


@pytest.mark.parametrize("lines", [3])
def test_files_are_read_and_analysed(engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     lines: int) -> None:
    source = tmp_path / "few.jsonl"
    source.write_text("".join(SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:lines]),
                      encoding="utf-8")
    monkeypatch.setattr(Engine, "load", lambda **_options: engine)
    path = write_demo_report([source], tmp_path / "out.html", "en")
    assert f"{lines} conversations · " in visible_text(path.read_text(encoding="utf-8"))


def _no_engine(**_options: Any) -> Engine:
    raise AssertionError("analysed results must not load the engine again")
