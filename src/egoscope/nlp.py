"""The French spaCy pipeline, loaded once per process.

Only the components the rules need run: tok2vec + morphologizer + attribute_ruler + lemmatizer,
plus a rule-based sentencizer. The parser and NER are excluded: they cost 3x the time and no rule
needs them. A last component writes accent-folded lemmas to ``token.norm_`` so that one cue in a
rule file covers inflections, missing accents and both apostrophes.
"""

from __future__ import annotations

import threading

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from egoscope.text import fold

MODEL_NAME = "fr_core_news_md"
_lock = threading.Lock()
_nlp: Language | None = None


@Language.component("egoscope_fold_lemmas")
def fold_lemmas(doc: Doc) -> Doc:
    """Store fold(lemma) in NORM: the attribute every rule pattern matches on."""
    for token in doc:
        lemma = token.lemma_ or token.text
        token.norm_ = fold(lemma)
    return doc


def load_nlp() -> Language:
    """Return the process-wide pipeline, loading it on first use (about 3 s)."""
    global _nlp
    with _lock:
        if _nlp is None:
            nlp = spacy.load(MODEL_NAME, exclude=["parser", "ner", "senter"])
            nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "…", "\n", ";"]})
            nlp.add_pipe("egoscope_fold_lemmas", last=True)
            _nlp = nlp
        return _nlp
