"""The report's building blocks: words in both languages, number formats, marks, excerpts, rule texts."""

from __future__ import annotations

from datetime import date

import pytest

from egoscope.model import GOOD_PRACTICES, RISKS, TOPICS
from egoscope.report.catalog import Catalog
from egoscope.report.highlight import Span, excerpt, mark
from egoscope.report.i18n import LANGS, Formatter, Translator, typeset
from egoscope.report.strings import STRINGS


@pytest.mark.parametrize("lang", LANGS)
def test_every_string_exists_in_both_languages(lang: str) -> None:
    missing = [key for key, texts in STRINGS.items() if not texts.get(lang)]
    assert missing == []
    assert all(set(texts) == set(LANGS) for texts in STRINGS.values())


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_agree_between_languages(lang: str) -> None:
    import string

    def names(text: str) -> set[str]:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field}

    other = "en" if lang == "fr" else "fr"
    assert [key for key, texts in STRINGS.items() if names(texts[lang]) != names(texts[other])] == []


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_has_a_label(topic: str) -> None:
    assert Translator("fr").has(f"topic.{topic}") and Translator("en").has(f"topic.{topic}")


@pytest.mark.parametrize("lang, number, eur, percent, points, day", [
    ("fr", "12\u202f345,7", "12\u202f346\u202f€", "12,5\u202f%", "+2,5\u00a0pt", "3 mars 2026"),
    ("en", "12,345.7", "€12,346", "12.5%", "+2.5\u00a0pts", "3 March 2026"),
])
def test_numbers_are_written_the_local_way(lang: str, number: str, eur: str, percent: str, points: str,
                                           day: str) -> None:
    fmt = Formatter(lang)
    assert fmt.number(12345.67, 1) == number
    assert fmt.eur(12345.67) == eur
    assert fmt.percent(0.125, 1) == percent
    assert fmt.points(0.025) == points
    assert fmt.day(date(2026, 3, 3)) == day
    assert fmt.number(None) == "–"


@pytest.mark.parametrize("lang, n, expected", [("fr", 1, "1 fois"), ("fr", 3, "3 fois"), ("en", 1, "1 time"),
                                               ("en", 3, "3 times")])
def test_plurals(lang: str, n: int, expected: str) -> None:
    assert Translator(lang).plural("coach.times", n) == expected


@pytest.mark.parametrize("text, expected", [
    ("« bonjour » : oui ?", "«\u00a0bonjour\u00a0»\u00a0: oui\u202f?"),
])
def test_french_typography_keeps_marks_with_their_words(text: str, expected: str) -> None:
    assert typeset(text, "fr") == expected
    assert typeset(text, "en") == text


@pytest.mark.parametrize("text, spans, expected", [
    ("a <b> c", [Span(2, 5, "risk")], 'a <mark class="risk">&lt;b&gt;</mark> c'),
    ("C'est votre jour", [Span(0, 7, "good"), Span(2, 16, "risk")],
     'C&#39;<mark class="risk">est votre jour</mark>'),
    ("Vous avez dû mal lire", [Span(0, 12, "risk"), Span(0, 16, "risk")],
     '<mark class="risk">Vous avez dû mal</mark> lire'),
    ("abc", [Span(1, 9, "risk")], "abc"),  # out of range: ignored
])
def test_marks_are_escaped_and_risks_win_overlaps(text: str, spans: list[Span], expected: str) -> None:
    assert str(mark(text, spans)) == expected


@pytest.mark.parametrize("limit", [40])
def test_long_turns_are_cut_around_the_evidence(limit: int) -> None:
    text = "Bonjour madame. " * 10 + "Vous auriez dû lire le mail." + " Merci et bonne journée." * 10
    start = text.index("Vous")
    cut, spans = excerpt(text, [Span(start, start + 14, "risk")], limit)
    assert cut.startswith("… ") and cut.endswith(" …")
    assert cut[spans[0].start:spans[0].end] == "Vous auriez dû"
    assert len(cut) < 80


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_reads_the_rule_files_without_spacy(lang: str) -> None:
    catalog = Catalog.load(lang)
    for risk in RISKS:
        assert catalog.kind(risk) == "risk"
        assert catalog.suggestion(risk)  # every risk has a sincere rewrite
        assert catalog.explanation(risk)
    for good in GOOD_PRACTICES:
        assert catalog.label(good) != good
    assert catalog.label("custom_thing") == "custom thing"


@pytest.mark.parametrize("lang", LANGS)
def test_a_rules_own_rewrite_wins_over_its_categorys(lang: str) -> None:
    catalog = Catalog.load(lang)
    own = [(category, rule) for category, spec in catalog.categories.items() for rule in spec.rules
           if rule.suggestion is not None]
    for category, rule in own:
        assert catalog.suggestion(category, f"{category}/{rule.id}") == typeset(rule.suggestion.get(lang), lang)
    assert catalog.suggestion("favour_framing", "favour_framing/no_such_rule") == catalog.suggestion("favour_framing")
