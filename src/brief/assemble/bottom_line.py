"""The bottom line of a brief: three to five sentences, each citing its sources."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable

from brief.assemble.timeline import event_order
from brief.language.aliases import Gazetteer
from brief.schema import (
    CONFLICT_CATEGORIES,
    COOPERATIVE_CATEGORIES,
    BottomLine,
    BriefActor,
    BriefEvent,
    BriefPosition,
    Citation,
    CitedSentence,
    Source,
)
from brief.wording import (
    MAX_BOTTOM_LINE,
    cited_sources,
    date_in_words,
    month_and_year,
    upper_first,
)

# (without a target, with one): the stance as a verb phrase for the bottom line.
_STANCE_PHRASES: dict[str, tuple[str, str]] = {
    "calls_for_restraint": ("calls for restraint", "calls on {} to show restraint"),
    "offers_mediation": ("offers to mediate", "offers to mediate with {}"),
    "seeks_cooperation": ("seeks cooperation", "seeks cooperation with {}"),
    "supports": ("voices support", "backs {}"),
    "opposes": ("voices opposition", "opposes {}"),
    "condemns": ("issues condemnations", "condemns {}"),
    "warns_or_threatens": ("issues warnings", "warns {}"),
    "denies": ("rejects accusations", "rejects accusations from {}"),
    "expresses_concern": ("expresses concern", "expresses concern about {}"),
    "neutral": ("comments without taking sides", "comments on {} without taking sides"),
}
_CONFLICT_WEIGHT = {"strike": 0, "attack": 0, "threat": 1, "sanction": 1, "accusation": 2}
_COOPERATION_WEIGHT = {"agreement": 0, "offer": 1, "talks": 2}


def bottom_line(
    sources: list[Source],
    actors: list[BriefActor],
    timeline: list[BriefEvent],
    gazetteer: Gazetteer,
) -> BottomLine:
    """3 to 5 sentences, each with the sources that back it (fewer if data is thin)."""
    span = _span_sentence(sources)
    event_lines = [
        line
        for line in (
            _events_sentence("Main confrontations", _top_conflicts(timeline)),
            _events_sentence("Main diplomatic steps", _top_cooperation(timeline)),
        )
        if line
    ]
    room = MAX_BOTTOM_LINE - (span is not None) - len(event_lines)
    described = (_actor_sentence(a, gazetteer) for a in actors)
    actor_lines = list(itertools.islice((line for line in described if line), min(3, room)))
    lines = [*([span] if span else []), *actor_lines, *event_lines]
    for fallback in (_mentioned_sentence(actors, gazetteer), _other_events_sentence(timeline)):
        if len(lines) < 3 and fallback:
            lines.append(fallback)
    return lines


def _cited(text: str, numbers: Iterable[int]) -> CitedSentence:
    return CitedSentence(text=upper_first(text), sources=cited_sources(numbers))


def _span_sentence(sources: list[Source]) -> CitedSentence | None:
    dated = [s for s in sources if s.date]
    if not dated:
        return None
    first = min(dated, key=lambda s: (s.date, s.number))
    last = max(dated, key=lambda s: (s.date, -s.number))
    undated = [s for s in sources if s.date is None]
    count = "one source" if len(sources) == 1 else f"{len(sources)} sources"
    when = (
        f"dated {date_in_words(first.date)}"
        if first.date == last.date
        else f"dated between {date_in_words(first.date)} and {date_in_words(last.date)}"
    )
    note = f" ({len(undated)} undated)" if undated else ""
    cited = [first.number, last.number, *[s.number for s in undated[:1]]]
    return _cited(f"This brief draws on {count} {when}{note}.", cited)


def _actor_sentence(actor: BriefActor, gazetteer: Gazetteer) -> CitedSentence | None:
    if not actor.positions:
        return None
    # A stance weighs by the sources that report it, so a folded position counts for each.
    counts = Counter(p.stance for p in actor.positions for _ in _sources_of(p.citations))
    # Ties go to a stance that takes a side; "neutral" says the least about an actor.
    ranked = sorted(counts, key=lambda s: (-counts[s], s == "neutral"))
    phrases: list[str] = []
    cited: list[int] = []
    for stance in ranked[:2]:
        with_stance = [p for p in actor.positions if p.stance == stance]
        target = _dominant_target(with_stance)
        bare, aimed = _STANCE_PHRASES[stance]
        phrases.append(aimed.format(_with_article(target, gazetteer)) if target else bare)
        backing = [p for p in with_stance if target is None or p.toward == target]
        cited.extend(c.source for p in backing for c in p.citations)
    subject = _describe(actor, gazetteer)
    return _cited(f"{subject} {' and '.join(phrases)}.", cited)


def _dominant_target(positions: list[BriefPosition]) -> str | None:
    """The target of at least half of these positions, if there is one."""
    targets = Counter(p.toward for p in positions if p.toward)
    if not targets:
        return None
    target, count = targets.most_common(1)[0]
    return target if 2 * count >= len(positions) else None


def _describe(actor: BriefActor, gazetteer: Gazetteer) -> str:
    """ "Pakistan's foreign minister Shah Mahmood Qureshi", "the United Nations"."""
    if actor.kind != "person":
        return _with_article(actor.name, gazetteer)
    role = _lower_titles(actor.role, gazetteer) if actor.role else None
    owner = _possessive(_with_article(actor.country, gazetteer)) if actor.country else None
    return " ".join(part for part in (owner, role, actor.name) if part)


def _with_article(name: str, gazetteer: Gazetteer) -> str:
    return f"the {name}" if gazetteer.is_definite(name) else name


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _lower_titles(role: str, gazetteer: Gazetteer) -> str:
    # "Foreign Minister" reads "foreign minister" before a name; "Quds Force" keeps capitals.
    return " ".join(w.lower() if w.casefold() in gazetteer.titles else w for w in role.split())


def _top_conflicts(timeline: list[BriefEvent]) -> list[BriefEvent]:
    return _pick(
        [e for e in timeline if e.category in CONFLICT_CATEGORIES],
        lambda e: (e.status != "happened", -_source_count(e), _CONFLICT_WEIGHT[e.category]),
    )


def _top_cooperation(timeline: list[BriefEvent]) -> list[BriefEvent]:
    return _pick(
        [e for e in timeline if e.category in COOPERATIVE_CATEGORIES],
        lambda e: (_COOPERATION_WEIGHT[e.category], -_source_count(e)),
    )


def _pick(
    events: list[BriefEvent], rank: Callable[[BriefEvent], tuple[object, ...]], limit: int = 2
) -> list[BriefEvent]:
    """The `limit` most significant events (dated ones first), told in date order."""
    chosen = sorted(events, key=lambda e: (*rank(e), e.date is None, event_order(e)))[:limit]
    return sorted(chosen, key=event_order)


def _source_count(event: BriefEvent) -> int:
    return len(_sources_of(event.citations))


def _sources_of(citations: Iterable[Citation]) -> set[int]:
    return {c.source for c in citations}


def _events_sentence(label: str, events: list[BriefEvent]) -> CitedSentence | None:
    if not events:
        return None
    parts = []
    for event in events:
        what = event.what.rstrip(" .;:")
        parts.append(f"{what} ({_event_date_text(event)})" if event.date else what)
    cited = [c.source for e in events for c in e.citations]
    return _cited(f"{label}: {'; '.join(parts)}.", cited)


def _mentioned_sentence(actors: list[BriefActor], gazetteer: Gazetteer) -> CitedSentence | None:
    top = actors[:3]
    if not top:
        return None
    names = [_with_article(a.name, gazetteer) for a in top]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    # Each named actor is backed by one source that mentions it.
    cited = [a.sources[0] for a in top if a.sources]
    return _cited(f"The actors most often mentioned are {listed}.", cited)


def _other_events_sentence(timeline: list[BriefEvent]) -> CitedSentence | None:
    # Conflict and cooperation have their own sentences; this one tells the rest.
    rest = [
        e
        for e in timeline
        if e.category not in CONFLICT_CATEGORIES and e.category not in COOPERATIVE_CATEGORIES
    ]
    return _events_sentence("Reported events", _pick(rest, lambda e: (-_source_count(e),)))


def _event_date_text(event: BriefEvent) -> str:
    if event.date is not None and event.date_precision == "month":
        return month_and_year(event.date)
    return date_in_words(event.date)
