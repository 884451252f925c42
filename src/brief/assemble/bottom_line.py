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
    first_words,
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
_QUOTE_WORDS = 14
_VERBS = {
    "strike": "struck", "attack": "attacked", "sanction": "imposed sanctions on",
    "threat": "threatened", "accusation": "accused", "talks": "held talks with",
    "agreement": "reached an agreement with", "offer": "made an offer to",
}  # fmt: skip
_VERBS_ALONE = {
    "talks": "held talks", "agreement": "reached an agreement", "offer": "made an offer",
    "sanction": "imposed sanctions",
}  # fmt: skip
_CONFLICT_WEIGHT = {"strike": 0, "attack": 0, "threat": 1, "sanction": 1, "accusation": 2}
_COOPERATION_WEIGHT = {"agreement": 0, "offer": 1, "talks": 2}


def bottom_line(
    sources: list[Source],
    actors: list[BriefActor],
    timeline: list[BriefEvent],
    gazetteer: Gazetteer,
) -> BottomLine:
    """3 to 5 sentences that say what happened (the main acts, with their dates, doers and
    targets) and where the key actors stand, each with the sources that back it."""
    lines = [
        line
        for line in (
            _events_sentence("Main confrontations", _top_conflicts(timeline), gazetteer),
            _events_sentence("Diplomacy", _top_cooperation(timeline), gazetteer),
        )
        if line
    ]
    room = MAX_BOTTOM_LINE - len(lines) - 1
    stands = (_actor_sentence(a, gazetteer) for a in _key_actors(actors))
    lines += list(itertools.islice((line for line in stands if line), max(room, 1)))
    span = _span_sentence(sources)
    if span is not None and len(lines) < MAX_BOTTOM_LINE:
        lines.append(span)
    others = _other_events_sentence(timeline, gazetteer)
    for fallback in (_mentioned_sentence(actors, gazetteer), others):
        if len(lines) < 3 and fallback:
            lines.append(fallback)
    return lines


def _key_actors(actors: list[BriefActor]) -> list[BriefActor]:
    return sorted((a for a in actors if a.key and a.gists), key=BriefActor.prominence)


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
    if not actor.gists:
        return None
    gist = actor.gists[0]
    bare, _aimed = _STANCE_PHRASES[gist.stance]
    said = first_words(gist.text.strip("“”"), _QUOTE_WORDS)
    said = f"“{said}”" if not gist.written else said
    subject = _describe(actor, gazetteer)
    return _cited(f"{subject} {bare}: {said}.", [c.source for c in gist.citations])


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
        [e for e in timeline if e.category in CONFLICT_CATEGORIES and e.actor],
        lambda e: (e.status != "happened", -_source_count(e), _CONFLICT_WEIGHT[e.category]),
        limit=3,
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


def _events_sentence(
    label: str, events: list[BriefEvent], gazetteer: Gazetteer
) -> CitedSentence | None:
    if not events:
        return None
    parts = [_event_phrase(event, gazetteer) for event in events]
    cited = [c.source for e in events for c in e.citations]
    return _cited(f"{label}: {'; '.join(parts)}.", cited)


def _event_phrase(event: BriefEvent, gazetteer: Gazetteer) -> str:
    """'on 18 January 2024 Pakistan struck Iran'; the event's own words when it has no doer."""
    if event.actor is None or event.category not in _VERBS:
        what = event.what.rstrip(" .;:")
        return f"{what} ({_event_date_text(event)})" if event.date else what
    when = f"on {_event_date_text(event)} " if event.date else ""
    verb = _VERBS[event.category]
    if event.target is None:
        verb = _VERBS_ALONE.get(event.category, verb)
    target = f" {_with_article(event.target, gazetteer)}" if event.target else ""
    return f"{when}{_with_article(event.actor, gazetteer)} {verb}{target}"


def _mentioned_sentence(actors: list[BriefActor], gazetteer: Gazetteer) -> CitedSentence | None:
    top = actors[:3]
    if not top:
        return None
    names = [_with_article(a.name, gazetteer) for a in top]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    # Each named actor is backed by one source that mentions it.
    cited = [a.sources[0] for a in top if a.sources]
    return _cited(f"The actors most often mentioned are {listed}.", cited)


def _other_events_sentence(
    timeline: list[BriefEvent], gazetteer: Gazetteer
) -> CitedSentence | None:
    # Conflict and cooperation have their own sentences; this one tells the rest.
    rest = [
        e
        for e in timeline
        if e.category not in CONFLICT_CATEGORIES and e.category not in COOPERATIVE_CATEGORIES
    ]
    chosen = _pick(rest, lambda e: (-_source_count(e),))
    return _events_sentence("Reported events", chosen, gazetteer)


def _event_date_text(event: BriefEvent) -> str:
    if event.date is not None and event.date_precision == "month":
        return month_and_year(event.date)
    return date_in_words(event.date)
