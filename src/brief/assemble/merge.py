"""Merge per-article summaries into one brief: sources, actors, positions, timeline.

Everything here is deterministic: the same summaries give the same brief. Quotes are
always looked up in the article by sentence number, never taken from model text.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from rapidfuzz import utils

from brief.assemble.actors import ActorResolver, ResolvedActor
from brief.assemble.bottom_line import bottom_line
from brief.assemble.differences import disagreements
from brief.assemble.folding import CitationMap, FoldGroup, citations_of, sorted_citations
from brief.assemble.gists import gists_of
from brief.assemble.headlines import event_headline
from brief.assemble.timeline import event_order, merge_events
from brief.language import load_gazetteer, names_an_outlet, principal_names, shown_title
from brief.schema import (
    Article,
    ArticleExtraction,
    ArticleSummary,
    Brief,
    BriefActor,
    BriefEvent,
    BriefPosition,
    Skipped,
    Source,
    Stance,
)

MAX_KEY_ACTORS = 8
# Two wordings of one claim share most of their words; token_set_ratio ignores order.
SAME_POSITION = 85.0
OUTCOME_CATEGORIES: frozenset[str] = frozenset({"agreement", "offer"})
OUTCOME_STATUSES: frozenset[str] = frozenset({"announced", "planned"})


def merge_summaries(
    summaries: Sequence[ArticleSummary],
    skipped: Sequence[Skipped] = (),
    title: str | None = None,
    max_actors: int = MAX_KEY_ACTORS,
) -> Brief:
    """Merge article summaries into one cited brief.

    Sources are numbered by article date (undated last), then path. Actor names are
    resolved across articles (see `brief.language.aliases`), duplicate positions and events are
    folded with all their citations, and the bottom line is built from the merged result.
    """
    with _collector_paused():
        return _merge(summaries, skipped, title, max_actors)


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
        if gc.get_freeze_count() == 0:
            # What the merge made is all in the youngest generation, and the collector's
            # first pass after it walked all of it (0.35 s at 10,000 articles) to keep it.
            # Frozen and thawed, it joins the oldest generation at once, as survivors do.
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _merge(
    summaries: Sequence[ArticleSummary],
    skipped: Sequence[Skipped],
    title: str | None,
    max_actors: int,
) -> Brief:
    ordered = _order_summaries(summaries)
    sources = [_make_source(number, s.article) for number, s in enumerate(ordered, start=1)]
    resolver = ActorResolver()
    position_mentions = _register_actors(resolver, ordered)
    resolved = resolver.resolve()
    mentioned = [set(actor.articles) for actor in resolved]
    positions = _merge_positions(ordered, resolver, position_mentions)
    gazetteer = load_gazetteer()
    timeline = [
        e.model_copy(update={"headline": event_headline(e, gazetteer)})
        for e in sorted(merge_events(ordered, resolver, mentioned), key=event_order)
    ]
    acts = Counter(e.actor for e in timeline if e.actor)
    actors = _build_actors(resolved, mentioned, _principal(ordered, resolver), positions, acts)
    dates = {s.number: s.date for s in sources if s.date}
    actors = _mark_key_actors(actors, max_actors, dates)
    start, end = _period(sources, timeline)
    return Brief(
        title=title or _default_title(actors),
        period_start=start,
        period_end=end,
        bottom_line=bottom_line(sources, actors, timeline, gazetteer),
        actors=actors,
        timeline=timeline,
        outcomes=[e.model_copy() for e in timeline if _is_outcome(e)],
        disagreements=disagreements(timeline),
        sources=sources,
        also_named=[a.name for a in actors if not a.key and not _is_outlet(a)],
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
    principal = (
        None
        if first.principal is None or second.principal is None
        else tuple(sorted({*first.principal, *second.principal}))
    )
    return ArticleSummary.model_construct(
        article=first.article, extraction=extraction, principal=principal
    )


def _make_source(number: int, article: Article) -> Source:
    return Source(
        number=number,
        article_id=article.id,
        title=shown_title(article.title),
        path=article.path,
        url=article.url,
        outlet=article.outlet,
        date=article.date,
        date_basis=article.date_basis,
        date_evidence=article.date_evidence,
    )


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


def summarized(article: Article, extraction: ArticleExtraction) -> ArticleSummary:
    """An article's summary with what the merge needs from its text read now, in the
    per-article step (in parallel, on any engine), not by the merge of thousands."""
    principal = tuple(sorted(principal_names(article)))
    return ArticleSummary(article=article, extraction=extraction, principal=principal)


def _principal(ordered: list[ArticleSummary], resolver: ActorResolver) -> dict[int, set[int]]:
    """Actor → the articles in which it speaks, acts or recurs (see `brief.language.agency`)."""
    found: dict[int, set[int]] = defaultdict(set)
    for index, summary in enumerate(ordered):
        names = summary.principal
        for name in principal_names(summary.article) if names is None else names:
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
    acts: Counter[str],
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
            acts=acts.get(actor.name, 0),
        )
        for number, actor in enumerate(resolved)
    ]
    actors.sort(key=lambda a: (-len(a.sources), -len(a.positions), a.name.casefold()))
    return actors


def _is_outlet(actor: BriefActor) -> bool:
    """A news outlet or platform ("VOA Mandarin", "ABC News", "Radio Pakistan") is a
    source, not an actor."""
    return names_an_outlet(actor.name)


def _mark_key_actors(
    actors: list[BriefActor], limit: int, dates: dict[int, dt.date]
) -> list[BriefActor]:
    """Key actors speak or act: the `limit` who say and do the most. Places, outlets and
    names met in passing neither speak nor act, so they are only named (and, the most
    actors by far, are kept as they are rather than copied)."""
    ranked = sorted((a for a in actors if a.positions or a.acts), key=BriefActor.prominence)
    key = {a.name for a in ranked[:limit]}
    return [
        a.model_copy(
            update={
                "key": a.name in key,
                "gists": gists_of(a, dates, shown=a.name in key) if a.positions else [],
            }
        )
        if a.positions or a.name in key
        else a
        for a in actors
    ]


# ------------------------------------------------------------------------- positions


@dataclass
class _PositionDraft:
    says: str
    stance: Stance
    toward: str | None
    citations: CitationMap

    def absorb(self, other: _PositionDraft) -> None:
        self.citations.update(other.citations)
        self.toward = self.toward or other.toward


def _merge_positions(
    ordered: list[ArticleSummary], resolver: ActorResolver, mentions: list[list[int]]
) -> dict[int, list[BriefPosition]]:
    groups: dict[tuple[int, str], FoldGroup[_PositionDraft]] = defaultdict(FoldGroup)
    for index, summary in enumerate(ordered):
        for position, mention in zip(summary.extraction.positions, mentions[index], strict=True):
            citations = citations_of(summary.article, index + 1, position.sentences)
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
    return BriefPosition.model_construct(  # from validated parts (its citations validated)
        says=draft.says,
        stance=draft.stance,
        toward=draft.toward,
        citations=sorted_citations(draft.citations),
    )


def _is_outcome(event: BriefEvent) -> bool:
    return event.category in OUTCOME_CATEGORIES or event.status in OUTCOME_STATUSES


def _period(
    sources: list[Source], timeline: list[BriefEvent]
) -> tuple[dt.date | None, dt.date | None]:
    dates = [s.date for s in sources if s.date] or [e.date for e in timeline if e.date]
    return (min(dates), max(dates)) if dates else (None, None)


def _default_title(actors: list[BriefActor]) -> str:
    """The state or armed group most sources are about (it acts or speaks there, or is
    named in three sentences or more), and a second when it is so in more than half as
    many: the tariffs story is "Canada and United States", not Canada and a Mexico named
    in passing; Syria's constitution, told in two reports, is "Syria" alone, not Syria
    and a United States that spoke once."""
    parties = sorted(
        (a for a in actors if a.kind in ("state", "armed_group") and a.principal_in),
        key=lambda a: (
            -len(a.principal_in), -(a.acts + len(a.positions)), -len(a.sources),
            a.name.casefold(),
        ),
    )  # fmt: skip
    names = [a.name for a in parties[:1]]
    if len(parties) > 1 and 2 * len(parties[1].principal_in) > len(parties[0].principal_in):
        names.append(parties[1].name)
    if not names:  # none is principal anywhere: the parties that act or speak, then states
        key = [a.name for a in actors if a.key and a.kind in ("state", "armed_group")]
        states = list(dict.fromkeys([*key, *(a.name for a in actors if a.kind == "state")]))
        names = states[:2] if len(states) >= 2 else [a.name for a in actors][:2]
    return f"Crisis brief: {' and '.join(names)}" if names else "Crisis brief"
