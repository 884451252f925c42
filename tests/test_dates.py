from __future__ import annotations

import datetime as dt

import pytest

from brief.ingest.dates import (
    find_text_date,
    find_weekday,
    is_date_stamp,
    parse_date_value,
    resolve_weekday,
)

# ------------------------------------------------------------------ parse_date_value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-14", dt.date(2025, 3, 14)),
        ("2025-03-14 20:30:26Z", dt.date(2025, 3, 14)),
        ("2025-03-14T20:30:26+00:00", dt.date(2025, 3, 14)),
        # The day as written, not converted to UTC.
        ("2025-03-14T23:30:00-05:00", dt.date(2025, 3, 14)),
        ("May 25, 2019", dt.date(2019, 5, 25)),
        ("25 May 2019", dt.date(2019, 5, 25)),
        ("Sun, 05 Jan 2020 10:00:00 GMT", dt.date(2020, 1, 5)),
        ("  2019-05-25  ", dt.date(2019, 5, 25)),
        (dt.date(2019, 5, 25), dt.date(2019, 5, 25)),
        (dt.datetime(2019, 5, 25, 23, 59), dt.date(2019, 5, 25)),
    ],
)
def test_parse_date_value_reads_metadata_forms(value: object, expected: dt.date) -> None:
    assert parse_date_value(value) == expected


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "yesterday",
        "Friday",
        "May 25",  # no year: dateutil would take this year's
        "May 2019",  # no day: dateutil would invent the 1st
        "2019",
        2019,
        20190525,
        None,
        ["2019-05-25"],
        "2019-02-30",
        "03/04/2020",  # March 4 or April 3
        "junk 2019 junk",
        "0001-01-01",
    ],
)
def test_parse_date_value_rejects_what_is_not_one_exact_day(junk: object) -> None:
    assert parse_date_value(junk) is None


def test_parse_date_value_accepts_unambiguous_numeric_dates() -> None:
    assert parse_date_value("25/05/2019") == dt.date(2019, 5, 25)
    assert parse_date_value("05/05/2019") == dt.date(2019, 5, 5)
    assert parse_date_value("2019/05/03") == dt.date(2019, 5, 3)


# -------------------------------------------------------------------- find_text_date


@pytest.mark.parametrize(
    ("text", "expected", "words"),
    [
        (
            "Headline\n\nPublished May 25, 2019\nBody.",
            dt.date(2019, 5, 25),
            "Published May 25, 2019",
        ),
        (" date 2022-03-06 ISLAMABAD: Pakistan said.", dt.date(2022, 3, 6), "date 2022-03-06"),
        ("Dated: 5 January 2020\nText.", dt.date(2020, 1, 5), "Dated: 5 January 2020"),
        ("Date: 2020-01-05\nText.", dt.date(2020, 1, 5), "Date: 2020-01-05"),
        (
            "ISLAMABAD, Jan 5, 2020 (Reuters) - Pakistan said on Sunday.",
            dt.date(2020, 1, 5),
            "ISLAMABAD, Jan 5, 2020 (Reuters) -",
        ),
        ("TEHRAN, January 6, 2020 — Crowds filled the streets.", dt.date(2020, 1, 6), None),
        ("Posted on Sunday, January 5th, 2020\nText.", dt.date(2020, 1, 5), None),
        ("Published Thurs, January 9, 2020\nText.", dt.date(2020, 1, 9), None),
        ("Story id 7. Filed 2020-01-05T10:00:00Z by staff.", dt.date(2020, 1, 5), None),
        ("Last updated: 15 April 2020\nText.", dt.date(2020, 4, 15), None),
    ],
)
def test_find_text_date_reads_explicit_forms(
    text: str, expected: dt.date, words: str | None
) -> None:
    found = find_text_date(text)
    assert found is not None
    assert found[0] == expected
    if words is not None:
        assert found[1] == words


def test_find_text_date_prefers_published_over_updated() -> None:
    text = "Updated Apr 15, 2020\nPublished May 25, 2019\nBody."
    assert find_text_date(text) == (dt.date(2019, 5, 25), "Published May 25, 2019")


def test_find_text_date_uses_updated_when_it_is_all_there_is() -> None:
    assert find_text_date("Updated Apr 15, 2020\nBody.") == (
        dt.date(2020, 4, 15),
        "Updated Apr 15, 2020",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan and Russia agreed on Friday to work for peace, Radio Pakistan reported.",
        "The attack on January 3 killed the commander.",  # no year
        "The treaty signed in May 2019 still stands.",  # no day
        "Published by VOA News",
        "Case 2020-13-45 was heard.",  # not a real date
        "",
    ],
)
def test_find_text_date_returns_none_without_an_explicit_date(text: str) -> None:
    assert find_text_date(text) is None


