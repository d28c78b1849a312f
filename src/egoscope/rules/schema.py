"""Pydantic models of the rule files in ``lang/<lang>/*.yaml``: validated once at load."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from egoscope.model import ALL_CATEGORIES, Kind


class Text(BaseModel):
    """A user-facing string in every supported language."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


class RuleSpec(BaseModel):
    """One detector: cues compiled to token patterns, plus the scope checks that veto a hit."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    cues: list[str] = Field(min_length=1)
    negation: Literal["block", "ignore"] = "block"
    not_preceded_by: list[str] = Field(default_factory=list)
    not_followed_by: list[str] = Field(default_factory=list)
    intensity: float | None = Field(default=None, ge=0.0, le=1.0)
    suggestion: Text | None = None
    explanation: Text | None = None
    note: str | None = None

    @field_validator("cues", "not_preceded_by", "not_followed_by")
    @classmethod
    def _no_blank_cue(cls, cues: list[str]) -> list[str]:
        for cue in cues:
            if not cue.strip():
                raise ValueError("a cue is empty")
        return cues


class CategorySpec(BaseModel):
    """A taxonomy category: what it means, why it matters, how to rewrite it, and its rules."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: Kind
    label: Text
    explanation: Text
    suggestion: Text | None = None
    suppressed_by: list[str] = Field(default_factory=list)
    requires_context: Literal["unhappy_customer", "promise"] | None = None
    quotes: Literal["skip", "keep"] = "skip"
    rules: list[RuleSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _risks_have_suggestions(self) -> CategorySpec:
        if self.kind == "risk" and self.suggestion is None:
            raise ValueError("a risk category needs a suggestion (a sincere rewrite)")
        return self

    @field_validator("suppressed_by")
    @classmethod
    def _known_categories(cls, ids: list[str]) -> list[str]:
        unknown = sorted(set(ids) - set(ALL_CATEGORIES))
        if unknown:
            raise ValueError(f"unknown categories {unknown}; valid: {', '.join(ALL_CATEGORIES)}")
        return ids


class RuleFile(BaseModel):
    """A rule file: provenance plus categories keyed by their stable id."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    licence: str
    categories: dict[str, CategorySpec]

    @field_validator("categories")
    @classmethod
    def _known_ids(cls, categories: dict[str, CategorySpec]) -> dict[str, CategorySpec]:
        unknown = sorted(set(categories) - set(ALL_CATEGORIES))
        if unknown:
            raise ValueError(f"unknown category ids {unknown}; valid: {', '.join(ALL_CATEGORIES)}")
        return categories


class ScopeFile(BaseModel):
    """Function-word lists used by the scope checks (negation, reported speech, intensifiers)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    licence: str
    negation_words: list[str]
    negation_window: int = Field(ge=1, le=8)
    clause_breaks: list[str]
    reported_speech: list[str]
    intensifiers: list[str]
    unhappy_context: list[str]
