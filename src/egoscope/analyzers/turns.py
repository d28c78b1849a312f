"""Turn-level decisions on rule hits: suppression by a better reading, context requirements, deadlines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from spacy.tokens import Span

from egoscope.analyzers.cues import Hit
from egoscope.analyzers.deadlines import resolve_due

PROMISE_LEMMAS = frozenset({
    "rappeler", "envoyer", "renvoyer", "rembourser", "recevoir", "livrer", "passer", "revenir", "traiter",
    "verser", "crediter", "expedier", "reparer", "remplacer", "contacter", "transmettre", "regler", "debloquer",
    "retablir", "intervenir", "confirmer", "engager", "occuper", "faire", "mettre", "relancer", "virer", "etre",
    "avoir", "pouvoir", "tenir", "apporter", "ajouter", "redonner", "recontacter",
})
# Someone else acting by a deadline is a promise too: "un technicien passe demain", "ils vous
# recontactent sous 48 h", "le remboursement part aujourd'hui" (any person, present tense).
ACTION_LEMMAS = frozenset({
    "passer", "intervenir", "contacter", "recontacter", "rappeler", "partir", "arriver", "livrer", "apporter",
    "envoyer", "renvoyer", "expedier", "rembourser", "virer", "crediter", "revenir", "venir", "repartir",
    "installer", "reparer", "remplacer", "traiter", "appeler", "deposer", "recuperer", "recevoir",
})
# "livraison programmée demain", "rendez-vous confirmé pour mardi"
SCHEDULED_LEMMAS = frozenset({"programmer", "confirmer", "prevoir", "planifier", "caler", "fixer", "reserver"})

# The tagger often reads "serez", "recevrez", "rappellera" as present: the ending says future.
_FUTURE_ENDING = re.compile(r"(?:rai|ras|ra|rons|rez|ront)$")


def _looks_future(text: str) -> bool:
    lowered = text.lower()
    return len(lowered) > 3 and bool(_FUTURE_ENDING.search(lowered))


def has_promise(sent: Span) -> bool:
    """A future, a "je vais / nous allons + infinitive", a first-person action verb, someone's action
    verb in the present, or a scheduled participle in the sentence."""
    tokens = list(sent)
    for index, token in enumerate(tokens):
        morph = token.morph
        if "Fut" in morph.get("Tense", []) or (token.pos_ in ("VERB", "AUX") and _looks_future(token.text)):
            return True
        if token.norm_ == "aller" and index + 1 < len(tokens) and any(
                t.pos_ in ("VERB", "AUX") and "Inf" in t.morph.get("VerbForm", []) for t in tokens[index + 1:index + 4]):
            return True
        if token.pos_ == "VERB" and "1" in morph.get("Person", []) and token.norm_ in PROMISE_LEMMAS:
            return True
        if token.pos_ == "VERB" and token.norm_ in ACTION_LEMMAS and "Pres" in morph.get("Tense", []):
            return True
        if token.norm_ in SCHEDULED_LEMMAS and "Part" in morph.get("VerbForm", []):
            return True
        if token.norm_ in ("engager", "promettre"):
            return True
    return False


def decide(hits: Sequence[Hit], *, unhappy: bool) -> list[Hit]:
    """Apply each category's turn-level conditions to the hits of one turn."""
    present = {hit.rule.category for hit in hits}
    kept: list[Hit] = []
    for hit in hits:
        spec = hit.rule.spec
        if present.intersection(spec.suppressed_by):
            continue
        if spec.requires_context == "unhappy_customer" and not unhappy:
            continue
        if spec.requires_context == "promise" and not has_promise(hit.span.sent):
            continue
        kept.append(hit)
    return kept


def due_of(hit: Hit, base: datetime | None) -> str | None:
    """The resolved deadline of a commitment hit, when the conversation gives a date."""
    if hit.rule.category != "commitment" or base is None:
        return None
    return resolve_due(hit.span.sent.text, base)
