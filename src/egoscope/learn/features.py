"""Sentence features of the linear classifier: TF-IDF of character and word n-grams of accent-folded text.

Training fits scikit-learn's ``TfidfVectorizer``; the shipped model keeps only the vocabulary (a list,
index order) and the idf weights, and inference rebuilds a ``CountVectorizer`` with that fixed
vocabulary. So the model file holds plain arrays and strings (no pickle), and both sides share the
analyzer settings declared here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from egoscope.text import normalise

Analyzer = Literal["char_wb", "word"]
WORD_PATTERN = r"(?u)\b\w+\b"  # keep one-letter words: "c", "j", "t" matter in chat French


def fold_text(text: str) -> str:
    """Lower-case, accent-free text (same as ``text.fold`` but uncached: sentences are not words)."""
    lowered = normalise(text).lower().replace("œ", "oe").replace("æ", "ae")
    return "".join(ch for ch in unicodedata.normalize("NFD", lowered) if unicodedata.category(ch) != "Mn")


@dataclass(frozen=True, slots=True)
class BlockSpec:
    """One TF-IDF block: an analyzer, its n-gram range and the minimum document frequency."""

    analyzer: Analyzer
    ngram_min: int
    ngram_max: int
    min_df: int = 2

    def tfidf(self) -> TfidfVectorizer:
        return TfidfVectorizer(analyzer=self.analyzer, ngram_range=(self.ngram_min, self.ngram_max),
                               min_df=self.min_df, sublinear_tf=True, preprocessor=fold_text,
                               token_pattern=self._pattern, dtype=np.float32)

    def counter(self, vocabulary: dict[str, int]) -> CountVectorizer:
        return CountVectorizer(analyzer=self.analyzer, ngram_range=(self.ngram_min, self.ngram_max),
                               preprocessor=fold_text, token_pattern=self._pattern, vocabulary=vocabulary,
                               dtype=np.float32)

    @property
    def _pattern(self) -> str | None:
        return WORD_PATTERN if self.analyzer == "word" else None


DEFAULT_BLOCKS = (BlockSpec("char_wb", 2, 5), BlockSpec("word", 1, 2))


class TextFeatures:
    """Fitted TF-IDF blocks, stacked side by side (each block L2-normalised on its own)."""

    def __init__(self, blocks: Sequence[BlockSpec], vocabularies: Sequence[list[str]],
                 idfs: Sequence[np.ndarray]) -> None:
        self.blocks = tuple(blocks)
        self.vocabularies = [list(v) for v in vocabularies]
        self.idfs = [np.asarray(idf, dtype=np.float32) for idf in idfs]
        self._counters = [block.counter({gram: i for i, gram in enumerate(vocab)})
                          for block, vocab in zip(self.blocks, self.vocabularies, strict=True)]

    @classmethod
    def fit(cls, texts: Sequence[str], blocks: Sequence[BlockSpec] = DEFAULT_BLOCKS) -> TextFeatures:
        vocabularies, idfs = [], []
        for block in blocks:
            vectorizer = block.tfidf().fit(texts)
            ordered = sorted(vectorizer.vocabulary_.items(), key=lambda item: item[1])
            vocabularies.append([gram for gram, _index in ordered])
            idfs.append(vectorizer.idf_.astype(np.float32))
        return cls(blocks, vocabularies, idfs)

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.vocabularies)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """All texts at once: one sparse row per text."""
        parts = []
        for counter, idf in zip(self._counters, self.idfs, strict=True):
            counts = counter.transform(texts).tocsr()
            counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]  # sublinear tf x idf
            norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
            norms[norms == 0.0] = 1.0
            parts.append(sparse.diags(1.0 / norms).dot(counts))
        return sparse.hstack(parts, format="csr", dtype=np.float32)
