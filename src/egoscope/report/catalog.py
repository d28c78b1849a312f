"""Category labels, explanations and sincere rewrites, read from the rule files in the report's language.

The rule files are read as data (``RuleFile``), not compiled: a report must not need the spaCy model.
The texts mirror what the engine writes on a finding: a rule's own explanation or suggestion wins over
its category's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from egoscope.report.i18n import typeset
from egoscope.rules.schema import CategorySpec, RuleFile, RuleSpec
from egoscope.rules.yamlfile import load_validated


def rule_dir(language: str = "fr") -> Path:
    """The folder of the rule files of a conversation language (``lang/<language>``)."""
    return Path(str(resources.files("egoscope") / "lang" / language))


@lru_cache(maxsize=32)
def _rule_file(path: Path, mtime_ns: int) -> RuleFile:
    """A validated rule file, parsed once per version of the file (``mtime_ns`` is part of the key)."""
    return load_validated(path, RuleFile)


@dataclass(frozen=True, slots=True)
class Catalog:
    """Every category of the rule files, with its texts in ``lang`` (``fr`` or ``en``)."""

    lang: str
    categories: dict[str, CategorySpec]

    @classmethod
    def load(cls, lang: str, *, language: str = "fr", directory: Path | None = None) -> Catalog:
        categories: dict[str, CategorySpec] = {}
        for path in sorted((directory or rule_dir(language)).glob("rules_*.yaml")):
            categories.update(_rule_file(path, path.stat().st_mtime_ns).categories)
        return cls(lang=lang, categories=categories)

    def kind(self, category: str) -> str | None:
        spec = self.categories.get(category)
        return spec.kind if spec is not None else None

    def label(self, category: str) -> str:
        spec = self.categories.get(category)
        return typeset(spec.label.get(self.lang), self.lang) if spec is not None else category.replace("_", " ")

    def explanation(self, category: str, rule: str | None = None) -> str | None:
        spec = self.categories.get(category)
        if spec is None:
            return None
        own = self._rule(spec, rule)
        text = own.explanation if own is not None and own.explanation else spec.explanation
        return typeset(text.get(self.lang), self.lang)

    def suggestion(self, category: str, rule: str | None = None) -> str | None:
        """The sincere rewrite: the rule's own when it has one, else the category's (risks always have one)."""
        spec = self.categories.get(category)
        if spec is None:
            return None
        own = self._rule(spec, rule)
        text = own.suggestion if own is not None and own.suggestion else spec.suggestion
        return typeset(text.get(self.lang), self.lang) if text is not None else None

    @staticmethod
    def _rule(spec: CategorySpec, rule: str | None) -> RuleSpec | None:
        """The rule spec named by a finding's ``rule`` (``category/rule_id``), if the files still hold it."""
        if not rule:
            return None
        rule_id = rule.rsplit("/", 1)[-1]
        return next((r for r in spec.rules if r.id == rule_id), None)
