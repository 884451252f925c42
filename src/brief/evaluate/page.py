"""Scoring the brief as a reader gets it: its length against its sources, its gists worded
or quoted, and the gold gists it covers."""

from __future__ import annotations

import os
import re

from brief.evaluate.gold import Gold, PageScore, Ratio
from brief.extract import Extractor, same_actor
from brief.pipeline import RunStats, StepTools, brief_from
from brief.render import render_brief_markdown
from brief.schema import ArticleSummary, Brief

_WORD = re.compile(r"[A-Za-z0-9]")


def count_words(text: str) -> int:
    """Words a reader reads: tokens with a letter or a digit (not table bars or bullets),
    outside fenced diagram code (a Mermaid timeline is read as a picture)."""
    prose = _FENCED.sub("", text)
    return sum(1 for token in prose.split() if _WORD.search(token))


_FENCED = re.compile(r"^```mermaid\n.*?^```$", re.M | re.S)


def score_page(
    gold: Gold, summaries: list[ArticleSummary], extractor: Extractor
) -> tuple[PageScore, Brief]:
    """Build the brief as `summarize` does, every step after extraction, and measure the
    page; the brief is returned for the story's score."""
    tools = StepTools(stats=RunStats(), writer=extractor.model)
    brief = brief_from(summaries, tools)
    page = PageScore(
        brief_words=count_words(render_brief_markdown(brief)),
        source_words=sum(count_words(s.article.text) for s in summaries),
        gists_worded=tools.stats.gists_written,
        gists_quoted=tools.stats.gists_quoted,
        gold_gists_covered=_covered(gold, brief),
    )
    return page, brief


def _covered(gold: Gold, brief: Brief) -> Ratio:
    """A gold gist is covered when a gist of the same actor cites its evidence sentence."""
    source_of = {os.path.basename(s.path): s.number for s in brief.sources}
    hits = total = 0
    for name, article in gold.articles.items():
        source = source_of.get(name)
        if source is None:
            continue
        for position in article.positions:
            if not position.gist:
                continue
            total += 1
            evidence = " ".join(position.evidence.split())
            hits += any(
                any(same_actor(position.actor, n) for n in (actor.name, *actor.aliases))
                for actor in brief.actors
                for gist in actor.gists
                for citation in gist.citations
                if citation.source == source and evidence in " ".join(citation.quote.split())
            )
    return Ratio(hits=hits, total=total)
