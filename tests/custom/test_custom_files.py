"""Custom-category files are validated loudly: every error names the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from egoscope.custom import load_categories, load_category, load_detector
from egoscope.errors import RuleFileError
from egoscope.model import ALL_CATEGORIES

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples" / "custom"

VALID = """\
id: forbidden_policy_phrase
kind: risk
label: {fr: "Phrase interdite", en: "Forbidden phrase"}
explanation: {fr: "Un refus sans raison.", en: "A refusal with no reason."}
suggestion: {fr: "Donnez la raison.", en: "Give the reason."}
threshold: 0.6
examples:
  - "ce n'est pas notre politique"
  - "notre politique ne le permet pas"
  - "ça va contre notre politique"
  - "la politique de la société nous l'interdit"
  - "ce n'est pas dans nos procédures"
counter_examples:
  - "notre politique de retour est de 30 jours"
"""


def write(tmp_path: Path, text: str, name: str = "category.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text", [VALID])
def test_valid_file_loads(tmp_path: Path, text: str) -> None:
    category = load_category(write(tmp_path, text), reserved=ALL_CATEGORIES)
    assert category.id == "forbidden_policy_phrase"
    assert category.spec.threshold == 0.6 and len(category.spec.examples) == 5


@pytest.mark.parametrize("path", sorted(EXAMPLES_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_shipped_examples_load(path: Path) -> None:
    assert load_category(path, reserved=ALL_CATEGORIES).spec.examples


BAD_FILES = [
    # (what is wrong, replace this, by this, field named, line named)
    ("risk without suggestion", 'suggestion: {fr: "Donnez la raison.", en: "Give the reason."}\n', "",
     "suggestion", 1),
    ("unknown kind", "kind: risk", "kind: danger", "kind", 2),
    ("label without English", 'label: {fr: "Phrase interdite", en: "Forbidden phrase"}',
     'label: {fr: "Phrase interdite"}', "label.en", 3),
    ("threshold out of range", "threshold: 0.6", "threshold: 1.5", "threshold", 6),
    ("misspelt key", "counter_examples:", "contre_exemples:", "contre_exemples", 14),
    ("too few examples", '  - "ce n\'est pas dans nos procédures"\n', "", "examples", 8),
    ("empty example", '  - "ça va contre notre politique"', '  - ""', "examples.2", 10),
    ("duplicate example", '  - "ce n\'est pas dans nos procédures"', '  - "Ce n\'est pas notre politique"',
     "examples.4", 12),
    ("counter-example that is an example", '  - "notre politique de retour est de 30 jours"',
     '  - "notre politique ne le permet pas"', "counter_examples.0", 14),
    ("id with capitals", "id: forbidden_policy_phrase", "id: Forbidden-Phrase", "id", 1),
]


@pytest.mark.parametrize(("case", "old", "new", "field", "line"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_names_file_line_and_field(tmp_path: Path, case: str, old: str, new: str, field: str,
                                            line: int) -> None:
    assert old in VALID, case
    path = write(tmp_path, VALID.replace(old, new))
    with pytest.raises(RuleFileError) as caught:
        load_category(path, reserved=ALL_CATEGORIES)
    error = caught.value
    assert (error.file, error.line, error.field) == (str(path), line, field)
    assert str(path) in str(error) and f"line {line}" in str(error) and f"field '{field}'" in str(error)


@pytest.mark.parametrize(("text", "line"), [("id: x\nkind: [risk\n", 3), ("", None)])
def test_unreadable_yaml_names_the_file(tmp_path: Path, text: str, line: int | None) -> None:
    path = write(tmp_path, text)
    with pytest.raises(RuleFileError) as caught:
        load_category(path)
    assert caught.value.file == str(path) and caught.value.line == line


@pytest.mark.parametrize("builtin", ["apology", "anger", "churn_intent"])
def test_builtin_id_collision(tmp_path: Path, builtin: str) -> None:
    path = write(tmp_path, VALID.replace("id: forbidden_policy_phrase", f"id: {builtin}"))
    with pytest.raises(RuleFileError) as caught:
        load_detector([path], reserved=ALL_CATEGORIES)
    assert (caught.value.field, caught.value.line) == ("id", 1)
    assert f"'{builtin}' is a built-in category" in str(caught.value)


@pytest.mark.parametrize("names", [("a.yaml", "b.yaml")])
def test_two_files_with_one_id(tmp_path: Path, names: tuple[str, str]) -> None:
    first, second = (write(tmp_path, VALID, name) for name in names)
    with pytest.raises(RuleFileError) as caught:
        load_categories([first, second])
    assert caught.value.file == str(second) and str(first) in str(caught.value)


@pytest.mark.parametrize("missing", ["no-such-file.yaml"])
def test_missing_file(tmp_path: Path, missing: str) -> None:
    with pytest.raises(RuleFileError, match="cannot read file"):
        load_categories([tmp_path / missing])


@pytest.mark.parametrize("paths", [[]])
def test_no_files_no_detector(paths: list[Path]) -> None:
    assert load_detector(paths, reserved=ALL_CATEGORIES) is None
