"""The data brief passes between its stages, as pydantic models.

Three layers, each with its own job:
- `Article`: what ingestion read from a file (text, numbered sentences, metadata).
- `ArticleExtraction`: what the model returns for one article. It is the wire format, so
  field names are short and the model cites sentence numbers instead of writing quotes.
- `Brief`: the merged, cited result that the renderers turn into Markdown or JSON.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic.json_schema import SkipJsonSchema

ActorKind = Literal["state", "person", "organization", "armed_group", "social_group"]

# A small fixed vocabulary: enough to tell cooperation from confrontation, small enough
# for a 1.5B model to choose from reliably.
Stance = Literal[
    "calls_for_restraint", "offers_mediation", "seeks_cooperation", "supports", "opposes",
    "condemns", "warns_or_threatens", "denies", "expresses_concern", "neutral",
]  # fmt: skip

EventStatus = Literal["happened", "announced", "planned"]
# How sure the sentence is that the act was done, read from its parse: done; hedged
# ("allegedly", "likely", "officials believe"); prospective ("will", "threatened to", "plans").
Certainty = Literal["done", "hedged", "prospective"]

# Used by `compare` to weigh cooperation against conflict.
EventCategory = Literal[
    "talks", "agreement", "offer", "statement", "strike", "attack", "threat", "sanction",
    "accusation", "other",
]  # fmt: skip
COOPERATIVE_CATEGORIES: frozenset[str] = frozenset({"talks", "agreement", "offer"})
CONFLICT_CATEGORIES = frozenset({"strike", "attack", "threat", "sanction", "accusation"})

DateBasis = Literal["metadata", "text", "inferred"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- ingestion


# What one article may cost: no more of it is cleaned, split or parsed than the model can be
# sent (the extractor reads at most 8 parts of 12,000 characters). A 20 MB file is read in
# seconds, not parsed whole for minutes.
MAX_ARTICLE_CHARS = 100_000


class Article(_Strict):
    """One article as read from disk, cleaned and split into numbered sentences."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Hash of the normalised text; the same story read twice is one")
    path: str = Field(description="Where it was read from; 'file.jsonl#3' for a record")
    title: str
    text: str
    sentences: tuple[str, ...] = Field(description="Sentence 1 is sentences[0]")
    date: dt.date | None = None
    date_basis: DateBasis | None = None
    date_evidence: str | None = Field(
        default=None, description="The words or field the date was read from, or the reasoning"
    )
    url: str | None = None
    outlet: str | None = Field(default=None, description="Publisher, from a 'source' field")
    # The length of the text before it was cut to `MAX_ARTICLE_CHARS`; None: not cut.
    full_chars: int | None = None

    def sentence(self, number: int) -> str:
        """The sentence with 1-based `number`."""
        return self.sentences[number - 1]


# --------------------------------------------------------------------- model output


def _check_citations(numbers: list[int], info: ValidationInfo) -> list[int]:
    # The extractor passes the range of sentence numbers the model was shown.
    context = info.context or {}
    first, last = context.get("first_sentence", 1), context.get("last_sentence")
    if last is not None:
        bad = [n for n in numbers if not first <= n <= last]
        if bad:
            raise ValueError(
                f"cites sentence(s) {bad} but the sentences are numbered {first} to {last}"
            )
    return list(dict.fromkeys(numbers))


# Bounds on list sizes and text lengths. They go into the JSON Schema, which llama.cpp turns
# into a grammar: without them a small model can enumerate every sentence number or repeat
# one actor until it runs out of tokens.
MAX_CITED = 3
MAX_ACTORS = 12
MAX_POSITIONS = 8
MAX_EVENTS = 6
MAX_TEXT = 200


class ExtractedActor(_Strict):
    name: str = Field(
        min_length=1, max_length=80, description="Full canonical name as the article gives it"
    )
    kind: ActorKind
    country: str | None = Field(default=None, description="Country the actor belongs to")
    role: str | None = Field(default=None, description="Title or role, e.g. Foreign Minister")


