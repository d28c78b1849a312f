"""Conversation dynamics: customer negativity per turn, escalations and their trigger, last word, outcome."""

from __future__ import annotations

from collections.abc import Sequence

from egoscope.model import Escalation, Finding, Outcome, Speaker
from egoscope.settings import Dynamics


def _noisy_or(values: Sequence[float]) -> float:
    remaining = 1.0
    for value in values:
        remaining *= 1.0 - max(0.0, min(1.0, value))
    return 1.0 - remaining


def emotions_of(findings: Sequence[Finding]) -> dict[str, float]:
    """Strongest intensity per emotion on one turn."""
    emotions: dict[str, float] = {}
    for finding in findings:
        if finding.kind == "emotion" and finding.intensity is not None:
            emotions[finding.category] = max(emotions.get(finding.category, 0.0), finding.intensity)
    return emotions


def negativity(findings: Sequence[Finding], params: Dynamics) -> float:
    """0-1: negative emotions and signals combined (noisy-or), relieved by satisfaction."""
    emotions = emotions_of(findings)
    parts = [params.emotion_weights[e] * v for e, v in emotions.items() if e in params.emotion_weights]
    parts += [params.signal_weights[f.category] for f in findings if f.category in params.signal_weights]
    level = _noisy_or(parts) - params.satisfaction_relief * emotions.get("satisfaction", 0.0)
    return round(max(0.0, min(1.0, level)), 3)


def _trigger(agent_turns: Sequence[int], risky: set[int], after: int, before: int) -> int | None:
    """The agent turn that set off the jump: the last risky one in between, else the last one."""
    between = [i for i in agent_turns if after < i < before]
    if not between:
        return None
    risky_between = [i for i in between if i in risky]
    return risky_between[-1] if risky_between else between[-1]


def escalations(speakers: Sequence[Speaker], levels: dict[int, float], risky: set[int],
                params: Dynamics) -> list[Escalation]:
    agent_turns = [i for i, s in enumerate(speakers) if s == "agent"]
    found: list[Escalation] = []
    previous_index, previous_level = -1, 0.0
    for index in sorted(levels):
        level = levels[index]
        delta = level - previous_level
        trigger = _trigger(agent_turns, risky, previous_index, index)
        if trigger is not None and delta >= params.escalation_min_delta and level >= params.escalation_min_level:
            found.append(Escalation(turn=index, trigger_turn=trigger, delta=round(delta, 3)))
        previous_index, previous_level = index, level
    return found


def last_word(speakers: Sequence[Speaker], risky: set[int]) -> tuple[Speaker | None, bool]:
    """Who spoke last, and whether the agent's last turn carries a risk (the ego's "dernier mot")."""
    if not speakers:
        return None, False
    agent_turns = [i for i, s in enumerate(speakers) if s == "agent"]
    last_agent_risky = bool(agent_turns) and agent_turns[-1] in risky
    return speakers[-1], speakers[-1] == "agent" and last_agent_risky


def outcome(customer_findings: dict[int, Sequence[Finding]], levels: dict[int, float], last_word_risk: bool,
            params: Dynamics) -> Outcome:
    if not levels:
        return "at_risk" if last_word_risk else "resolved"
    ordered = sorted(levels)
    final_index = ordered[-1]
    final_categories = {f.category for f in customer_findings.get(final_index, ())}
    churn_seen = any(f.category in ("churn_intent", "public_complaint")
                     for findings in customer_findings.values() for f in findings)
    if "churn_intent" in final_categories and "satisfaction" not in final_categories:
        return "lost"
    if levels[final_index] >= params.outcome.at_risk_final_negativity or last_word_risk:
        return "at_risk"
    if churn_seen or max(levels.values()) >= params.outcome.retained_peak_negativity:
        return "retained"
    return "resolved"
