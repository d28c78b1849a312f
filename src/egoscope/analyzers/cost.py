"""Revenue at risk for one conversation, every assumption echoed in the output."""

from __future__ import annotations

from egoscope.model import Customer, Outcome, RevenueAtRisk
from egoscope.settings import Assumptions


def annual_value(customer: Customer | None, assumptions: Assumptions) -> tuple[float, bool]:
    """Spend x periods per year (15 EUR/week -> 780 EUR/year); the default when spend is missing."""
    if customer is None or customer.spend_eur is None or customer.spend_period is None:
        return assumptions.default_annual_value_eur, True
    per_year = assumptions.periods_per_year.get(customer.spend_period, 1.0)
    if customer.spend_period == "visit":
        visits = customer.visits_per_week or assumptions.default_visits_per_week
        per_year *= visits
    return customer.spend_eur * per_year, False


def revenue_at_risk(customer: Customer | None, outcome: Outcome, has_agent_risk: bool,
                    assumptions: Assumptions) -> RevenueAtRisk:
    value, is_default = annual_value(customer, assumptions)
    probability = assumptions.loss_probability.get(outcome, 0.0)
    direct = value * probability
    word_of_mouth = 0.0
    if outcome in assumptions.unhappy_outcomes:
        word_of_mouth = (probability * assumptions.people_told_per_unhappy_customer
                         * assumptions.word_of_mouth_conversion * value)
    silent = direct * assumptions.silent_leavers_per_voiced * assumptions.silent_leavers_weight if has_agent_risk else 0.0
    echoed = assumptions.model_dump()
    echoed["annual_value_source"] = "default_annual_value_eur" if is_default else "customer spend"
    return RevenueAtRisk(
        eur=round(direct + word_of_mouth + silent, 2), annual_value_eur=round(value, 2),
        loss_probability=probability, direct_eur=round(direct, 2), word_of_mouth_eur=round(word_of_mouth, 2),
        silent_leavers_eur=round(silent, 2), value_is_default=is_default, assumptions=echoed,
    )
