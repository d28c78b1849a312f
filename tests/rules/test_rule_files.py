"""Rule files are data: a bad one fails loudly with its file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from egoscope.errors import RuleFileError
from egoscope.pipeline import Engine
from egoscope.rules.rulebook import language_dir, load_rulebook

GOOD_CATEGORY = """source: test
licence: MIT
categories:
  apology:
    kind: good
    label: {fr: Excuses, en: Apology}
    explanation: {fr: x, en: x}
    rules:
      - id: sorry
        cues: ["désolé"]
"""


def _rule_dir(tmp_path: Path, body: str) -> Path:
    (tmp_path / "scope.yaml").write_bytes((language_dir("fr") / "scope.yaml").read_bytes())
    (tmp_path / "rules_test.yaml").write_text(body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("body", "line", "field"), [
    (GOOD_CATEGORY.replace("kind: good", "kind: nice"), 5, "categories.apology.kind"),
    (GOOD_CATEGORY.replace("apology:", "apologies:"), 4, "categories"),
    (GOOD_CATEGORY.replace('cues: ["désolé"]', 'cues: ["*3"]'), 10, "categories.apology.rules.0.cues.0"),
    (GOOD_CATEGORY.replace('cues: ["désolé"]', 'cues: ["re:(["]'), 10, "categories.apology.rules.0.cues.0"),
    (GOOD_CATEGORY.replace("kind: good", "kind: risk"), 5, "categories.apology"),
    (GOOD_CATEGORY.replace("  - id: sorry", "  - id: sorry\n      - oops"), 11, None),
])
def test_bad_rule_file_names_file_line_field(engine: Engine, tmp_path: Path, body: str, line: int,
                                             field: str | None) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_rulebook(engine.nlp, rule_dir=_rule_dir(tmp_path, body))
    error = caught.value
    assert error.file.endswith("rules_test.yaml")
    assert error.line == line
    if field is not None:
        assert error.field == field


def test_duplicate_category_across_files(engine: Engine, tmp_path: Path) -> None:
    directory = _rule_dir(tmp_path, GOOD_CATEGORY)
    (directory / "rules_other.yaml").write_text(GOOD_CATEGORY, encoding="utf-8")
    with pytest.raises(RuleFileError, match="defined twice"):
        load_rulebook(engine.nlp, rule_dir=directory)


def test_a_cue_is_a_data_change(engine: Engine, tmp_path: Path) -> None:
    directory = _rule_dir(tmp_path, GOOD_CATEGORY.replace('["désolé"]', '["désolé", "mille pardons"]'))
    book = load_rulebook(engine.nlp, rule_dir=directory)
    doc = engine.nlp("Oh, mille pardons madame.")
    assert [doc.vocab.strings[m] for m, _s, _e in book.matcher(doc)] == ["apology/sorry"]


def test_shipped_rule_files_load(engine: Engine) -> None:
    assert set(engine.rulebook.categories) >= {"favour_framing", "commitment", "anger", "churn_intent"}
    assert all(spec.suggestion for spec in engine.rulebook.categories.values() if spec.kind == "risk")


def test_packaged_files_are_copied(tmp_path: Path) -> None:
    shutil.copytree(language_dir("fr"), tmp_path / "fr")
    assert (tmp_path / "fr" / "scope.yaml").exists()
