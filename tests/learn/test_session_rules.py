"""Tuning inputs and the small decision rules added with the later data batches."""

from __future__ import annotations

import pytest

from egoscope.learn.train import unseen_rule_recall
from egoscope.model import AGENT_CATEGORIES, CUSTOMER_CATEGORIES
from egoscope.pipeline import Engine


@pytest.mark.parametrize("side, categories", [("agent", AGENT_CATEGORIES), ("customer", CUSTOMER_CATEGORIES)])
def test_unseen_rule_recall_covers_every_category(side: str, categories: tuple[str, ...]) -> None:
    recall = unseen_rule_recall(side)  # type: ignore[arg-type]
    assert set(categories) <= set(recall)
    assert all(0.0 < value <= 1.0 for value in recall.values())


@pytest.mark.parametrize("text", ["Non, rien.", "Oui, voilà.", "Non merci, c'est tout."])
def test_short_turns_get_no_model_finding(engine: Engine, text: str) -> None:
    result = next(engine.check_many([(None, text)], speaker="customer"))
    assert not [f for f in result.findings if f.source == "model"]


@pytest.mark.parametrize("text", [
    "Un technicien passe demain matin entre 8 h et 10 h.",
    "Livraison programmée demain avant midi.",
    "Rendez-vous confirmé pour mardi à 9 h 30.",
])
def test_someone_elses_action_by_a_deadline_is_a_commitment(engine: Engine, text: str) -> None:
    assert "commitment" in {f.category for f in engine.check(text).findings}


@pytest.mark.parametrize("text", [
    "Vous avez quatorze jours pour retourner l'article.",
    "Le magasin est fermé demain.",
])
def test_deadline_without_a_promise_is_no_commitment(engine: Engine, text: str) -> None:
    assert "commitment" not in {f.category for f in engine.check(text).findings}


@pytest.mark.parametrize("text, category", [
    ("Vous êtes sûr de vouloir résilier dès aujourd'hui ?", "doubting_good_faith"),
    ("Vous êtes sur quel navigateur ?", "doubting_good_faith"),
    ("Nos techniciens sont mobilisés sur la coupure de votre secteur, nous revenons vers vous dès que possible.",
     "effort_display"),
    ("Nous sommes toujours dans l'attente d'un retour de votre part.", "blame_customer"),
    ("Vous êtes libre de ne pas prendre l'option, elle est facultative.", "gatekeeping"),
])
def test_look_alikes_stay_clean(engine: Engine, text: str, category: str) -> None:
    assert category not in {f.category for f in engine.check(text).findings}


@pytest.mark.parametrize("text, category", [
    ("Vous êtes sûr de ne pas l'avoir reçu ?", "doubting_good_faith"),
    ("Cette intervention a mobilisé notre équipe technique pendant plus de dix heures.", "effort_display"),
    ("Le dossier a été clôturé faute de réponse de votre part dans le délai imparti.", "blame_customer"),
    ("Si ça ne vous plaît pas, partez.", "gatekeeping"),
])
def test_the_narrowed_cues_still_fire(engine: Engine, text: str, category: str) -> None:
    assert category in {f.category for f in engine.check(text).findings}


@pytest.mark.parametrize("text, category, expected", [
    ("Ce n'est pas possible.", "unexplained_refusal", True),  # the guide's own example
    ("Malheureusement, ce n'est pas possible.", "unexplained_refusal", True),
    ("Ce n'est pas possible en ligne ; en revanche, vous pouvez passer en agence.", "unexplained_refusal", False),
    ("Ce n'est pas possible, car le produit a été porté.", "unexplained_refusal", False),
    pytest.param("Ce n'est pas impossible, je regarde tout de suite.", "unexplained_refusal", False,
                 marks=pytest.mark.xfail(reason="the model adds it on 'impossible' (no rule fires): known", strict=True)),
    ("Un conseiller vous recontactera sous 48 h.", "commitment", True),  # "h." is one token
    ("Je vous rappelle dans 2 h.", "commitment", True),
    ("Le magasin ouvre à 9 h.", "commitment", False),
])
def test_refusal_and_deadline_at_sentence_end(engine: Engine, text: str, category: str, expected: bool) -> None:
    assert (category in {f.category for f in engine.check(text).findings}) is expected
