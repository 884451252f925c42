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

__all__ = ["date_events", "named_date", "relative_date"]

_WEEK = 7
_WEEKDAY_WORD = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def date_events(extraction: ArticleExtraction, article: Article) -> ArticleExtraction:
    """Events without an ISO date get one from the weekday they name, against the article's
    date ("on Saturday" in a report of Sunday 6 March 2022 is 5 March)."""
    if article.date is None:
        return extraction
    events = [_date_event(event, article) for event in extraction.events]
    events = [_after_another(event, events) for event in events]
    events = [_in_the_news(event, article, article.date) for event in events]
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


def _in_the_news(event: ExtractedEvent, article: Article, anchor: dt.date) -> ExtractedEvent:
    """An act told with no time of its own, in the article's lead or right after a sentence
    set in the days of the report ("On Wednesday, Trump levied tariffs." then "Europe quickly
    retaliated…"), is the report's news: dated by its month only, since the day is not
    said, unless the lead's next sentence gives it (`_lead_day`). Any time word of its own
    it keeps undated: "Hamas attacked Israel" told as background names none."""
    if event.date is not None or event.status != "happened" or event.certainty != "done":
        return event
    first = min(event.sentences)
    if not 1 <= first <= len(article.sentences) or _TIMED.search(article.sentence(first)):
        return event
    if first == 1:
        told = _lead_day(article, anchor)
        if told is not None:
            return event.model_copy(update={"date": told.isoformat()})
        day: dt.date | None = anchor - dt.timedelta(days=_LEAD_DAYS)
    else:
        day = _news_day(article.sentences[max(0, first - 1 - _CONTEXT) : first - 1], anchor)
    if day is None or day.strftime("%Y-%m") != anchor.strftime("%Y-%m"):
        return event  # the report's days may lie in the month before: not known which
    return event.model_copy(update={"date": day.strftime("%Y-%m")})


def _lead_day(article: Article, anchor: dt.date) -> dt.date | None:
    """The day the second sentence gives a lead that names none, when it goes on with the
    lead's own happening ("…killed all six attackers who laid siege to a hotel…" then
    "…confirmed that the hotel siege ended early Wednesday"): one weekday, no other time,
    and a word of the lead's told again."""
    if len(article.sentences) < 2:
        return None
    lead, second = article.sentences[0], article.sentences[1]
    weekdays = set(_WEEKDAY_WORD.findall(second))
    if len(weekdays) != 1 or _OTHER_TIME.search(second):
        return None
    if not _content_words(lead) & _content_words(second):
        return None
    return resolve_weekday(anchor, weekdays.pop())


_PLAIN = frozenset({
    "about", "after", "their", "there", "these", "those", "which", "while", "other",
    "would", "could", "where", "people", "officials", "said", "says", "according",
})  # fmt: skip


def _content_words(sentence: str) -> set[str]:
    """Lower-case words of five letters or more, names and plain words left out."""
    return {w for w in re.findall(r"\b[a-z][a-z-]{4,}\b", sentence) if w not in _PLAIN}


def _news_day(before: tuple[str, ...], anchor: dt.date) -> dt.date | None:
    """The day the nearest sentence before an act that names a time sets it in, when that
    time is in the report's own week; None when it names any other time."""
    for sentence in reversed(before):
        if _OTHER_TIME.search(sentence):
            return None
        days = [resolve_weekday(anchor, weekday) for weekday in _WEEKDAY_WORD.findall(sentence)]
        if _THIS_WEEK.search(sentence):
            days.append(anchor - dt.timedelta(days=anchor.weekday()))
        if days:
            return min(days)
    return None


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
            day = relative_date(sentence, anchor) or named_date(sentence, anchor)
        if day is not None and before and len(day) == len("YYYY-MM-DD"):
            day = (dt.date.fromisoformat(day) - dt.timedelta(days=before)).isoformat()
        if day is not None:
            found.add(day)
    return found.pop() if len(found) == 1 else None


