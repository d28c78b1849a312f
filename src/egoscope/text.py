"""Text normalisation that never changes string length, so offsets stay valid in the original text."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# One character in, one character out: typographic apostrophes and spaces become ASCII ones so the
# tokenizer splits "l’adresse" like "l'adresse"; quotes are kept (quotation scope needs them).
_SAME_LENGTH = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
    "\u2013": "-", "\u2014": "-",
})


def normalise(text: str) -> str:
    """Same-length normalisation applied before the NLP pipeline."""
    return text.translate(_SAME_LENGTH)


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower-case, accent-free form used for matching ("Désolée" and "desolee" meet)."""
    lowered = normalise(word).lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFD", lowered)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
