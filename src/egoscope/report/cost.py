"""The "cost of ego" section: revenue at risk in three parts, word of mouth, silent leavers, every assumption.

The figures are those the engine priced at import (``revenue_at_risk`` of each stored result), under the
assumptions recorded on the import runs; nothing is re-priced here. The advertising comparison follows
seed article 004: brands spend on average 50 times more on advertising than on the customer
relationship, and should move at least 20 % of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from egoscope.errors import ConfigError
from egoscope.report.i18n import Formatter, Translator
from egoscope.report.queries import AssumptionSet, CostBreakdown

AD_TO_CR_AVERAGE = 50.0  # seed 004: "En moyenne, les marques dépensent 50 fois plus pour la pub."
SUGGESTED_SHIFT = 0.20  # seed 004: "transfèrent au moins 20 % de leur budget pub vers la Relation Client"
GREENGROCER_WEEKLY_EUR = 15.0  # seed 000: the customer who left 15 € a week at the greengrocer's
ASSUMPTION_ORDER = ("loss_probability", "people_told_per_unhappy_customer", "word_of_mouth_conversion",
                    "unhappy_outcomes", "silent_leavers_per_voiced", "silent_leavers_weight",
                    "default_annual_value_eur", "periods_per_year", "default_visits_per_week", "currency")


@dataclass(frozen=True, slots=True)
class Budgets:
    """Yearly advertising and customer-relationship budgets, in euros."""

    ad_eur: float
    cr_eur: float

    @classmethod
    def from_options(cls, ad_eur: float | None, cr_eur: float | None) -> Budgets | None:
        if ad_eur is None and cr_eur is None:
            return None
        if ad_eur is None or cr_eur is None:
            missing = "--cr-budget" if cr_eur is None else "--ad-budget"
            raise ConfigError(f"{missing} is missing: give both --ad-budget and --cr-budget, or neither")
        for option, value in (("--ad-budget", ad_eur), ("--cr-budget", cr_eur)):
            if value <= 0:
                raise ConfigError(f"{option} {value:g} must be a positive amount in euros")
        return cls(ad_eur, cr_eur)


@dataclass(frozen=True, slots=True)
class BudgetView:
    ad_eur: float
    cr_eur: float
    ratio: float
    shift_eur: float
    new_ad_eur: float
    new_cr_eur: float
    new_ratio: float
    cr_growth: float  # the new customer-relationship budget as a multiple of today's


def budget_view(budgets: Budgets) -> BudgetView:
    shift = budgets.ad_eur * SUGGESTED_SHIFT
    new_ad, new_cr = budgets.ad_eur - shift, budgets.cr_eur + shift
    return BudgetView(budgets.ad_eur, budgets.cr_eur, budgets.ad_eur / budgets.cr_eur, shift, new_ad, new_cr,
                      new_ad / new_cr, new_cr / budgets.cr_eur)


@dataclass(frozen=True, slots=True)
class CostPart:
    key: str
    eur: float
    share: float


@dataclass(frozen=True, slots=True)
class AssumptionRow:
    name: str
    value: str
    source: str


@dataclass(frozen=True, slots=True)
class CostSection:
    breakdown: CostBreakdown
    parts: tuple[CostPart, ...]
    unhappy: int
    people_told: float
    people_per_customer: float
    silent_per_voiced: float
    silent_share_of_leavers: float
    hidden_share: float
    greengrocer_year_eur: float
    assumption_sets: tuple[tuple[AssumptionSet, tuple[AssumptionRow, ...]], ...]
    budgets: BudgetView | None


def cost_section(breakdown: CostBreakdown, sets: list[AssumptionSet], budgets: Budgets | None,
                 t: Translator, fmt: Formatter) -> CostSection:
    total = breakdown.total_eur
    parts = tuple(CostPart(key, eur, eur / total if total else 0.0) for key, eur in (
        ("direct", breakdown.direct_eur), ("word_of_mouth", breakdown.word_of_mouth_eur),
        ("silent", breakdown.silent_leavers_eur)))
    main = sets[0].assumptions if sets else {}
    people = float(main.get("people_told_per_unhappy_customer", 0) or 0)
    per_voiced = float(main.get("silent_leavers_per_voiced", 0) or 0)
    weeks = float((main.get("periods_per_year") or {}).get("week", 52))
    unhappy = breakdown.lost + breakdown.at_risk
    return CostSection(
        breakdown=breakdown, parts=parts, unhappy=unhappy, people_told=unhappy * people,
        people_per_customer=people, silent_per_voiced=per_voiced,
        silent_share_of_leavers=per_voiced / (1 + per_voiced) if per_voiced else 0.0,
        hidden_share=(breakdown.word_of_mouth_eur + breakdown.silent_leavers_eur) / total if total else 0.0,
        greengrocer_year_eur=GREENGROCER_WEEKLY_EUR * weeks,
        assumption_sets=tuple((s, assumption_rows(s.assumptions, t, fmt)) for s in sets),
        budgets=budget_view(budgets) if budgets is not None else None,
    )


def assumption_rows(assumptions: dict[str, Any], t: Translator, fmt: Formatter) -> tuple[AssumptionRow, ...]:
    """Every assumption in plain words, the known ones first, each with where its value comes from."""
    keys = [k for k in ASSUMPTION_ORDER if k in assumptions] + sorted(set(assumptions) - set(ASSUMPTION_ORDER))
    rows = []
    for key in keys:
        known = t.has(f"assumption.{key}")
        rows.append(AssumptionRow(t(f"assumption.{key}") if known else key,
                                  _value(key, assumptions[key], t, fmt),
                                  t(f"assumption.{key}.source") if known else ""))
    return tuple(rows)


def _value(key: str, value: Any, t: Translator, fmt: Formatter) -> str:
    if key == "loss_probability" and isinstance(value, dict):
        return ", ".join(f"{_outcome(k, t)} {fmt.percent(float(v))}" for k, v in value.items())
    if key == "periods_per_year" and isinstance(value, dict):
        return ", ".join(f"{_period(k, t)} × {fmt.number(float(v))}" for k, v in value.items())
    if key == "unhappy_outcomes" and isinstance(value, list):
        return ", ".join(_outcome(str(k), t) for k in value)
    if key in ("word_of_mouth_conversion", "silent_leavers_weight") and isinstance(value, int | float):
        return fmt.percent(float(value))
    if key == "default_annual_value_eur" and isinstance(value, int | float):
        return fmt.eur(float(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt.number(float(value), 0 if float(value).is_integer() else 1)
    return str(value)


def _outcome(outcome: str, t: Translator) -> str:
    return t(f"outcome.{outcome}") if t.has(f"outcome.{outcome}") else outcome


def _period(period: str, t: Translator) -> str:
    return t(f"spend_period.{period}") if t.has(f"spend_period.{period}") else period
