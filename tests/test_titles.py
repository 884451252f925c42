"""Titles read from the words next to a name, by rule: a person gets the office and state
their own article gives them, and a brief's check takes that description as the article's."""

from __future__ import annotations

from pathlib import Path

from brief.ingest import read_articles
from brief.ingest.articles import article_from_text
from brief.language.mentions import find_mentions
from brief.language.titles import Title, person_titles
from brief.meaning import check_brief


def titles(text: str) -> dict[str, Title]:
    article = article_from_text(text, "t.txt")
    return person_titles(article.sentences, find_mentions(article))


def test_a_title_before_the_name_in_capitals_or_lower_case_and_in_an_aside_after_it() -> None:
    found = titles(
        "Pakistani Foreign Minister Shah Mehmood Qureshi spoke on Friday. "
        "He met Iran's foreign minister Hossein Amirabdollahian in Tehran. "
        "Jalil Abbas Jilani, Pakistan's caretaker foreign minister, said little."
    )
    assert found["Shah Mehmood Qureshi"] == Title("Foreign Minister", "Pakistan")
    assert found["Hossein Amirabdollahian"] == Title("Foreign Minister", "Iran")
    assert found["Jalil Abbas Jilani"] == Title("Caretaker Foreign Minister", "Pakistan")


def test_a_qualifier_or_a_state_before_a_capitalised_title_joins_it_another_office_does_not() -> (
    None
):
    found = titles(
        "Syria's interim President Ahmed al-Sharaa signed the declaration on Thursday. "
        "Iran's Foreign Minister Abbas Araghchi spoke to reporters about the talks. "
        "Pakistan's army chief General Asim Munir visited the border with his officers."
    )
    assert found["Ahmed al-Sharaa"] == Title("Interim President", "Syria")
    assert found["Abbas Araghchi"] == Title("Foreign Minister", "Iran")
    assert found["Asim Munir"] == Title("General", None)


def test_an_envoy_is_described_by_whose_envoy_and_where_posted() -> None:
    found = titles(
        "Qureshi on Friday met with the newly appointed Iranian ambassador to Pakistan Syed "
        "Mohammad Ali Hosseini during which they discussed tensions in the region."
    )
    assert found["Syed Mohammad Ali Hosseini"] == Title("Ambassador to Pakistan", "Iran")


def test_a_counterpart_holds_the_same_office_for_the_state_named() -> None:
    found = titles(
        "Pakistani foreign minister Jalil Abbas Jilani has spoken to his Iranian counterpart "
        "Hossein Amirabdollahian and wants to normalize ties."
    )
    assert found["Hossein Amirabdollahian"] == Title("Foreign Minister", "Iran")
    # with no office named before it, or no state, a counterpart says no office
    assert titles("Qureshi spoke to his Iranian counterpart Javad Zarif.") == {}
    assert "Javad Zarif" not in titles(
        "Foreign Minister Shah Mahmood Qureshi spoke to his counterpart Javad Zarif."
    )


def test_words_that_are_no_office_give_no_title() -> None:
    found = titles(
        "His counterpart Sergey Lavrov called. The leader of the Islamist Hayat Tahrir "
        "al-Sham spoke. Baidu chief Robin Li smiled. Imran Khan, the opposition leader, "
        "left."
    )
    assert found == {}


def test_a_person_described_as_their_article_describes_them_passes_the_check(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_text(
        "Talks\n\nOn Monday, Pakistani Foreign Minister Shah Mehmood Qureshi landed in Moscow. "
        "On Friday, Qureshi held talks with Sergey Lavrov.\n",
        encoding="utf-8",
    )
    articles = read_articles([tmp_path / "a.txt"]).articles

    def supported(line: str) -> bool:
        brief = f"# Brief\n\n## Bottom line\n\n{line}\n"
        return all(r.verdict.supported for r in check_brief(brief, articles))

    assert supported(
        "Pakistan's foreign minister Shah Mehmood Qureshi held talks with Sergey Lavrov [1]."
    )
    assert not supported(
        "Iran's foreign minister Shah Mehmood Qureshi held talks with Sergey Lavrov [1]."
    )
    # A quotation is the article's own words, title and all.
    assert supported("- *says*: “On Monday, Pakistani Foreign Minister Shah Mehmood Qureshi…” [1]")
    assert not supported(
        "Pakistan's prime minister Shah Mehmood Qureshi held talks with Sergey Lavrov [1]."
    )
