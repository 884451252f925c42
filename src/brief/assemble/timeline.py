"""Events of all articles → one dated timeline: the same event reported twice is one row."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import utils

from brief.assemble.actors import ActorResolver
from brief.assemble.differences import figures
from brief.assemble.folding import CitationMap, FoldGroup, citations_of, sorted_citations
from brief.language import names_more, tellers_of
from brief.schema import (
    ArticleSummary,
    BriefEvent,
    Certainty,
    EventCategory,
    EventStatus,
    ExtractedEvent,
)
from brief.wording import in_month_order

# Two reports of one event share most of their words; token_set_ratio ignores order.
SAME_EVENT = 80.0
Precision = Literal["day", "month"]

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
    citations: CitationMap
    certainty: Certainty = "done"
    dates: dict[int, dt.date] = field(default_factory=dict)  # source → its day for it
    claimed: bool = False  # the doer is the group that claimed it
    tolls: CitationMap = field(default_factory=dict)  # sentences that count its dead
    place: str | None = None  # where, from the parse
    aim: str | None = None  # what an agreement or offer is to do
    counted: int | None = None  # how many it fell on, as its article counts them
    deed: str | None = None  # what was done, in one report's words
    deed_place: str | None = None  # where that report put it
    reported: dt.date | None = None  # the earliest date of the articles that report it
    self_told: bool = False  # every report of it is its doer's own account
    # Who tells it with no doer, per report; None: a report that states it in its own voice.
    said_by: list[str | None] = field(default_factory=list)

    def absorb(self, other: _EventDraft) -> None:
        self.citations.update(other.citations)
        days = [d for d in (self.reported, other.reported) if d is not None]
        self.reported = min(days, default=None)
        self.counted = self.counted if self.counted is not None else other.counted
        self.place = self.place or other.place
        self.aim = self.aim or other.aim
        # The words and the place of one report: "killed all four gunmen" told without a
        # place does not become "killed all four gunmen in Bama" from another report.
        target = self.target or other.target
        if other.deed and (
            self.deed is None
            or self.deed_place != self.place
            or names_more(other.deed, self.deed, [target] if target else [])
        ):
            self.deed, self.deed_place = other.deed, other.place
        self.tolls.update(other.tolls)
        if other.certainty == "done":  # one source that says it was done is enough
            self.certainty = "done"
        self.when = self.when or other.when
        self.target = self.target or other.target
        self.claimed = self.claimed or other.claimed
        self.self_told = self.self_told and other.self_told
        self.said_by += [t for t in other.said_by if t not in self.said_by]
        for source, day in other.dates.items():
            self.dates.setdefault(source, day)

    def sources(self) -> set[int]:
        return {source for source, _ in self.citations}

    def disputed(self) -> dict[int, dt.date]:
        return self.dates if len(set(self.dates.values())) > 1 else {}

    def to_event(self) -> BriefEvent:
        return BriefEvent.model_construct(  # from validated parts (its citations validated)
            date=self.date,
            date_precision=self.precision,
            when=self.when,
            what=self.what,
            actor=self.actor,
            target=self.target,
            status=self.status,
            category=self.category,
            certainty=self.certainty,
            citations=sorted_citations(self.citations),
            dates_reported=self.disputed(),
            tolls=sorted_citations(self.tolls),
            doer_basis=f"claimed by {self.actor}" if self.claimed and self.actor else None,
            place=self.place,
            aim=self.aim,
            deed=self.deed if self.deed_place == self.place else None,
            self_told=self.self_told,
            said_by=tellers_of(self.said_by),
        )


def merge_events(
    ordered: list[ArticleSummary], resolver: ActorResolver, mentioned: list[set[int]]
) -> list[BriefEvent]:
    groups: dict[tuple[object, ...], FoldGroup[_EventDraft]] = defaultdict(FoldGroup)
    for index, summary in enumerate(ordered):
        shared = _shared_sentences(summary.extraction.events)
        told: list[tuple[int, _EventDraft]] = []  # each act, by its first sentence
        for event in summary.extraction.events:
            citations = citations_of(summary.article, index + 1, event.sentences)
            if not citations:
                continue
            date, precision = event.day
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
                certainty=event.certainty,
                claimed=event.doer_basis == "claimed",
                place=event.place,
                aim=event.aim,
                counted=event.counted,
                deed=event.deed,
                deed_place=event.place,
                reported=summary.article.date,
                self_told=event.self_told,
                said_by=[event.said_by],
            )
            # A day told in a sentence that tells two acts may be either one's ("On
            # Wednesday … attacks, in retaliation for the US drone strike"): it is the
            # row's date, but no ground for saying the sources disagree.
            if date is not None and precision == "day" and not shared & set(event.sentences):
                draft.dates = {index + 1: date}
            told.append((min(event.sentences), draft))
        _count_the_dead(summary, index + 1, told)  # before folding: a fold copies them
        for _, draft in told:
            # Only acts of one kind are one act (as `_same_acts_folded` holds too): a strike
            # and a statement on it told in like words are two, and each kind's reports
            # are compared with their own kind's only.
            doer = draft.actor.casefold() if draft.actor else None
            place = draft.place.casefold() if draft.place else None  # other places: other acts
            key = (draft.date, draft.precision, doer, draft.category, place)
            groups[key].fold(draft, utils.default_process(draft.what), SAME_EVENT)
    drafts = [draft for group in groups.values() for draft in group.drafts]
    return [draft.to_event() for draft in _same_acts_folded(drafts)]


VIOLENT = frozenset({"attack", "strike"})
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _count_the_dead(
    summary: ArticleSummary, source: int, told: list[tuple[int, _EventDraft]]
) -> None:
    """A sentence that counts dead or wounded and tells no act of its own ("Seven other
    people … were killed") counts them for the violent act the article told last before
    it; one that names a year tells of another time ("in 2009, killed at least 25")."""
    violent = [(first, draft) for first, draft in told if draft.category in VIOLENT]
    if not violent:
        return
    cited = {n for e in summary.extraction.events for n in e.sentences}
    first_act = min(first for first, _ in violent)
    for number, sentence in enumerate(summary.article.sentences, start=1):
        if number <= first_act or number in cited or _YEAR.search(sentence):
            continue  # (no violent act told before it, or not a count of this one)
        if not figures(sentence):
            continue
        before = [(first, draft) for first, draft in violent if first < number]
        draft = max(before, key=lambda t: t[0])[1]
        draft.tolls.update(citations_of(summary.article, source, [number]))


def _shared_sentences(events: list[ExtractedEvent]) -> set[int]:
    """Sentences that more than one of an article's events cite."""
    seen: set[int] = set()
    shared: set[int] = set()
    for event in events:
        numbers = set(event.sentences)
        shared |= seen & numbers
        seen |= numbers
    return shared


# Reports of one act may date it a day or two apart (the day it happened, the day it was
# announced, a wire's time zone); a week apart they are two acts.
SAME_ACT_DAYS = 3


def _same_acts_folded(drafts: list[_EventDraft]) -> list[_EventDraft]:
    """One act reported by several articles is one row: the same kind of act by the same
    doer, on the same target (or a target one report leaves out), within
    `SAME_ACT_DAYS`. It keeps the earliest date any report gives it (a later one is
    often the date of another act told in the same sentence)."""
    folded: list[_EventDraft] = []
    blocks: dict[tuple[str, str], _ActBlock] = defaultdict(_ActBlock)
    dead: dict[tuple[str, str, str], list[_EventDraft]] = defaultdict(list)
    for draft in drafts:
        if draft.actor is None:
            # The dead told without a doer, by several reports: one row when they tell it
            # in the same words, at the same place, within days.
            told = (draft.category, (draft.deed or "").casefold(), (draft.place or "").casefold())
            same = next((r for r in dead[told] if draft.deed and _near(r, draft)), None)
            if same is None:
                dead[told].append(draft)
                folded.append(draft)
            else:
                same.absorb(draft)
            continue
        block = blocks[(draft.category, draft.actor.casefold())]
        index = block.first_same(draft)
        if index is None:
            block.keep(draft)
            folded.append(draft)
            continue
        first = block.rows[index]
        had = (first.target, first.claimed)
        first.absorb(draft)
        block.absorbed(index, had)
        if draft.date is not None and (first.date is None or draft.date < first.date):
            first.date, first.precision = draft.date, draft.precision
    return folded


@dataclass
class _ActBlock:
    """The rows kept for one doer and kind of act, indexed by what `_same_act` needs, so
    a report is compared with the rows it could join, not with every row of its doer
    (thousands at scale): those on its target, and those whose doer claimed them."""

    rows: list[_EventDraft] = field(default_factory=list)
    on_target: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    claimed: list[int] = field(default_factory=list)

    def first_same(self, draft: _EventDraft) -> int | None:
        """The index of the first kept row `draft` reports again, if any."""
        candidates = self.on_target.get(draft.target.casefold(), []) if draft.target else []
        if draft.claimed:
            candidates = [*candidates, *self.claimed]
        same = (i for i in sorted(set(candidates)) if _same_act(self.rows[i], draft))
        return next(same, None)

    def keep(self, draft: _EventDraft) -> None:
        self.rows.append(draft)
        self.absorbed(len(self.rows) - 1, (None, False))

    def absorbed(self, index: int, had: tuple[str | None, bool]) -> None:
        """Index row `index` under what it gained (a target, a claim) since it `had` them."""
        row = self.rows[index]
        if row.target and not had[0]:
            self.on_target[row.target.casefold()].append(index)
        if row.claimed and not had[1]:
            self.claimed.append(index)


def _same_act(a: _EventDraft, b: _EventDraft) -> bool:
    if a.target and b.target and a.target.casefold() != b.target.casefold():
        return False
    if a.place and b.place and a.place.casefold() != b.place.casefold():
        return False  # airstrikes in Middle Shabelle are not the siege in Beledweyne
    counts = (a.counted, b.counted)
    if None not in counts and counts[0] != counts[1] and a.sources() & b.sources():
        # One article's "killed all six attackers" and its "airstrikes killed at least 50"
        # are two acts; across articles a count told otherwise is a source that differs.
        return False
    # Without a target on both, only an attack its doer claimed is known to be the one
    # attack ("al-Shabab claimed responsibility for the attack").
    if not (a.target and b.target) and not (a.claimed and b.claimed):
        return False
    for undated, dated in ((a, b), (b, a)):
        if undated.date is None and _reported_before(undated, dated):
            return False  # "last week Trump imposed …" in a report of 9 March: not the 11th's
    # A report dated by a sentence that tells two acts ("on Wednesday Iran attacked…, in
    # retaliation for the US strike") joins whatever its day.
    return not (a.dates and b.dates) or _near(a, b)


def _near(a: _EventDraft, b: _EventDraft) -> bool:
    """Within `SAME_ACT_DAYS` of each other; an undated report joins a dated one."""
    if a.date is None or b.date is None:
        return True
    return abs((a.date - b.date).days) <= SAME_ACT_DAYS


def _reported_before(undated: _EventDraft, dated: _EventDraft) -> bool:
    """Whether an article reports `undated` more than a day before `dated` happened."""
    if undated.reported is None or dated.date is None or dated.precision != "day":
        return False
    return (dated.date - undated.reported).days > 1


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


def event_order(event: BriefEvent) -> tuple[object, ...]:
    first = event.citations[0]
    day = event.date or dt.date.max
    by_month = event.date_precision == "month"
    return (event.date is None, *in_month_order(day, by_month), first.source, first.sentence)
