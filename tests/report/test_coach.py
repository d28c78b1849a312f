"""The coaching sheet: strengths first, the agent's own words marked, rewrites, three exercises, no names."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from markupsafe import escape
from pagetext import external_references, markup, section, visible_text
from sample_store import SampleStore

from egoscope.errors import ConfigError
from egoscope.report import render_coaching_sheet
from egoscope.report.catalog import Catalog
from egoscope.report.coach import build_coaching_sheet
from egoscope.report.i18n import Translator
from egoscope.store.queries import agent_findings, agents

LANGS = ["fr", "en"]
AGENT = "agent-2"  # the most risky remarks of the sample: every part of the sheet is filled


@pytest.mark.parametrize("lang", LANGS)
def test_strengths_come_before_the_moments_to_rework(coach_pages: dict[tuple[str, str], str], lang: str) -> None:
    body = markup(coach_pages[(AGENT, lang)])
    order = [body.index(f'<section id="{anchor}"') for anchor in ("strengths", "trend", "moments", "practice")]
    assert order == sorted(order)
    t = Translator(lang)
    assert t("coach.title", agent=AGENT) in visible_text(coach_pages[(AGENT, lang)])


@pytest.mark.parametrize("lang", LANGS)
def test_top_risks_show_the_agents_own_words_and_a_rewrite(coach_pages: dict[tuple[str, str], str],
                                                           sample_store: SampleStore, lang: str) -> None:
    with sample_store.store.sessions() as session:
        risks = agent_findings(session, AGENT, kinds=("risk",))
    top_category, count = Counter(f.category for f in risks).most_common(1)[0]
    top_rule = Counter(f.rule for f in risks if f.category == top_category).most_common(1)[0][0]
    catalog = Catalog.load(lang)
    moments = section(coach_pages[(AGENT, lang)], "moments")
    assert escape(catalog.label(top_category)) in moments
    assert escape(catalog.suggestion(top_category, top_rule) or "") in moments
    evidence = next(f.evidence for f in risks if f.category == top_category)
    assert f'<mark class="risk">{escape(evidence)}</mark>' in moments
    assert count >= 1


@pytest.mark.parametrize("lang", LANGS)
def test_good_practices_are_counted_with_examples(coach_pages: dict[tuple[str, str], str],
                                                  sample_store: SampleStore, lang: str) -> None:
    with sample_store.store.sessions() as session:
        good = agent_findings(session, AGENT, kinds=("good",))
    strengths = section(coach_pages[(AGENT, lang)], "strengths")
    category, count = Counter(f.category for f in good).most_common(1)[0]
    assert escape(Catalog.load(lang).label(category)) in strengths
    assert Translator(lang).plural("coach.times", count) in visible_text(strengths)
    assert '<mark class="good">' in strengths


@pytest.mark.parametrize("lang", LANGS)
def test_three_things_to_practise(coach_pages: dict[tuple[str, str], str], lang: str) -> None:
    practice = section(coach_pages[(AGENT, lang)], "practice")
    assert practice.count('class="card exercise') == 3
    assert practice.count('class="card exercise risk"') >= 1  # derived from the agent's own top risks


@pytest.mark.parametrize("agent", ["agent-2", "agent-4"])
def test_no_colleague_is_named(coach_pages: dict[tuple[str, str], str], sample_store: SampleStore,
                               agent: str) -> None:
    with sample_store.store.sessions() as session:
        others = [info.agent for info in agents(session) if info.agent != agent]
    text = visible_text(coach_pages[(agent, "fr")])
    assert not [name for name in others if name in text]


@pytest.mark.parametrize("lang", LANGS)
def test_sheet_has_a_trend_chart_and_is_self_contained(coach_pages: dict[tuple[str, str], str], lang: str) -> None:
    page = coach_pages[(AGENT, lang)]
    assert 'id="agent-trend"' in page and page.count("plotly.js v") == 1
    assert external_references(page) == []


@pytest.mark.parametrize("agent", ["nobody"])
def test_unknown_agent_lists_the_known_ones(sample_store: SampleStore, agent: str) -> None:
    with pytest.raises(ConfigError, match=r"unknown agent 'nobody'; known agents: agent-1, agent-2, .*agent-8$"):
        render_coaching_sheet(sample_store.store, agent)


@pytest.mark.parametrize("agent", ["agent-1", "agent-2", "agent-3", "agent-4", "agent-5", "agent-6", "agent-7",
                                   "agent-8"])
def test_every_agent_gets_three_exercises(sample_store: SampleStore, agent: str) -> None:
    """Agents with fewer than three risks get good practices to build on, least used first."""
    with sample_store.store.sessions() as session:
        sheet = build_coaching_sheet(session, agent, lang="en")
    assert len(sheet.exercises) == 3
    kinds = [exercise.kind for exercise in sheet.exercises]
    assert kinds == sorted(kinds, key=lambda kind: kind != "risk")
    assert len({exercise.label for exercise in sheet.exercises}) == 3
    assert sheet.conversations > 0


@pytest.mark.parametrize("lang", LANGS)
def test_a_period_without_conversations_says_so(sample_store: SampleStore, lang: str) -> None:
    page = render_coaching_sheet(sample_store.store, AGENT, lang=lang, start=date(2030, 1, 1))
    assert Translator(lang)("coach.empty.title") in visible_text(page)
    assert "plotly.js v" not in page
