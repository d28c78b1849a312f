"""The pydantic model of one custom-category file: validated once, at load, naming file/line/field."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from egoscope.model import Kind
from egoscope.rules.schema import Text

ID_PATTERN = r"^[a-z][a-z0-9_]*$"  # the same as the output schema's category ids
DEFAULT_THRESHOLD = 0.5
MIN_EXAMPLES, MAX_EXAMPLES = 5, 30
MAX_COUNTER_EXAMPLES = 100

Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=500)]


class CustomCategoryFile(BaseModel):
    """A category declared by examples: a sentence is detected when it resembles them more than
    ``threshold`` (cosine similarity of sentence embeddings) and more than any counter-example."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=ID_PATTERN, max_length=64)
    kind: Kind
    label: Text
    explanation: Text
    suggestion: Text | None = Field(default=None, validate_default=True)
    threshold: float = Field(default=DEFAULT_THRESHOLD, gt=0.0, lt=1.0)
    examples: list[Sentence] = Field(min_length=MIN_EXAMPLES, max_length=MAX_EXAMPLES)
    counter_examples: list[Sentence] = Field(default_factory=list, max_length=MAX_COUNTER_EXAMPLES)
    note: str | None = None

    @field_validator("suggestion")
    @classmethod
    def _risks_have_suggestions(cls, suggestion: Text | None, info: ValidationInfo) -> Text | None:
        if suggestion is None and info.data.get("kind") == "risk":
            raise PydanticCustomError("suggestion",
                                      "a risk category needs a suggestion (a sincere rewrite), in fr and en")
        return suggestion