def test_find_text_date_looks_only_at_the_start() -> None:
    text = "Pakistan said it wanted peace. " * 30 + "Published May 25, 2019"
    assert len(text) > 600
    assert find_text_date(text) is None


def test_find_text_date_skips_a_label_with_an_impossible_date() -> None:
    text = "Published Feb 30, 2020\nISLAMABAD, Jan 5, 2020 (Reuters) - Text."
    assert find_text_date(text) == (dt.date(2020, 1, 5), "ISLAMABAD, Jan 5, 2020 (Reuters) -")


def test_a_date_in_a_sentence_is_not_a_dateline() -> None:
    # Only labelled dates and datelines count; this is an event date inside the story.
    assert find_text_date("Qureshi said on January 5, 2020 that talks would go on.") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published May 25, 2019", True),
        ("Updated Apr 15, 2020", True),
        ("Published on January 5, 2020 at 10:30 AM PKT", True),
        ("Date: 2020-01-05", True),
        ("First Published by VOA News", False),
        ("Dated back to 1990, the treaty was signed.", False),
        ("Published May 25, 2019, the report found that talks failed.", False),
    ],
)
def test_is_date_stamp(line: str, expected: bool) -> None:
    assert is_date_stamp(line) is expected


# ------------------------------------------------------------------- resolve_weekday


@pytest.mark.parametrize(
    ("anchor", "weekday", "expected"),
    [
        (dt.date(2020, 1, 10), "Friday", dt.date(2020, 1, 10)),  # same day allowed
        (dt.date(2020, 1, 10), "Wednesday", dt.date(2020, 1, 8)),
        (dt.date(2020, 1, 10), "Saturday", dt.date(2020, 1, 4)),
        (dt.date(2020, 1, 10), "on Friday", dt.date(2020, 1, 10)),
        (dt.date(2020, 1, 10), "friday", dt.date(2020, 1, 10)),
        (dt.date(2020, 1, 10), "  THURSDAY ", dt.date(2020, 1, 9)),
        (dt.date(2020, 1, 10), "Thu", dt.date(2020, 1, 9)),
        (dt.date(2019, 5, 25), "Friday", dt.date(2019, 5, 24)),
        (dt.date(2019, 5, 25), "Saturday", dt.date(2019, 5, 25)),
        (dt.date(2019, 5, 25), "Sunday", dt.date(2019, 5, 19)),
    ],
)
def test_resolve_weekday(anchor: dt.date, weekday: str, expected: dt.date) -> None:
    assert resolve_weekday(anchor, weekday) == expected


@pytest.mark.parametrize("junk", ["Fryday", "yesterday", "", "on", "May", "Friday Saturday", "t"])
def test_resolve_weekday_rejects_non_weekdays(junk: str) -> None:
    with pytest.raises(ValueError, match="not a day of the week"):
        resolve_weekday(dt.date(2020, 1, 10), junk)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zarif met Friday with leaders from Pakistan.", "Friday"),
        ("In a call on Saturday, Qureshi said.", "Saturday"),
        ("After landing late Thursday, Zarif spoke.", "Thursday"),
        ("Pakistan said it wanted peace.", None),
        ("A fridayish mood.", None),
    ],
)
def test_find_weekday(text: str, expected: str | None) -> None:
    assert find_weekday(text) == expected


# ------------------------------------------------------------------ inferred dates

import json  # noqa: E402
from pathlib import Path  # noqa: E402

from brief.ingest.articles import article_from_text, read_articles  # noqa: E402
from brief.ingest.dates import date_article, infer_article_date  # noqa: E402
from brief.ingest.event_dates import date_events, relative_date  # noqa: E402
from brief.schema import ArticleExtraction, ExtractedEvent  # noqa: E402

_GOLD = json.loads((Path(__file__).parent / "data" / "seeds.gold.json").read_text())["articles"]
_SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _seed_articles() -> dict[str, object]:
    return {Path(a.path).name: date_article(a) for a in read_articles([_SEEDS]).articles}


@pytest.mark.parametrize("name", sorted(_GOLD))
def test_every_seed_is_dated_within_the_gold_month(name: str) -> None:
    article = _seed_articles()[name]
    gold = dt.date.fromisoformat(_GOLD[name]["event_date"])
    assert article.date is not None and article.date_evidence
    assert (article.date.year, article.date.month) == (gold.year, gold.month)


