"""The shipped sentence classifier: one-vs-rest logistic regression on TF-IDF n-grams, per speaker side.

File format (``models/sentence_<lang>.npz`` + ``.json``, no pickle): the npz holds the coefficient
matrices, intercepts, Platt calibration and idf weights; the json holds the vocabularies, categories,
tuned thresholds, emotion strengths and the labelled training sentences used to explain a finding.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
from scipy import sparse

from egoscope.learn.features import BlockSpec, TextFeatures
from egoscope.model import Speaker

FORMAT_VERSION = 1
Unit = Literal["sentence", "window", "max"]  # what a sentence's probability is read from (see classifier_stage)


def sigmoid(values: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(values, -30.0, 30.0)))


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Per category: ``add`` = lowest probability for a model-only finding; ``veto`` = highest
    probability at which a rule hit is dropped as clean (0 disables the veto)."""

    add: float
    veto: float


@dataclass
class SideModel:
    """The classifier of one speaker side (agent: risks + good practices; customer: emotions + signals)."""

    side: Speaker
    categories: tuple[str, ...]
    features: TextFeatures
    coef: np.ndarray  # (n_features, n_categories)
    intercept: np.ndarray  # (n_categories,)
    calibration: np.ndarray  # (n_categories, 2): Platt slope and offset on the raw decision value
    unit: Unit = "max"
    thresholds: dict[str, Thresholds] = field(default_factory=dict)
    strength: dict[str, float] = field(default_factory=dict)
    rule_calibration: tuple[float, float] = (1.0, 0.0)
    exemplar_texts: list[str] = field(default_factory=list)
    exemplar_labels: list[list[str]] = field(default_factory=list)

    def decision(self, matrix: sparse.csr_matrix) -> np.ndarray:
        return np.asarray(matrix @ self.coef) + self.intercept

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities, one row per text, one column per category (all texts at once)."""
        if not texts:
            return np.zeros((0, len(self.categories)), dtype=np.float32)
        return self.probabilities(self.features.transform(texts))

    def probabilities(self, matrix: sparse.csr_matrix) -> np.ndarray:
        raw = self.decision(matrix)
        return sigmoid(raw * self.calibration[:, 0] + self.calibration[:, 1]).astype(np.float32)

    def rule_probability(self, model_probability: float) -> float:
        """P(category present | a rule matched, the model's probability): Platt fit on train hits."""
        slope, offset = self.rule_calibration
        logit = float(np.log(max(1e-6, model_probability) / max(1e-6, 1.0 - model_probability)))
        return float(sigmoid(np.array(slope * logit + offset)))


@dataclass
class SentenceModel:
    """Both sides plus the settings that produced them."""

    lang: str
    sides: dict[str, SideModel]
    meta: dict[str, Any] = field(default_factory=dict)

    def save(self, path: Path) -> None:
        """Write ``path`` (.npz) and its ``.json`` sibling."""
        arrays: dict[str, np.ndarray] = {}
        sides_meta: dict[str, Any] = {}
        for name, side in self.sides.items():
            arrays[f"{name}.coef"] = side.coef.astype(np.float16)
            arrays[f"{name}.intercept"] = side.intercept.astype(np.float32)
            arrays[f"{name}.calibration"] = side.calibration.astype(np.float32)
            for index, idf in enumerate(side.features.idfs):
                arrays[f"{name}.idf{index}"] = idf.astype(np.float32)
            sides_meta[name] = {
                "categories": list(side.categories),
                "unit": side.unit,
                "blocks": [[b.analyzer, b.ngram_min, b.ngram_max, b.min_df] for b in side.features.blocks],
                "vocabularies": side.features.vocabularies,
                "thresholds": {c: [t.add, t.veto] for c, t in side.thresholds.items()},
                "strength": side.strength,
                "rule_calibration": list(side.rule_calibration),
                "exemplars": [[text, labels] for text, labels in zip(side.exemplar_texts, side.exemplar_labels,
                                                                     strict=True)],
            }
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]
        document = {"format": FORMAT_VERSION, "lang": self.lang, "meta": self.meta, "sides": sides_meta}
        path.with_suffix(".json").write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")),
                                             encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> SentenceModel:
        document = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        if document.get("format") != FORMAT_VERSION:
            raise ValueError(f"{path}: model format {document.get('format')!r}, expected {FORMAT_VERSION}; "
                             "run `make model`")
        sides: dict[str, SideModel] = {}
        with np.load(path) as arrays:
            for name, meta in document["sides"].items():
                blocks = [BlockSpec(a, lo, hi, df) for a, lo, hi, df in meta["blocks"]]
                idfs = [arrays[f"{name}.idf{i}"] for i in range(len(blocks))]
                sides[name] = SideModel(
                    side=name, categories=tuple(meta["categories"]),
                    features=TextFeatures(blocks, meta["vocabularies"], idfs),
                    coef=arrays[f"{name}.coef"].astype(np.float32), intercept=arrays[f"{name}.intercept"],
                    calibration=arrays[f"{name}.calibration"], unit=meta["unit"],
                    thresholds={c: Thresholds(add=a, veto=v) for c, (a, v) in meta["thresholds"].items()},
                    strength=meta["strength"], rule_calibration=tuple(meta["rule_calibration"]),
                    exemplar_texts=[text for text, _labels in meta["exemplars"]],
                    exemplar_labels=[labels for _text, labels in meta["exemplars"]],
                )
        return cls(lang=document["lang"], sides=sides, meta=document["meta"])
