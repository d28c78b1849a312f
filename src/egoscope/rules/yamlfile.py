"""Load YAML keeping line numbers, so a bad rule file fails naming its file, line and field."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from egoscope.errors import RuleFileError

M = TypeVar("M", bound=BaseModel)


def _compose(path: Path) -> yaml.Node | None:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.compose(handle, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise RuleFileError(f"invalid YAML: {getattr(error, 'problem', error)}", file=str(path), line=line) from error
    except UnicodeDecodeError as error:
        raise RuleFileError("not UTF-8 text", file=str(path)) from error
    except OSError as error:
        raise RuleFileError(f"cannot read file: {error.strerror}", file=str(path)) from error


def _line_of(node: yaml.Node | None, loc: Sequence[int | str]) -> int | None:
    """Walk the composed node tree along a pydantic error location; return the deepest line found."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
            if match is None:
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        line = node.start_mark.line + 1
    return line


def load_validated(path: Path, model: type[M]) -> M:
    """Parse ``path`` and validate it against ``model``; errors name file, line and field."""
    return load_with_lines(path, model)[0]


class LineFinder:
    """Answers "which line holds this field?" for errors found after validation (bad cues)."""

    def __init__(self, node: yaml.Node | None) -> None:
        self._node = node

    def __call__(self, loc: Sequence[int | str]) -> int | None:
        return _line_of(self._node, loc)


def load_with_lines(path: Path, model: type[M]) -> tuple[M, LineFinder]:
    """Like ``load_validated`` but also returns a LineFinder for later checks."""
    node = _compose(path)
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) if node is not None else None
    if data is None:
        raise RuleFileError("the file is empty", file=str(path))
    try:
        return model.model_validate(data), LineFinder(node)
    except ValidationError as error:
        first = error.errors()[0]
        loc = first.get("loc", ())
        field = ".".join(str(part) for part in loc) or None
        raise RuleFileError(first.get("msg", "invalid value"), file=str(path),
                            line=_line_of(node, loc), field=field) from error