class ExtractedPosition(_Strict):
    actor: str = Field(min_length=1, description="Name of an actor from the actors list")
    sentences: list[int] = Field(
        min_length=1, max_length=MAX_CITED, description="Numbers of the sentences stating it"
    )
    says: str = Field(
        min_length=1, max_length=MAX_TEXT, description="What the actor says or wants, one sentence"
    )
    stance: Stance
    toward: str | None = Field(default=None, description="Whom the position is aimed at")

    _cites = field_validator("sentences")(_check_citations)


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})(?:-([0-9]{1,2}))?")


@functools.lru_cache(maxsize=4096)  # a few thousand distinct dates in any corpus
def parse_event_date(value: str | None) -> tuple[dt.date | None, Literal["day", "month"] | None]:
    """An ISO date ("YYYY-MM-DD" or "YYYY-MM") as a date and its precision; (None, None)
    for anything else. The one place an extracted date string is read."""
    match = _ISO_DATE.fullmatch(value or "")
    if match is None:
        return None, None
    year, month, day = (int(part) if part else None for part in match.groups())
    precision: Literal["day", "month"] = "month" if day is None else "day"
    try:  # 30 February, month 13: no date
        return dt.date(year or 0, month or 0, 1 if day is None else day), precision
    except ValueError:
        return None, None


