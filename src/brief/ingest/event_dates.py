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
    # Already validated; model_construct keeps joined parts past the per-answer list limits.
    return ArticleExtraction.model_construct(
        actors=extraction.actors, positions=extraction.positions, events=events
    )


def _date_event(event: ExtractedEvent, article: Article) -> ExtractedEvent:
    if event.date is not None or article.date is None:
        return event
    weekday = _event_weekday(event, article)
    if weekday is not None:
        day = resolve_weekday(article.date, weekday)
        return event.model_copy(update={"date": day.isoformat()})
    relative = _event_relative_date(event, article, article.date)
    return event if relative is None else event.model_copy(update={"date": relative})


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


def _event_relative_date(event: ExtractedEvent, article: Article, anchor: dt.date) -> str | None:
    # As with weekdays: the model's "when" first, else the one sentence the event cites
    # (several sentences may each be about another day).
    if event.when:
        found = relative_date(event.when, anchor)
        if found:
            return found
    cited = [n for n in event.sentences if 1 <= n <= len(article.sentences)]
    if len(set(cited)) != 1:
        return None
    return relative_date(article.sentence(cited[0]), anchor)


def _event_weekday(event: ExtractedEvent, article: Article) -> str | None:
    # The model's own "when" first; else its sentence, when it cites one that names one
    # weekday. Several cited sentences often span several days, so they decide nothing.
    if event.when:
        named = find_weekday(event.when)
        if named:
            return named
    # An event told in several sentences (the same act reported twice) is dated when they
    # name one weekday between them; two weekdays decide nothing.
    days: set[str] = set()
    for number in event.sentences:
        if 1 <= number <= len(article.sentences):
            days.update(_WEEKDAY_WORD.findall(article.sentence(number)))
    return str(days.pop()) if len(days) == 1 else None
