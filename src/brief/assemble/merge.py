"""Merge per-article summaries into one brief: sources, actors, positions, timeline.

Everything here is deterministic: the same summaries give the same brief. Quotes are
always looked up in the article by sentence number, never taken from model text.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, Protocol, TypeVar

from rapidfuzz import fuzz, process, utils

from brief.ingest.dates import long_date, month_and_year
from brief.language.agency import principal_names
from brief.language.aliases import ActorResolver, Gazetteer, ResolvedActor, load_gazetteer
from brief.schema import (
    CONFLICT_CATEGORIES,
    COOPERATIVE_CATEGORIES,
    Article,
    ArticleExtraction,
    ArticleSummary,
    Brief,
    BriefActor,
    BriefEvent,
    BriefPosition,
    Citation,
    EventCategory,
    EventStatus,
    Skipped,
    Source,
    Stance,
)

# Two wordings of one claim share most of their words; token_set_ratio ignores order.
SAME_POSITION = 85.0
SAME_EVENT = 80.0
OUTCOME_CATEGORIES: frozenset[str] = frozenset({"agreement", "offer"})
OUTCOME_STATUSES: frozenset[str] = frozenset({"announced", "planned"})
MAX_BOTTOM_LINE = 5
MAX_CITED_SOURCES = 3  # per bottom-line sentence: enough to check, short to read

Precision = Literal["day", "month"]
_CitationMap = dict[tuple[int, int], Citation]


def merge_summaries(
    summaries: Sequence[ArticleSummary],
    skipped: Sequence[Skipped] = (),
    title: str | None = None,
) -> Brief:
    """Merge article summaries into one cited brief.

    Sources are numbered by article date (undated last), then path. Actor names are
    resolved across articles (see `brief.language.aliases`), duplicate positions and events are
    folded with all their citations, and the bottom line is built from the merged result.
    """
    with _collector_paused():
        return _merge(summaries, skipped, title)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector during a merge.

    A large merge allocates millions of small objects that all stay alive until it ends,
    so every collection walks a growing heap and frees nothing: at 10,000 articles that was
    a third of the time. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _merge(
    summaries: Sequence[ArticleSummary], skipped: Sequence[Skipped], title: str | None
) -> Brief:
    ordered = _order_summaries(summaries)
    sources = [_make_source(number, s.article) for number, s in enumerate(ordered, start=1)]
    resolver = ActorResolver()
    position_mentions = _register_actors(resolver, ordered)
    resolved = resolver.resolve()
    mentioned = [set(actor.articles) for actor in resolved]
    positions = _merge_positions(ordered, resolver, position_mentions)
    timeline = sorted(_merge_events(ordered, resolver, mentioned), key=_event_order)
    actors = _build_actors(resolved, mentioned, _principal(ordered, resolver), positions)
    start, end = _period(sources, timeline)
    return Brief(
        title=title or _default_title(actors),
        period_start=start,
        period_end=end,
        bottom_line=_bottom_line(sources, actors, timeline, load_gazetteer()),
        actors=actors,
        timeline=timeline,
        outcomes=[e.model_copy() for e in timeline if _is_outcome(e)],
        sources=sources,
        skipped=list(skipped),
    )


# --------------------------------------------------------------------------- sources


def _order_summaries(summaries: Sequence[ArticleSummary]) -> list[ArticleSummary]:
    # The same story read twice (same id) is one source; keep everything extracted from it.
    by_id: dict[str, ArticleSummary] = {}
    for summary in summaries:
        first = by_id.get(summary.article.id)
        by_id[summary.article.id] = summary if first is None else _combine(first, summary)
    return sorted(
        by_id.values(),
        key=lambda s: (s.article.date is None, s.article.date or dt.date.min, s.article.path),
    )


def _combine(first: ArticleSummary, second: ArticleSummary) -> ArticleSummary:
    a, b = first.extraction, second.extraction
    # Both halves were validated already; together they may exceed the per-call list limits
    # that exist for the model's sake, so they are joined without validating again.
    extraction = ArticleExtraction.model_construct(
        actors=[*a.actors, *b.actors],
        positions=[*a.positions, *b.positions],
        events=[*a.events, *b.events],
    )
    return ArticleSummary.model_construct(article=first.article, extraction=extraction)


def _make_source(number: int, article: Article) -> Source:
    return Source(
        number=number,
        article_id=article.id,
        title=article.title,
        path=article.path,
        url=article.url,
        outlet=article.outlet,
        date=article.date,
        date_basis=article.date_basis,
        date_evidence=article.date_evidence,
    )


def _citations(article: Article, source: int, numbers: Iterable[int]) -> _CitationMap:
    """Citations for sentence numbers, quoting the article; numbers out of range are dropped."""
    return {
        # Built from validated parts, so not validated again (a merge makes one citation
        # per cited sentence, and validating them was a fifth of a 10,000-article merge).
        (source, n): Citation.model_construct(source=source, sentence=n, quote=article.sentence(n))
        for n in numbers
        if 1 <= n <= len(article.sentences)
    }


def _sorted_citations(citations: _CitationMap) -> list[Citation]:
    return [citations[key] for key in sorted(citations)]


# ---------------------------------------------------------------------------- actors


def _register_actors(resolver: ActorResolver, ordered: list[ArticleSummary]) -> list[list[int]]:
    """Add every actor mention; returns, per article, the mention id of each position's actor."""
    for index, summary in enumerate(ordered):
        for actor in summary.extraction.actors:
            resolver.add(actor.name, index, kind=actor.kind, country=actor.country, role=actor.role)
    # Positions come second: an actor string the model did not list is classified
    # against the names every article did list.
    return [
        [resolver.add(position.actor, index) for position in summary.extraction.positions]
        for index, summary in enumerate(ordered)
    ]