@pytest.mark.parametrize(
    ("name", "basis"),
    [
        ("000_09fb3b9035898a69.txt", "inferred"),
        ("001_f1ff09710e15aa11.txt", "inferred"),
        ("002_c9e9359c00811df7.txt", "inferred"),
        ("003_9e1b368bf305a034.txt", "text"),
        ("004_8a1b7ad677bbdcc3.txt", "text"),
    ],
)
def test_seeds_inferred_dates_are_the_gold_day_and_text_dates_win(name: str, basis: str) -> None:
    article = _seed_articles()[name]
    assert article.date_basis == basis
    if basis == "inferred":  # the gold day is the main event's day, which inference targets
        assert article.date.isoformat() == _GOLD[name]["event_date"]


def test_inference_explains_itself_with_the_anchor_and_the_weekday() -> None:
    found = infer_article_date(
        [
            "Qureshi on Sunday told his counterparts that Pakistan would stay out.",
            "Soleimani was killed in a US drone strike in Baghdad on Friday.",
        ]
    )
    assert found is not None and found.date == dt.date(2020, 1, 5)
    assert "Qasem Soleimani" in found.evidence and "Friday 3 Jan 2020" in found.evidence
    assert "on Sunday" in found.evidence and "2020-01-05" in found.evidence


def test_a_day_after_an_anchor_is_the_next_day() -> None:
    found = infer_article_date(["A day after Pakistan carried out strikes in Iran, talks began."])
    assert found is not None and found.date == dt.date(2024, 1, 19)


def test_an_anchor_alone_gives_its_own_day() -> None:
    found = infer_article_date(["Iran fired missiles at US troops in Iraq."])
    assert found is not None and found.date == dt.date(2020, 1, 8)


def test_an_anchor_told_as_history_of_another_year_is_ignored() -> None:
    assert infer_article_date(["In 2023 people still recalled the Soleimani killing."]) is None


def test_no_anchor_means_no_date() -> None:
    article = article_from_text("Talks were held on Friday. Both sides agreed to meet.", "a.txt")
    assert infer_article_date(article.sentences) is None
    assert date_article(article).date is None


def test_a_written_date_is_never_replaced_by_inference() -> None:
    text = "Published May 25, 2019\n\nSoleimani was killed in a drone strike on Friday."
    article = date_article(article_from_text(text, "a.txt"))
    assert (article.date, article.date_basis) == (dt.date(2019, 5, 25), "text")


def _event(sentences: list[int], when: str | None = None) -> ExtractedEvent:
    return ExtractedEvent(
        sentences=sentences, what="call", when=when, status="happened", category="talks"
    )


def test_event_weekdays_resolve_against_the_article_date() -> None:
    text = "date 2022-03-06 Qureshi and Lavrov spoke on Saturday. A mosque was hit on Friday."
    article = article_from_text(text, "a.txt")
    extraction = ArticleExtraction(
        actors=[],
        positions=[],
        events=[_event([1], when="on Saturday"), _event([2]), _event([1, 2])],
    )
    dated = date_events(extraction, article)
    # The model's "when" first, then the cited sentences when they name one weekday between
    # them; two weekdays decide nothing.
    assert [e.date for e in dated.events] == ["2022-03-05", "2022-03-04", None]


def test_event_weekdays_stay_unresolved_without_an_article_date() -> None:
    article = article_from_text("They spoke on Saturday.", "a.txt")
    extraction = ArticleExtraction(actors=[], positions=[], events=[_event([1], "Saturday")])
    assert date_events(extraction, article).events[0].date is None


@pytest.mark.parametrize(
    ("words", "day"),
    [
        ("Yesterday, the two ministers met.", "2020-01-09"),
        ("The ambassador was summoned two days ago.", "2020-01-08"),
        ("The foreign minister today also discussed the tensions.", "2020-01-10"),
        ("Khan last month undertook his first official visit to Tehran.", "2019-12"),
        ("Talks were held last week in Doha.", "2020-01"),
        ("Earlier this month the envoys met.", "2020-01"),
        ("The envoys met in Doha.", None),
    ],
)
def test_relative_words_date_against_the_article(words: str, day: str | None) -> None:
    assert relative_date(words, dt.date(2020, 1, 10)) == day


