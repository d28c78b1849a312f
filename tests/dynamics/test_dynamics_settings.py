"""dynamics.yaml validates, refuses unknown keys, and every setting is documented."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from egoscope.errors import RuleFileError
from egoscope.model import CUSTOMER_CATEGORIES, EMOTIONS, SIGNALS
from egoscope.settings import Dynamics, load_dynamics

DOC = Path(__file__).resolve().parents[2] / "docs" / "escalation.md"


@pytest.mark.parametrize("params", [load_dynamics()])
def test_packaged_settings_name_known_categories(params: Dynamics) -> None:
    assert set(params.emotion_weights) <= set(EMOTIONS)
    assert set(params.signal_weights) <= set(SIGNALS)
    assert set(params.escalation.heated_categories) <= set(CUSTOMER_CATEGORIES)
    assert set(params.outcome.lost_signals) <= set(SIGNALS)


@pytest.mark.parametrize("field", ["cue_weights", "escalation", "outcome", "emotion_weights", "signal_weights"])
def test_every_setting_is_documented(field: str) -> None:
    params = load_dynamics().model_dump()
    names = [field] + (list(params[field]) if field in ("cue_weights", "escalation", "outcome") else [])
    text = DOC.read_text(encoding="utf-8")
    assert [name for name in names if f"`{name}`" not in text] == []


@pytest.mark.parametrize(("section", "key", "value", "field"), [
    ("escalation", "min_level", 2, "escalation.min_level"),
    ("cue_weights", "shouting", 0.5, "cue_weights.shouting"),
])
def test_bad_settings_name_file_and_field(tmp_path: Path, section: str, key: str, value: object, field: str) -> None:
    data = load_dynamics().model_dump()
    data[section][key] = value
    path = tmp_path / "dynamics.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_dynamics(path)
    assert caught.value.field == field and caught.value.file == str(path) and caught.value.line is not None