class ExtractedEvent(_Strict):
    sentences: list[int] = Field(
        min_length=1, max_length=MAX_CITED, description="Numbers of the sentences reporting it"
    )
    what: str = Field(
        min_length=1, max_length=MAX_TEXT, description="What happened, was agreed or announced"
    )
    actor: str | None = Field(default=None, description="Who did it")
    target: str | None = Field(default=None, description="To or with whom")
    when: str | None = Field(default=None, description="The time as written, e.g. 'on Friday'")
    date: str | None = Field(
        default=None, description="ISO date YYYY-MM-DD (or YYYY-MM) when it can be resolved"
    )
    status: EventStatus
    category: EventCategory
    # From the parse, never asked of the model (so left out of the schema it is shown).
    certainty: SkipJsonSchema[Certainty] = "done"
    # Sentence number → days the act came before the day that sentence's words give
    # ("two days after Tehran struck…": 2); None: those words are another act's day.
    days_before: SkipJsonSchema[dict[int, int | None]] = Field(default_factory=dict)
    # How its doer is known when the sentence names none: the group claimed it.
    doer_basis: SkipJsonSchema[Literal["claimed"] | None] = None
    place: SkipJsonSchema[str | None] = None  # where, from the parse: "Beledweyne"
    aim: SkipJsonSchema[str | None] = None  # what it is to do: "to make joint efforts"
    counted: SkipJsonSchema[int | None] = None  # how many it fell on: "killed all six"
    deed: SkipJsonSchema[str | None] = None  # what was done, its words: "killed all six"
    self_told: SkipJsonSchema[bool] = False  # its doer's own account: "they say they killed"
    said_by: SkipJsonSchema[str | None] = None  # who tells an act that names no doer

    _cites = field_validator("sentences")(_check_citations)

    @field_validator("date")
    @classmethod
    def _iso_or_none(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if parse_event_date(value)[0] is None:
            raise ValueError(f"date {value!r} is not YYYY-MM-DD or YYYY-MM; use null if unknown")
        return value

    @property
    def day(self) -> tuple[dt.date | None, Literal["day", "month"] | None]:
        """The event's date as a date and its precision (None, None when undated)."""
        return parse_event_date(self.date)


class ArticleExtraction(_Strict):
    """What the model extracts from one article (or one part of a long one).

    Validate with context={"first_sentence": a, "last_sentence": b} to reject citations of
    sentences the model was not shown.
    """

    actors: list[ExtractedActor] = Field(max_length=MAX_ACTORS)
    positions: list[ExtractedPosition] = Field(max_length=MAX_POSITIONS)
    events: list[ExtractedEvent] = Field(max_length=MAX_EVENTS)


class ArticleSummary(_Strict):
    """An article and what was extracted from it: the unit the merger works on."""

    article: Article
    extraction: ArticleExtraction
    # Who speaks, acts or recurs in its text, read when it was summarized; None: not yet.
    principal: tuple[str, ...] | None = None


# ---------------------------------------------------------------------------- brief


class Citation(_Strict):
    source: int = Field(description="Number in the brief's source list")
    sentence: int = Field(description="1-based sentence number in that article")
    quote: str = Field(description="The article's own sentence")


class BriefPosition(_Strict):
    says: str
    stance: Stance
    toward: str | None = None
    citations: list[Citation]


class Gist(_Strict):
    """One line of what an actor says, folded from its positions of one stance."""

    text: str = Field(description="In the brief's own words, or the fallback quote")
    stance: Stance
    citations: list[Citation] = Field(description="Every sentence it rests on")
    quote: Citation = Field(description="One short supporting quote")
    said: str = Field(default="", description="The quote as shown, each cut marked with …")
    sources: int = Field(description="Independent sources: a reprinted wire text counts once")
    written: bool = Field(
        default=False, description="Worded by the model and passed its check; else quoted"
    )
    # Whether the cited sentences' own words point to the stance; if not, it is the model's
    # reading alone, and the brief shows "says" for it.
    cued: bool = True


class BriefActor(_Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: ActorKind
    country: str | None = None
    role: str | None = None
    sources: list[int] = Field(default_factory=list, description="Sources that mention it")
    principal_in: list[int] = Field(
        default_factory=list,
        description="Sources in which it speaks or acts, or is named in three sentences or"
        " more; in the others it is named in passing",
    )
    positions: list[BriefPosition] = Field(default_factory=list)
    gists: list[Gist] = Field(default_factory=list, description="At most three, strongest first")
    acts: int = Field(default=0, description="Timeline events it did")
    key: bool = Field(
        default=False, description="A key actor: it speaks or acts, and ranks in the top N"
    )

    def prominence(self) -> tuple[int, int, str]:
        """Sort key of key actors: who says and does the most first, then who is named in
        more sources, then by name."""
        return (-(len(self.positions) + self.acts), -len(self.sources), self.name.casefold())


class BriefEvent(_Strict):
    date: dt.date | None = None
    date_precision: Literal["day", "month"] | None = None
    when: str | None = None
    what: str
    headline: str | None = Field(
        default=None, description="Who did what to whom, from the parse: 'Pakistan struck Iran'"
    )
    actor: str | None = None
    target: str | None = None
    status: EventStatus
    category: EventCategory
    certainty: Certainty = Field(
        default="done", description="done, hedged (alleged) or prospective (planned, threatened)"
    )
    citations: list[Citation]
    doer_basis: str | None = Field(
        default=None, description="How the doer is known when the text names none: 'claimed by X'"
    )
    place: str | None = Field(default=None, description="Where, from the parse: 'Beledweyne'")
    aim: str | None = Field(default=None, description="What an agreement is to do, its words")
    deed: str | None = Field(default=None, description="What was done, the article's words")
    self_told: bool = Field(default=False, description="Told by its doer alone: 'said it killed'")
    said_by: str | None = Field(default=None, description="Who tells an act with no doer")
    tolls: list[Citation] = Field(
        default_factory=list, description="Other sentences that count its dead or wounded"
    )
    dates_reported: dict[int, dt.date] = Field(
        default_factory=dict,
        description="Source number → the day it gives, kept only when the sources disagree",
    )


class Source(_Strict):
    number: int
    article_id: str
    title: str
    path: str
    url: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    date_basis: DateBasis | None = None
    date_evidence: str | None = None


class Skipped(_Strict):
    path: str
    reason: str
    by: Literal["reader", "model"] = Field(
        default="reader", description="Who could not process it: the reader or the model"
    )

    @property
    def shown(self) -> str:
        """The reason as a reader sees it: "model: …" when the model failed on it."""
        return f"model: {self.reason}" if self.by == "model" else self.reason


class CitedSentence(_Strict):
    """A sentence in the brief's own words and the sources it rests on.

    The text carries no citation marks: each renderer shows `sources` its own way.
    """

    text: str = Field(description="One sentence, ending with its full stop")
    sources: list[int] = Field(description="Numbers in the brief's source list")


BottomLine = list[CitedSentence]


class Disagreement(_Strict):
    """Sources that tell one event with different figures or dates: each side cited."""

    about: str = Field(description="'Date of: Pakistan struck Iran', 'Killed in: …'")
    sides: list[CitedSentence]


class Brief(_Strict):
    title: str
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    bottom_line: BottomLine
    actors: list[BriefActor]
    timeline: list[BriefEvent]
    outcomes: list[BriefEvent]
    sources: list[Source]
    also_named: list[str] = Field(default_factory=list, description="Named, not speaking or acting")
    disagreements: list[Disagreement] = Field(
        default_factory=list, description="Figures or dates of one event the sources give apart"
    )
    skipped: list[Skipped] = Field(default_factory=list)
    read_in_part: list[Skipped] = Field(
        default_factory=list, description="Articles too long to read whole, and where they stop"
    )


# ------------------------------------------------------------------------ comparison

Trend = Literal["deteriorated", "improved", "unchanged"]


class EventMix(_Strict):
    """How much cooperation and conflict one period reports."""

    cooperation: int = Field(description="Talks, agreements and offers")
    conflict: int = Field(description="Strikes, attacks, threats, sanctions, accusations")
    other: int = Field(description="Statements and other events")
    cooperative_statements: int = Field(
        description="Positions calling for restraint, offering mediation or seeking cooperation"
    )
    hostile_statements: int = Field(description="Positions that condemn, warn, threaten or oppose")
    conflict_share: float | None = Field(
        default=None,
        description="Conflict events and hostile statements as a share of all cooperation "
        "and conflict signals; None when there are none",
    )


class ComparedPeriod(_Strict):
    label: str = Field(description="The period as written, e.g. 2020 or 2024-01..2024-02")
    start: dt.date
    end: dt.date
    articles: int
    first_article: dt.date | None = None
    last_article: dt.date | None = None
    sources: list[int] = Field(description="Numbers of the sources in this period")
    events: list[BriefEvent] = Field(description="Events reported in this period's sources")
    mix: EventMix


class ComparedActor(_Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: ActorKind
    present: list[bool] = Field(description="Named in the period: one per period, in order")
    principal: list[bool] = Field(
        description="Speaks, acts or recurs in the period (not only named in passing): one"
        " per period, in order"
    )
    positions: list[list[BriefPosition]] = Field(description="One list per period, in order")
    acts: list[list[BriefEvent]] = Field(
        description="The events it is the actor of: one list per period, in order"
    )
    gists: list[list[Gist]] = Field(
        default_factory=list,
        description="Its positions of each period folded into gists: one list per period",
    )


class Comparison(_Strict):
    """What changed between two or more periods of the same crisis."""

    title: str
    periods: list[ComparedPeriod]
    trend: Trend
    trend_reason: str
    bottom_line: BottomLine
    only_earliest: list[str] = Field(
        description="Actors that speak, act or recur in the first period, named in no other"
    )
    only_latest: list[str] = Field(
        description="Actors that speak, act or recur in the last period, named in no other"
    )
    in_every_period: list[str] = Field(description="Actors named in every period")
    in_passing: list[list[str]] = Field(
        default_factory=list,
        description="Per period, actors named there only in passing (and not in every period)",
    )
    actors: list[ComparedActor]
    sources: list[Source]
    undated: list[str] = Field(default_factory=list, description="Articles left out: no date")
    outside: list[str] = Field(default_factory=list, description="Left out: outside all periods")
    skipped: list[Skipped] = Field(default_factory=list)