def _principal(ordered: list[ArticleSummary], resolver: ActorResolver) -> dict[int, set[int]]:
    """Actor → the articles in which it speaks, acts or recurs (see `brief.language.agency`)."""
    found: dict[int, set[int]] = defaultdict(set)
    for index, summary in enumerate(ordered):
        for name in principal_names(summary.article):
            # The text's "Donald Trump" is the model's "President Trump" of the same article.
            actor = resolver.find(name, index)
            if actor is None and " " in name:
                actor = resolver.find(name.split()[-1], index)
            if actor is not None:
                found[actor].add(index)
    return found


def _build_actors(
    resolved: list[ResolvedActor],
    mentioned: list[set[int]],
    principal: dict[int, set[int]],
    positions: dict[int, list[BriefPosition]],
) -> list[BriefActor]:
    actors = [
        BriefActor(
            name=actor.name,
            aliases=actor.aliases,
            kind=actor.kind,
            country=actor.country if actor.country != actor.name else None,
            role=actor.role,
            sources=sorted(index + 1 for index in mentioned[number]),
            principal_in=sorted(index + 1 for index in principal[number] & mentioned[number]),
            positions=positions.get(number, []),
        )
        for number, actor in enumerate(resolved)
    ]
    actors.sort(key=lambda a: (-len(a.sources), -len(a.positions), a.name.casefold()))
    return actors


# ------------------------------------------------------------------------- positions


@dataclass
class _PositionDraft:
    says: str
    stance: Stance
    toward: str | None
    citations: _CitationMap

    def absorb(self, other: _PositionDraft) -> None:
        self.citations.update(other.citations)
        self.toward = self.toward or other.toward


class _Draft(Protocol):
    citations: _CitationMap

    def absorb(self, other: Any) -> None: ...


D = TypeVar("D", bound=_Draft)


@dataclass
class _FoldGroup(Generic[D]):
    """Drafts that may be duplicates of each other, with their texts ready for rapidfuzz.

    Two indexes keep folding from growing with the square of the corpus: the exact texts
    seen (most repeats are word for word), and which draft cites each sentence.
    """

    drafts: list[D] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    exact: dict[str, int] = field(default_factory=dict)
    cited: dict[tuple[int, int], int] = field(default_factory=dict)

    def fold(self, draft: D, text: str, cutoff: float, *, same_sentence: bool = False) -> None:
        """Absorb `draft` into a draft it repeats, or keep it as a new one.

        With `same_sentence`, a draft sharing a cited sentence with a kept one is a repeat
        whatever its wording (the model listed one claim twice from the same sentence).
        """
        found = self._citing_same_sentence(draft) if same_sentence else None
        if found is None:
            found = self.exact.get(text)
        if found is None:
            match = process.extractOne(
                text,
                self.texts,
                scorer=fuzz.token_set_ratio,
                processor=None,
                score_cutoff=cutoff,
            )
            found = match[2] if match is not None else None
        if found is None:
            found = len(self.drafts)
            self.drafts.append(draft)
            self.texts.append(text)
            self.exact[text] = found
        else:
            self.drafts[found].absorb(draft)
        for key in draft.citations:
            self.cited.setdefault(key, found)

    def _citing_same_sentence(self, draft: D) -> int | None:
        for key in draft.citations:
            if key in self.cited:
                return self.cited[key]
        return None


