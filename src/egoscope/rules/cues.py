r"""A tiny cue language compiled to spaCy Matcher token patterns.

A cue is words separated by spaces. Each word matches on its accent-folded lemma, so
"avoir de la chance" also matches "vous avez eu de la chance" and "desole" meets "désolé".
Operators, per word:
    a b / c d  one of these phrases (" / " separates whole alternatives)
    a|b|c      one of these words
    word?      optional word
    =word      the surface form only (no lemma), accent-insensitive
    pref*      any word whose folded lemma starts with "pref"
    *2         zero to two arbitrary words
    POS:VERB   any word with this part of speech
    NUM        any number-like word ("48", "deux")
    re:^\d+h$  any word whose folded lemma matches this regular expression ("48h")
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Token

from egoscope.text import fold, normalise

TokenPattern = dict[str, Any]
_GAP = re.compile(r"^\*(\d)$")
_POS = re.compile(r"^POS:([A-Z]+)$")
MAX_VARIANTS = 64
_READINGS = ("NOUN", "VERB", "ADJ", "ADV")


class CueSyntaxError(ValueError):
    """A cue that cannot be compiled; the loader adds file and line."""


@dataclass(frozen=True, slots=True)
class _Chunk:
    words: tuple[str, ...]
    optional: bool = False
    surface: bool = False
    prefix: bool = False
    gap: int = 0
    pos: str | None = None
    regex: str | None = None
    number: bool = False


def _check_markers(raw: str) -> None:
    """Reject operators written on one alternative of a ``a|b`` list: they apply to the whole word
    position ("=a|b" is surface-only for both), so "a|=b" or "a*|b" would silently mean something else."""
    alternatives = raw.rstrip("?").split("|")
    if len(alternatives) < 2:
        return
    if any(alt.startswith("=") for alt in alternatives[1:]) and not alternatives[0].startswith("="):
        raise CueSyntaxError(f"'=' on a later alternative of {raw!r}: write it before the first one, it applies to all")
    if any(alt.endswith("*") for alt in alternatives[:-1]) and not alternatives[-1].endswith("*"):
        raise CueSyntaxError(f"'*' on an earlier alternative of {raw!r}: write it after the last one, it applies to all")
    if any(not alt.strip("=*") for alt in alternatives):
        raise CueSyntaxError(f"empty alternative in {raw!r}")


def _parse_chunk(raw: str) -> _Chunk:
    if gap := _GAP.match(raw):
        return _Chunk(words=(), gap=int(gap.group(1)))
    if pos := _POS.match(raw):
        return _Chunk(words=(), pos=pos.group(1))
    if raw in ("NUM", "NUM?"):
        return _Chunk(words=(), number=True, optional=raw.endswith("?"))
    if raw.startswith("re:"):
        try:
            re.compile(raw[3:])
        except re.error as error:
            raise CueSyntaxError(f"bad regular expression {raw[3:]!r}: {error}") from error
        return _Chunk(words=(), regex=raw[3:])
    _check_markers(raw)
    optional = raw.endswith("?") and len(raw) > 1
    raw = raw[:-1] if optional else raw
    surface = raw.startswith("=")
    raw = raw[1:] if surface else raw
    prefix = raw.endswith("*") and len(raw) > 1
    words = tuple(w.lstrip("=").rstrip("*") for w in normalise(raw).split("|") if w.strip("=*"))
    if not words:
        raise CueSyntaxError(f"cannot read cue word {raw!r}")
    return _Chunk(words=words, optional=optional, surface=surface, prefix=prefix)


def _cache_path(nlp: Language) -> Path:
    """Where analysed cue words are kept between runs: keyed by model and by this module's code."""
    code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:10]
    model = f"{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "egoscope"
    return base / f"cue-words-{model}-{code}.json"


