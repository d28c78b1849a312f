"""Read custom-category files: validate each one, then the checks across examples, files and ids."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from egoscope.custom.schema import CustomCategoryFile
from egoscope.errors import RuleFileError
from egoscope.rules.yamlfile import LineFinder, load_with_lines
from egoscope.text import fold


@dataclass(frozen=True, slots=True)
class CustomCategory:
    """One validated file and where it came from."""

    spec: CustomCategoryFile
    path: Path

    @property
    def id(self) -> str:
        return self.spec.id


def _key(sentence: str) -> str:
    return " ".join(fold(sentence).split())


def _check_examples(spec: CustomCategoryFile, path: Path, lines: LineFinder) -> None:
    """No example twice, and no sentence both an example and a counter-example."""
    seen: dict[str, int] = {}
    for index, example in enumerate(spec.examples):
        first = seen.setdefault(_key(example), index)
        if first != index:
            raise RuleFileError(f"duplicate example {example!r} (same as examples.{first})", file=str(path),
                                line=lines(("examples", index)), field=f"examples.{index}")
    for index, counter in enumerate(spec.counter_examples):
        if _key(counter) in seen:
            raise RuleFileError(f"{counter!r} is also an example (examples.{seen[_key(counter)]})",
                                file=str(path),
                                line=lines(("counter_examples", index)), field=f"counter_examples.{index}")


def load_category(path: Path, *, reserved: Collection[str] = ()) -> CustomCategory:
    """One file; ``reserved`` are the ids it must not take (the built-in categories)."""
    spec, lines = load_with_lines(path, CustomCategoryFile)
    if spec.id in reserved:
        raise RuleFileError(f"id {spec.id!r} is a built-in category; choose another id "
                            f"(built-in: {', '.join(sorted(reserved))})", file=str(path), line=lines(("id",)),
                            field="id")
    _check_examples(spec, path, lines)
    return CustomCategory(spec=spec, path=path)


def load_categories(paths: Sequence[Path | str], *, reserved: Collection[str] = ()) -> list[CustomCategory]:
    """Every file, in order; two files may not declare the same id."""
    categories: list[CustomCategory] = []
    for raw in paths:
        path = Path(raw)
        category = load_category(path, reserved=reserved)
        other = next((c for c in categories if c.id == category.id), None)
        if other is not None:
            _spec, lines = load_with_lines(path, CustomCategoryFile)
            raise RuleFileError(f"id {category.id!r} is already declared in {other.path}", file=str(path),
                                line=lines(("id",)), field="id")
        categories.append(category)
    return categories