def _merge_positions(
    ordered: list[ArticleSummary], resolver: ActorResolver, mentions: list[list[int]]
) -> dict[int, list[BriefPosition]]:
    groups: dict[tuple[int, str], _FoldGroup[_PositionDraft]] = defaultdict(_FoldGroup)
    for index, summary in enumerate(ordered):
        for position, mention in zip(summary.extraction.positions, mentions[index], strict=True):
            citations = _citations(summary.article, index + 1, position.sentences)
            if not citations:
                continue
            toward = resolver.display_name(position.toward, index) if position.toward else None
            draft = _PositionDraft(
                " ".join(position.says.split()), position.stance, toward, citations
            )
            group = groups[(resolver.actor_of(mention), position.stance)]
            group.fold(draft, utils.default_process(draft.says), SAME_POSITION, same_sentence=True)
    by_actor: dict[int, list[BriefPosition]] = defaultdict(list)
    for (actor, _stance), group in groups.items():
        by_actor[actor].extend(_brief_position(d) for d in group.drafts)
    for positions in by_actor.values():
        positions.sort(key=lambda p: (p.citations[0].source, p.citations[0].sentence))
    return by_actor


def _brief_position(draft: _PositionDraft) -> BriefPosition:
    return BriefPosition.model_construct(  # from validated parts, as citations are
        says=draft.says,
        stance=draft.stance,
        toward=draft.toward,
        citations=_sorted_citations(draft.citations),
    )


# ---------------------------------------------------------------------------- events


@dataclass
class _EventDraft:
    date: dt.date | None
    precision: Precision | None
    when: str | None
    what: str
    actor: str | None
    target: str | None
    status: EventStatus
    category: EventCategory
    citations: _CitationMap

    def absorb(self, other: _EventDraft) -> None:
        self.citations.update(other.citations)
        self.when = self.when or other.when
        self.target = self.target or other.target

    def to_event(self) -> BriefEvent:
        return BriefEvent.model_construct(  # from validated parts, as citations are
            date=self.date,
            date_precision=self.precision,
            when=self.when,
            what=self.what,
            actor=self.actor,
            target=self.target,
            status=self.status,
            category=self.category,
            citations=_sorted_citations(self.citations),
        )


def _merge_events(
    ordered: list[ArticleSummary], resolver: ActorResolver, mentioned: list[set[int]]
) -> list[BriefEvent]:
    groups: dict[tuple[object, ...], _FoldGroup[_EventDraft]] = defaultdict(_FoldGroup)
    for index, summary in enumerate(ordered):
        for event in summary.extraction.events:
            citations = _citations(summary.article, index + 1, event.sentences)
            if not citations:
                continue
            date, precision = parse_event_date(event.date)
            actor = _event_party(event.actor, index, resolver, mentioned)
            draft = _EventDraft(
                date=date,
                precision=precision,
                when=event.when,
                what=" ".join(event.what.split()),
                actor=actor,
                target=_event_party(event.target, index, resolver, mentioned),
                status=event.status,
                category=event.category,
                citations=citations,
            )
            key = (date, precision, actor.casefold() if actor else None)
            groups[key].fold(draft, utils.default_process(draft.what), SAME_EVENT)
    return [draft.to_event() for group in groups.values() for draft in group.drafts]


def _event_party(
    name: str | None, index: int, resolver: ActorResolver, mentioned: list[set[int]]
) -> str | None:
    """The canonical name of an event's actor or target; a known actor counts as mentioned."""
    if not name or not name.strip():
        return None
    found, shown = resolver.lookup(name, index)
    if found is not None:
        mentioned[found].add(index)
    return shown


