"""An actor's positions folded into at most three gists: one per stance, the stances most
sources report first. Each gist starts as its shortest cited sentence, quoted; the model
may later word it (see `brief.compose`), and that wording is kept only if it passes its
check."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from brief.schema import BriefActor, BriefPosition, Citation, Gist, Stance
from brief.wording import first_words, shorten

MAX_GISTS = 3
MAX_GIST_WORDS = 25
QUOTED_WORDS = 16  # a fallback quote: the shortest cited sentence, cut
QUOTE_CHARS = 160
STORY_GAP = dt.timedelta(days=60)  # sources further apart than this tell another story


def gists_of(actor: BriefActor, dates: Mapping[int, dt.date] | None = None) -> list[Gist]:
    """The actor's gists, strongest first, each worded as its shortest cited sentence.

    A gist is one stance in one story: `dates` (source number → its date) keeps a stand
    taken on one crisis apart from the same stance on another one years later (Pakistan
    "takes no side" in the Gulf in 2019 and on Ukraine in 2022)."""
    by_stance: dict[tuple[Stance, int], list[BriefPosition]] = defaultdict(list)
    stories = _stories(actor.positions, dates or {})
    for position, story in zip(actor.positions, stories, strict=True):
        by_stance[(position.stance, story)].append(position)
    gists = [_gist(stance, positions) for (stance, _), positions in by_stance.items()]
    gists.sort(key=lambda g: (-g.sources, -len(g.citations), g.citations[0].source))
    return gists[:MAX_GISTS]


def _stories(positions: list[BriefPosition], dates: Mapping[int, dt.date]) -> list[int]:
    """For each position, the story it belongs to: sources dated within `STORY_GAP` of the
    one before them tell one story; an undated source belongs to the first."""
    days = sorted({d for p in positions for c in p.citations if (d := dates.get(c.source))})
    starts = [day for i, day in enumerate(days) if i == 0 or day - days[i - 1] > STORY_GAP]

    def story(position: BriefPosition) -> int:
        day = min((dates[c.source] for c in position.citations if c.source in dates), default=None)
        return 0 if day is None else bisect.bisect_right(starts, day) - 1

    return [story(p) for p in positions]


def _gist(stance: Stance, positions: list[BriefPosition]) -> Gist:
    citations = sorted(
        {(c.source, c.sentence): c for p in positions for c in p.citations}.values(),
        key=lambda c: (c.source, c.sentence),
    )
    quote = min(citations, key=lambda c: (len(c.quote), c.source, c.sentence))
    return Gist(
        text=quoted(quote),
        stance=stance,
        citations=citations,
        quote=quote,
        sources=independent_sources(citations),
    )


def quoted(citation: Citation) -> str:
    """The fallback wording: the sentence itself, quoted, cut to the gist's length."""
    return f"“{shorten(first_words(citation.quote, QUOTED_WORDS), QUOTE_CHARS)}”"


def independent_sources(citations: list[Citation]) -> int:
    """Sources that state it, a wire text reprinted word for word by two outlets once."""
    first_with: dict[str, int] = {}
    for citation in citations:
        key = " ".join(citation.quote.casefold().split())
        first_with.setdefault(key, citation.source)
    owner = {c.source: first_with[" ".join(c.quote.casefold().split())] for c in citations}
    return len(set(owner.values()))
