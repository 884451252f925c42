"""Scoring the story a brief tells against a story gold: are the main events in its
timeline, with the right doers; are the events its bottom line tells main events; and
does its bottom line state what it must (judged by the meaning check, not shared words).

An event is found when a timeline row cites one of its sources, has one of its doers as
actor, one of its targets as target (when the gold names targets), and a date within the
gold's precision (the day, or the month).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable

from brief.assemble import key_episodes
from brief.evaluate.gold import GoldMainEvent, GoldStory, Ratio, StoryScore
from brief.evaluate.names import name_keys
from brief.language import Gazetteer, load_gazetteer
from brief.meaning import states
from brief.schema import Brief, BriefEvent


def score_story(story: GoldStory, brief: Brief) -> StoryScore:
    gazetteer = load_gazetteer()
    numbers = {os.path.basename(s.path): s.number for s in brief.sources}
    found = [e for e in story.main_events if _told(e, brief.timeline, numbers, gazetteer)]
    told = [e for episode in key_episodes(brief.timeline) for e in episode]
    main = [e for e in told if any(_is(e, g, numbers, gazetteer) for g in story.main_events)]
    on_gold = [
        (row, gold)
        for gold in story.main_events
        for row in brief.timeline
        if _is(row, gold, numbers, gazetteer, doer=False)
    ]
    right = [row for row, gold in on_gold if _one_of(row.actor, gold.doers, gazetteer)]
    stated = [f for f in story.must_state if _stated(f.fact, f.sources, brief, numbers)]
    return StoryScore(
        main_event_recall=Ratio(hits=len(found), total=len(story.main_events)),
        main_event_precision=Ratio(hits=len(main), total=len(told)),
        doers_right=Ratio(hits=len(right), total=len(on_gold)),
        must_state=Ratio(hits=len(stated), total=len(story.must_state)),
        missed_events=[e.what for e in story.main_events if e not in found],
        missed_facts=[f.fact for f in story.must_state if f not in stated],
    )


def _told(
    gold: GoldMainEvent, timeline: list[BriefEvent], numbers: dict[str, int], gazetteer: Gazetteer
) -> bool:
    return any(_is(row, gold, numbers, gazetteer) for row in timeline)


def _is(
    row: BriefEvent,
    gold: GoldMainEvent,
    numbers: dict[str, int],
    gazetteer: Gazetteer,
    *,
    doer: bool = True,
) -> bool:
    """Whether a timeline row tells the gold event (with `doer`, by the right doer too)."""
    sources = {numbers[name] for name in gold.sources if name in numbers}
    if not sources & {c.source for c in row.citations}:
        return False
    if doer and not _one_of(row.actor, gold.doers, gazetteer):
        return False
    if gold.targets and not _one_of(row.target, gold.targets, gazetteer):
        return False
    return _same_date(row.date, gold.date)


def _one_of(name: str | None, gold: Iterable[str], gazetteer: Gazetteer) -> bool:
    if not name:
        return False
    keys = name_keys(name, gazetteer)
    return any(keys & name_keys(g, gazetteer) for g in gold)


def _same_date(day: dt.date | None, gold: str | None) -> bool:
    if gold is None:
        return True
    if day is None:
        return False
    return day.isoformat()[: len(gold)] == gold


def _stated(fact: str, sources: list[str], brief: Brief, numbers: dict[str, int]) -> bool:
    """The bottom-line sentences citing one of the fact's sources state it (by meaning:
    every main act of the fact told, none contradicted)."""
    wanted = {numbers[name] for name in sources if name in numbers}
    citing = [s.text for s in brief.bottom_line if wanted & set(s.sources)]
    return bool(citing) and states(citing, fact)
