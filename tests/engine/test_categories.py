"""One positive set and one hard-negative set per taxonomy id, through ``Engine.check``."""

from __future__ import annotations

import pytest

from egoscope.model import RISKS
from egoscope.pipeline import Engine

AGENT_POSITIVES = [
    ("favour_framing", "Normalement on fait payer la différence, c'est votre jour de chance."),
    ("favour_framing", "Vous avez de la chance, d'habitude on ne reprend pas les fruits."),
    ("favour_framing", "Estimez-vous heureuse qu'on vous l'échange."),
    ("favour_framing", "Bon, exceptionnellement je vous le reprends."),
    ("blame_customer", "C'est à vous de me dire ce que vous voulez."),
    ("blame_customer", "Vous voyez bien qu'elle est abîmée, vous l'avez mal rangée."),
    ("blame_customer", "Vous n'aviez qu'à lire les conditions."),
    ("lecturing", "Vous auriez dû nous appeler avant de renvoyer le colis."),
    ("lecturing", "Vous devriez faire ceci ou cela avant de demander ceci ou cela."),
    ("lecturing", "La prochaine fois, pensez à garder votre ticket."),
    ("effort_display", "Je vais devoir mettre à la poubelle la marchandise que vous rapportez."),
    ("effort_display", "Vous vous rendez compte du travail que ça représente ?"),
    ("deflecting_blame", "Ce n'est pas de notre faute, c'est le transporteur qui a perdu le colis."),
    ("deflecting_blame", "Nous n'y sommes pour rien."),
    ("unexplained_refusal", "La compagnie ne peut pas vous assurer."),
    ("unexplained_refusal", "Non, ce n'est pas possible."),
    ("powerlessness", "Ce n'est pas moi qui décide, je ne fais que vous transmettre la décision."),
    ("powerlessness", "Je ne peux rien faire pour vous."),
    ("gatekeeping", "La compagnie se garde le privilège de faire affaire avec les personnes qu'elle choisit."),
    ("gatekeeping", "Si ça ne vous plaît pas, allez voir ailleurs."),
    ("doubting_good_faith", "Selon nos informations, le colis a bien été livré."),
    ("doubting_good_faith", "Vous êtes sûr de ne pas l'avoir reçu ?"),
    ("condescension", "Calmez-vous, madame."),
    ("condescension", "Comme je vous l'ai déjà dit, ce n'est pas compliqué."),
    ("untimely_offer", "Désolé pour la panne ; au fait, profitez de notre offre fibre à -30 % ce mois-ci !"),
    ("apology", "Je suis désolée pour ce contretemps."),
    ("apology", "Toutes nos excuses pour le retard."),
    ("ownership", "L'erreur vient de chez nous."),
    ("ownership", "Ce n'est pas du tout de votre faute, nous nous sommes trompés."),
    ("solution", "Je vous rembourse aujourd'hui."),
    ("explanation", "Nous ne pouvons pas l'échanger car il a été porté."),
    ("alternative", "En revanche, je peux vous proposer un avoir."),
    ("empathy", "Je comprends tout à fait votre agacement."),
    ("recognition", "Merci pour votre fidélité depuis cinq ans."),
    ("recognition", "Merci de nous l'avoir signalé."),
    ("commitment", "Vous serez remboursé sous 48 heures."),
    ("commitment", "Je vous rappelle demain avant midi."),
]

# Look-alikes that must not raise the given risk (negation, scope, information, quotation).
AGENT_HARD_NEGATIVES = [
    ("blame_customer", "Ce n'est pas du tout de votre faute, je m'en occupe."),
    ("lecturing", "Vous auriez dû recevoir un SMS de confirmation, je suis désolé."),
    ("lecturing", "Il faut compter trois jours ouvrés pour la livraison."),
    ("unexplained_refusal", "Nous ne pouvons pas l'échanger car il a été porté."),
    ("unexplained_refusal", "Ce n'est pas possible en ligne ; en revanche, vous pouvez passer en agence."),
    ("favour_framing", "Normalement, vous recevrez le colis demain."),
    ("favour_framing", "Vous me dites qu'on vous a répondu « c'est votre jour de chance » : je m'en excuse."),
    ("doubting_good_faith", "Selon nos informations, votre colis arrive demain."),
    ("condescension", "Prenez votre temps, je reste en ligne."),
    ("untimely_offer", "Bonjour, votre commande est expédiée."),
    ("deflecting_blame", "C'est Colissimo qui vous livrera mardi."),
    ("powerlessness", "Je transmets votre dossier à mon responsable, qui vous rappellera demain avant midi."),
]

