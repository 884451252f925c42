from __future__ import annotations

import datetime as dt

import pytest

from brief.assemble.periods import check_periods_have_articles, parse_period, parse_periods
from brief.errors import UserError

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2020", D(2020, 1, 1), D(2020, 12, 31)),
        ("2024-01", D(2024, 1, 1), D(2024, 1, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2024-01-19", D(2024, 1, 19), D(2024, 1, 19)),
        ("2019..2020", D(2019, 1, 1), D(2020, 12, 31)),
        ("2024-01-01..2024-02-15", D(2024, 1, 1), D(2024, 2, 15)),
        ("2023-12..2024-01-10", D(2023, 12, 1), D(2024, 1, 10)),
        (" 2020 ", D(2020, 1, 1), D(2020, 12, 31)),
    ],
)
def test_each_form_is_an_inclusive_range(text: str, start: dt.date, end: dt.date) -> None:
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "20",
        "2020-1",
        "2020-13",
        "2024-02-30",
        "last year",
        "2020...2021",
        "2020..",
        "..2020",
        "2020/01",
        "2020-01-01T00:00",
    ],
)
def test_malformed_periods_show_the_accepted_forms(text: str) -> None:
    with pytest.raises(UserError) as error:
        parse_period(text)
    assert "2024-01-19" in str(error.value) and "2019..2020" in str(error.value)


def test_a_range_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(UserError, match="ends before it starts"):
        parse_period("2021..2019")


def test_periods_in_reverse_order_get_a_hint() -> None:
    with pytest.raises(UserError, match="reverse order") as error:
        parse_periods(["2024", "2020"])
    assert "earliest first" in str(error.value)


@pytest.mark.parametrize(
    "pair", [["2019..2020", "2020-06"], ["2024-01", "2024-01-19"], ["2020", "2020"]]
)
def test_overlapping_periods_are_refused(pair: list[str]) -> None:
    with pytest.raises(UserError, match="overlap"):
        parse_periods(pair)


def test_one_period_is_not_a_comparison() -> None:
    with pytest.raises(UserError, match="at least two"):
        parse_periods(["2020"])


def test_three_periods_in_order_are_accepted() -> None:
    labels = [p.label for p in parse_periods(["2019", "2020-01..2020-06", "2024"])]
    assert labels == ["2019", "2020-01..2020-06", "2024"]


def test_an_empty_period_lists_the_dates_the_corpus_has() -> None:
    periods = parse_periods(["2020", "2021"])
    with pytest.raises(UserError, match="no articles in period '2021'") as error:
        check_periods_have_articles(periods, [D(2020, 1, 5), D(2024, 1, 19), None])
    assert "2020-01-05, 2024-01-19" in str(error.value) and "1 undated" in str(error.value)
    check_periods_have_articles(parse_periods(["2020", "2024"]), [D(2020, 1, 5), D(2024, 1, 19)])
