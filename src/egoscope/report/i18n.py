"""The report's words and number formats in French and English (the words live in ``strings.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from egoscope.errors import ConfigError
from egoscope.report.strings import MONTHS, SHORT_MONTHS, STRINGS

LANGS: tuple[str, ...] = ("fr", "en")
NNBSP = "\u202f"  # French thousands separator and space before % and €
NBSP = "\u00a0"


_FRENCH_SPACES = (("« ", f"«{NBSP}"), (" »", f"{NBSP}»"), (" :", f"{NBSP}:"), (" ;", f"{NNBSP};"),
                  (" ?", f"{NNBSP}?"), (" !", f"{NNBSP}!"), (" %", f"{NNBSP}%"))


def typeset(text: str, lang: str) -> str:
    """French typography: no line break inside « » or before : ; ? ! % (their spaces become non-breaking)."""
    if lang != "fr":
        return text
    for plain, tied in _FRENCH_SPACES:
        text = text.replace(plain, tied)
    return text


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ConfigError(f"--lang {lang!r} is not valid; valid: {', '.join(LANGS)}")
    return lang


@dataclass(frozen=True, slots=True)
class Translator:
    """``t("key", n=3)``: the string of ``key`` in the report's language, formatted with the keywords.

    A missing key raises KeyError: every string must exist in both languages (a test checks it).
    """

    lang: str

    def __call__(self, key: str, /, **values: object) -> str:
        text = STRINGS[key][self.lang]
        return typeset(text.format(**values) if values else text, self.lang)

    def plural(self, key: str, n: int, /, **values: object) -> str:
        """``key.one`` or ``key.other`` by ``n`` (French singular covers 0 and 1), with ``n`` filled in."""
        one = n in (0, 1) if self.lang == "fr" else n == 1
        return self(f"{key}.{'one' if one else 'other'}", n=n, **values)

    def has(self, key: str) -> bool:
        return key in STRINGS


@dataclass(frozen=True, slots=True)
class Formatter:
    """Numbers, money, percentages and dates written the French or the English way."""

    lang: str

    def number(self, value: float | None, decimals: int = 0) -> str:
        if value is None:
            return "–"
        text = f"{value:,.{decimals}f}"
        if self.lang == "fr":
            text = text.replace(",", NNBSP).replace(".", ",")
        return text

    def eur(self, value: float | None) -> str:
        if value is None:
            return "–"
        return f"{self.number(value)}{NNBSP}€" if self.lang == "fr" else f"€{self.number(value)}"

    def percent(self, fraction: float | None, decimals: int = 0) -> str:
        if fraction is None:
            return "–"
        number = self.number(100 * fraction, decimals)
        return f"{number}{NNBSP}%" if self.lang == "fr" else f"{number}%"

    def points(self, change: float | None) -> str:
        """A change of a rate, in percentage points, signed."""
        if change is None:
            return ""
        sign = "+" if change > 0 else "−" if change < 0 else "±"
        unit = f"{NBSP}pt" if self.lang == "fr" else f"{NBSP}pts"
        return f"{sign}{self.number(abs(100 * change), 1)}{unit}"

    def signed(self, change: float | None, decimals: int = 0) -> str:
        if change is None:
            return ""
        sign = "+" if change > 0 else "−" if change < 0 else "±"
        return f"{sign}{self.number(abs(change), decimals)}"

    def day(self, value: date | datetime | None) -> str:
        if value is None:
            return "–"
        return f"{value.day} {MONTHS[self.lang][value.month - 1]} {value.year}"

    def short_day(self, value: date | datetime | None) -> str:
        if value is None:
            return "–"
        return f"{value.day} {SHORT_MONTHS[self.lang][value.month - 1]}"

    def month(self, value: date) -> str:
        return f"{MONTHS[self.lang][value.month - 1]} {value.year}"

    def quote(self, text: str) -> str:
        """Quotation marks of the language: « text » or “text”."""
        return f"«{NBSP}{text}{NBSP}»" if self.lang == "fr" else f"“{text}”"

    def plotly_separators(self) -> str:
        """Plotly's ``layout.separators``: decimal mark then thousands separator."""
        return ", " if self.lang == "fr" else ".,"
