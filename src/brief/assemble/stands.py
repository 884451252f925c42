"""Where the key actors stand, for the bottom line: their strongest gists, one stance
each, and beside each one more of the same side ("Pakistan said it will not take sides …,
and Qureshi told his counterparts …"), told as sentences dated by their sources' month."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from brief.assemble.headlines import describe
from brief.language import Gazetteer, opens_in_the_past, told_in_the_past
from brief.schema import BriefActor, CitedSentence, Gist, Source
from brief.wording import STANCE_DEEDS, cited_sources, first_words, month_and_year, upper_first

MIN_STANDS = 2
LATE = dt.date.max  # what no source dates: told last
_QUOTE_WORDS = 18  # a quote cut to its point ("the absence of … is a clear rejection of …")
_SAYING = re.compile(r"\b(?:said|says|told|added|stated|according to)\b", re.I)
Stand = tuple[BriefActor, Gist, dt.date]  # an actor's gist, dated by its sources' month
_YEAR_DAYS = 366


def stands(actors: list[BriefActor], sources: list[Source], room: int) -> list[Stand]:
    """The strongest gists of the key actors, one stance each, at least `MIN_STANDS`."""
    dates = {s.number: s.date for s in sources if s.date}
    key = sorted((a for a in actors if a.key and a.gists), key=BriefActor.prominence)
    ranked = sorted(
        ((rank, actor, gist) for rank, actor in enumerate(key) for gist in actor.gists),
        # A party's own stand before a person's reading of it, among equals: the Kurdish
        # administration rejecting the constitution before an expert's view of it. An
        # office holder speaks for a party ("Pakistan's foreign minister").
        key=lambda t: (-t[2].sources, not t[2].written, _a_reading(t[1]), t[0]),
    )
    chosen: list[Stand] = []
    said: set[str] = set()
    heard: set[str] = set()
    # First an actor's second quote only when more than one source tells it, so the
    # page is not one voice quoted three times; then, if there are too few, any.
    for once, most in ((True, max(room, MIN_STANDS)), (False, MIN_STANDS)):
        for _, actor, gist in ranked:
            if gist.stance in said or len(chosen) >= most:
                continue
            if once and actor.name in heard and gist.sources < 2 and not gist.written:
                continue
            said.add(gist.stance)
            heard.add(actor.name)
            chosen.append((actor, gist, _dated(gist, dates)))
    return chosen


def alongside(
    stands: list[Stand], actors: list[BriefActor], sources: list[Source]
) -> list[Stand | None]:
    """For each stand, one more of its side, told in the same sentence: a state's and its
    officials' stands are one side's ("Pakistan said it will not take sides …, and Qureshi
    told his counterparts …"). The same stance from another source first, else another
    stance of the same month that no stand of that side tells ("Qureshi called for
    restraint …, and Imran Khan offered mediation")."""
    dates = {s.number: s.date for s in sources if s.date}
    told = {id(gist) for _, gist, _ in stands}
    shown = {(_side(actor), gist.stance) for actor, gist, _ in stands}
    found: list[Stand | None] = []
    for actor, gist, day in stands:
        side = _side(actor)
        cited = {(c.source, c.sentence) for c in gist.citations}
        options = []
        others = [a for a in actors if a.key and a is not actor and _side(a) == side]
        for other in others if side is not None else []:
            for more in other.gists:
                if id(more) in told or cited & {(c.source, c.sentence) for c in more.citations}:
                    continue
                if not more.cued:  # a quote whose words show no stance says too little here
                    continue
                when = _dated(more, dates)
                # One crisis: the same stance within a year, another in the same month.
                same = more.stance == gist.stance and abs((when - day).days) <= _YEAR_DAYS
                month = when != LATE and (when.year, when.month) == (day.year, day.month)
                if same or (month and (side, more.stance) not in shown):
                    rank = (not same, -more.sources, not more.written, other.name)
                    options.append((rank, (other, more, when)))
        best = min(options, key=lambda o: o[0])[1] if options else None
        if best is not None:
            told.add(id(best[1]))
            shown.add((side, best[1].stance))
        found.append(best)
    return found


def _dated(gist: Gist, dates: dict[int, dt.date]) -> dt.date:
    """The earliest date of a gist's sources; `LATE` when none is dated."""
    return min((dates[c.source] for c in gist.citations if c.source in dates), default=LATE)


def _a_reading(actor: BriefActor) -> bool:
    """Whether the actor is a person who speaks for no party: an expert, a witness."""
    return actor.kind == "person" and _side(actor) is None


def _side(actor: BriefActor) -> str | None:
    """The state an actor speaks for: itself, or the country its office holders serve
    ("Pakistan's foreign minister"); an expert or a group based there speaks for none."""
    if actor.kind == "state":
        return actor.name
    return actor.country if actor.kind == "person" and actor.role else None


def joined(sentences: list[CitedSentence], pair: list[Stand]) -> CitedSentence:
    """Two stands of one side in one sentence, the second's date said only where it is
    another month: "In May 2019, Pakistan said …, and in January 2020, Qureshi told …"."""
    if len(sentences) == 1:
        return sentences[0]
    first, second = sentences
    text = second.text
    if (pair[0][2].year, pair[0][2].month) == (pair[1][2].year, pair[1][2].month):
        text = re.sub(r"^In [A-Z][a-z]+ \d{4}, ", "", text)
    if text.startswith(("In ", "The ")):
        text = text[0].lower() + text[1:]
    return cited_line(f"{first.text.rstrip('.')}, and {text}", [*first.sources, *second.sources])


def stand_sentence(
    actor: BriefActor, gist: Gist, day: dt.date, gazetteer: Gazetteer
) -> CitedSentence:
    """A worded gist as it stands, dated by its sources' month ("In January 2020, …");
    a quoted one introduced by who said it and what stance it takes."""
    cited = [c.source for c in gist.citations]
    # "Since Assad's fall, the U.S. … have repeatedly called for…": a stand held over a
    # span, which the report's month would misdate as news of that month.
    held = all(_HELD.search(c.quote) for c in gist.citations)
    when = f"In {month_and_year(day)}, " if day != LATE and not held else ""
    if gist.written:  # under a date a model's "Trump warns" reads "Trump warned"
        text = told_in_the_past(gist.text) if when else gist.text
        text = "the" + text[3:] if when and text.startswith("The ") else text  # mid-sentence
        return cited_line(f"{when}{text.rstrip('. ')}.", cited)
    said = first_words(gist.said or gist.quote.quote, _QUOTE_WORDS)
    # a person is described where the bottom line first names them (`introduced`)
    who = actor.name if actor.kind == "person" else describe(actor, gazetteer)
    named = _named_first(said, actor, gist.quote.quote)
    if named:  # the article's narration of what it did, not its words: who it is, then those
        said = first_words(gist.said or gist.quote.quote, _QUOTE_WORDS + _NARRATED_MORE)
        body = said[len(named) :].rstrip(". ")
        return cited_line(f"{when}{who}{body}{'' if body.endswith('…') else '.'}", cited)
    if not gist.cued and _SAYING.search(said):  # "…," al-Bunni said: not "said … said"
        return cited_line(f"{when}{who} was quoted: “{said}”.", cited)
    if not gist.cued:  # no stance its words show: only what was said
        return cited_line(f"{when}{who} said: “{said}”.", cited)
    return cited_line(f"{when}{who} {STANCE_DEEDS[gist.stance]}: “{said}”.", cited)


_HELD = re.compile(
    r"^(?:Since|For (?:years|decades|months))\b"
    r"|\b(?:repeatedly|long)\s+(?:called|urged|said|demanded|warned|opposed|supported)\b"
)
_NARRATED_MORE = 4  # no "… voiced opposition:" before it: the room is the point's


def _named_first(said: str, actor: BriefActor, sentence: str) -> str:
    """The name a quote opens with when it is the article telling what the actor did ("The
    Kurdish-led Autonomous Administration … was the first to reject the constitution",
    "Qureshi underscored the exercise of maximum restraint"): its verb right after the
    name, in the past, and no one else cited for it ("…, the ministry said" is a claim;
    "Abubakar said the initiative aims…" is his); "" when it is not ("US officials
    said…", "Pakistan strongly condemns…")."""
    surname = (actor.name.split()[-1],) if actor.kind == "person" else ()
    for name in sorted((actor.name, *actor.aliases, *surname), key=len, reverse=True):
        for opening in (name, f"The {name}"):
            rest = said[len(opening) :]
            if not (said.startswith(opening + " ") and opens_in_the_past(rest)):
                continue
            saying = [m.start() for m in _SAYING.finditer(sentence)]
            own = _SAYING.match(rest.lstrip()) and len(saying) == 1
            return opening if not saying or own else ""
    return ""


def cited_line(text: str, numbers: Iterable[int]) -> CitedSentence:
    return CitedSentence(text=upper_first(text), sources=cited_sources(numbers))