# A lead's news happened within days of the report; two sentences before an act set its
# scene. Any time word in the act's own sentence, or another time in its scene, and the
# rule stays out.
_LEAD_DAYS = 3
_CONTEXT = 2
_MONTHS = (  # by case: "may" is no month
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_OTHER_TIME = re.compile(
    rf"\b(?:1[89]\d\d|20\d\d|{_MONTHS}|(?i:last|ago|since|earlier|previous(?:ly)?|"
    r"formerly|recent(?:ly)?|past|decades?|years?|months?|yesterday|tomorrow|next|"
    r"(?<!this )weeks?))\b"
)
_TIMED = re.compile(
    rf"{_OTHER_TIME.pattern}|{_WEEKDAY_WORD.pattern}"
    r"|\b(?i:today|tonight|this (?:week|morning|afternoon|evening)|hours?|days?|after|before"
    r"|when|until|during|already|still|then)\b"
)
_THIS_WEEK = re.compile(r"\b(?:this week|hours (?:after|before|earlier|later))\b", re.I)
# "in July 2024", "on March 6", "6 March 2025", "earlier in December": a month named in
# a phrase of time; "since", "until", "by" make it another time than the act's.
_NAMED = re.compile(
    r"(?P<lead>\b(?i:(?:(?:early|late|mid|earlier|later)\s+)?(?:in|on|of|during))\s+)?"
    rf"(?:(?P<before>\d{{1,2}})\s+)?(?P<month>{_MONTHS})\b"
    r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
_RECENTLY = re.compile(r"\b(?i:(?:more |most )?recently)\b")
_AHEAD = re.compile(
    r"\b(?i:will|would|shall|plans?|planned|expected|scheduled|set to|due|to hold|ahead of"
    r"|takes? effect|upcoming|coming)\b"
)
_NOT_THE_ACTS = re.compile(
    r"\b(?i:since|until|till|by|before|after|from|through|ahead of)\s+(?:the\s+)?$"
)
# A date that names a thing ("the March 23 Movement", "the October 7 attack", "Long March
# 5"), or a date in an aside about someone ("Russia, which invaded Ukraine in February
# 2022, struck…"): not when this act was done.
_NAMED_THING = re.compile(
    r"\s*(?:[A-Z]|(?i:attacks?|massacre|bombings?|war|uprising|revolution|movement"
    r"|offensive|accords?|agreement|deal|elections?|protests?)\b)"
)
_IN_AN_ASIDE = re.compile(r",\s*(?:which|who|whose|where)\b[^,]*$|\bLong\s+$", re.I)


def named_date(sentence: str, anchor: dt.date) -> str | None:
    """The day or month a sentence names for its act, when it names one time only: "In
    July 2024, …" is 2024-07; "on March 6" in a report of 14 March 2025 is 2025-03-06.
    Without a year, only a time of the report's own year before it (a later one may be a
    plan, or the year before: not known); "since August 2022" is not when."""
    found = list(_NAMED.finditer(sentence))
    if len(found) != 1:
        return None
    match = found[0]
    rest = sentence[: match.start()] + " " + sentence[match.end() :]
    rest = _RECENTLY.sub(" ", rest)  # "More recently, in December, …": December is when
    if _OTHER_TIME.search(rest) or _NOT_THE_ACTS.search(sentence[: match.start()]):
        return None
    if _NAMED_THING.match(sentence[match.end() :]) or _IN_AN_ASIDE.search(
        sentence[: match.start()]
    ):
        return None  # "the March 23 Movement", "Russia, which invaded Ukraine in February…"
    day_text, year_text = match["day"] or match["before"], match["year"]
    if match["month"] == "May" and not (match["lead"] or day_text or year_text):
        return None  # "May" is a month only in a phrase of time
    month = _MONTHS.split("|").index(match["month"]) + 1
    year = int(year_text) if year_text else anchor.year
    later = (month, int(day_text or 1)) > (anchor.month, anchor.day)
    if not year_text and later and _RECENTLY.search(sentence) and not _AHEAD.search(sentence):
        year -= 1  # "More recently, in December, U.S. forces carried out…" told in March
    elif not year_text and (_AHEAD.search(sentence) or later):
        # "will meet on March 20", "is due in July", "take effect in April": a plan; and
        # "in December" told in March may be the last December or the next: not known.
        return None
    try:
        day = dt.date(year, month, int(day_text or 1))
    except ValueError:
        return None
    if day > anchor:
        return None
    return day.isoformat() if day_text else day.strftime("%Y-%m")


_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_DAYS_AGO = re.compile(r"\b(a|an|one|two|three|four|five|six|\d)\s+days?\s+ago\b", re.I)
_YESTERDAY = re.compile(r"\byesterday\b", re.I)
_TODAY = re.compile(r"\b(?:today|this morning|this afternoon|tonight)\b", re.I)
_LAST_WEEK = re.compile(r"\blast week\b", re.I)
_LAST_MONTH = re.compile(r"\blast month\b", re.I)
_THIS_MONTH = re.compile(r"\b(?:earlier|later) this month\b", re.I)
_THIS_WEEK_ONLY = re.compile(r"\bthis week\b", re.I)


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
    monday = anchor - dt.timedelta(days=anchor.weekday())
    if _THIS_WEEK_ONLY.search(text) and monday.month == anchor.month:
        return anchor.strftime("%Y-%m")  # the week lies in the report's month
    return None
