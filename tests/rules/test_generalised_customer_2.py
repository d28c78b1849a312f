"""Customer rules (French): indirect anger, exasperation in its many forms, and the look-alikes
that must not read as a compensation demand or as frustration. Sentences written for these tests."""

from __future__ import annotations

import pytest

from egoscope.pipeline import Engine


@pytest.fixture(scope="module")
def rules_engine() -> Engine:
    return Engine.load(use_model=False)


def _categories(engine: Engine, text: str) -> set[str]:
    result = next(engine.check_many([(None, text)], speaker="customer"))
    return {f.category for f in result.findings}


@pytest.mark.parametrize(("text", "category"), [
    # anger: disbelieved, accused, insulted, threatening
    ("Donc je mens, c'est ça ? J'ai la facture sous les yeux.", "anger"),
    ("Le gardien m'a traité de fraudeur devant mes voisins.", "anger"),
    ("Vous refusez de me rendre ma caution alors que l'état des lieux était parfait ?", "anger"),
    ("C'est insultant, cette façon de répondre.", "anger"),
    ("Je ne me calmerai pas tant que personne ne m'aura expliqué.", "anger"),
    ("Je ne suis pas un voleur, j'ai payé ce sac.", "anger"),
    ("L'agence prétend que nous avons cassé le volet.", "anger"),
    ("Vous allez payer pour ce que vous avez fait à ma voiture.", "anger"),
    # exasperation: runaround, counted contacts, unanswered letters, long holds
    ("On me dit d'aller en agence, l'agence me dit d'appeler la plateforme.", "exasperation"),
    ("Quatrième ticket ouvert pour la même panne.", "exasperation"),
    ("Douze appels et toujours personne pour m'aider.", "exasperation"),
    ("Mes deux précédents courriers sont restés sans réponse.", "exasperation"),
    ("Une heure et demie en attente au téléphone pour une question simple.", "exasperation"),
    # compensation: asking for one's own refund, even as a question
    ("Comment obtenir le remboursement de mon billet ?", "compensation_demand"),
    ("Pourriez-vous me rembourser les frais de port ?", "compensation_demand"),
    ("Je veux au moins le remboursement des frais.", "compensation_demand"),
    ("Je veux un remboursement partiel pour les deux nuits sans chauffage.", "compensation_demand"),
    ("Ce repas froid, je ne le paie pas.", "compensation_demand"),
])
def test_detected(rules_engine: Engine, text: str, category: str) -> None:
    assert category in _categories(rules_engine, text)


@pytest.mark.parametrize(("text", "category"), [
    # a refund already promised and late is frustration, not a new demand
    ("Je voudrais savoir quand le remboursement arrivera sur mon compte.", "compensation_demand"),
    ("Je suis toujours pas remboursée de ma commande annulée.", "compensation_demand"),
    ("Il y a une vraie différence de qualité, merci pour votre conseil.", "compensation_demand"),
    ("Je voudrais prendre rendez-vous pour jeudi.", "compensation_demand"),
    # "un" is not a count of contacts
    ("J'ai reçu un mail pour confirmer ma réservation.", "exasperation"),
    # waiting words inside an exasperated sentence: one dominant emotion
    ("Ça fait trois semaines que j'appelle et personne ne décroche.", "frustration"),
    # "nulle part", "ça suffira", "accuser réception": not anger
    ("Je ne trouve ce modèle nulle part en magasin.", "anger"),
    ("Un câble de deux mètres, ça suffira.", "anger"),
    ("Merci d'accuser réception de mon dossier.", "anger"),
])
def test_not_detected(rules_engine: Engine, text: str, category: str) -> None:
    assert category not in _categories(rules_engine, text)
