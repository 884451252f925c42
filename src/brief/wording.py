"""The brief's own English: shortened quotes, dates and periods in words, counts, stance
labels, the sources a generated sentence cites. Shared by the assembling stages and the
renderers, so that every format says a thing the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from brief.schema import MAX_TEXT, Brief, BriefActor, BriefEvent, Gist

MAX_BOTTOM_LINE = 5  # sentences
MAX_CITED_SOURCES = 3  # per bottom-line sentence: enough to check, short to read

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def shorten(sentence: str, limit: int = MAX_TEXT) -> str:
    """The sentence, cut at a word boundary to `limit` characters."""
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def long_date(day: dt.date) -> str:
    """A date as a policy reader writes it: 17 January 2024."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def month_and_year(day: dt.date) -> str:
    """January 2024."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def date_in_words(day: dt.date | None) -> str:
    """`long_date`, or "an unknown date"."""
    return long_date(day) if day is not None else "an unknown date"


def cited_sources(numbers: Iterable[int], limit: int = MAX_CITED_SOURCES) -> list[int]:
    """The first `limit` distinct source numbers, in order: what one sentence cites."""
    return sorted(set(numbers))[:limit]


def first_words(text: str, limit: int) -> str:
    """The text's first `limit` words, with "…" when it had more."""
    words = text.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


# How each stance reads in the brief's own English.
STANCE_LABELS: dict[str, str] = {
    "calls_for_restraint": "calls for restraint",
    "offers_mediation": "offers mediation",
    "seeks_cooperation": "seeks cooperation",
    "supports": "supports",
    "opposes": "opposes",
    "condemns": "condemns",
    "warns_or_threatens": "warns or threatens",
    "denies": "denies",
    "expresses_concern": "expresses concern",
    "neutral": "neutral",
}


# A stance its quote's own words show (a cued gist), told as what the actor did, the quote
# after it as the words that show it: "Qureshi called for restraint: “Tensions will …”".
STANCE_DEEDS: dict[str, str] = {
    "calls_for_restraint": "called for restraint", "offers_mediation": "offered to mediate",
    "seeks_cooperation": "sought cooperation", "supports": "voiced support",
    "opposes": "voiced opposition", "condemns": "voiced condemnation",
    "warns_or_threatens": "warned", "denies": "issued a denial",
    "expresses_concern": "expressed concern", "neutral": "took no side",
}  # fmt: skip


def stance_label(gist: Gist) -> str:
    """The gist's stance as the brief shows it; "says" when its sentences' words do not
    point to that stance (the model's reading alone is no stance to show a reader)."""
    return STANCE_LABELS[gist.stance] if gist.cued else "says"


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def counted(n: int, noun: str) -> str:
    """ "1 source", "3 sources"."""
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"


def period_in_words(start: dt.date | None, end: dt.date | None) -> str:
    """ "25 May 2019 – 19 January 2024", one date when both are one, or "unknown"."""
    if start is None or end is None:
        one = start or end
        return long_date(one) if one else "unknown"
    return long_date(start) if start == end else f"{long_date(start)} – {long_date(end)}"


def event_day(event: BriefEvent) -> str:
    """An event's date as a timeline shows it: "2020-01-03", "2019-04" or "undated"."""
    if event.date is None:
        return "undated"
    if event.date_precision == "month":
        return event.date.strftime("%Y-%m")
    return event.date.isoformat()


def event_told(event: BriefEvent) -> str:
    """The parse's headline ("Pakistan struck Iran"), else the article's own words."""
    return upper_first(event.headline) if event.headline else event.what


MAX_ACTS_SHOWN = 2  # under a key actor that states no position


def actor_acts(actor: BriefActor, timeline: list[BriefEvent]) -> list[BriefEvent]:
    """The timeline's acts done by `actor`, the first `MAX_ACTS_SHOWN` in date order."""
    names = {actor.name, *actor.aliases}
    return [event for event in timeline if event.actor in names][:MAX_ACTS_SHOWN]


def coverage(brief: Brief) -> str:
    """ "Period covered: 25 May 2019 – 19 January 2024 · 5 sources"."""
    period = period_in_words(brief.period_start, brief.period_end)
    return f"Period covered: {period} · {counted(len(brief.sources), 'source')}"


def in_month_order(day: dt.date, by_month: bool) -> tuple[object, ...]:
    """Where a dated thing goes: by its day; one dated only by its month after the days of
    that month, as most such are a report's news ("Europe quickly retaliated", told after
    "on Wednesday…"). The timeline, its picture and the bottom line all order so."""
    return (day.year, day.month), by_month, day


def office_of(role: str, country: str) -> str:
    """ "Pakistan's foreign minister", "the United States' president": who a person is."""
    if country == "United States":
        return f"U.S. {role.lower()}"
    owner = f"{country}'" if country.endswith("s") else f"{country}'s"
    owner = f"the {owner}" if country.startswith("United ") else owner
    return f"{owner} {role.lower()}"
