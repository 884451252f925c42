"""An actor's positions folded into at most three gists: one per stance, the stances most
sources report first. Each gist starts as its shortest cited sentence, quoted; the model
may later word it (below), and that wording is kept only if it passes its
check."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from brief.assemble.judge import second_reader
from brief.assemble.narration import narrated_from
from brief.language import shows_stance, stance_cues, what_was_said, words
from brief.meaning import check_claim
from brief.models import ChatModel, ChatRequest, ask_text, parse_numbered_lines, text_request
from brief.schema import (
    Brief,
    BriefActor,
    BriefPosition,
    Citation,
    ComparedActor,
    Comparison,
    Gist,
    Stance,
)
from brief.wording import STANCE_LABELS, first_words, shorten

MAX_GISTS = 3
MAX_GIST_WORDS = 25
QUOTED_WORDS = 16  # a fallback quote: the shortest cited sentence, cut
QUOTE_CHARS = 160
STORY_GAP = dt.timedelta(days=60)  # sources further apart than this tell another story


def gists_of(
    actor: BriefActor, dates: Mapping[int, dt.date] | None = None, *, shown: bool = True
) -> list[Gist]:
    """The actor's gists, strongest first, each worded as its shortest cited sentence.

    A gist is one stance in one story: `dates` (source number → its date) keeps a stand
    taken on one crisis apart from the same stance on another one years later (Pakistan
    "takes no side" in the Gulf in 2019 and on Ukraine in 2022). Only a `shown` actor's
    quotes are parsed for what was said; the others keep their sentences whole."""
    by_stance: dict[tuple[Stance, int, int], list[BriefPosition]] = defaultdict(list)
    stories = _stories(actor.positions, dates or {})
    for position, story in zip(actor.positions, stories, strict=True):
        # Sources join under a stance their words show; positions whose words show none
        # (then shown as what was said) join only those of their own source, or one quote
        # would stand for what other sources said otherwise.
        alone = 0 if _cued(position) else position.citations[0].source
        by_stance[(position.stance, story, alone)].append(position)
    gists = [
        _gist(stance, positions, cued=alone == 0)
        for (stance, _, alone), positions in by_stance.items()
    ]
    gists.sort(key=lambda g: (-g.sources, -len(g.citations), g.citations[0].source))
    return [_quoted(gist, actor if shown else None) for gist in gists[:MAX_GISTS]]


def _cued(position: BriefPosition) -> bool:
    return any(shows_stance(c.quote, position.stance) for c in position.citations)


def _stories(positions: list[BriefPosition], dates: Mapping[int, dt.date]) -> list[int]:
    """For each position, the story it belongs to: sources dated within `STORY_GAP` of the
    one before them tell one story; an undated source belongs to the first."""
    days = sorted({d for p in positions for c in p.citations if (d := dates.get(c.source))})
    starts = [day for i, day in enumerate(days) if i == 0 or day - days[i - 1] > STORY_GAP]

    def story(position: BriefPosition) -> int:
        day = min((dates[c.source] for c in position.citations if c.source in dates), default=None)
        return 0 if day is None else bisect.bisect_right(starts, day) - 1

    return [story(p) for p in positions]


def _gist(stance: Stance, positions: list[BriefPosition], *, cued: bool) -> Gist:
    citations = sorted(
        {(c.source, c.sentence): c for p in positions for c in p.citations}.values(),
        key=lambda c: (c.source, c.sentence),
    )
    quote = min(citations, key=lambda c: (len(c.quote), c.source, c.sentence))
    return Gist(
        text="",
        stance=stance,
        citations=citations,
        quote=quote,
        sources=independent_sources(citations),
        cued=cued,  # (every position of a group is cued, or none is)
    )


def _quoted(gist: Gist, actor: BriefActor | None) -> Gist:
    """The gist worded as its quote, from what was said (`actor`: parsed for it)."""
    sentence = gist.quote.quote
    said = what_was_said(sentence) if actor is not None else sentence
    if actor is not None and not said.startswith("…") and not _named_early(said, actor):
        # "Tensions … have been escalating since U.S. President Donald Trump announced his
        # decision to…": Trump's gist shows what he did, not the sentence's first words.
        narrated = narrated_from(sentence, actor)
        said = f"…{narrated}" if narrated else said
    text = f"“{shorten(first_words(said, QUOTED_WORDS), QUOTE_CHARS)}”"
    return gist.model_copy(update={"text": text, "said": said})


def _named_early(said: str, actor: BriefActor) -> bool:
    opening = " ".join(said.split()[:_EARLY_WORDS])
    surname = actor.name.split()[-1] if actor.kind == "person" else actor.name
    return any(name in opening for name in (actor.name, surname, *actor.aliases))


_EARLY_WORDS = 5


def independent_sources(citations: list[Citation]) -> int:
    """Sources that state it, a wire text reprinted word for word by two outlets once."""
    first_with: dict[str, int] = {}
    for citation in citations:
        key = " ".join(citation.quote.casefold().split())
        first_with.setdefault(key, citation.source)
    owner = {c.source: first_with[" ".join(c.quote.casefold().split())] for c in citations}
    return len(set(owner.values()))


# ---------------------------------------------------------------------- wording by the model
# Gists in the brief's own words: one short model call per key actor.
#
# The model is given the actor's gists (each a group of its sentences of one stance) and
# writes one line per group. A line is kept only when it is at most 25 words and every name,
# number and date in it appears in the group's sentences (`checks.unsupported`); otherwise
# the gist keeps its quote, the shortest of its sentences. A model failure of any kind
# costs only the wording: the brief is still written, with quotes.
#

GIST_PROMPT = "gist.v2"
_MAX_SENTENCES = 4  # per group shown to the model: the prompt stays short
# In the prompt, "neutral" is said as what it means for a speaker.
_STANCE_WORDS = {**STANCE_LABELS, "neutral": "takes no side"}


@dataclass
class GistStats:
    written: int = 0
    fell_back: int = 0


def word_gists(
    brief: Brief,
    model: ChatModel,
) -> tuple[Brief, GistStats]:
    """The brief with its key actors' gists worded by the model where the wording passes
    its check; the rest keep their quotes."""
    stats = GistStats()
    actors = []
    for actor in brief.actors:
        if actor.key and actor.gists:
            actor = actor.model_copy(update={"gists": _worded(actor, model, stats)})
        actors.append(actor)
    return brief.model_copy(update={"actors": actors}), stats


def word_comparison_gists(
    comparison: Comparison,
    model: ChatModel,
) -> tuple[Comparison, GistStats]:
    """The comparison with the gists of the actors seen in every period worded, one call
    per actor and period (the "then and now" a reader compares)."""
    stats = GistStats()
    actors = []
    for compared in comparison.actors:
        if all(compared.present) and any(compared.gists):
            worded = [
                _worded(_speaker(compared, gists), model, stats) if gists else []
                for gists in compared.gists
            ]
            compared = compared.model_copy(update={"gists": worded})
        actors.append(compared)
    return comparison.model_copy(update={"actors": actors}), stats


def _speaker(compared: ComparedActor, gists: list[Gist]) -> BriefActor:
    return BriefActor(name=compared.name, aliases=compared.aliases, kind=compared.kind, gists=gists)


def gist_request(actor: BriefActor) -> ChatRequest:
    groups = []
    for number, gist in enumerate(actor.gists, start=1):
        shown = " ".join(f"“{c.quote}”" for c in gist.citations[:_MAX_SENTENCES])
        groups.append(f"{number}. ({_STANCE_WORDS[gist.stance]}) {shown}")
    return text_request(
        GIST_PROMPT,
        schema_name="gists",
        max_tokens=60 * len(actor.gists),
        label=f"gists of {actor.name!r}",
        actor=actor.name,
        groups="\n".join(groups),
    )


def _worded(
    actor: BriefActor,
    model: ChatModel,
    stats: GistStats,
) -> list[Gist]:
    answer = ask_text(gist_request(actor), model)
    lines = parse_numbered_lines(answer, len(actor.gists))
    failed = {
        number: _why_not(lines.get(number), gist, actor)
        for number, gist in enumerate(actor.gists, start=1)
    }
    failed = {number: why for number, why in failed.items() if why}
    if answer and len(actor.gists) > 1:
        # One more try for each line that failed, its group asked alone: a small model
        # told why a line failed writes the same line again, but a group on its own often
        # gets a plain line (seeds: Bajwa's "calls for restraint").
        for number in failed:
            alone = actor.model_copy(update={"gists": [actor.gists[number - 1]]})
            again = parse_numbered_lines(ask_text(gist_request(alone), model), 1)
            if 1 in again:
                lines[number] = again[1]
                failed[number] = _why_not(again[1], actor.gists[number - 1], actor)
    worded = []
    reader = second_reader(model)
    for number, gist in enumerate(actor.gists, start=1):
        text = lines.get(number)
        line = "" if text is None or failed.get(number) else text.rstrip(" .")
        cited = supporting(gist, line, actor) if line else []
        quote = cited[0] if cited else None
        # The rules passed the line on this quote (the shortest that says it); the model
        # reads it there too, against the sentence a reader will see under it.
        if quote is not None and not reader(spoken_by(actor, line), [quote.quote]).supported:
            quote = None
        if quote is not None:
            said = _supporting_part(quote, line, actor)
            # The line cites what says it, not every sentence of its group: "Trump warns
            # EU of tariffs" is not in the article that told only of Canada's.
            cited = sorted(cited, key=lambda c: (c.source, c.sentence))
            update = {"text": line, "written": True, "quote": quote, "said": said,
                      "citations": cited, "sources": independent_sources(cited)}  # fmt: skip
            gist = gist.model_copy(update=update)
            stats.written += 1
        else:
            stats.fell_back += 1
        worded.append(gist)
    return worded


def _why_not(text: str | None, gist: Gist, actor: BriefActor) -> str:
    """Why a line cannot stand as this gist ("" when it can): too long, or not what its
    sentences say (the meaning check, read with the actor as the one who speaks)."""
    if not text:
        return "missing"
    if words(text) > MAX_GIST_WORDS:
        return f"too long ({words(text)} words)"
    if _names_twice(text, actor):
        return f"it names {actor.name} as someone else"
    sources = [c.quote for c in gist.citations[:_MAX_SENTENCES]]
    shown = {cue for quote in sources for cue in stance_cues(quote)}
    taken = [cue for cue in stance_cues(text) if cue not in shown]
    if taken:  # "Nabi opposes the document" over sentences whose words oppose nothing
        return f"it takes a stance its sentences' words do not show ({taken[0]})"
    names = [actor.name, *actor.aliases]
    verdict = check_claim(spoken_by(actor, text), sources, grounded=True, known=names)
    return "" if verdict.supported else verdict.why


def spoken_by(actor: BriefActor, line: str) -> str:
    """The line as a sentence about its speaker: "calls for restraint" is checked as
    "Pakistan calls for restraint"; a line that names anyone first stays as written."""
    first = line.split()[0] if line.split() else ""
    named = first[:1].isupper() and any(
        first in c.quote.split() for g in actor.gists for c in g.citations
    )
    if named or first.casefold() in ("the", "a", "an") or first in actor.name.split():
        return line
    return f"{actor.name} {first[:1].lower()}{first[1:]}{line[len(first) :]}"


def supporting(gist: Gist, text: str, actor: BriefActor) -> list[Citation]:
    """The cited sentences that each support the line on their own, shortest first (the
    first is the quote shown under it: a reader checks a line by that quote); none, and
    the line is not kept. At most `_MAX_CHECKED` are read, the shortest."""
    claim = spoken_by(actor, text)
    names = [actor.name, *actor.aliases]
    ordered = sorted(gist.citations, key=lambda c: (len(c.quote), c.source, c.sentence))
    return [
        c
        for c in ordered[:_MAX_CHECKED]
        if check_claim(claim, [c.quote], grounded=True, known=names).supported
    ]


_MAX_CHECKED = 12


def _supporting_part(quote: Citation, line: str, actor: BriefActor) -> str:
    """What was said in the quote, unless the line rests more on the sentence's lead than
    on it ("reiterating his offer for mediation between US and Iran, Imran said that
    Pakistan would not become part to anyone else's war": the offer is in the lead)."""
    said = what_was_said(quote.quote)
    own = _stems(" ".join([actor.name, *actor.aliases]))
    wanted = _stems(line) - own
    in_said = wanted & _stems(said)
    only_lead = (wanted & _stems(quote.quote)) - in_said  # in what the cut left out
    return said if len(in_said) > len(only_lead) else quote.quote


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{3,}", text.casefold())} - _LIGHT


_LIGHT = frozenset({"the", "and", "for", "that", "with", "said", "says", "told", "tell", "its"})


def _names_twice(text: str, actor: BriefActor) -> bool:
    """Whether the line names its speaker twice: as the one who speaks and as someone
    spoken to or about, which a line of what the speaker says never needs."""
    surname = actor.name.split()[-1].casefold()
    return actor.kind == "person" and text.casefold().split().count(surname) > 1
