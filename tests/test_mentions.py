"""Finding the actors each sentence names, by rule (the names the by-sentence method offers)."""

from __future__ import annotations

from brief.ingest.articles import article_from_text, read_articles
from brief.language.mentions import find_mentions
from conftest import SEEDS


def names(text: str) -> list[list[str]]:
    mentions = find_mentions(article_from_text(text, "t.txt"))
    return [[m.name for m in sentence] for sentence in mentions.by_sentence]


def test_titles_come_off_and_a_surname_is_the_full_name_given_earlier() -> None:
    found = names(
        "Iranian Foreign Minister Mohammad Javad Zarif met Friday with Pakistani leaders. "
        "Zarif told reporters the talks went well."
    )
    assert found == [["Iran", "Mohammad Javad Zarif", "Pakistan"], ["Mohammad Javad Zarif"]]


def test_states_by_capital_abbreviation_and_adjective() -> None:
    found = names("Tensions between Tehran and Washington grew after U.S. and Iraqi moves.")
    assert found == [["Iran", "United States", "Iraq"]]


def test_organisation_words_places_and_sentence_starters() -> None:
    found = names(
        "Foreign Ministry spokesman Mohammad Faisal spoke in the Persian Gulf. "
        "The Middle East is tense. After Monday, Hamas said nothing."
    )
    assert found == [["Foreign Ministry", "Mohammad Faisal"], [], ["Hamas"]]


def test_a_surname_two_people_share_is_not_guessed() -> None:
    found = names("Imran Khan met Ismail Khan. Khan said little.")
    assert found == [["Imran Khan", "Ismail Khan"], []]


def test_a_lone_capitalised_word_no_full_name_explains_is_not_a_person() -> None:
    assert names("Baluchistan is restive. Border security was discussed.") == [[], []]


def test_seed_004_offers_every_gold_actor() -> None:
    [article] = read_articles([SEEDS / "004_8a1b7ad677bbdcc3.txt"]).articles
    mentions = find_mentions(article)
    everyone = mentions.names(1, len(article.sentences))
    for gold in (
        "Iran",
        "Pakistan",
        "United States",
        "Mohammad Javad Zarif",
        "Shah Mehmood Qureshi",
        "Imran Khan",
        "Qamar Javed Bajwa",
        "Donald Trump",
        "Mohammad Faisal",
        "Hassan Rohani",
    ):
        assert gold in everyone
    assert [m.name for m in mentions.sentence(7)] == ["Qamar Javed Bajwa", "Mohammad Javad Zarif"]


def test_a_first_name_alone_is_the_one_full_name_it_starts() -> None:
    found = names("Imran Khan spoke. Prime Minister Imran said more. The UN Charter applies.")
    assert found == [["Imran Khan"], ["Imran Khan"], []]


def test_a_given_name_that_is_also_a_faith_adjective_still_names_a_person() -> None:
    found = names(
        "German Finance Minister Christian Lindner said the war would do harm. "
        "Sunni Muslim groups protested. The Muslim Brotherhood did not comment."
    )
    assert found == [["Germany", "Christian Lindner"], [], []]


def test_a_body_the_article_names_by_its_letters_is_one_actor_owned_by_its_state() -> None:
    text = (
        "Hours later, Somalia's National Intelligence and Security Agency, or NISA, said "
        "forces killed dozens. NISA said the strikes hit two areas. "
        "The National Security Council (NSC) met. The Reuters News Agency (RNA) said so."
    )
    mentions = find_mentions(article_from_text(text, "t.txt"))
    agency = "National Intelligence and Security Agency"
    assert [m.name for m in mentions.sentence(1)] == ["Somalia", agency]
    assert [m.name for m in mentions.sentence(2)] == [agency]
    assert "National Security Council" in [m.name for m in mentions.sentence(3)]
    # Only what the article says is a state's own: the council's state is not given.
    assert mentions.owners == {agency: "Somalia"}


def test_an_intelligence_agency_is_no_news_outlet() -> None:
    from brief.language import names_an_outlet

    assert names_an_outlet("Anadolu Agency") and names_an_outlet("Islamic Republic News Agency")
    assert not names_an_outlet("National Intelligence and Security Agency")


def test_a_surname_is_read_with_or_without_its_arabic_article() -> None:
    found = names(
        "Former President Bashar al-Assad fled to Moscow. "
        "Assad had ruled since 2000. Al-Assad left in December."
    )
    assert found == [["Bashar al-Assad", "Russia"], ["Bashar al-Assad"], ["Bashar al-Assad"]]
