"""Resolve the deadline of a commitment ("sous 48 h", "d'ici vendredi", "demain avant midi") to a date."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from egoscope.text import fold

_NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
    "quarante-huit": 48, "quarante huit": 48, "soixante-douze": 72, "soixante douze": 72, "vingt-quatre": 24,
    "vingt quatre": 24,
}
_WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
_NUM = r"(\d{1,3}|" + "|".join(sorted((re.escape(k) for k in _NUMBERS), key=len, reverse=True)) + ")"
_DURATION = re.compile(_NUM + r"\s*(h\b|heures?|hrs?|jours?\s+ouvr\w*|jours?|j\b|semaines?|mois|minutes?|min\b)")
_HOUR = re.compile(r"(?:avant|d'ici|pour|vers|a)\s+(\d{1,2})\s*h\s*(\d{2})?|avant\s+midi|d'ici\s+midi")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:er)?\s+(" + "|".join(_MONTHS) + r")\b|\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b")


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBERS[token]


def _add_business_days(start: date, days: int) -> date:
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _relative(phrase: str, base: datetime) -> datetime | date | None:
    if match := _DURATION.search(phrase):
        count, unit = _number(match.group(1)), match.group(2)
        if unit.startswith(("h", "min")):
            minutes = count * (60 if unit.startswith("h") else 1)
            return base + timedelta(minutes=minutes)
        if "ouvr" in unit:
            return _add_business_days(base.date(), count)
        if unit.startswith("semaine"):
            return base.date() + timedelta(weeks=count)
        if unit == "mois":
            return base.date() + timedelta(days=30 * count)
        return base.date() + timedelta(days=count)
    if "quinzaine" in phrase:
        return base.date() + timedelta(days=15)
    if "huitaine" in phrase:
        return base.date() + timedelta(days=8)
    return None


def _calendar(phrase: str, base: datetime) -> date | None:
    today = base.date()
    if "apres-demain" in phrase or "apres demain" in phrase:
        return today + timedelta(days=2)
    if "demain" in phrase:
        return today + timedelta(days=1)
    if match := _DAY_MONTH.search(phrase):
        if match.group(2):
            day, month, year = int(match.group(1)), _MONTHS[match.group(2)], today.year
        else:
            day, month = int(match.group(3)), int(match.group(4))
            year = int(match.group(5)) if match.group(5) else today.year
            year = year + 2000 if year < 100 else year
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        return candidate if candidate >= today or match.group(5) else date(year + 1, month, day)
    if match := _WEEKDAY.search(phrase):
        ahead = (_WEEKDAYS[match.group(1)] - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    if "semaine prochaine" in phrase:
        return today + timedelta(days=(4 - today.weekday()) + 7)
    if "fin de semaine" in phrase or "fin de la semaine" in phrase:
        return today + timedelta(days=max(0, 4 - today.weekday()))
    if "fin du mois" in phrase or "fin de mois" in phrase:
        next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        return next_month - timedelta(days=1)
    if any(word in phrase for word in ("aujourd'hui", "dans la journee", "ce soir", "cet apres-midi", "ce matin",
                                       "dans l'heure", "tout a l'heure", "midi")):
        return today
    return None


def resolve_due(phrase: str, base: datetime | None) -> str | None:
    """ISO date (or date-time when an hour is given) the phrase promises, from ``base``; None if unknown."""
    if base is None:
        return None
    folded = fold(phrase)
    resolved: datetime | date | None = _relative(folded, base) or _calendar(folded, base)
    if resolved is None:
        return None
    if isinstance(resolved, datetime):
        return resolved.isoformat(timespec="minutes")
    if hour := _HOUR.search(folded):
        at = time(int(hour.group(1)), int(hour.group(2) or 0)) if hour.group(1) else time(12, 0)
        return datetime.combine(resolved, at, tzinfo=base.tzinfo).isoformat(timespec="minutes")
    return resolved.isoformat()