class CueCompiler:
    """Turns cues into Matcher patterns, lemmatising cue words with the same pipeline as the text.

    Analysing a cue word runs the tagger; the results are cached on disk (a few hundred KB) so that
    a second process compiles the rules in a fraction of a second.
    """

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        self._lemmatizer: Any = lemmatizer if getattr(lemmatizer, "mode", "") == "rule" else None
        self._cache_file = _cache_path(nlp)
        self._lemma_cache: dict[str, tuple[tuple[str, str], ...]] = self._read_cache()
        self._dirty = False

    def _read_cache(self) -> dict[str, tuple[tuple[str, str], ...]]:
        try:
            raw = json.loads(self._cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {word: tuple((a, b) for a, b in pairs) for word, pairs in raw.items()}

    def save(self) -> None:
        """Persist new analyses; a read-only home only costs speed next time."""
        if not self._dirty:
            return
        try:
            self._cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self._cache_file.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self._lemma_cache, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self._cache_file)
        except OSError:
            return
        self._dirty = False

    def _analyse(self, word: str) -> tuple[tuple[str, str], ...]:
        """(folded surface, folded lemma) for each token the tokenizer makes of ``word``."""
        cached = self._lemma_cache.get(word)
        if cached is None:
            if word.endswith("'") and len(word) > 1:
                # An elided word alone ("qu'") tokenizes oddly: read it before a vowel, as in text.
                first = self._nlp(word + "il")[0]
                cached = ((fold(first.text), first.norm_),)
            else:
                cached = tuple((fold(t.text), "|".join(sorted(self._lemmas(t)))) for t in self._nlp(word))
            self._lemma_cache[word] = cached
            self._dirty = True
        return cached

    def _lemmas(self, token: Token) -> set[str]:
        """Folded lemmas of a cue word under every open-class reading: text tokens may be tagged
        differently from the isolated cue word ("désolée" is VERB -> "désoler" or ADJ -> "désolé")."""
        lemmas = {token.norm_}
        if self._lemmatizer is None or not token.is_alpha:
            return lemmas
        original = token.pos_
        for pos in _READINGS:
            token.pos_ = pos
            lemmas.update(fold(lemma) for lemma in self._lemmatizer.rule_lemmatize(token))
        token.pos_ = original
        return lemmas

    def compile_all(self, cue: str) -> list[list[TokenPattern]]:
        """All token patterns of a cue: one per phrase alternative and per word-count variant."""
        patterns: list[list[TokenPattern]] = []
        for part in cue.split(" / "):
            patterns.extend(self.compile(part))
        return patterns

    def compile(self, cue: str) -> list[list[TokenPattern]]:
        chunks = [_parse_chunk(raw) for raw in cue.split()]
        if all(c.gap or c.optional for c in chunks):  # a cue must anchor on at least one word
            raise CueSyntaxError(f"cue {cue!r} has no required word")
        variants: list[list[TokenPattern]] = [[]]
        for chunk in chunks:
            options = self._chunk_variants(chunk, cue)
            variants = [done + option for done in variants for option in options]
            if len(variants) > MAX_VARIANTS:
                raise CueSyntaxError(f"cue {cue!r} expands to more than {MAX_VARIANTS} patterns; split it")
        return variants

    def _chunk_variants(self, chunk: _Chunk, cue: str) -> list[list[TokenPattern]]:
        if chunk.gap:
            return [[{"OP": f"{{0,{chunk.gap}}}"}]]
        if chunk.pos:
            return [[{"POS": chunk.pos}]]
        if chunk.number:
            return [[{"LIKE_NUM": True, "OP": "?"} if chunk.optional else {"LIKE_NUM": True}]]
        if chunk.regex:
            return [[{"NORM": {"REGEX": chunk.regex}}]]
        if chunk.prefix:
            alternation = "|".join(re.escape(fold(w)) for w in chunk.words)
            token: TokenPattern = {"NORM": {"REGEX": f"^(?:{alternation})"}}
            return [[{**token, "OP": "?"} if chunk.optional else token]]
        by_width: dict[int, list[tuple[str, tuple[tuple[str, str], ...]]]] = {}
        for word in chunk.words:
            analysed = self._analyse(word)
            by_width.setdefault(len(analysed), []).append((word, analysed))
        if len(by_width) > 1 or max(by_width) > 1:
            if chunk.optional:
                raise CueSyntaxError(f"operator on a multi-word chunk {chunk.words[0]!r} in cue {cue!r}")
        return [self._positions(chunk, group) for _width, group in sorted(by_width.items())]

    @staticmethod
    def _positions(chunk: _Chunk, group: list[tuple[str, tuple[tuple[str, str], ...]]]) -> list[TokenPattern]:
        patterns: list[TokenPattern] = []
        for position in range(len(group[0][1])):
            surfaces = sorted({analysed[position][0] for _w, analysed in group})
            lemmas = sorted({lemma for _w, analysed in group for lemma in analysed[position][1].split("|")}
                            | set(surfaces))
            token: TokenPattern
            if chunk.surface:
                lowered = {w.lower() for w, analysed in group if len(analysed) == 1}
                token = {"LOWER": {"IN": sorted(set(surfaces) | lowered)}}
            else:
                token = {"NORM": {"IN": lemmas}}
            if chunk.optional:
                token["OP"] = "?"
            patterns.append(token)
        return patterns
