"""Validated settings files shipped with the package: cost assumptions and dynamics parameters."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from egoscope.errors import RuleFileError
from egoscope.rules.yamlfile import load_validated

_Strict = ConfigDict(extra="forbid", frozen=True)


class Assumptions(BaseModel):
    model_config = _Strict
    currency: str = "EUR"
    periods_per_year: dict[str, float]
    default_visits_per_week: float = Field(gt=0)
    default_annual_value_eur: float = Field(ge=0)
    loss_probability: dict[str, float]
    people_told_per_unhappy_customer: float = Field(ge=0)
    word_of_mouth_conversion: float = Field(ge=0, le=1)
    unhappy_outcomes: list[str]
    silent_leavers_per_voiced: float = Field(ge=0)
    silent_leavers_weight: float = Field(ge=0, le=1)


class CueWeights(BaseModel):
    """Weights of the arousal cues read on a customer turn's text (see analyzers/dynamics.py)."""

    model_config = _Strict
    exclamation: float = Field(ge=0, le=1)
    insistent_punctuation: float = Field(ge=0, le=1)
    question: float = Field(ge=0, le=1)
    longer_message: float = Field(ge=0, le=1)


class EscalationParams(BaseModel):
    model_config = _Strict
    heated_categories: list[str]
    min_level: float = Field(gt=0, le=1)
    calm_level: float = Field(gt=0, le=1)
    min_delta: float = Field(ge=0, le=1)
    longer_message_ratio: float = Field(gt=1)


class OutcomeParams(BaseModel):
    model_config = _Strict
    lost_signals: list[str]
    at_risk_final_negativity: float
    retained_peak_negativity: float


class ScoreParams(BaseModel):
    model_config = _Strict
    start: int
    first_risk_penalty: float
    repeat_risk_penalty: float
    escalation_penalty: float
    last_word_risk_penalty: float
    outcome_penalty: dict[str, float]
    good_bonus: float
    good_bonus_cap: float


class Dynamics(BaseModel):
    model_config = _Strict
    emotion_weights: dict[str, float]
    signal_weights: dict[str, float]
    satisfaction_relief: float
    cue_weights: CueWeights
    escalation: EscalationParams
    outcome: OutcomeParams
    score: ScoreParams


def _packaged(name: str) -> Path:
    return Path(str(resources.files("egoscope") / "settings" / name))


def load_dynamics(path: Path | None = None) -> Dynamics:
    return load_validated(path or _packaged("dynamics.yaml"), Dynamics)


def load_assumptions(path: Path | None = None) -> Assumptions:
    """Packaged defaults, overridden key by key by the user's file."""
    defaults: dict[str, Any] = yaml.safe_load(_packaged("assumptions.yaml").read_text(encoding="utf-8"))
    if path is None:
        return Assumptions.model_validate(defaults)
    override = load_validated(path, _AssumptionsOverride)
    merged = {**defaults, **override.model_dump(exclude_none=True)}
    try:
        return Assumptions.model_validate(merged)
    except ValueError as error:
        raise RuleFileError(str(error).splitlines()[0], file=str(path)) from error


class _AssumptionsOverride(BaseModel):
    """Same keys as Assumptions, all optional: a user file may change just one number."""

    model_config = _Strict
    currency: str | None = None
    periods_per_year: dict[str, float] | None = None
    default_visits_per_week: float | None = Field(default=None, gt=0)
    default_annual_value_eur: float | None = Field(default=None, ge=0)
    loss_probability: dict[str, float] | None = None
    people_told_per_unhappy_customer: float | None = Field(default=None, ge=0)
    word_of_mouth_conversion: float | None = Field(default=None, ge=0, le=1)
    unhappy_outcomes: list[str] | None = None
    silent_leavers_per_voiced: float | None = Field(default=None, ge=0)
    silent_leavers_weight: float | None = Field(default=None, ge=0, le=1)
