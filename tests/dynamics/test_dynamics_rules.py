"""Escalations, triggers and outcomes from hand-built findings: the definitions, then the hard cases."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from egoscope.analyzers import dynamics
from egoscope.model import Finding, Outcome, Speaker, Turn, kind_of
from egoscope.settings import Dynamics, load_dynamics

PARAMS = load_dynamics()

# One turn of a hand-built conversation: (speaker, text, categories read on it).
Spec = tuple[Speaker, str, tuple[str, ...]]


def finding(category: str, intensity: float = 0.7) -> Finding:
    kind = kind_of(category)
    return Finding(category=category, kind=kind, start=0, end=1, evidence="x", rule=f"test/{category}",
                   explanation="", intensity=intensity if kind == "emotion" else None)


def run(specs: Sequence[Spec], params: Dynamics = PARAMS) -> tuple[list[tuple[int, int | None]], Outcome]:
    """What the pipeline does after the rules: levels, escalations (turn, trigger) and outcome."""
    turns = [Turn(speaker=speaker, text=text) for speaker, text, _ in specs]
    findings = [tuple(finding(c) for c in categories) for _, _, categories in specs]
    speakers = [turn.speaker for turn in turns]
    levels = {i: dynamics.customer_level(turns, i, findings[i], params)
              for i, turn in enumerate(turns) if turn.speaker == "customer"}
    customer_findings = {i: findings[i] for i in levels}
    found = dynamics.escalations(speakers, levels, params)
    outcome = dynamics.outcome(customer_findings, levels, False, params)
    return [(e.turn, e.trigger_turn) for e in found], outcome


C: Speaker = "customer"
A: Speaker = "agent"

ESCALATION_CASES: list[tuple[str, list[Spec], list[tuple[int, int | None]]]] = [
    ("calm then anger: trigger is the agent turn in between",
     [(C, "Bonjour, ma commande n'est pas arrivée.", ()), (A, "Selon nos informations, elle est livrée.", ()),
      (C, "Vous me traitez de menteur.", ("anger",))], [(2, 1)]),
    ("the customer's first turn never counts",
     [(C, "C'est scandaleux, rien ne marche.", ("anger",)), (A, "Je regarde.", ()), (C, "Merci.", ("satisfaction",))],
     []),
    ("first customer turn after an agent opening never counts either",
     [(A, "Bonjour, que puis-je pour vous ?", ()), (C, "C'est scandaleux.", ("anger",))], []),
    ("sustained anger is one escalation, not two",
     [(C, "Bonjour.", ()), (A, "Calmez-vous.", ()), (C, "Pardon ?", ("anger",)), (A, "Je répète.", ()),
      (C, "Je résilie.", ("anger", "churn_intent"))], [(2, 1)]),
    ("trigger is the nearest agent turn when the agent spoke twice",
     [(C, "Bonjour.", ()), (A, "Un instant.", ()), (A, "Ce n'est pas moi qui décide.", ()),
      (C, "Je vais voir ailleurs.", ("churn_intent",))], [(3, 2)]),
    ("two customer turns in a row: trigger is the agent turn before both",
     [(C, "Bonjour.", ()), (A, "Non.", ()), (C, "Pardon ?", ()), (C, "Je vais laisser un avis.", ("public_complaint",))],
     [(3, 1)]),
    ("calm again, then a second escalation",
     [(C, "Bonjour.", ()), (A, "Non.", ()), (C, "Scandaleux.", ("anger",)), (A, "Pardon.", ()),
      (C, "Bon, d'accord.", ()), (A, "Calmez-vous.", ()), (C, "Je résilie.", ("churn_intent",))], [(2, 1), (6, 5)]),
    ("a mild emotion alone is not an escalation",
     [(C, "Bonjour.", ()), (A, "Non.", ()), (C, "Je suis un peu déçu.", ("disappointment",))], []),
    ("sarcastic thanks do not relieve a churn intent",
     [(C, "Bonjour.", ()), (A, "Non.", ()), (C, "Parfait, je résilie.", ("satisfaction", "churn_intent"))], [(2, 1)]),
    ("enthusiastic thanks are not an outburst",
     [(C, "Bonjour.", ()), (A, "C'est fait.", ()), (C, "Merci beaucoup, c'est parfait !", ("satisfaction",))], []),
    ("a question is not an outburst",
     [(C, "Bonjour.", ()), (A, "C'est en cours.", ()), (C, "Quand arrivera-t-il ?", ())], []),
    ("arousal cues catch an angry turn the rules missed",
     [(C, "Bonjour, j'ai un souci.", ()), (A, "Vous êtes sûr ?", ()),
      (C, "Comment ça, sûr ?? Si je l'avais reçu, je ne vous appellerais pas, vous pensez bien !", ())], [(2, 1)]),
    ("arousal cues raise a mild emotion to heated",
     [(C, "Bonjour.", ()), (A, "Non.", ()), (C, "Franchement, c'est agaçant !", ("annoyance",))], [(2, 1)]),
    ("no customer turn, no escalation", [(A, "Bonjour.", ())], []),
]


@pytest.mark.parametrize(("name", "specs", "expected"), ESCALATION_CASES, ids=[c[0] for c in ESCALATION_CASES])
def test_escalations(name: str, specs: list[Spec], expected: list[tuple[int, int | None]]) -> None:
    assert run(specs)[0] == expected, name


OUTCOME_CASES: list[tuple[str, list[Spec], Outcome]] = [
    ("calm and thanked", [(C, "Bonjour.", ()), (A, "C'est fait.", ()), (C, "Merci.", ("satisfaction",))], "resolved"),
    ("calm, no thanks", [(C, "Bonjour.", ()), (A, "C'est fait.", ()), (C, "D'accord.", ())], "resolved"),
    ("angry, then satisfied", [(C, "Bonjour.", ()), (A, "Non.", ()), (C, "Scandaleux.", ("anger",)),
                               (A, "Pardon, je rembourse.", ()), (C, "Merci.", ("satisfaction",))], "retained"),
    ("churn intent, then won back", [(C, "Je résilie.", ("churn_intent",)), (A, "Je vous rembourse.", ()),
                                     (C, "Merci.", ("satisfaction",))], "retained"),
    ("churn intent unanswered", [(C, "Bonjour.", ()), (A, "Non.", ()), (C, "Je résilie.", ("churn_intent",)),
                                 (A, "Très bien.", ())], "lost"),
    ("churn intent, sarcastic thanks", [(C, "Bonjour.", ()), (A, "Non.", ()),
                                        (C, "Parfait, je résilie.", ("satisfaction", "churn_intent"))], "lost"),
    ("churn intent, then still angry", [(C, "Bonjour.", ()), (A, "Non.", ()), (C, "Je résilie.", ("churn_intent",)),
                                        (A, "Un geste ?", ()), (C, "Gardez-le.", ("anger",))], "lost"),
    ("angry and never satisfied since", [(C, "Bonjour.", ()), (A, "Non.", ()), (C, "Scandaleux.", ("anger",)),
                                         (A, "Je transmets.", ()), (C, "Bon.", ())], "at_risk"),
    ("ends frustrated", [(C, "Bonjour.", ()), (A, "Non.", ()), (C, "Toujours rien.", ("frustration",))], "at_risk"),
    ("public complaint, no churn", [(C, "Bonjour.", ()), (A, "Non.", ()),
                                    (C, "Je vais laisser un avis.", ("public_complaint",))], "at_risk"),
]


@pytest.mark.parametrize(("name", "specs", "expected"), OUTCOME_CASES, ids=[c[0] for c in OUTCOME_CASES])
def test_outcome(name: str, specs: list[Spec], expected: Outcome) -> None:
    assert run(specs)[1] == expected, name


@pytest.mark.parametrize(("last_word_risk", "expected"), [(False, "resolved"), (True, "at_risk")])
def test_risky_last_word_without_customer_turn(last_word_risk: bool, expected: Outcome) -> None:
    assert dynamics.outcome({}, {}, last_word_risk, PARAMS) == expected


@pytest.mark.parametrize(("text", "previous", "cues"), [
    ("Merci.", None, set()),
    ("Vraiment ?!", "Bonjour.", {"exclamation", "question", "insistent_punctuation"}),
    ("Quoi ? ?", None, {"question", "insistent_punctuation"}),
    ("x" * 90, "Bonjour, mon colis ?", {"longer_message"}),
    ("x" * 25, "ok", set()),  # a short first message does not make every reply "longer"
])
def test_arousal_cues(text: str, previous: str | None, cues: set[str]) -> None:
    assert dynamics.arousal_cues(text, previous, PARAMS) == cues


@pytest.mark.parametrize("categories", [("satisfaction",), ("satisfaction", "anger")])
def test_negativity_is_bounded(categories: tuple[str, ...]) -> None:
    level = dynamics.negativity([finding(c, 1.0) for c in categories], PARAMS, ("exclamation", "question"))
    assert 0.0 <= level <= 1.0


@pytest.mark.parametrize("score", [0.9])
def test_model_finding_without_intensity_uses_its_score(score: float) -> None:
    model = Finding(category="anger", kind="emotion", start=0, end=1, evidence="x", rule="model/anger",
                    explanation="", source="model", score=score)
    assert dynamics.emotions_of([model]) == {"anger": score}