CLEAN_REPLIES = [
    "Bonjour, je regarde votre dossier tout de suite.",
    "Pouvez-vous me donner votre numéro de client, s'il vous plaît ?",
    "Votre commande est en préparation et partira demain.",
    "Je reste à votre disposition. Bonne journée !",
    "Ne quittez pas, je vérifie avec le service technique.",
]

CUSTOMER_POSITIVES = [
    ("anger", "C'est scandaleux, je ne l'ai jamais reçu ce colis !"),
    ("anger", "Vous me traitez de menteur ?"),
    ("exasperation", "Ça fait la troisième fois que j'explique mon problème."),
    ("exasperation", "Impossible de joindre quelqu'un chez vous."),
    ("annoyance", "Je reçois une promo sur le canapé que j'ai payé plein pot la semaine dernière, sympa."),
    ("frustration", "On m'avait promis un remboursement sous quinzaine, ça fait trois mois."),
    ("disappointment", "Cinq ans que je suis client et voilà comment on me traite, je suis déçue."),
    ("satisfaction", "Merci beaucoup, c'est parfait."),
    ("churn_intent", "Je vais voir ailleurs, vous ne me reverrez pas."),
    ("public_complaint", "Je vais laisser un avis sur les réseaux sociaux."),
    ("compensation_demand", "J'exige un dédommagement pour le temps perdu."),
]

CUSTOMER_HARD_NEGATIVES = [
    ("churn_intent", "Je ne vais pas résilier pour ça, rassurez-vous."),
    ("anger", "Je ne suis pas en colère, je voudrais juste savoir."),
    ("satisfaction", "Merci pour rien."),
]


@pytest.mark.parametrize(("category", "text"), AGENT_POSITIVES)
def test_agent_category_found(engine: Engine, category: str, text: str) -> None:
    found = {f.category for f in engine.check(text).findings}
    assert category in found, f"{category} not found in {text!r}: {found}"


@pytest.mark.parametrize(("category", "text"), AGENT_HARD_NEGATIVES)
def test_agent_hard_negative(engine: Engine, category: str, text: str) -> None:
    found = {f.category for f in engine.check(text).findings}
    assert category not in found, f"{category} wrongly found in {text!r}"


@pytest.mark.parametrize("text", CLEAN_REPLIES)
def test_clean_reply_has_no_risk(engine: Engine, text: str) -> None:
    assert not [f for f in engine.check(text).findings if f.category in RISKS]


@pytest.mark.parametrize(("category", "text"), CUSTOMER_POSITIVES)
def test_customer_category_found(engine: Engine, category: str, text: str) -> None:
    result = next(engine.check_many([(None, text)], speaker="customer"))
    assert category in {f.category for f in result.findings}


@pytest.mark.parametrize(("category", "text"), CUSTOMER_HARD_NEGATIVES)
def test_customer_hard_negative(engine: Engine, category: str, text: str) -> None:
    result = next(engine.check_many([(None, text)], speaker="customer"))
    assert category not in {f.category for f in result.findings}


@pytest.mark.parametrize("text", ["Normalement on fait payer la différence, c’est votre jour de chance.",
                                  "normalment on fait payer la difference c votre jour de chance"])
def test_offsets_point_at_evidence(engine: Engine, text: str) -> None:
    for finding in engine.check(text).findings:
        assert text[finding.start:finding.end] == finding.evidence
        assert finding.explanation
        if finding.kind == "risk":
            assert finding.suggestion


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_explanations_in_both_languages(lang: str, engine: Engine) -> None:
    english = Engine(engine.nlp, engine.rulebook, engine.topics, engine.params, engine.assumptions, explain_lang=lang)
    finding = english.check("Calmez-vous.").findings[0]
    assert finding.explanation == engine.rulebook.categories["condescension"].explanation.get(lang)
    suggestion = engine.rulebook.rules[finding.rule].rule.suggestion or engine.rulebook.categories["condescension"].suggestion
    assert suggestion is not None and finding.suggestion == suggestion.get(lang)
