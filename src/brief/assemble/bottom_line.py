"""The bottom line of a brief: three to five sentences that tell the story, each citing
its sources.

Built from what the parse and the checks decided: the main acts (date, doer, target) and
the key actors' strongest stands (their gists, checked or quoted), told in date order: what
happened, then what happened next, with where the actors stood between the acts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from brief.assemble.differences import dead_range
from brief.assemble.gists import independent_sources
from brief.assemble.headlines import event_headline, introduced, with_article
from brief.assemble.stands import LATE, alongside, cited_line, joined, stand_sentence, stands
from brief.assemble.talks import said_there
from brief.assemble.timeline import event_order
from brief.language import (
    Gazetteer,
    demonyms,
    load_gazetteer,
    refers_back,
)
from brief.schema import (
    CONFLICT_CATEGORIES,
    COOPERATIVE_CATEGORIES,
    BottomLine,
    Brief,
    BriefActor,
    BriefEvent,
    Citation,
    CitedSentence,
    Source,
)
from brief.wording import (
    MAX_BOTTOM_LINE,
    date_in_words,
    in_month_order,
    month_and_year,
)

MAX_EVENTS = 3  # sentences of acts; the rest of the bottom line is where actors stand
_CONFLICT_WEIGHT = {"strike": 0, "attack": 0, "threat": 1, "sanction": 1, "accusation": 2}
_COOPERATION_WEIGHT = {"agreement": 0, "offer": 1, "talks": 2}


def bottom_line(
    sources: list[Source],
    actors: list[BriefActor],
    timeline: list[BriefEvent],
    gazetteer: Gazetteer,
) -> BottomLine:
    """The main episodes and the key actors' stands, in date order; the span of the sources
    and the most named actors fill in when there is little else to say."""
    # "Pedersen issued his appeal" says nothing by itself; where his position beside it
    # tells what he appealed for, the key actors show that, and the room goes to another.
    positioned = {(a.name, c.source, c.sentence) for a in actors for p in a.positions
                  for c in p.citations}  # fmt: skip
    episodes = [
        ep for ep in key_episodes(timeline)
        if not (all(_refers_back(e) for e in ep) and _told_by_a_stand(ep, positioned))
    ]  # fmt: skip
    held = stands(actors, sources, MAX_BOTTOM_LINE - min(len(episodes), MAX_EVENTS))
    beside = alongside(held, actors, sources)
    # A statement beside the stand that says what it said: told once.
    spoken = {
        (a.name, c.source, c.sentence)
        for a, gist, _ in [*held, *(b for b in beside if b is not None)]
        for c in gist.citations
    }
    episodes = [ep for ep in episodes if not _told_by_a_stand(ep, spoken)]
    episodes = episodes[: MAX_BOTTOM_LINE - len(held)]
    reported = {s.number: s.date for s in sources if s.date}
    quoted = {(source, sentence) for _, source, sentence in spoken}
    told = [
        (
            _place(ep[0]),
            episode_sentence(ep, gazetteer, reported, said_there(ep[-1], actors, quoted)),
        )
        for ep in episodes
    ]
    for stand, other in zip(held, beside, strict=True):
        pair = sorted([stand] if other is None else [stand, other], key=lambda t: t[2])
        sentences = [stand_sentence(actor, gist, day, gazetteer) for actor, gist, day in pair]
        told.append((in_month_order(pair[0][2], True), joined(sentences, pair)))  # "In March…"
    lines = [sentence for _, sentence in sorted(told, key=lambda pair: pair[0])]
    lines = introduced(lines, actors, gazetteer)
    for extra in (_span_sentence(sources), _mentioned_sentence(actors, gazetteer)):
        if len(lines) < 3 and extra is not None:
            lines.append(extra)
    return lines


def _refers_back(event: BriefEvent) -> bool:
    """A statement told by what it refers to: "issued his appeal"."""
    return event.category == "statement" and bool(event.deed and refers_back(event.deed))


def _told_by_a_stand(episode: list[BriefEvent], spoken: set[tuple[str, int, int]]) -> bool:
    """Whether the episode is only statements whose speakers' stands are told from the
    same sentence of a source or the one next to it: what they said is in those."""
    return all(
        e.category == "statement"
        and any(
            (e.actor, c.source, c.sentence + step) in spoken
            for c in e.citations
            for step in (-1, 0, 1)
        )
        for e in episode
    )


def retold(brief: Brief) -> Brief:
    """The brief with its bottom line told again (after the gists were worded)."""
    line = bottom_line(brief.sources, brief.actors, brief.timeline, load_gazetteer())
    return brief.model_copy(update={"bottom_line": line})


def key_episodes(timeline: list[BriefEvent]) -> list[list[BriefEvent]]:
    """What a bottom line tells, as episodes: the armed acts most reported, each with the
    act between the same parties within a week that answers or provoked it (Iran's strike
    on Pakistan and Pakistan's two days later, one sentence) and the talks that followed;
    then the main diplomacy; then other confrontations, a new doer first. In date order."""
    # The dead told without a doer ("al-Rufay'i was killed") are as much the news.
    conflicts = [
        e for e in timeline if e.category in CONFLICT_CATEGORIES and (e.actor or e.headline)
    ]
    ranked = _pick(conflicts, _hurt, len(conflicts))
    armed: list[list[BriefEvent]] = []
    other: list[list[BriefEvent]] = []
    for event in ranked:
        home = next((ep for ep in armed + other if _joins(ep, event)), None)
        if home is not None:
            home.append(event)
        elif len(armed) + len(other) < 2 * MAX_EVENTS:
            (armed if event.category in _ARMED else other).append([event])
    talks = [e for e in timeline if e.category in COOPERATIVE_CATEGORIES and e.actor]
    chosen = armed[:MAX_EVENTS]
    for episode in chosen:  # each talks told once, with the first fighting it follows
        answer = _answered(episode, talks)
        talks = [e for e in talks if e is not answer]
    if len(chosen) < MAX_EVENTS:
        # Among the diplomacy most sources report, the one from the longest stretch of time
        # the armed acts leave untold comes first: the page then spans the period.
        told = [e for ep in chosen for e in ep]
        rank = lambda e: (-_source_count(e), -_gap(e, told), *_cooperation_rank(e))  # noqa: E731
        chosen += [[e] for e in _pick(talks, rank, 1)]
    while other and len(chosen) < MAX_EVENTS:  # a doer not yet told first, else the next
        doers = {e.actor for ep in chosen for e in ep}
        chosen.append(next((ep for ep in other if ep[0].actor not in doers), other[0]))
        other.remove(chosen[-1])
    if not chosen:  # neither fighting nor talks: the acts most reported, whatever they are
        done = [e for e in timeline if e.actor]
        # A statement ("Pedersen issued his appeal") is told better by its actor's stand,
        # which says what it said: an act of its own only when there is no other.
        done = [e for e in done if e.category != "statement"] or done
        chosen = [[e] for e in _pick(done, lambda e: (-_source_count(e),), 2)]
    return sorted((sorted(ep, key=event_order) for ep in chosen), key=lambda ep: event_order(ep[0]))


def _hurt(event: BriefEvent) -> tuple[bool, int, int]:
    return event.status != "happened", -_source_count(event), _CONFLICT_WEIGHT[event.category]


_ARMED = frozenset({"strike", "attack"})
_EPISODE_DAYS = 7
_EPISODE_SIZE = 2


def _joins(episode: list[BriefEvent], event: BriefEvent) -> bool:
    """Whether `event` is part of `episode`: dated within a week of its acts, between
    parties it already has."""
    if len(episode) >= _EPISODE_SIZE or event.date is None or event.date_precision != "day":
        return False
    parties = {p for e in episode for p in (e.actor, e.target) if p}
    near = all(
        e.date is not None and e.date_precision == "day"
        and abs((e.date - event.date).days) <= _EPISODE_DAYS for e in episode
    )  # fmt: skip
    return near and bool({event.actor, event.target} & parties)


def _answered(episode: list[BriefEvent], talks: list[BriefEvent]) -> BriefEvent | None:
    """Talks its sources report within a week after an armed episode ("a day after Pakistan
    carried out strikes in Iran, Jilani has spoken to …"): what came of it, added to it."""
    last = max((e.date for e in episode if e.date and e.date_precision == "day"), default=None)
    sources = {c.source for e in episode for c in e.citations}
    parties = {p for e in episode for p in (e.actor, e.target) if p}
    after = [
        e for e in talks
        if last is not None and e.date is not None and e.date_precision == "day"
        and 0 < (e.date - last).days <= _EPISODE_DAYS
        and sources & {c.source for c in e.citations} and _between_sides(e, parties)
    ]  # fmt: skip
    if not after:
        return None
    episode.append(min(after, key=event_order))
    return episode[-1]


def _between_sides(talks: BriefEvent, parties: set[str]) -> bool:
    """A fighting side holds the talks, or their words name one ("Pakistani … Jilani")."""
    gazetteer, words = load_gazetteer(), re.findall(r"[A-Z][\w'’-]+", talks.what)
    named = {known.name for w in words if (known := gazetteer.lookup(demonyms().get(w, w)))}
    return bool(({talks.actor, talks.target} | named) & parties)


def _gap(event: BriefEvent, told: list[BriefEvent]) -> int:
    """Months from `event` to the nearest act told (0: undated, or within a month)."""
    days = [abs((e.date - event.date).days) for e in told if e.date and event.date]
    return min(days, default=0) // _MONTH_DAYS if event.date else 0


_MONTH_DAYS = 31


def _cooperation_rank(event: BriefEvent) -> tuple[object, ...]:
    return (-_source_count(event), _COOPERATION_WEIGHT[event.category])


def episode_sentence(
    episode: list[BriefEvent],
    gazetteer: Gazetteer,
    reported: dict[int, dt.date] | None = None,
    said: tuple[str, int] | None = None,
) -> CitedSentence:
    """'On 16 January 2024, Iran struck Pakistan, and on 18 January 2024, Pakistan struck
    Iran.', citing every source of the episode's acts. An act no source dates is told as
    of the report that tells it (`reported`: source number → date), never as news now.
    `said`: what the last act's doer said at the talks it ends with, and its source."""
    citations = [c for e in episode for c in e.citations]
    counted = [c for e in episode for c in e.tolls]
    one_source = independent_sources(citations) == 1
    clauses = [event_clause(e, gazetteer, qualify=not one_source) for e in episode]
    answer = len(episode) > 1 and episode[-1].category in COOPERATIVE_CATEGORIES
    text = ", and ".join(clauses[:-1] if answer else clauses)
    text += f"; then, {clauses[-1]}" if answer else ""  # the talks that followed the fighting
    day = (reported or {}).get(citations[0].source) if len(episode) == 1 else None
    if one_source and episode[0].date is None and day is not None:
        text = f"according to one source ({date_in_words(day)}), {text}"
    elif one_source:
        # One article's report stays that article's: "confirmed" in one source is still
        # one source, and a sentence planted in one article must not read as fact.
        text = f"according to one source, {text}"
    if said is not None:
        text += f": {said[0]}"
    cited = [c.source for c in [*citations, *counted]] + ([said[1]] if said else [])
    return cited_line(f"{text.rstrip('.')}{'' if text.endswith('…') else '.'}", cited)


def event_sentence(event: BriefEvent, gazetteer: Gazetteer) -> CitedSentence:
    """'On 18 January 2024, Pakistan struck Iran.', citing the event's sources."""
    return episode_sentence([event], gazetteer)


def event_clause(event: BriefEvent, gazetteer: Gazetteer, *, qualify: bool) -> str:
    """'on 18 January 2024, Pakistan struck Iran'; with `qualify`, an act one source
    reports is said to be that source's."""
    words = event.what.rstrip(" .;:")
    told = event_headline(event, gazetteer) or (
        # The article's own words are quoted as such ("Three months after …" is theirs).
        f"“{words}”" if any(words.rstrip("…") in c.quote for c in event.citations) else words
    )
    dead = dead_range(event)
    if dead is not None:  # the sources differ: the range, not one of them
        told += f"; the sources differ on the dead, from {dead[0]} to {dead[1]}"
    preposition = "in" if event.date_precision == "month" else "on"
    when = f"{preposition} {_event_date_text(event)}, " if event.date else ""
    if qualify and independent_sources(event.citations) == 1:
        return f"according to one source, {when}{told}"
    return f"{when}{told}"


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
    return cited_line(f"This brief draws on {count} {when}{note}.", cited)


def _mentioned_sentence(actors: list[BriefActor], gazetteer: Gazetteer) -> CitedSentence | None:
    top = actors[:3]
    if not top:
        return None
    names = [with_article(a.name, gazetteer) for a in top]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    # Each named actor is backed by one source that mentions it.
    cited = [a.sources[0] for a in top if a.sources]
    return cited_line(f"The actors most often mentioned are {listed}.", cited)


def _pick(
    events: list[BriefEvent], rank: Callable[[BriefEvent], tuple[object, ...]], limit: int
) -> list[BriefEvent]:
    """The `limit` most significant events, dated ones first."""
    return sorted(events, key=lambda e: (*rank(e), e.date is None, event_order(e)))[:limit]


def _source_count(event: BriefEvent) -> int:
    return len(_sources_of(event.citations))


def _sources_of(citations: Iterable[Citation]) -> set[int]:
    return {c.source for c in citations}


def _event_day(event: BriefEvent) -> dt.date:
    return event.date or LATE


def _place(event: BriefEvent) -> tuple[object, ...]:
    """Where an episode's sentence goes: as the timeline places its first act."""
    return in_month_order(_event_day(event), event.date_precision == "month")


def _event_date_text(event: BriefEvent) -> str:
    if event.date is not None and event.date_precision == "month":
        return month_and_year(event.date)
    return date_in_words(event.date)
