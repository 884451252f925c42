"""An actor's positions folded into at most three gists: one per stance, the stances most
sources report first. Each gist starts as its shortest cited sentence, quoted; the model
may later word it (see `brief.compose`), and that wording is kept only if it passes its
check."""

from __future__ import annotations

from collections import defaultdict

from brief.schema import BriefActor, BriefPosition, Citation, Gist, Stance
from brief.wording import first_words, shorten

MAX_GISTS = 3
MAX_GIST_WORDS = 25
QUOTED_WORDS = 16  # a fallback quote: the shortest cited sentence, cut
QUOTE_CHARS = 160


def gists_of(actor: BriefActor) -> list[Gist]:
    """The actor's gists, strongest first, each worded as its shortest cited sentence."""
    by_stance: dict[Stance, list[BriefPosition]] = defaultdict(list)
    for position in actor.positions:
        by_stance[position.stance].append(position)
    gists = [_gist(stance, positions) for stance, positions in by_stance.items()]
    gists.sort(key=lambda g: (-g.sources, -len(g.citations), g.citations[0].source))
    return gists[:MAX_GISTS]


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
