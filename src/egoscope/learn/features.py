"""Sentence features of the linear classifier: TF-IDF of character and word n-grams of accent-folded text.

Training fits scikit-learn's ``TfidfVectorizer``; the shipped model keeps only the vocabulary (a list,
index order) and the idf weights. Inference re-implements the two analyzers (``char_wb`` and word
n-grams, exactly as scikit-learn cuts them; a test compares both) so that the engine neither imports
scikit-learn (2 s) nor unpickles anything.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
from scipy import sparse

from egoscope.text import normalise

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

Analyzer = Literal["char_wb", "word"]
WORD_PATTERN = r"(?u)\b\w+\b"  # keep one-letter words: "c", "j", "t" matter in chat French
_WORD = re.compile(WORD_PATTERN)


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
        from sklearn.feature_extraction.text import TfidfVectorizer  # training only

        return TfidfVectorizer(analyzer=self.analyzer, ngram_range=(self.ngram_min, self.ngram_max),
                               min_df=self.min_df, sublinear_tf=True, preprocessor=fold_text,
                               token_pattern=WORD_PATTERN if self.analyzer == "word" else None, dtype=np.float32)

    def grams(self, folded: str) -> list[str]:
        """The n-grams scikit-learn's analyzer yields for ``fold_text(text)`` (same order and multiplicity)."""
        if self.analyzer == "word":
            return _word_ngrams(_WORD.findall(folded), self.ngram_min, self.ngram_max)
        return _char_wb_ngrams(folded, self.ngram_min, self.ngram_max)


def _word_ngrams(tokens: list[str], low: int, high: int) -> list[str]:
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        grams.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return grams


def _char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    grams: list[str] = []
    for word in text.split():  # split() already folds runs of whitespace, as sklearn's re.sub does
        padded = f" {word} "
        size = len(padded)
        if size < low:  # a word shorter than n counts once, as a whole
            grams.append(padded)
            continue
        grams += [padded[i:i + n] for n in range(low, min(high, size) + 1) for i in range(size - n + 1)]
    return grams


DEFAULT_BLOCKS = (BlockSpec("char_wb", 2, 5), BlockSpec("word", 1, 2))


class TextFeatures:
    """Fitted TF-IDF blocks, stacked side by side (each block L2-normalised on its own)."""

    def __init__(self, blocks: Sequence[BlockSpec], vocabularies: Sequence[list[str]],
                 idfs: Sequence[np.ndarray]) -> None:
        self.blocks = tuple(blocks)
        self.vocabularies = [list(v) for v in vocabularies]
        self.idfs = [np.asarray(idf, dtype=np.float32) for idf in idfs]
        self._indexes = [{gram: i for i, gram in enumerate(vocab)} for vocab in self.vocabularies]

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
        folded = [fold_text(text) for text in texts]
        for block, index, idf in zip(self.blocks, self._indexes, self.idfs, strict=True):
            counts = _count(block, index, folded)
            counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]  # sublinear tf x idf
            norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
            norms[norms == 0.0] = 1.0
            parts.append(sparse.diags(1.0 / norms).dot(counts))
        return sparse.hstack(parts, format="csr", dtype=np.float32)


def _count(block: BlockSpec, index: dict[str, int], folded: Sequence[str]) -> sparse.csr_matrix:
    indptr: list[int] = [0]
    indices: list[int] = []
    data: list[int] = []
    get = index.get
    for text in folded:
        counts = Counter(i for i in map(get, block.grams(text)) if i is not None)
        indices.extend(counts.keys())
        data.extend(counts.values())
        indptr.append(len(indices))
    matrix = sparse.csr_matrix((np.asarray(data, dtype=np.float32), np.asarray(indices, dtype=np.int64),
                                np.asarray(indptr, dtype=np.int64)), shape=(len(folded), len(index)))
    matrix.sort_indices()
    return matrix
