"""Load every rule file of a language once, validate it, and compile it to spaCy matchers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from egoscope.errors import RuleFileError
from egoscope.model import SPEAKERS, Speaker, speaker_of
from egoscope.rules.anchored import AnchoredMatcher
from egoscope.rules.cues import CueCompiler, CueSyntaxError
from egoscope.rules.schema import CategorySpec, RuleFile, RuleSpec, ScopeFile
from egoscope.rules.yamlfile import LineFinder, load_with_lines
from egoscope.text import fold

SCOPE_FILE = "scope.yaml"


@dataclass(frozen=True, slots=True)
class CompiledRule:
    key: str
    category: str
    spec: CategorySpec
    rule: RuleSpec


@dataclass
class Rulebook:
    """All categories of one language with their compiled matchers."""

    lang: str
    categories: dict[str, CategorySpec]
    rules: dict[str, CompiledRule]
    scope: ScopeFile
    matchers: dict[Speaker, AnchoredMatcher]
    exceptions: dict[Speaker, AnchoredMatcher]  # not_preceded_by / not_followed_by cues of each side's rules
    scope_matcher: AnchoredMatcher
    negation_words: frozenset[str]
    clause_breaks: frozenset[str]
    fingerprint: str
    files: list[Path] = field(default_factory=list)

    def matcher(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Cue hits of every category, both speakers' (the engine asks one side at a time)."""
        return sorted(self.matchers["agent"](doc) + self.matchers["customer"](doc), key=lambda m: (m[1], m[2]))


def language_dir(lang: str) -> Path:
    return Path(str(resources.files("egoscope") / "lang" / lang))


def _add_cues(matcher: AnchoredMatcher, compiler: CueCompiler, key: str, cues: list[str],
              path: Path, lines: LineFinder, loc: tuple[int | str, ...]) -> None:
    patterns = []
    for index, cue in enumerate(cues):
        try:
            patterns.extend(compiler.compile_all(cue))
        except CueSyntaxError as error:
            raise RuleFileError(str(error), file=str(path), line=lines((*loc, index)),
                                field=".".join(map(str, (*loc, index)))) from error
    matcher.add(key, patterns)


def load_rulebook(nlp: Language, lang: str = "fr", *, rule_dir: Path | None = None) -> Rulebook:
    """Read ``lang/<lang>/*.yaml``: one scope file plus rule files whose categories do not overlap."""
    directory = rule_dir or language_dir(lang)
    compiler = CueCompiler(nlp)
    # One matcher per speaker: an agent turn never runs the customer cues, and the other way round.
    matchers: dict[Speaker, AnchoredMatcher] = {side: AnchoredMatcher(nlp.vocab) for side in SPEAKERS}
    exceptions: dict[Speaker, AnchoredMatcher] = {side: AnchoredMatcher(nlp.vocab) for side in SPEAKERS}
    scope_matcher = AnchoredMatcher(nlp.vocab)
    digest = hashlib.sha256()
    scope_path = directory / SCOPE_FILE
    scope, scope_lines = load_with_lines(scope_path, ScopeFile)
    digest.update(scope_path.read_bytes())
    for name in ("reported_speech", "unhappy_context", "intensifiers"):
        _add_cues(scope_matcher, compiler, name, getattr(scope, name), scope_path, scope_lines, (name,))
    categories: dict[str, CategorySpec] = {}
    rules: dict[str, CompiledRule] = {}
    files = sorted(directory.glob("rules_*.yaml"))
    for path in files:
        digest.update(path.read_bytes())
        rule_file, lines = load_with_lines(path, RuleFile)
        for category, spec in rule_file.categories.items():
            if category in categories:
                raise RuleFileError(f"category '{category}' is defined twice", file=str(path),
                                    line=lines(("categories", category)), field=f"categories.{category}")
            categories[category] = spec
            for index, rule in enumerate(spec.rules):
                key = f"{category}/{rule.id}"
                if key in rules:
                    raise RuleFileError(f"rule id '{rule.id}' is used twice in '{category}'", file=str(path),
                                        line=lines(("categories", category, "rules", index)), field="id")
                loc: tuple[int | str, ...] = ("categories", category, "rules", index)
                side = speaker_of(spec.kind)
                _add_cues(matchers[side], compiler, key, rule.cues, path, lines, (*loc, "cues"))
                if rule.not_preceded_by:
                    _add_cues(exceptions[side], compiler, key + "/pre", rule.not_preceded_by, path, lines,
                              (*loc, "not_preceded_by"))
                if rule.not_followed_by:
                    _add_cues(exceptions[side], compiler, key + "/post", rule.not_followed_by, path, lines,
                              (*loc, "not_followed_by"))
                rules[key] = CompiledRule(key=key, category=category, spec=spec, rule=rule)
    compiler.save()
    return Rulebook(
        lang=lang, categories=categories, rules=rules, scope=scope, matchers=matchers, exceptions=exceptions,
        scope_matcher=scope_matcher,
        negation_words=frozenset(fold(w) for w in scope.negation_words),
        clause_breaks=frozenset(fold(w) for w in scope.clause_breaks),
        fingerprint=digest.hexdigest()[:12], files=[scope_path, *files],
    )
