"""A 0-100 conversation score: 100 is a clean, well-handled conversation."""

from __future__ import annotations

from collections.abc import Sequence

from egoscope.model import Escalation, Finding, Outcome
from egoscope.settings import ScoreParams


def score(agent_findings: Sequence[Finding], escalations: Sequence[Escalation], outcome: Outcome,
          last_word_risk: bool, params: ScoreParams) -> int:
    value = float(params.start)
    seen: set[str] = set()
    for finding in agent_findings:
        if finding.kind != "risk":
            continue
        value -= params.repeat_risk_penalty if finding.category in seen else params.first_risk_penalty
        seen.add(finding.category)
    value -= params.escalation_penalty * len(escalations)
    value -= params.last_word_risk_penalty if last_word_risk else 0
    value -= params.outcome_penalty.get(outcome, 0)
    good = {f.category for f in agent_findings if f.kind == "good"}
    value += min(params.good_bonus_cap, params.good_bonus * len(good))
    return int(round(max(0.0, min(100.0, value))))
