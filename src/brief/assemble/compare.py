"""Periods of dated article summaries → a `Comparison`: what changed between them.

All articles of all periods are merged once (`merge_summaries`), so actor names are
resolved with the same alias machinery across periods and sources are numbered by date
as in a brief. Every actor, position and event is then split by the period of the
sources that cite it. Deterministic: the same summaries give the same comparison.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import TypeVar

from brief.assemble.gists import gists_of
from brief.assemble.merge import merge_summaries
from brief.assemble.periods import Period, check_periods_have_articles
from brief.schema import (
    CONFLICT_CATEGORIES,
    COOPERATIVE_CATEGORIES,
    Article,
    ArticleSummary,
    BottomLine,
    BriefActor,
    BriefEvent,
    BriefPosition,
    Citation,
    CitedSentence,
    ComparedActor,
    ComparedPeriod,
    Comparison,
    EventMix,
    Skipped,
    Source,
    Trend,
)
from brief.wording import MAX_BOTTOM_LINE, cited_sources, date_in_words, shorten

__all__ = ["TREND_THRESHOLD", "compare_periods"]

# A move of the conflict share by at least this much is a change, not noise; with a few
# articles per period one event more or less must not flip the verdict on its own.
TREND_THRESHOLD = 0.2
COOPERATIVE_STANCES: frozenset[str] = frozenset(
    {"calls_for_restraint", "offers_mediation", "seeks_cooperation"}
)
HOSTILE_STANCES: frozenset[str] = frozenset({"condemns", "warns_or_threatens", "opposes"})
_MAX_NAMES = 6  # actors named in one bottom-line sentence
_QUOTE_CHARS = 141  # a statement quoted in the bottom line: 140 characters and "…"
_TREND_VERB = {"deteriorated": "deteriorated", "improved": "improved", "unchanged": "held steady"}


def compare_periods(
    summaries: Sequence[ArticleSummary],
    periods: Sequence[Period],
    *,
    left_out: Sequence[Article] = (),
    skipped: Sequence[Skipped] = (),
) -> Comparison:
    """Compare `periods` (earliest first, not overlapping; see `brief.assemble.periods`).

    Summaries of undated articles, or dated outside every period, are left out and named
    in `undated` / `outside`, as are the articles in `left_out` (read but not extracted).
    Raises UserError when a period holds no article.
    """
    placed = [(s, _period_index(s.article.date, periods)) for s in summaries]
    inside = [s for s, index in placed if index is not None]
    others = [*(s.article for s, index in placed if index is None), *left_out]
    # The error for an empty period lists every date the corpus has, not just the used ones.
    check_periods_have_articles(periods, [a.date for a in (*(s.article for s in inside), *others)])
    brief = merge_summaries(inside)
    period_of = _source_periods(brief.sources, periods)
    compared = [
        _compared_period(index, period, brief.sources, brief.timeline, brief.actors, period_of)
        for index, period in enumerate(periods)
    ]
    acts_of: dict[str | None, list[BriefEvent]] = defaultdict(list)
    for event in brief.timeline:
        acts_of[event.actor].append(event)
    actors = [_compared_actor(a, acts_of[a.name], period_of, len(periods)) for a in brief.actors]
    trend, reason = _trend(compared, actors)
    return Comparison(
        title=f"What changed: {' → '.join(p.label for p in compared)}",
        periods=compared,
        trend=trend,
        trend_reason=reason,
        bottom_line=_bottom_line(compared, actors, trend, reason),
        only_earliest=[a.name for a in _only_in(actors, 0)],
        only_latest=[a.name for a in _only_in(actors, -1)],
        in_every_period=[a.name for a in actors if all(a.present)],
        in_passing=[_in_passing(actors, index) for index in range(len(periods))],
        actors=actors,
        sources=brief.sources,
        undated=sorted(a.path for a in others if a.date is None),
        outside=sorted(f"{a.path} ({a.date.isoformat()})" for a in others if a.date),
        skipped=list(skipped),
    )


def _period_index(day: dt.date | None, periods: Sequence[Period]) -> int | None:
    if day is None:
        return None
    return next((i for i, p in enumerate(periods) if p.contains(day)), None)


def _source_periods(sources: Sequence[Source], periods: Sequence[Period]) -> dict[int, int]:
    # Every source here is dated inside a period: the merge saw only those articles.
    found = {src.number: _period_index(src.date, periods) for src in sources}
    return {number: index for number, index in found.items() if index is not None}


def _only_in(actors: list[ComparedActor], index: int) -> list[ComparedActor]:
    """The actors that speak, act or recur in period `index` and are named in no other:
    who appeared, or left. One named there only in passing has not (see `brief.language.agency`)."""
    return [a for a in actors if a.principal[index] and sum(a.present) == 1]


def _in_passing(actors: list[ComparedActor], index: int) -> list[str]:
    """Actors period `index` names but that speak, act or recur in no period, unless every
    period names them (those are shared however briefly)."""
    return [
        a.name for a in actors if a.present[index] and not any(a.principal) and not all(a.present)
    ]


# --------------------------------------------------------------------- splitting


def _split_citations(
    citations: Iterable[Citation], period_of: dict[int, int]
) -> dict[int, list[Citation]]:
    by_period: dict[int, list[Citation]] = {}
    for citation in citations:
        by_period.setdefault(period_of[citation.source], []).append(citation)
    return by_period


# A claim of the brief: either kind is split between periods the same way.
Claim = TypeVar("Claim", BriefEvent, BriefPosition)


def _claims_in(claims: list[Claim], index: int, period_of: dict[int, int]) -> list[Claim]:
    """The claims cited in period `index`, each with that period's citations only (a claim
    folded across periods is listed in each)."""
    found = []
    for claim in claims:
        citations = _split_citations(claim.citations, period_of).get(index)
        if citations:
            found.append(claim.model_copy(update={"citations": citations}))
    return found


def _compared_period(
    index: int,
    period: Period,
    sources: list[Source],
    timeline: list[BriefEvent],
    actors: list[BriefActor],
    period_of: dict[int, int],
) -> ComparedPeriod:
    own = [s for s in sources if period_of[s.number] == index]
    dates = [s.date for s in own if s.date]
    events = _claims_in(timeline, index, period_of)
    positions = [p for a in actors for p in _claims_in(a.positions, index, period_of)]
    return ComparedPeriod(
        label=period.label,
        start=period.start,
        end=period.end,
        articles=len(own),
        first_article=min(dates, default=None),
        last_article=max(dates, default=None),
        sources=[s.number for s in own],
        events=events,
        mix=_mix(events, positions),
    )


def _mix(events: list[BriefEvent], positions: list[BriefPosition]) -> EventMix:
    cooperation = sum(1 for e in events if e.category in COOPERATIVE_CATEGORIES)
    conflict = sum(1 for e in events if e.category in CONFLICT_CATEGORIES)
    friendly = sum(p.stance in COOPERATIVE_STANCES for p in positions)
    hostile = sum(p.stance in HOSTILE_STANCES for p in positions)
    signals = cooperation + conflict + friendly + hostile
    return EventMix(
        cooperation=cooperation,
        conflict=conflict,
        other=len(events) - cooperation - conflict,
        cooperative_statements=friendly,
        hostile_statements=hostile,
        conflict_share=(conflict + hostile) / signals if signals else None,
    )


def _compared_actor(
    actor: BriefActor, own: list[BriefEvent], period_of: dict[int, int], count: int
) -> ComparedActor:
    """`own`: the events of the timeline `actor` is the actor of."""
    present = {period_of[number] for number in actor.sources}
    principal = {period_of[number] for number in actor.principal_in}
    positions = [_claims_in(actor.positions, index, period_of) for index in range(count)]
    return ComparedActor(
        name=actor.name,
        aliases=actor.aliases,
        kind=actor.kind,
        present=[index in present for index in range(count)],
        principal=[index in principal for index in range(count)],
        positions=positions,
        acts=[_claims_in(own, index, period_of) for index in range(count)],
        gists=[gists_of(actor.model_copy(update={"positions": p})) for p in positions],
    )


# ------------------------------------------------------------------------- trend


def _trend(periods: list[ComparedPeriod], actors: list[ComparedActor]) -> tuple[Trend, str]:
    """Deteriorated when a party took up arms it had not taken before (it struck or
    attacked in the last period, and did neither in the first), or when conflict's share of
    the cooperation-and-conflict signals rose by TREND_THRESHOLD or more; improved when
    that share fell as much and no one newly took up arms."""
    first, last = periods[0], periods[-1]
    armed = _newly_armed(actors)
    if armed is not None:
        return "deteriorated", armed
    a, b = first.mix.conflict_share, last.mix.conflict_share
    if a is None or b is None:
        empty = first.label if a is None else last.label
        return "unchanged", f"no cooperation or conflict was reported in {empty} to compare"
    trend: Trend = (
        "deteriorated"
        if b - a >= TREND_THRESHOLD
        else "improved"
        if a - b >= TREND_THRESHOLD
        else "unchanged"
    )
    reason = (
        f"conflict made up {_signals(last.mix)} of the events and statements of cooperation "
        f"or conflict in {last.label}, against {_signals(first.mix)} in {first.label}"
    )
    return trend, reason


_ARMED = frozenset({"strike", "attack"})


def _newly_armed(actors: list[ComparedActor]) -> str | None:
    """ "Pakistan struck Iran on 18 January 2024, where before it took no armed action":
    the reason an escalation is one, whatever the mix of statements says."""
    for actor in actors:
        if not all(actor.present):
            continue
        before = [e for e in actor.acts[0] if e.category in _ARMED]
        after = [e for e in actor.acts[-1] if e.category in _ARMED and e.status == "happened"]
        if after and not before:
            act = after[0]
            when = f" on {date_in_words(act.date)}" if act.date else ""
            told = act.headline or f"{actor.name} took armed action"
            return f"{told}{when}, where before it had taken no armed action"
    return None


def _signals(mix: EventMix) -> str:
    conflict = mix.conflict + mix.hostile_statements
    total = conflict + mix.cooperation + mix.cooperative_statements
    return f"{round(100 * (mix.conflict_share or 0.0))}% ({conflict} of {total})"


# ------------------------------------------------------------------- bottom line


def _bottom_line(
    periods: list[ComparedPeriod], actors: list[ComparedActor], trend: Trend, reason: str
) -> BottomLine:
    """3 to 5 sentences, each with the sources that back it."""
    first, last = periods[0], periods[-1]
    lines = [
        _cited(
            f"From {first.label} to {last.label} the situation {_TREND_VERB[trend]}: {reason}.",
            [*last.sources, *first.sources],
        ),
        _became_a_party(actors, periods),
        _main_event(last) if "armed action" not in reason else None,
        _newcomers(actors, periods),
        _leavers(actors, periods),
        _shared(actors, periods),
    ]
    return [line for line in lines if line][:MAX_BOTTOM_LINE]


def _became_a_party(
    actors: list[ComparedActor], periods: list[ComparedPeriod]
) -> CitedSentence | None:
    """The actors present throughout that took no conflict action in the first period and
    did in the last: the change of role an analyst is asked about first."""
    first, last = periods[0].label, periods[-1].label
    for actor in actors:
        if not all(actor.present):
            continue
        before = [e for e in actor.acts[0] if e.category in CONFLICT_CATEGORIES]
        after = [e for e in actor.acts[-1] if e.category in CONFLICT_CATEGORIES]
        if before or not after:
            continue
        act = after[0]
        told = act.headline or f"{act.category}: “{_clip(act.what)}”"
        when = f" on {date_in_words(act.date)}" if act.date and act.headline else ""
        stances = Counter(p.stance for p in actor.positions[-1] if p.stance != "neutral")
        also = (
            f", and its statements then were mostly "
            f"{stances.most_common(1)[0][0].replace('_', ' ')}"
            if stances
            else ""
        )
        stand = _earlier_stand(actor.positions[0])
        earlier = (
            f"; its stance was {stand.stance.replace('_', ' ')}: “{_clip(stand.says)}”"
            if stand
            else ""
        )
        cited = {c.source for c in act.citations} | {
            c.source for c in (stand.citations if stand else [])
        }
        return _cited(
            f"{actor.name} became a party to the conflict in {last} "
            f"({told}{when}){also}. In {first} it had taken no "
            f"conflict action of its own{earlier}.",
            cited,
        )
    return None


# What an actor that later took part said before it did, most telling first.
_STANDS = ("offers_mediation", "neutral", "calls_for_restraint", "seeks_cooperation")


def _earlier_stand(positions: list[BriefPosition]) -> BriefPosition | None:
    """The most telling peaceful statement among `positions` (of the first period)."""
    ranked = sorted(
        (p for p in positions if p.stance in _STANDS), key=lambda p: _STANDS.index(p.stance)
    )
    return ranked[0] if ranked else None


def _clip(text: str) -> str:
    return shorten(text.strip().rstrip(" .;:"), _QUOTE_CHARS)


def _newcomers(actors: list[ComparedActor], periods: list[ComparedPeriod]) -> CitedSentence | None:
    new = _only_in(actors, -1)
    return _names_sentence(f"New in {periods[-1].label}", new, periods[-1])


def _leavers(actors: list[ComparedActor], periods: list[ComparedPeriod]) -> CitedSentence | None:
    gone = _only_in(actors, 0)
    return _names_sentence(f"Seen in {periods[0].label} only", gone, periods[0])


def _names_sentence(
    label: str, actors: list[ComparedActor], period: ComparedPeriod
) -> CitedSentence | None:
    if not actors:
        return None
    names = [a.name for a in actors[:_MAX_NAMES]]
    more = f" and {len(actors) - _MAX_NAMES} more" if len(actors) > _MAX_NAMES else ""
    return _cited(f"{label}: {', '.join(names)}{more}.", period.sources)


def _main_event(period: ComparedPeriod) -> CitedSentence | None:
    # The later period's weightiest event: conflict first, then cooperation.
    for kinds in (CONFLICT_CATEGORIES, COOPERATIVE_CATEGORIES):
        chosen = [e for e in period.events if e.category in kinds]
        if chosen:
            event = max(chosen, key=lambda e: len({c.source for c in e.citations}))
            when = f" ({date_in_words(event.date)})" if event.date else ""
            what = event.headline or _clip(event.what)
            cited = [c.source for c in event.citations]
            return _cited(f"Main {event.category} in {period.label}: {what}{when}.", cited)
    return None


def _shared(actors: list[ComparedActor], periods: list[ComparedPeriod]) -> CitedSentence:
    both = [a.name for a in actors if all(a.present)][:_MAX_NAMES]
    everyone = "both periods" if len(periods) == 2 else "every period"
    if not both:
        return CitedSentence(text=f"No actor appears in {everyone}.", sources=[])
    cited = [n for p in periods for n in p.sources[:1]]
    return _cited(f"Present in {everyone}: {', '.join(both)}.", cited)


def _cited(text: str, numbers: Iterable[int]) -> CitedSentence:
    return CitedSentence(text=text, sources=cited_sources(numbers))
