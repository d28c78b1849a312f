"""The managers' report rendered from the sample store: sections, numbers, highlights, self-containment."""

from __future__ import annotations

import re
from datetime import date

import pytest
from markupsafe import escape
from pagetext import external_references, markup, section, visible_text
from sample_store import BUDGETS, GENERATED_AT, SampleStore

from egoscope.errors import ConfigError
from egoscope.report import render_report
from egoscope.report.catalog import Catalog
from egoscope.report.conversations import trigger_index
from egoscope.report.cost import AD_TO_CR_AVERAGE, Budgets
from egoscope.report.i18n import Formatter, Translator
from egoscope.report.queries import cost_breakdown
from egoscope.store.queries import agents, conversation_result, totals, worst_conversations

LANGS = ["fr", "en"]
SECTIONS = ["overview", "remarks", "worst", "teams", "topics", "promises", "cost"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_section_is_there_in_order(report_pages: dict[str, str], lang: str) -> None:
    body = markup(report_pages[lang])
    positions = [body.index(f'<section id="{anchor}"') for anchor in SECTIONS]
    assert positions == sorted(positions)
    text = visible_text(report_pages[lang])
    t = Translator(lang)
    for anchor in SECTIONS:
        assert t(f"section.{anchor}") in text
    assert f'<html lang="{lang}">' in report_pages[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_key_figures_match_the_store(report_pages: dict[str, str], sample_store: SampleStore, lang: str) -> None:
    fmt = Formatter(lang)
    with sample_store.store.sessions() as session:
        overall = totals(session).values
        cost = cost_breakdown(session)
    overview = visible_text(section(report_pages[lang], "overview"))
    assert overall.conversations == 45
    assert fmt.number(overall.conversations) in overview
    assert fmt.number(overall.risks_per_100_turns, 1) in overview
    assert fmt.percent(overall.escalation_rate) in overview
    assert fmt.eur(overall.revenue_at_risk_eur) in overview
    cost_text = visible_text(section(report_pages[lang], "cost"))
    for eur in (cost.total_eur, cost.direct_eur, cost.word_of_mouth_eur, cost.silent_leavers_eur):
        assert fmt.eur(eur) in cost_text
    assert cost.total_eur == pytest.approx(overall.revenue_at_risk_eur, abs=0.05)


@pytest.mark.parametrize("lang, expected", [
    ("fr", ["780\u202f€", "10", "1,5", "60\u202f%", "90\u202f%", "2\u202f%"]),
    ("en", ["€780", "10", "1.5", "60%", "90%", "2%"]),
])
def test_cost_of_ego_states_every_assumption(report_pages: dict[str, str], lang: str, expected: list[str]) -> None:
    """The seeds' figures (15 € a week = 780 € a year, 10 people told, 60 % silent) and each stored assumption."""
    cost = visible_text(section(report_pages[lang], "cost"))
    for figure in expected:
        assert figure in cost
    t = Translator(lang)
    for key in ("loss_probability", "people_told_per_unhappy_customer", "word_of_mouth_conversion",
                "silent_leavers_per_voiced", "silent_leavers_weight", "default_annual_value_eur"):
        assert t(f"assumption.{key}") in cost


@pytest.mark.parametrize("lang", LANGS)
def test_budget_comparison_follows_seed_004(report_pages: dict[str, str], lang: str) -> None:
    fmt, t = Formatter(lang), Translator(lang)
    cost = visible_text(section(report_pages[lang], "cost"))
    assert t("budget.title") in cost
    assert fmt.eur(BUDGETS.ad_eur * 0.2) in cost  # move 20 % of the advertising budget
    assert fmt.eur(BUDGETS.cr_eur + BUDGETS.ad_eur * 0.2) in cost
    assert fmt.number(BUDGETS.ad_eur / BUDGETS.cr_eur) in cost
    assert fmt.number(AD_TO_CR_AVERAGE) in cost


@pytest.mark.parametrize("lang", ["en"])
def test_budget_comparison_only_with_both_budgets(sample_store: SampleStore, lang: str) -> None:
    page = render_report(sample_store.store, lang=lang, generated_at=GENERATED_AT)
    assert Translator(lang)("budget.title") not in visible_text(page)


@pytest.mark.parametrize("ad, cr, message", [
    (1000.0, None, "--cr-budget is missing"),
    (None, 1000.0, "--ad-budget is missing"),
    (0.0, 1000.0, "--ad-budget 0 must be a positive amount"),
])
def test_budgets_are_checked(ad: float | None, cr: float | None, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Budgets.from_options(ad, cr)


@pytest.mark.parametrize("lang", LANGS)
def test_worst_conversations_mark_the_trigger_and_give_a_rewrite(report_pages: dict[str, str],
                                                                  sample_store: SampleStore, lang: str) -> None:
    worst = section(report_pages[lang], "worst")
    catalog = Catalog.load(lang)
    with sample_store.store.sessions() as session:
        summaries = worst_conversations(session, 5)
        first = conversation_result(session, summaries[0].id)
    assert first is not None
    for summary in summaries:
        assert summary.id in worst
    trigger, _ = trigger_index(first)
    assert trigger is not None
    risk = next(f for f in first["turns"][trigger]["findings"] if f["kind"] == "risk")
    evidence = first["turns"][trigger]["text"][risk["start"]:risk["end"]]
    assert re.search(r'<mark class="risk"[^>]*>[^<]*' + re.escape(_escaped(evidence)), worst)
    assert worst.count("turn-trigger") >= 1
    rewrite = catalog.suggestion(risk["category"], risk["rule"])
    assert rewrite and _escaped(rewrite) in worst


def _escaped(text: str) -> str:
    return str(escape(text))


@pytest.mark.parametrize("lang", LANGS)
def test_team_and_agent_tables_list_everyone(report_pages: dict[str, str], sample_store: SampleStore,
                                             lang: str) -> None:
    teams = visible_text(section(report_pages[lang], "teams"))
    with sample_store.store.sessions() as session:
        known = agents(session)
    for info in known:
        assert info.agent in teams
        assert info.team is not None and info.team in teams


@pytest.mark.parametrize("lang", LANGS)
def test_topics_and_promises(report_pages: dict[str, str], sample_store: SampleStore, lang: str) -> None:
    t = Translator(lang)
    topics = visible_text(section(report_pages[lang], "topics"))
    assert t("topic.billing") in topics and t("topic.delivery") in topics
    promises = visible_text(section(report_pages[lang], "promises"))
    with sample_store.store.sessions() as session:
        overall = totals(session).values
    assert overall.commitments_made > 0
    assert t("promises.made") in promises and str(overall.commitments_made) in promises
    assert t("promises.repeats") in promises


@pytest.mark.parametrize("lang", LANGS)
def test_page_is_self_contained(report_pages: dict[str, str], lang: str) -> None:
    page = report_pages[lang]
    assert external_references(page) == []
    assert "<style>" in page and ".kpi" in page  # the stylesheet is inline
    assert page.count("plotly.js v") == 1  # plotly's bundle, once, inline
    assert page.count("Plotly.newPlot") >= 3  # trends, risks, good practices
    assert "@media print" in page


@pytest.mark.parametrize("start, end", [(date(2026, 4, 1), date(2026, 4, 30))])
def test_dates_restrict_the_report(sample_store: SampleStore, start: date, end: date) -> None:
    with sample_store.store.sessions() as session:
        in_april = totals(session, start, end).values.conversations
    page = render_report(sample_store.store, lang="en", start=start, end=end, generated_at=GENERATED_AT)
    assert 0 < in_april < 45
    assert f"{in_april} conversations" in visible_text(page)
    assert "1 April 2026 to 30 April 2026" in visible_text(page)
    assert "previous period" in visible_text(page)  # changes against March


@pytest.mark.parametrize("lang", LANGS)
def test_empty_period_says_so(sample_store: SampleStore, lang: str) -> None:
    page = render_report(sample_store.store, lang=lang, start=date(2030, 1, 1), end=date(2030, 1, 31))
    assert Translator(lang)("report.empty.title") in visible_text(page)
    assert "plotly.js v" not in page


@pytest.mark.parametrize("start, end", [(date(2026, 5, 1), date(2026, 4, 1))])
def test_reversed_dates_are_refused(sample_store: SampleStore, start: date, end: date) -> None:
    with pytest.raises(ConfigError, match="--from 2026-05-01 is after --to 2026-04-01"):
        render_report(sample_store.store, start=start, end=end)