def parse_event_date(value: str | None) -> tuple[dt.date | None, Precision | None]:
    """An extracted ISO date ("YYYY-MM-DD" or "YYYY-MM") as a date and its precision."""
    if not value:
        return None, None
    try:
        if len(value) == 7:
            return dt.date(int(value[:4]), int(value[5:7]), 1), "month"
        return dt.date.fromisoformat(value), "day"
    except ValueError:
        return None, None  # validation should have caught it; an undated event beats a crash


def _event_order(event: BriefEvent) -> tuple[object, ...]:
    first = event.citations[0]
    return (
        event.date is None,
        event.date or dt.date.max,
        event.date_precision == "month",
        first.source,
        first.sentence,
    )


def _is_outcome(event: BriefEvent) -> bool:
    return event.category in OUTCOME_CATEGORIES or event.status in OUTCOME_STATUSES


def _period(
    sources: list[Source], timeline: list[BriefEvent]
) -> tuple[dt.date | None, dt.date | None]:
    dates = [s.date for s in sources if s.date] or [e.date for e in timeline if e.date]
    return (min(dates), max(dates)) if dates else (None, None)


def _default_title(actors: list[BriefActor]) -> str:
    states = [a.name for a in actors if a.kind == "state"]
    names = states[:2] if len(states) >= 2 else [a.name for a in actors][:2]
    return f"Crisis brief: {' and '.join(names)}" if names else "Crisis brief"


# ----------------------------------------------------------------------- bottom line

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


def _bottom_line(
    sources: list[Source],
    actors: list[BriefActor],
    timeline: list[BriefEvent],
    gazetteer: Gazetteer,
) -> list[str]:
    """3 to 5 sentences, each ending with the sources that back it (fewer if data is thin)."""
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


def _cite(numbers: Iterable[int]) -> str:
    return "".join(f"[{n}]" for n in sorted(set(numbers))[:MAX_CITED_SOURCES])


def _span_sentence(sources: list[Source]) -> str | None:
    dated = [s for s in sources if s.date]
    if not dated:
        return None
    first = min(dated, key=lambda s: (s.date, s.number))
    last = max(dated, key=lambda s: (s.date, -s.number))
    undated = [s for s in sources if s.date is None]
    count = "one source" if len(sources) == 1 else f"{len(sources)} sources"
    when = (
        f"dated {_format_date(first.date)}"
        if first.date == last.date
        else f"dated between {_format_date(first.date)} and {_format_date(last.date)}"
    )
    note = f" ({len(undated)} undated)" if undated else ""
    cited = [first.number, last.number, *[s.number for s in undated[:1]]]
    return f"This brief draws on {count} {when}{note} {_cite(cited)}."


def _actor_sentence(actor: BriefActor, gazetteer: Gazetteer) -> str | None:
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
    return _sentence(f"{subject} {' and '.join(phrases)} {_cite(cited)}.")


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
    chosen = sorted(events, key=lambda e: (*rank(e), e.date is None, _event_order(e)))[:limit]
    return sorted(chosen, key=_event_order)


def _source_count(event: BriefEvent) -> int:
    return len(_sources_of(event.citations))


def _sources_of(citations: Iterable[Citation]) -> set[int]:
    return {c.source for c in citations}


def _events_sentence(label: str, events: list[BriefEvent]) -> str | None:
    if not events:
        return None
    parts = []
    for event in events:
        what = event.what.rstrip(" .;:")
        parts.append(f"{what} ({_event_date_text(event)})" if event.date else what)
    cited = [c.source for e in events for c in e.citations]
    return f"{label}: {'; '.join(parts)} {_cite(cited)}."


def _mentioned_sentence(actors: list[BriefActor], gazetteer: Gazetteer) -> str | None:
    top = actors[:3]
    if not top:
        return None
    names = [_with_article(a.name, gazetteer) for a in top]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    # Each named actor is backed by one source that mentions it.
    cited = [a.sources[0] for a in top if a.sources]
    return _sentence(f"The actors most often mentioned are {listed} {_cite(cited)}.")


def _other_events_sentence(timeline: list[BriefEvent]) -> str | None:
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
    return _format_date(event.date)


def _format_date(date: dt.date | None) -> str:
    if date is None:
        return "an unknown date"
    return long_date(date)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
