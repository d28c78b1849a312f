"""Operators written on one alternative of an ``a|b`` list are rejected: they apply to the whole word."""

from __future__ import annotations

import pytest

from egoscope.pipeline import Engine
from egoscope.rules.cues import CueCompiler, CueSyntaxError


@pytest.mark.parametrize("cue", ["vous|=tu avoir", "dû|=dû", "rend*|rendre compte", "a||b", "a|"])
def test_stray_operator_in_a_list_is_rejected(engine: Engine, cue: str) -> None:
    with pytest.raises(CueSyntaxError):
        CueCompiler(engine.nlp).compile_all(cue)


@pytest.mark.parametrize("cue", ["=vous|tu avoir", "=vous|=tu avoir", "rend|rendu* compte", "rend*|rendu* compte",
                                 "vous|tu avoir? dû", "c' être non / c non"])
def test_operators_on_the_whole_list_are_accepted(engine: Engine, cue: str) -> None:
    assert CueCompiler(engine.nlp).compile_all(cue)


def test_surface_operator_applies_to_every_alternative(engine: Engine) -> None:
    patterns = CueCompiler(engine.nlp).compile_all("=auriez|aurais dû")
    assert all("LOWER" in pattern[0] for pattern in patterns)
