"""Dates of the events an article tells, read against the article's own date.

An event the model or the parse left undated gets a day from the words around it: the
weekday it names ("on Saturday" in a report of Sunday 6 March 2022 is 5 March), or a
relative word ("yesterday", "two days ago", "last month"). Only words in the event's own
sentence count: a day named elsewhere may be another act's.
"""

from __future__ import annotations

import datetime as dt
import re

from brief.ingest.dates import find_weekday, resolve_weekday
from brief.schema import Article, ArticleExtraction, ExtractedEvent

__all__ = ["date_events", "relative_date"]

_WEEK = 7
_WEEKDAY_WORD = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def date_events(extraction: ArticleExtraction, article: Article) -> ArticleExtraction:
    """Events without an ISO date get one from the weekday they name, against the article's
    date ("on Saturday" in a report of Sunday 6 March 2022 is 5 March)."""
    if article.date is None:
        return extraction
    events = [_date_event(event, article) for event in extraction.events]
    events = [_after_another(event, events) for event in events]
    # Already validated; model_construct keeps joined parts past the per-answer list limits.
    return ArticleExtraction.model_construct(
        actors=extraction.actors, positions=extraction.positions, events=events
    )


def _date_event(event: ExtractedEvent, article: Article) -> ExtractedEvent:
    if event.date is not None or article.date is None:
        return event
    day = _day_from_when(event.when, article.date) if event.when else None
    day = day or _day_from_sentences(event, article, article.date)
    return event if day is None else event.model_copy(update={"date": day})


def _after_another(event: ExtractedEvent, events: list[ExtractedEvent]) -> ExtractedEvent:
    """ "A day after Pakistan carried out strikes in Iran, Jilani has spoken to …": an act
    its sentence dates by another ("a day after" that one), which the article dates."""
    if event.date is not None:
        return event
    found: set[str] = set()
    for number in event.sentences:
        if event.days_before.get(number, 0) != 0:
            continue  # itself told in an "after" clause: dated by the other way round
        for other in events:
            gap = other.days_before.get(number)
            if (
                other is event
                or not gap
                or other.date is None
                or len(other.date) != len("YYYY-MM-DD")
            ):
                continue
            found.add((dt.date.fromisoformat(other.date) + dt.timedelta(days=gap)).isoformat())
    return event.model_copy(update={"date": found.pop()}) if len(found) == 1 else event


def _day_from_when(when: str, anchor: dt.date) -> str | None:
    # The model's own "when" first: it names this event's time and no other's.
    weekday = find_weekday(when)
    if weekday is not None:
        return resolve_weekday(anchor, weekday).isoformat()
    return relative_date(when, anchor)


def _day_from_sentences(event: ExtractedEvent, article: Article, anchor: dt.date) -> str | None:
    """The day the event's sentences give it, when they agree. A sentence gives the day its
    words name (one weekday, else "yesterday", "two days ago"…), moved back by the days the
    act came before it ("two days after Tehran struck…"); a sentence whose day is another
    act's, by a span not said, gives none."""
    found: set[str] = set()
    for number in event.sentences:
        if not 1 <= number <= len(article.sentences):
            continue
        before = event.days_before.get(number, 0)
        if before is None:
            continue
        sentence = article.sentence(number)
        weekdays = set(_WEEKDAY_WORD.findall(sentence))
        if len(weekdays) == 1:
            day: str | None = resolve_weekday(anchor, weekdays.pop()).isoformat()
        elif weekdays:
            continue  # two days named: which is this act's is not known
        else:
            day = relative_date(sentence, anchor)
        if day is not None and before and len(day) == len("YYYY-MM-DD"):
            day = (dt.date.fromisoformat(day) - dt.timedelta(days=before)).isoformat()
        if day is not None:
            found.add(day)
    return found.pop() if len(found) == 1 else None


_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_DAYS_AGO = re.compile(r"\b(a|an|one|two|three|four|five|six|\d)\s+days?\s+ago\b", re.I)
_YESTERDAY = re.compile(r"\byesterday\b", re.I)
_TODAY = re.compile(r"\b(?:today|this morning|this afternoon|tonight)\b", re.I)
_LAST_WEEK = re.compile(r"\blast week\b", re.I)
_LAST_MONTH = re.compile(r"\blast month\b", re.I)
_THIS_MONTH = re.compile(r"\b(?:earlier|later) this month\b", re.I)


def relative_date(text: str, anchor: dt.date) -> str | None:
    """The day ("YYYY-MM-DD") or month ("YYYY-MM") that words such as "yesterday",
    "two days ago" or "last month" name, counted from the article's date `anchor`.
    "Last week" can only be placed within its month: the day is not said."""
    if _YESTERDAY.search(text):
        return (anchor - dt.timedelta(days=1)).isoformat()
    ago = _DAYS_AGO.search(text)
    if ago:
        count = ago.group(1).lower()
        days = int(count) if count.isdigit() else _COUNT_WORDS[count]
        return (anchor - dt.timedelta(days=days)).isoformat()
    if _TODAY.search(text):
        return anchor.isoformat()
    if _LAST_WEEK.search(text):
        return (anchor - dt.timedelta(days=_WEEK)).strftime("%Y-%m")
    if _LAST_MONTH.search(text):
        return (anchor.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    if _THIS_MONTH.search(text):
        return anchor.strftime("%Y-%m")
    return None
