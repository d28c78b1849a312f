"""Conversation dynamics: customer negativity per turn, escalations and their trigger, last word, outcome.

A customer turn's negativity combines (noisy-or) its emotion and signal findings with a few arousal
cues read on the text itself: an exclamation, insistent punctuation ("??", "?!"), a question, a
message much longer than the customer's previous one. No single cue
makes a turn heated; together, or with a mild emotion, they do. That keeps escalations detectable
when the emotion rules miss an angry turn, without firing on a perfectly labelled calm one.

An escalation is a heated customer turn whose previous customer turn was calm (the customer's first
turn never counts: there is no "before"); its trigger is the nearest agent turn before it. This is
the definition the labelled conversations use (docs/escalation.md).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from itertools import pairwise

from egoscope.model import Escalation, Finding, Outcome, Speaker, Turn
from egoscope.settings import Dynamics

DEFAULT_STRENGTH = 0.7  # an emotion finding with neither intensity nor score (e.g. from a plug-in)
_INSISTENT = re.compile(r"[?!]\s*[?!]")
_SHORTEST_MESSAGE = 20  # characters: "ok" followed by a paragraph is not an outburst


def _noisy_or(values: Sequence[float]) -> float:
    remaining = 1.0
    for value in values:
        remaining *= 1.0 - max(0.0, min(1.0, value))
    return 1.0 - remaining


def _strength(finding: Finding) -> float:
    if finding.intensity is not None:
        return finding.intensity
    return finding.score if finding.score is not None else DEFAULT_STRENGTH


def emotions_of(findings: Sequence[Finding]) -> dict[str, float]:
    """Strongest intensity per emotion on one turn (a model finding without intensity gives its score)."""
    emotions: dict[str, float] = {}
    for finding in findings:
        if finding.kind == "emotion":
            emotions[finding.category] = max(emotions.get(finding.category, 0.0), _strength(finding))
    return emotions


def arousal_cues(text: str, previous_text: str | None, params: Dynamics) -> frozenset[str]:
    """The arousal cues present on one customer turn (names of ``params.cue_weights`` fields)."""
    cues: set[str] = set()
    if "!" in text:
        cues.add("exclamation")
    if _INSISTENT.search(text):
        cues.add("insistent_punctuation")
    if "?" in text:
        cues.add("question")
    ratio = params.escalation.longer_message_ratio
    if previous_text is not None and len(text.strip()) >= ratio * max(_SHORTEST_MESSAGE,
                                                                      len(previous_text.strip())):
        cues.add("longer_message")
    return frozenset(cues)


def is_heated(findings: Sequence[Finding], params: Dynamics) -> bool:
    """Whether a turn carries one of the categories that define an escalation (anger, churn intent…)."""
    heated = params.escalation.heated_categories
    return any(f.category in heated for f in findings)


def negativity(findings: Sequence[Finding], params: Dynamics, cues: Collection[str] = ()) -> float:
    """0-1: negative emotions, signals and arousal cues combined (noisy-or).

    Satisfaction relieves the level only on a turn with no heated category: "Parfait, je résilie"
    is a sarcastic thanks, not a relief."""
    emotions = emotions_of(findings)
    parts = [params.emotion_weights[e] * v for e, v in emotions.items() if e in params.emotion_weights]
    parts += [params.signal_weights[f.category] for f in findings if f.category in params.signal_weights]
    weights = params.cue_weights.model_dump()
    parts += [weights[cue] for cue in cues]
    level = _noisy_or(parts)
    if not is_heated(findings, params):
        level -= params.satisfaction_relief * emotions.get("satisfaction", 0.0)
    return round(max(0.0, min(1.0, level)), 3)


def customer_level(turns: Sequence[Turn], index: int, findings: Sequence[Finding], params: Dynamics) -> float:
    """Negativity of customer turn ``index``, its cues read against the customer's previous turn."""
    previous = next((turns[i].text for i in range(index - 1, -1, -1) if turns[i].speaker == "customer"), None)
    return negativity(findings, params, arousal_cues(turns[index].text, previous, params))


def _nearest_agent_turn(speakers: Sequence[Speaker], before: int) -> int | None:
    return next((i for i in range(before - 1, -1, -1) if speakers[i] == "agent"), None)


def escalations(speakers: Sequence[Speaker], levels: Mapping[int, float],
                params: Dynamics) -> list[Escalation]:
    """Each customer turn that jumps to heated from a calm previous customer turn."""
    rule = params.escalation
    found: list[Escalation] = []
    for previous, index in pairwise(sorted(levels)):
        level, before = levels[index], levels[previous]
        if level >= rule.min_level and before < rule.calm_level and level - before >= rule.min_delta:
            found.append(Escalation(turn=index, trigger_turn=_nearest_agent_turn(speakers, index),
                                    delta=round(level - before, 3)))
    return found


def last_word(speakers: Sequence[Speaker], risky: set[int]) -> tuple[Speaker | None, bool]:
    """Who spoke last, and whether the agent's last turn carries a risk (the ego's "dernier mot")."""
    if not speakers:
        return None, False
    agent_turns = [i for i, s in enumerate(speakers) if s == "agent"]
    last_agent_risky = bool(agent_turns) and agent_turns[-1] in risky
    return speakers[-1], speakers[-1] == "agent" and last_agent_risky


def _satisfied(findings: Sequence[Finding], params: Dynamics) -> bool:
    return any(f.category == "satisfaction" for f in findings) and not is_heated(findings, params)


def outcome(customer_findings: Mapping[int, Sequence[Finding]], levels: Mapping[int, float], last_word_risk: bool,
            params: Dynamics) -> Outcome:
    """lost: a churn signal never answered by satisfaction; at_risk: the customer ends unhappy, or was
    heated and never said they were satisfied since; retained: heated once, then satisfied; else resolved."""
    if not levels:
        return "at_risk" if last_word_risk else "resolved"
    ordered = sorted(levels)
    rule = params.outcome

    def satisfied_after(turn: int) -> bool:
        return any(_satisfied(customer_findings.get(i, ()), params) for i in ordered if i > turn)

    heated = [i for i in ordered if levels[i] >= params.escalation.min_level]
    recovered = satisfied_after(heated[-1]) if heated else True
    churn = [i for i in ordered if any(f.category in rule.lost_signals for f in customer_findings.get(i, ()))]
    final = ordered[-1]
    final_unhappy = (levels[final] >= rule.at_risk_final_negativity
                     and not _satisfied(customer_findings.get(final, ()), params))
    if churn and not satisfied_after(churn[-1]):
        return "lost"
    if final_unhappy or not recovered or (last_word_risk and not satisfied_after(-1)):
        return "at_risk"
    if churn or max(levels.values()) >= rule.retained_peak_negativity:
        return "retained"
    return "resolved"
