"""Engine benchmark: conversations per second, overhead over plain spaCy, check latency, peak memory.

    .venv/bin/python bench/bench_engine.py [--conversations 10000 | --quick] [--seed 13] [--json]

1. Generates, in memory, a seeded corpus of French customer-service conversations (10 turns of about
   20 words, customer and agent alternating) by combining the hand-written fragments below.
2. Times ``Engine.analyze`` with n_process=1 and 2, and ``engine.nlp.pipe`` (same components, same
   n_process) on the same turn texts; the ratio ours/spaCy is the share of time spent in spaCy itself.
3. Times ``Engine.check`` on 500 single drafts after 20 warm-up calls (p50/p95/p99).
4. Reads peak memory from getrusage (this process, and the largest n_process=2 worker).

Model load is excluded from every timing. Prints PASS/FAIL per target and always exits 0: it is a
report, not a gate. Only the public engine API is used, so new engine stages are measured as they come.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

import spacy

from egoscope.model import Conversation, Customer, Speaker, Turn
from egoscope.pipeline import Engine

TURNS_PER_CONVERSATION = 10
DRAFTS = 500
WARMUP_CALLS = 20
WARMUP_CONVERSATIONS = 100
TARGET_CONVERSATIONS_PER_S = 50.0
TARGET_CHECK_P95_MS = 25.0
TARGET_PEAK_MB = 1024.0
TARGET_RATIO = 0.75

# -- corpus: hand-written fragments, combined at random ----------------------------------------------
# Written for this benchmark (MIT, egoscope team). Accents, both apostrophes, chat spelling and a share
# of risk remarks and emotions are deliberate: they exercise the same cues as real conversations.

CUSTOMER_OPENERS = (
    "Bonjour, je vous appelle au sujet de ma commande.",
    "Bonjour madame, j'ai un souci depuis la semaine dernière.",
    "Oui bonjour, c'est encore moi, j'ai déjà appelé hier.",
    "Bonsoir, je vous écris parce que personne ne me répond.",
    "Bonjour, mon numéro client est le 48213, je vous contacte pour un problème.",
    "Allô ? Oui, bonjour, je voudrais parler à quelqu'un du service client.",
    "bonjour jai un pb avec ma commande",
    "Madame, Monsieur, je me permets de vous écrire concernant mon dossier.",
    "Bonjour, c'est la troisième fois que je vous contacte pour la même chose.",
    "Bonjour, j’espère que vous allez pouvoir m’aider.",
    "Salut, petite question rapide sur mon compte.",
    "Bonjour, je suis cliente chez vous depuis huit ans.",
    "Bonjour monsieur, j'ai reçu un courrier que je ne comprends pas.",
    "Rebonjour, on m'a transféré vers vous.",
    "Bonjour, je viens de passer en magasin et on m'a dit de vous appeler.",
    "Bonjour, je vous contacte de la part de ma mère, qui est âgée.",
    "Bonjour, je suis client professionnel et j'ai besoin d'une réponse rapide.",
    "Bonjour, j’ai attendu vingt minutes avant d’avoir quelqu’un.",
)

CUSTOMER_PROBLEMS: dict[str, tuple[str, ...]] = {
    "delivery": (
        "Ma commande devait arriver mardi et je n'ai toujours rien reçu.",
        "Le suivi indique que le colis est livré, mais il n'y a rien dans ma boîte aux lettres.",
        "Le livreur n'a même pas sonné, il a laissé un avis de passage.",
        "Le colis est arrivé ouvert et il manque la moitié des articles.",
        "On m'a livré le mauvais produit, j'avais commandé la taille 40.",
        "Ça fait trois semaines que le statut est bloqué sur « en préparation ».",
        "Le point relais dit qu'il n'a jamais reçu mon paquet.",
        "J'ai payé la livraison express pour l'avoir avant le week-end.",
        "le colis est marqué livré mais jai rien recu",
        "Le transporteur m'a donné un créneau entre 8 h et 18 h, j'ai dû poser ma journée.",
        "Le carton était complètement écrasé à l'arrivée.",
        "Il devait y avoir deux colis et je n'en ai reçu qu'un seul.",
        "Mon adresse est pourtant correcte, je l'ai vérifiée trois fois.",
    ),
    "billing": (
        "J'ai été prélevé deux fois ce mois-ci pour le même abonnement.",
        "Ma facture a doublé sans que personne ne me prévienne.",
        "On me facture une option que je n'ai jamais demandée.",
        "Je ne comprends pas ces frais de dossier de 29 euros.",
        "Le montant prélevé ne correspond pas au devis que vous m'avez envoyé.",
        "Vous m'avez facturé des frais de retard alors que j'ai payé à temps.",
        "j'ai un prélèvement de 45,90 € que je ne reconnais pas",
        "Je n'arrive pas à télécharger mes factures depuis l'espace client.",
        "La promotion annoncée n'a pas été appliquée sur ma facture.",
        "On m'a débité avant même que la commande soit expédiée.",
        "Je reçois des relances pour une facture que j'ai déjà réglée.",
        "Le tarif a augmenté de 15 % en un an, c'est énorme.",
    ),
    "refund": (
        "J'attends mon remboursement depuis plus d'un mois.",
        "J'ai renvoyé l'article le 3 mars et je n'ai toujours pas été remboursée.",
        "On m'avait promis un remboursement sous cinq jours ouvrés.",
        "Vous m'avez remboursé 20 euros au lieu de 60.",
        "Le bon d'achat ne m'intéresse pas, je veux être remboursé.",
        "Mon vol a été annulé et je n'ai reçu aucun remboursement.",
        "j attend toujours le virement, on m'avait dit 48h",
        "Le retour a bien été réceptionné, c'est écrit sur le suivi.",
        "Je voudrais savoir où en est ma demande de remboursement.",
        "Votre collègue m'a dit que c'était validé il y a deux semaines.",
        "J'ai gardé le ticket de caisse et l'emballage d'origine.",
    ),
    "product_quality": (
        "La machine à laver fuit depuis la première utilisation.",
        "L'écran du téléphone s'est fissuré tout seul au bout d'une semaine.",
        "Les prunes achetées samedi étaient toutes abîmées à l'intérieur.",
        "Le canapé est arrivé avec une tache sur l'accoudoir.",
        "La batterie ne tient même pas deux heures.",
        "Le pantalon s'est décousu au premier lavage.",
        "l'appli plante à chaque fois que j'ouvre mon panier",
        "La box internet redémarre toute seule plusieurs fois par jour.",
        "Le produit ne ressemble pas du tout à la photo du site.",
        "Le frigo fait un bruit épouvantable la nuit.",
        "Il manque des pièces dans le carton, impossible de monter le meuble.",
        "La cafetière ne chauffe plus, elle a à peine trois mois.",
    ),
    "account_change": (
        "Je voudrais changer mon adresse de facturation.",
        "J'ai déménagé et je veux transférer mon contrat.",
        "Je n'arrive plus à me connecter à mon espace client.",
        "On m'a changé d'offre sans me demander mon avis.",
        "Je voudrais ajouter mon conjoint comme titulaire du compte.",
        "J'ai perdu l'accès à mon adresse mail, comment je fais ?",
        "Mon RIB a changé, il faut mettre à jour le prélèvement.",
        "je veux passer à l'offre moins chère, c'est possible ?",
        "Le code de validation par SMS n'arrive jamais.",
        "Mon nom est mal orthographié sur tous vos courriers.",
        "Je voudrais récupérer mes points de fidélité sur ma nouvelle carte.",
    ),
    "cancellation": (
        "Je veux résilier mon abonnement à la fin du mois.",
        "J'ai envoyé ma lettre de résiliation en recommandé il y a un mois.",
        "Vous continuez à me prélever alors que j'ai résilié.",
        "On me réclame des frais de résiliation dont personne ne m'avait parlé.",
        "Je voudrais annuler ma commande avant l'expédition.",
        "Impossible de trouver le bouton pour résilier en ligne.",
        "Je déménage à l'étranger, je dois tout arrêter.",
        "J'ai annulé la réservation dans les délais et on me facture quand même.",
        "je veux arreter, ça ne me sert plus a rien",
        "On m'avait dit que l'engagement était de douze mois, pas vingt-quatre.",
    ),
    "reachability": (
        "J'ai appelé cinq fois cette semaine sans jamais avoir quelqu'un.",
        "Votre chat en ligne se ferme au bout de dix minutes d'attente.",
        "Personne n'a répondu à mes trois mails.",
        "On m'a promis un rappel qui n'est jamais venu.",
        "Le serveur vocal me renvoie toujours au menu principal.",
        "À chaque appel je dois tout réexpliquer depuis le début.",
        "Le technicien devait passer jeudi et il n'est jamais venu.",
        "j ai attendu 45 min au telephone pour rien",
        "Votre collègue m'a raccroché au nez hier soir.",
        "Le formulaire de contact affiche une erreur quand je l'envoie.",
    ),
}

CUSTOMER_DETAILS = (
    "J'ai besoin d'une solution rapide, je pars en vacances samedi.",
    "J'ai toutes les preuves, les photos et les captures d'écran.",
    "Je travaille toute la journée, je ne peux pas attendre chez moi.",
    "C'était un cadeau pour l'anniversaire de ma fille.",
    "Je vous ai déjà envoyé les justificatifs par mail.",
    "Ma voisine a eu exactement le même problème le mois dernier.",
    "Je ne suis pas très à l'aise avec internet, vous savez.",
    "J'ai le numéro de dossier si vous voulez.",
    "Je voudrais juste comprendre ce qui s'est passé.",
    "On m'a dit au magasin que c'était votre service qui gérait ça.",
    "C'est la deuxième fois que ça arrive en six mois.",
    "D'accord, et ça prendra combien de temps exactement ?",
    "Vous pouvez me le confirmer par écrit ?",
    "Je vous écoute, mais j'aimerais une réponse claire.",
    "Ah bon ? Personne ne m'a dit ça la dernière fois.",
    "Et pourquoi on ne m'a pas prévenu plus tôt ?",
    "OK, donc concrètement, qu'est-ce qui se passe maintenant ?",
    "Je comprends, mais ce n'est pas de mon fait.",
    "Je n'ai pas reçu le mail dont vous parlez.",
    "Mon mari a appelé la semaine dernière et on lui a dit autre chose.",
    "Je peux passer en magasin si c'est plus simple.",
    "D'accord, je note le numéro de dossier.",
    "Très bien, j'attends votre mail alors.",
)

CUSTOMER_NEGATIVE = (
    "C'est inadmissible, je paie pour un service que je n'ai pas.",
    "Vous vous moquez de moi ou quoi ?",
    "Vous me prenez pour une idiote ?",
    "Je ne suis pas une menteuse, je n'ai jamais reçu ce colis !",
    "C'est du vol pur et simple.",
    "Ça suffit maintenant, je veux parler à un responsable.",
    "Ne me parlez pas sur ce ton, s'il vous plaît.",
    "Ça fait trois fois que je vous explique la même chose.",
    "J'en ai marre de devoir rappeler à chaque fois.",
    "Franchement, je n'en peux plus de ce dossier.",
    "Encore ? Vous m'avez déjà dit ça la semaine dernière.",
    "Combien de fois faudra-t-il que je le répète ?",
    "C'est quand même pénible, j'ai perdu ma matinée.",
    "Je suis un peu embêtée, j'en avais besoin pour demain.",
    "C'est agaçant, j'ai dû reprendre un après-midi de congé.",
    "Bon, c'est un peu fort quand même.",
    "J'ai l'impression de parler à un mur.",
    "Je ne sais plus à qui m'adresser.",
    "On me renvoie d'un service à l'autre depuis des semaines.",
    "Personne n'est capable de me donner une réponse claire.",
    "Je suis vraiment déçue, je vous faisais confiance.",
    "Je m'attendais à mieux de votre part, franchement.",
    "Dommage, j'aimais bien votre enseigne.",
    "C'est dommage, avant le service était impeccable.",
)

CUSTOMER_POSITIVE = (
    "Merci beaucoup, c'est parfait.",
    "Super, merci pour votre aide, c'est très gentil.",
    "Ah, très bien, ça me rassure.",
    "Merci, vous avez été très efficace.",
    "Parfait, merci d'avoir pris le temps de vérifier.",
)

CUSTOMER_SIGNALS = (
    "Si ça continue, je vais voir ailleurs.",
    "Je vais résilier et passer chez un concurrent.",
    "C'est la dernière fois que je commande chez vous.",
    "Je vais mettre un avis sur Google pour prévenir les autres.",
    "Je vais en parler sur les réseaux sociaux.",
    "Je vais saisir le médiateur et l'association de consommateurs.",
    "J'exige un dédommagement pour le temps perdu.",
    "Je veux au minimum un geste commercial.",
)

CUSTOMER_CLOSERS = (
    "Merci, bonne journée.",
    "D'accord, merci, au revoir.",
    "Bon, j'attends votre retour.",
    "Je rappellerai demain si rien ne bouge.",
    "Merci pour votre patience.",
    "Au revoir.",
    "ok merci",
    "Très bien, merci madame.",
)

AGENT_OPENERS = (
    "Bonjour madame, je vais regarder ça avec vous.",
    "Bonjour monsieur, merci de votre appel.",
    "Je vous écoute.",
    "Très bien, je prends note.",
    "D'accord, je vois.",
    "Merci pour ces précisions.",
    "Je regarde votre dossier tout de suite.",
    "Un instant, je consulte votre historique.",
    "Pouvez-vous me donner votre numéro de commande ?",
    "Je vous remercie de votre patience.",
    "Bonjour, je suis Julie, je m'occupe de votre demande.",
    "Merci de nous avoir contactés.",
    "Alors, voyons cela ensemble.",
    "Je vous mets en attente une petite minute.",
    "Bonjour, merci d’avoir patienté.",
)

AGENT_NEUTRAL = (
    "Je vois que votre commande est partie de l'entrepôt jeudi.",
    "Votre dossier est bien enregistré sous la référence 88412.",
    "Je vois une intervention prévue le 14 au matin.",
    "Votre contrat a été modifié le 2 du mois.",
    "Le paiement apparaît bien dans notre système.",
    "Il y a eu un incident chez notre transporteur cette semaine.",
    "Je vois deux appels de votre part dans l'historique.",
    "Votre demande est en cours de traitement par le service concerné.",
    "La facture du mois dernier comporte effectivement deux lignes.",
    "Le produit est encore sous garantie jusqu'en juin.",
    "Je vérifie l'adresse enregistrée sur votre compte.",
    "L'article est en rupture de stock jusqu'à la fin du mois.",
    "Votre ancienne offre n'est plus commercialisée depuis janvier.",
    "Je vois que le retour a été scanné au dépôt lundi.",
    "Il faut compter en général cinq à sept jours ouvrés.",
)

AGENT_GOOD = (
    "Je suis vraiment désolée pour ce désagrément.",
    "Toutes nos excuses, c'est une erreur de notre part.",
    "C'est nous qui nous sommes trompés, je m'en excuse.",
    "Je comprends tout à fait votre agacement.",
    "Je comprends, c'est vraiment pénible de devoir rappeler.",
    "Vous avez bien fait de nous le signaler, merci.",
    "Merci de votre patience et de votre fidélité.",
    "Je vous rembourse les frais dès aujourd'hui.",
    "Je vous renvoie un colis en express, sans frais.",
    "Je vous annule ces frais tout de suite.",
    "Je m'engage à vous rappeler demain avant midi.",
    "Je vous envoie la confirmation par mail d'ici ce soir.",
    "Je vous rappelle vendredi pour vous confirmer que tout est réglé.",
    "Si vous préférez, je peux aussi vous proposer un échange en magasin.",
    "Vous avez le choix entre un avoir et un remboursement.",
    "Le retard vient d'un problème chez notre prestataire, c'est à nous de le régler.",
    "Je vous explique : la facture couvre deux mois à cause du changement de date.",
    "Je m'en occupe personnellement et je suis le dossier jusqu'au bout.",
    "Je vous fais un geste commercial de 20 euros sur votre prochaine facture.",
    "Je transmets votre dossier en priorité au service technique.",
)

AGENT_RISKS = (
    "Normalement on fait payer la différence, mais bon.",
    "Exceptionnellement, je vais vous le rembourser.",
    "Estimez-vous heureux, d'habitude ça prend un mois.",
    "C'est votre jour de chance, il m'en reste un en stock.",
    "Je vous fais une fleur pour cette fois.",
    "Vous avez dû mal saisir votre adresse.",
    "Il fallait lire les conditions générales avant de commander.",
    "Vous auriez dû nous appeler avant de renvoyer le colis.",
    "C'est votre pare-feu qui bloque, pas notre service.",
    "Il faut lire les mails qu'on vous envoie, madame.",
    "Comme je vous l'ai déjà dit, c'est écrit sur le site.",
    "La prochaine fois, pensez à vérifier avant de valider.",
    "J'ai dû appeler trois services différents pour vous.",
    "Je vais devoir tout ressaisir à la main, du coup.",
    "C'est le système qui bloque, je n'y peux rien.",
    "Ce n'est pas nous, c'est le transporteur.",
    "Ce n'est pas de notre faute, c'est la procédure.",
    "Ce n'est pas possible, c'est comme ça.",
    "Non, on ne rembourse pas, c'est la règle.",
    "Je n'ai pas la main là-dessus, désolé.",
    "Je ne peux rien faire de plus pour vous.",
    "Il faut passer par le formulaire en ligne, je ne peux pas le faire.",
    "Rappelez le service facturation, ce n'est pas mon service.",
    "Vous êtes sûre de ne pas l'avoir reçu ?",
    "Le livreur dit qu'il vous l'a remis en main propre.",
    "Selon nos informations, le colis a bien été livré.",
    "Calmez-vous, madame, ce n'est pas si grave.",
    "Ne vous inquiétez pas, c'est très simple, même pour vous.",
    "Oh là, on se calme, c'était pour rire.",
    "Au fait, vous connaissez notre nouvelle offre fibre ?",
    "Je peux aussi vous proposer notre assurance premium.",
)

AGENT_ANSWERS: dict[str, tuple[str, ...]] = {
    "delivery": (
        "Je lance une enquête auprès du transporteur aujourd'hui.",
        "Le colis est signalé en retard au centre de tri de Lyon.",
        "Je vous propose une nouvelle livraison mardi matin.",
        "Le point relais doit recevoir le colis demain après-midi.",
        "Je demande au livreur de vous appeler avant de passer.",
        "Je vérifie la preuve de livraison avec la signature.",
        "Le colis a été renvoyé à l'expéditeur, je le fais repartir.",
    ),
    "billing": (
        "Le double prélèvement sera annulé sous trois jours.",
        "Je corrige la facture et vous l'envoie par mail.",
        "L'option a été ajoutée par erreur, je la retire.",
        "Les frais de dossier correspondent à l'ouverture de la ligne.",
        "La hausse vient de la fin de votre remise de bienvenue.",
        "Je vous envoie l'échéancier détaillé sur votre espace client.",
        "La promotion sera appliquée sur la prochaine facture.",
    ),
    "refund": (
        "Le virement est parti ce matin, comptez deux jours ouvrés.",
        "Je relance le service comptable pour votre remboursement.",
        "Je vois que le remboursement est bloqué à la validation.",
        "Le montant restant vous sera remboursé en fin de semaine.",
        "Le remboursement se fait sur la carte utilisée pour l'achat.",
        "Je valide moi-même le remboursement maintenant.",
    ),
    "product_quality": (
        "Je vous envoie un technicien sous 48 heures.",
        "Vous pouvez rapporter l'appareil en magasin pour un échange.",
        "Je déclenche un remplacement sous garantie.",
        "Pouvez-vous m'envoyer une photo du défaut ?",
        "Je signale le lot au service qualité.",
        "Je vous en remets une barquette neuve tout de suite.",
    ),
    "account_change": (
        "Je mets à jour votre adresse dès maintenant.",
        "Je vous envoie un lien pour réinitialiser votre mot de passe.",
        "Le changement d'offre prendra effet au premier du mois.",
        "Il me faut une copie de la pièce d'identité du cotitulaire.",
        "Le nouveau RIB sera pris en compte pour le prochain prélèvement.",
        "Je transfère vos points sur la nouvelle carte.",
    ),
    "cancellation": (
        "La résiliation prendra effet à la fin de la période en cours.",
        "Je confirme la réception de votre courrier de résiliation.",
        "Les prélèvements s'arrêteront le mois prochain.",
        "Je vous envoie la confirmation de résiliation par mail.",
        "Votre engagement se termine le 30 septembre.",
        "J'annule la commande, elle n'était pas encore expédiée.",
    ),
    "reachability": (
        "Je note un rappel pour demain entre 9 h et 11 h.",
        "Je vous donne ma ligne directe pour la suite.",
        "Le technicien sera reprogrammé en priorité.",
        "Je réponds aussi à vos mails dans la foulée.",
        "Je regroupe vos demandes dans un seul dossier.",
        "Je vous transfère au service technique, ne quittez pas.",
    ),
}

AGENT_CLOSERS = (
    "Y a-t-il autre chose que je puisse faire pour vous ?",
    "Je vous souhaite une bonne journée.",
    "Merci de votre appel, bonne soirée.",
    "N'hésitez pas à revenir vers nous si besoin.",
    "Bonne fin de journée, madame.",
    "Je reste à votre disposition.",
    "Merci pour votre confiance.",
    "À bientôt, monsieur.",
)

CHANNELS = ("phone", "chat", "email", "store")
START = datetime(2026, 1, 5, 8, 0)


@dataclass(frozen=True, slots=True)
class Mood:
    """How tense a conversation is: the chance of an emotion, a churn signal or a risk remark per turn."""

    negative: float
    signal: float
    risk: float


MOODS = (Mood(negative=0.1, signal=0.02, risk=0.08), Mood(negative=0.35, signal=0.06, risk=0.2),
         Mood(negative=0.6, signal=0.15, risk=0.3))
MOOD_WEIGHTS = (50, 35, 15)


def _words(parts: Sequence[str]) -> int:
    return sum(len(part.split()) for part in parts)


def _fill(rng: random.Random, parts: list[str], pool: Sequence[str], target: int) -> list[str]:
    """Add fragments from ``pool`` until the turn reaches ``target`` words."""
    while _words(parts) < target:
        fragment = rng.choice(pool)
        if fragment not in parts:
            parts.append(fragment)
    return parts


def _styled(rng: random.Random, text: str, speaker: Speaker) -> str:
    """Typographic apostrophes on some turns; chat style (no capitals, no accents) on some customer ones."""
    if rng.random() < 0.3:
        text = text.replace("'", "’")
    if speaker == "customer" and rng.random() < 0.08:
        text = "".join(ch for ch in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(ch) != "Mn")
    return text


def customer_turn(rng: random.Random, topic: str, mood: Mood, *, first: bool, last: bool) -> str:
    parts: list[str] = []
    if first and rng.random() < 0.8:
        parts.append(rng.choice(CUSTOMER_OPENERS))
    if not first and rng.random() < mood.negative:
        parts.append(rng.choice(CUSTOMER_NEGATIVE))
    if first or rng.random() < 0.5:
        parts.append(rng.choice(CUSTOMER_PROBLEMS[topic]))
    if rng.random() < mood.signal:
        parts.append(rng.choice(CUSTOMER_SIGNALS))
    _fill(rng, parts, CUSTOMER_DETAILS + CUSTOMER_PROBLEMS[topic], rng.randint(12, 17))
    if last:
        parts.append(rng.choice(CUSTOMER_POSITIVE if mood.negative < 0.2 else CUSTOMER_CLOSERS))
    return _styled(rng, " ".join(parts), "customer")


def agent_turn(rng: random.Random, topic: str, mood: Mood, *, first: bool, last: bool) -> str:
    parts: list[str] = []
    if rng.random() < (0.6 if first else 0.2):
        parts.append(rng.choice(AGENT_OPENERS))
    if rng.random() < mood.risk:
        parts.append(rng.choice(AGENT_RISKS))
    elif rng.random() < 0.35:
        parts.append(rng.choice(AGENT_GOOD))
    parts.append(rng.choice(AGENT_ANSWERS[topic]))
    _fill(rng, parts, AGENT_NEUTRAL + AGENT_ANSWERS[topic], rng.randint(12, 17))
    if last:
        parts.append(rng.choice(AGENT_CLOSERS))
    return _styled(rng, " ".join(parts), "agent")


def conversation(rng: random.Random, number: int) -> Conversation:
    topic = rng.choice(tuple(CUSTOMER_PROBLEMS))
    mood = rng.choices(MOODS, MOOD_WEIGHTS)[0]
    started = START + timedelta(minutes=rng.randrange(365 * 24 * 60))
    turns = []
    for index in range(TURNS_PER_CONVERSATION):
        first, last = index < 2, index >= TURNS_PER_CONVERSATION - 2
        build = customer_turn if index % 2 == 0 else agent_turn
        text = build(rng, topic, mood, first=first, last=last)
        turns.append(Turn("customer" if index % 2 == 0 else "agent", text, started + timedelta(seconds=40 * index)))
    customer = Customer(id=f"cust-{rng.randrange(5000):04d}", tenure_years=rng.choice((0.5, 2.0, 8.0)),
                        spend_eur=rng.choice((15.0, 40.0, 90.0)), spend_period="month")
    return Conversation(id=f"bench-{number:06d}", turns=tuple(turns), channel=rng.choice(CHANNELS),
                        agent=f"agent-{rng.randrange(50):02d}", started_at=started, customer=customer)


def corpus(count: int, seed: int) -> list[Conversation]:
    rng = random.Random(seed)
    return [conversation(rng, number) for number in range(count)]


def drafts(count: int, seed: int) -> list[str]:
    """Single agent drafts, as typed into ``egoscope check``; a third come from tense conversations."""
    rng = random.Random(seed)
    moods = (MOODS[2], MOODS[0], MOODS[0])
    return [agent_turn(rng, rng.choice(tuple(AGENT_ANSWERS)), rng.choice(moods), first=False,
                       last=rng.random() < 0.2) for _ in range(count)]


# -- measures --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Throughput:
    """Wall-clock rates, plus CPU seconds (this process and its workers): on a shared machine the wall
    clock also counts time spent waiting for a core, CPU time does not."""

    seconds: float
    conversations_per_s: float
    turns_per_s: float
    cpu_seconds: float


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    value: float
    limit: float
    unit: str
    at_least: bool

    @property
    def passed(self) -> bool:
        return self.value >= self.limit if self.at_least else self.value <= self.limit


@dataclass(slots=True)
class Report:
    date: str
    conversations: int
    turns: int
    words_per_turn: float
    seed: int
    environment: dict[str, object]
    model_load_s: float
    analyze: dict[int, Throughput] = field(default_factory=dict)
    spacy_pipe: dict[int, Throughput] = field(default_factory=dict)
    ratio: dict[int, float] = field(default_factory=dict)
    findings_per_100_turns: dict[int, dict[str, float]] = field(default_factory=dict)
    check_ms: dict[str, float] = field(default_factory=dict)
    memory_mb: dict[str, float] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)


def _cpu_seconds() -> float:
    """User + system time of this process and of its finished children (the n_process workers)."""
    return sum(usage.ru_utime + usage.ru_stime
               for usage in (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)))


def _timed(run: Callable[[], int], expected: int, conversations: int, turns: int) -> Throughput:
    """Time ``run``, which returns how many items it produced (``expected``, or the bench is wrong)."""
    began, cpu_began = time.perf_counter(), _cpu_seconds()
    produced = run()
    spent, cpu_spent = time.perf_counter() - began, _cpu_seconds() - cpu_began
    if produced != expected:
        raise RuntimeError(f"expected {expected} results, got {produced}")
    return Throughput(seconds=spent, conversations_per_s=conversations / spent, turns_per_s=turns / spent,
                      cpu_seconds=cpu_spent)


def time_analyze(engine: Engine, convs: Sequence[Conversation], n_process: int) -> tuple[Throughput, Counter[str]]:
    """Conversations per second through ``Engine.analyze``; also counts findings per kind as a sanity check."""
    kinds: Counter[str] = Counter()

    def run() -> int:
        produced = 0
        for result in engine.analyze(convs, batch_size=64, n_process=n_process):
            kinds.update(finding.kind for _index, finding in result.findings())
            produced += 1
        return produced

    turns = sum(len(conv.turns) for conv in convs)
    return _timed(run, len(convs), len(convs), turns), kinds


def time_spacy(engine: Engine, texts: Sequence[str], conversations: int, n_process: int) -> Throughput:
    """The same turn texts through spaCy alone: the floor our engine is measured against."""
    def run() -> int:
        return sum(1 for _doc in engine.nlp.pipe(texts, n_process=n_process))

    return _timed(run, len(texts), conversations, len(texts))


def time_check(engine: Engine, texts: Sequence[str], warmup: Iterable[str]) -> dict[str, float]:
    """Latency of single ``check`` calls in ms: wall clock, and CPU time (immune to a busy machine)."""
    for text in warmup:
        engine.check(text)
    wall, cpu = [], []
    for text in texts:
        began, cpu_began = time.perf_counter(), time.process_time()
        engine.check(text)
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - cpu_began) * 1000)
    cuts, cpu_cuts = (statistics.quantiles(values, n=100, method="inclusive") for values in (wall, cpu))
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "mean": statistics.fmean(wall), "max": max(wall),
            "cpu_p50": cpu_cuts[49], "cpu_p95": cpu_cuts[94], "cpu_p99": cpu_cuts[98], "drafts": len(texts)}


def peak_mb(who: int) -> float:
    """ru_maxrss is in KiB on Linux, in bytes on macOS."""
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


# -- run and report --------------------------------------------------------------------------------

def measure(count: int, seed: int, log: Callable[[str], None]) -> Report:
    began = time.perf_counter()
    convs = corpus(count, seed)
    texts = [turn.text for conv in convs for turn in conv.turns]
    log(f"corpus: {count} conversations, {len(texts)} turns generated in {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    engine = Engine.load()
    loaded = time.perf_counter() - began
    log(f"engine loaded in {loaded:.1f} s (not counted): {engine.version}, components {engine.nlp.pipe_names}")
    report = Report(
        date=datetime.now().astimezone().isoformat(timespec="seconds"), conversations=count, turns=len(texts),
        words_per_turn=statistics.fmean(len(text.split()) for text in texts), seed=seed,
        environment={"python": platform.python_version(), "spacy": spacy.__version__, "cpus": os.cpu_count(),
                     "machine": platform.machine(), "engine": engine.version,
                     "components": list(engine.nlp.pipe_names),
                     "load_average_at_start": _load_average()},
        model_load_s=loaded)
    # Warm caches (lemmatizer, folded lemmas) so the first timed run is not penalised.
    for _result in engine.analyze(corpus(WARMUP_CONVERSATIONS, seed + 1)):
        pass
    report.check_ms = time_check(engine, drafts(DRAFTS, seed + 2), drafts(WARMUP_CALLS, seed + 3))
    log(f"check: p50 {report.check_ms['p50']:.1f} ms, p95 {report.check_ms['p95']:.1f} ms")
    for n_process in (1, 2):
        report.spacy_pipe[n_process] = time_spacy(engine, texts, count, n_process)
        log(f"spacy pipe n_process={n_process}: {report.spacy_pipe[n_process].seconds:.1f} s")
        report.analyze[n_process], kinds = time_analyze(engine, convs, n_process)
        log(f"analyze n_process={n_process}: {report.analyze[n_process].seconds:.1f} s")
        report.ratio[n_process] = report.spacy_pipe[n_process].seconds / report.analyze[n_process].seconds
        report.findings_per_100_turns[n_process] = {kind: 100 * kinds[kind] / len(texts)
                                                    for kind in ("risk", "good", "emotion", "signal")}
        if n_process == 1:
            report.memory_mb["self_after_n_process_1"] = peak_mb(resource.RUSAGE_SELF)
    report.memory_mb["self_peak"] = peak_mb(resource.RUSAGE_SELF)
    report.memory_mb["largest_worker_peak"] = peak_mb(resource.RUSAGE_CHILDREN)
    report.environment["load_average_at_end"] = _load_average()
    report.targets = targets(report)
    return report


def _load_average() -> float | None:
    """The 1-minute load average: timings are only comparable on a machine that is otherwise idle."""
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None



def targets(report: Report) -> list[Target]:
    found = [Target(f"analyze n_process={n}", report.analyze[n].conversations_per_s, TARGET_CONVERSATIONS_PER_S,
                    "conversations/s", at_least=True) for n in sorted(report.analyze)]
    found += [Target(f"ours/spaCy n_process={n}", report.ratio[n], TARGET_RATIO, "", at_least=True)
              for n in sorted(report.ratio)]
    found.append(Target("check p95", report.check_ms["p95"], TARGET_CHECK_P95_MS, "ms", at_least=False))
    found.append(Target("peak memory", report.memory_mb["self_peak"], TARGET_PEAK_MB, "MB", at_least=False))
    found.append(Target("peak memory, worker", report.memory_mb["largest_worker_peak"], TARGET_PEAK_MB, "MB",
                        at_least=False))
    return found


def render(report: Report) -> str:
    env = report.environment
    lines = [
        f"egoscope engine benchmark, {report.date}",
        f"  {env['engine']}; spaCy {env['spacy']}, Python {env['python']}, {env['cpus']} CPUs ({env['machine']}), "
        f"load average {env['load_average_at_start']} at start, {env['load_average_at_end']} at end",
        f"  corpus: {report.conversations} conversations, {report.turns} turns, "
        f"{report.words_per_turn:.1f} words per turn (seed {report.seed}); model load {report.model_load_s:.1f} s",
        "",
        "throughput               seconds  conversations/s    turns/s   ours/spaCy   CPU seconds",
    ]
    for n in sorted(report.analyze):
        ours, base = report.analyze[n], report.spacy_pipe[n]
        lines.append(f"  analyze    n_process={n} {ours.seconds:8.1f} {ours.conversations_per_s:16.1f} "
                     f"{ours.turns_per_s:10.0f} {report.ratio[n]:12.2f} {ours.cpu_seconds:13.1f}")
        lines.append(f"  spaCy pipe n_process={n} {base.seconds:8.1f} {base.conversations_per_s:16.1f} "
                     f"{base.turns_per_s:10.0f} {'':12} {base.cpu_seconds:13.1f}")
    for n, rates in sorted(report.findings_per_100_turns.items()):
        shown = ", ".join(f"{kind} {rate:.1f}" for kind, rate in rates.items())
        lines.append(f"  findings per 100 turns (n_process={n}): {shown}")
    check = report.check_ms
    lines += [
        "",
        f"check latency over {check['drafts']:.0f} drafts after {WARMUP_CALLS} warm-up calls: "
        f"p50 {check['p50']:.1f} ms, p95 {check['p95']:.1f} ms, p99 {check['p99']:.1f} ms, max {check['max']:.1f} ms "
        f"(CPU time p50 {check['cpu_p50']:.1f} ms, p95 {check['cpu_p95']:.1f} ms, p99 {check['cpu_p99']:.1f} ms)",
        f"peak memory: this process {report.memory_mb['self_peak']:.0f} MB "
        f"({report.memory_mb['self_after_n_process_1']:.0f} MB after the n_process=1 runs), "
        f"largest n_process=2 worker {report.memory_mb['largest_worker_peak']:.0f} MB",
        "",
        "targets",
    ]
    for target in report.targets:
        sign = ">=" if target.at_least else "<="
        lines.append(f"  {'PASS' if target.passed else 'FAIL'}  {target.name:<22} {target.value:8.2f} "
                     f"{sign} {target.limit:g} {target.unit}")
    return "\n".join(lines)


def as_json(report: Report) -> str:
    data = asdict(report)
    data["targets"] = [{**asdict(target), "passed": target.passed} for target in report.targets]
    return json.dumps(data, indent=2, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--conversations", type=int, default=10_000, help="corpus size (default 10000)")
    size.add_argument("--quick", action="store_const", const=1000, dest="conversations",
                      help="1000 conversations")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON (progress goes to stderr)")
    args = parser.parse_args(argv)
    if args.conversations < 1:
        parser.error(f"--conversations must be at least 1, got {args.conversations}")
    # Progress on stderr so that stdout holds only the report (or the JSON).
    report = measure(args.conversations, args.seed, lambda line: print(line, file=sys.stderr, flush=True))
    print(as_json(report) if args.json else render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