def test_an_event_is_dated_by_the_relative_words_of_its_own_sentence_only() -> None:
    text = "date 2019-05-25 Khan last month visited Tehran. Yesterday they met. They spoke."
    article = article_from_text(text, "a.txt")
    extraction = ArticleExtraction(
        actors=[], positions=[], events=[_event([1]), _event([2]), _event([3]), _event([1, 2])]
    )
    dated = date_events(extraction, article)
    # Two cited sentences may each be about another day: they decide nothing.
    assert [e.date for e in dated.events] == ["2019-04", "2019-05-24", None, None]


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("In July 2024, the association gathered 30 influencers.", "2024-07"),
        ("Talks were held on 6 March 2025 in Riyadh.", "2025-03-06"),
        ("Violence began March 6 in the coastal region.", "2025-03-06"),
        ("The envoys agreed at their meeting in March.", "2025-03"),
        ("In January, the army struck the camps.", "2025-01"),
        # a month after the report's, with no year: a plan, or the year before
        ("Malawi was struck by the cyclone in December.", None),
        ("The United States imposed tariffs that take effect in April.", None),
        ("Iran and the United States are to hold talks in January.", None),
        # two times, a time not the act's, a plan, a modal, a name: no date
        ("Sanctions came in 2023 and again in January of this year.", None),
        ("Since August 2022, attacks have risen.", None),
        ("He will meet Trump on March 20.", None),
        ("The vote came ahead of elections in February.", None),
        ("May God help us, he said.", None),
        ("The ministers met in Doha.", None),
        ("Russia, which invaded Ukraine in February 2022, struck Kyiv overnight.", None),
        ("Fighters of the March 3 Movement took the town.", None),
        ("China launched a Long March 5 rocket.", None),
    ],
)
def test_a_month_named_in_the_acts_sentence_dates_it(sentence: str, day: str | None) -> None:
    from brief.ingest.event_dates import named_date

    assert named_date(sentence, dt.date(2025, 3, 14)) == day


def test_this_week_is_the_reports_month_when_the_week_lies_in_it() -> None:
    assert (
        relative_date("This week, rebels attacked ten villages.", dt.date(2024, 7, 5)) == "2024-07"
    )
    # the week of Wednesday 1 May 2024 began in April: which month is not known
    assert relative_date("This week, rebels attacked ten villages.", dt.date(2024, 5, 1)) is None


def test_an_untimed_act_in_the_lead_or_after_a_day_of_the_report_is_its_months_news() -> None:
    text = (
        "date 2025-03-13 Security forces killed six attackers at a hotel. "
        "The talks were held in Doha. "
        "On Wednesday, the president levied tariffs on steel. "
        "Europe quickly retaliated with tariffs of its own. "
        "In 2009, the group attacked a hotel. "
        "The army struck the group's camps. "
        "The army also struck a convoy in the past."
    )
    article = article_from_text(text, "a.txt")
    events = [_event([n]) for n in range(1, 8)]
    extraction = ArticleExtraction.model_construct(actors=[], positions=[], events=events)
    dated = date_events(extraction, article)
    assert [e.date for e in dated.events] == [
        "2025-03",  # the lead
        None,  # untimed, and no sentence before it names a time
        "2025-03-12",  # its own weekday
        "2025-03",  # the scene the sentence before set: the report's week
        None,  # a year only
        None,  # after a sentence set in 2009
        None,  # a time word of its own
    ]


def test_a_lead_in_the_first_days_of_a_month_is_not_given_a_month() -> None:
    article = article_from_text("date 2025-03-02 Security forces killed six attackers.", "a.txt")
    dated = date_events(ArticleExtraction(actors=[], positions=[], events=[_event([1])]), article)
    assert dated.events[0].date is None  # the news may be of the last days of February


def test_planned_and_hedged_acts_are_not_dated_as_the_reports_news() -> None:
    article = article_from_text("date 2025-03-13 The army will strike the camps.", "a.txt")
    planned = ExtractedEvent(sentences=[1], what="strike", status="planned", category="strike")
    dated = date_events(ArticleExtraction(actors=[], positions=[], events=[planned]), article)
    assert dated.events[0].date is None


def test_a_lead_takes_the_day_its_next_sentence_gives_the_same_happening() -> None:
    text = (
        "date 2025-03-12 Security forces killed all six attackers who laid siege to a hotel. "
        "The district commissioner confirmed that the hotel siege ended early Wednesday."
    )
    article = article_from_text(text, "a.txt")
    dated = date_events(ArticleExtraction(actors=[], positions=[], events=[_event([1])]), article)
    assert dated.events[0].date == "2025-03-12"
    # a next sentence about something else gives the lead only the report's month
    other = article_from_text(
        "date 2025-03-12 Security forces killed all six attackers who laid siege to a hotel. "
        "Parliament debated the budget on Wednesday.",
        "b.txt",
    )
    dated = date_events(ArticleExtraction(actors=[], positions=[], events=[_event([1])]), other)
    assert dated.events[0].date == "2025-03"


def test_a_later_month_told_as_more_recent_is_last_years() -> None:
    from brief.ingest.event_dates import named_date

    report = dt.date(2025, 3, 14)
    told = "More recently, in December, U.S. forces carried out a series of airstrikes."
    assert named_date(told, report) == "2024-12"
    # Without a word that puts it behind, a later month may be the next one: not known.
    assert named_date("In December, U.S. forces carried out airstrikes.", report) is None
    assert (
        named_date("More recently, talks were set; they will be held in December.", report) is None
    )
