"""`check_brief` on the kinds of line a brief holds: sentences that join several
happenings, rows with their date after them, quotations cut with "…", the figures where
sources differ. Each kind is checked for what it says, and each can be refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief.ingest import read_articles
from brief.meaning import check_brief
from brief.schema import Article

FIRST = (
    "Tensions\n\n"
    "The United States struck Qasem Soleimani in Baghdad on Friday. "
    "On Wednesday, Iran launched missile attacks on US-led forces in Iraq. "
    "Meanwhile, Qureshi on Friday met with the Iranian ambassador Syed Hosseini. "
    "“The absence of any reference to the Kurds in the declaration is a clear rejection "
    "of Syria’s multicultural reality,” Badrakhan said. "
    "Gunmen stormed a hotel, killing at least five people.\n"
)
SECOND = "Siege\n\nOfficials said 7 people were killed when gunmen stormed the hotel.\n"


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "a.txt").write_text(FIRST, encoding="utf-8")
    (folder / "b.txt").write_text(SECOND, encoding="utf-8")
    return read_articles([folder / "a.txt", folder / "b.txt"]).articles


def verdicts(line: str, articles: list[Article]) -> list[bool]:
    markdown = f"# Brief\n\n## Bottom line\n\n{line}\n"
    return [r.verdict.supported for r in check_brief(markdown, articles)]


def test_a_sentence_joining_happenings_is_checked_part_by_part(articles: list[Article]) -> None:
    told = (
        "On 3 January 2020, the United States struck Qasem Soleimani in Baghdad, and "
        "according to one source, on 8 January 2020, Iran launched missile attacks on "
        "US-led forces in Iraq; then, on 10 January 2020, Qureshi held talks with Syed "
        "Hosseini [1]."
    )
    assert verdicts(told, articles) == [True]
    # One wrong part is enough to refuse the whole: here the doer and target swapped.
    swapped = told.replace(
        "the United States struck Qasem Soleimani", "Qasem Soleimani struck the United States"
    )
    assert verdicts(swapped, articles) == [False]


def test_a_row_is_checked_without_the_date_the_brief_gave_it(articles: list[Article]) -> None:
    row = "- *acts*: Iran launched missile attacks on US-led forces in Iraq, 2020-01-08 [1]"
    assert verdicts(row, articles) == [True]
    assert verdicts(row.replace("Iran launched", "Iraq launched"), articles) == [False]


def test_a_quotation_cut_with_an_ellipsis_must_be_its_sources_words(
    articles: list[Article],
) -> None:
    quoted = "- *opposes*: “…reference to the Kurds … is a clear rejection of Syria’s…” [1]"
    assert verdicts(quoted, articles) == [True]
    assert verdicts(quoted.replace("clear rejection", "firm rejection"), articles) == [False]
    # The pieces in the article's order, not any order.
    swapped = "- *opposes*: “…is a clear rejection … reference to the Kurds…” [1]"
    assert verdicts(swapped, articles) == [False]


def test_each_figure_where_sources_differ_is_given_by_its_source(
    articles: list[Article],
) -> None:
    line = "- Killed in “gunmen stormed a hotel”: 5 [1]; 7 [2]"
    assert verdicts(line, articles) == [True]  # "five" in words is 5
    assert verdicts(line.replace("7 [2]", "9 [2]"), articles) == [False]
    assert verdicts(line.replace("5 [1]; 7 [2]", "5 [2]; 7 [1]"), articles) == [False]
    # a figure given as a floor is read as the same figure
    assert verdicts(line.replace("5 [1]", "at least 5 [1]"), articles) == [True]
    assert verdicts(line.replace("5 [1]", "at least 4 [1]"), articles) == [False]


def test_a_sentence_about_the_brief_itself_is_not_a_claim(articles: list[Article]) -> None:
    line = "This brief draws on 2 sources dated between 11 March and 12 March 2025 [1][2]."
    assert verdicts(line, articles) == []


def test_talks_may_be_told_as_a_meeting_but_not_made_up(tmp_path: Path) -> None:
    from brief.meaning import check_claim

    met = ["Qureshi on Friday met with the Iranian ambassador Syed Hosseini."]
    assert check_claim("Qureshi held talks with Syed Hosseini", met, grounded=True).supported
    struck = ["Qureshi on Friday struck the Iranian ambassador Syed Hosseini."]
    assert not check_claim("Qureshi held talks with Syed Hosseini", struck, grounded=True).supported


def test_an_announced_thing_is_an_act_a_saying_with_nothing_said_is_not() -> None:
    from brief.meaning import check_claim

    said = ["Donald Trump announced more punishing economic sanctions against Tehran."]
    assert check_claim("Donald Trump announced sanctions", said, grounded=True).supported
    tense = ["Tensions have been escalating since Trump announced oil measures."]
    assert not check_claim("Trump warns escalating tensions", tense, grounded=True).supported


def test_a_doer_known_by_its_claim_needs_the_claim_in_its_sources(tmp_path: Path) -> None:
    def row_supported(text: str) -> list[bool]:
        (tmp_path / "c.txt").write_text(f"Siege\n\n{text}\n", encoding="utf-8")
        [article] = read_articles([tmp_path / "c.txt"]).articles
        row = "- *acts*: Al-Shabab stormed a hotel (claimed), 2025-03-11 [1]"
        return verdicts(row, [article])

    stormed = "Gunmen stormed a hotel on Tuesday, according to witnesses."
    assert row_supported(f"{stormed} Al-Shabab claimed responsibility for the attack.") == [True]
    assert row_supported(f"{stormed} Al-Shabab has fought the government for years.") == [False]


def test_a_named_doer_for_an_act_whose_doer_is_unnamed_is_refused() -> None:
    from brief.meaning import check_claim

    attacked = "Gunmen attacked an army base in India on Sunday."
    for then in ("Pakistan denied any role in the attack.", "India blamed Pakistan for it."):
        verdict = check_claim("Pakistan attacked India", [attacked, then], grounded=True)
        assert not verdict.supported
        assert "gunman" in verdict.why
    claimed = "Lashkar-e-Taiba claimed responsibility for the attack."
    assert check_claim("Lashkar-e-Taiba attacked a base", [attacked, claimed]).supported
    # The one it befell is no doer: "was killed" and "died" name no one who killed.
    died = ["Arnel Joseph was killed when police returned fire."]
    assert check_claim("Arnel Joseph died when police returned fire", died).supported


def test_what_witnesses_saw_may_be_stated_what_analysts_think_may_not() -> None:
    from brief.meaning import check_claim

    seen = ["Gunmen stormed a hotel in Beledweyne on Tuesday, according to witnesses."]
    assert check_claim("Gunmen stormed a hotel in Beledweyne", seen, grounded=True).supported
    thought = ["Iran wants a deal before the election, say analysts."]
    assert not check_claim("Iran wants a deal before the election", thought).supported
    # Witnesses with others beside them are still witnesses; a lawmaker alone is not.
    both = ["Gunmen stormed a hotel in Beledweyne, according to witnesses and a Somali lawmaker."]
    assert check_claim("Gunmen stormed a hotel in Beledweyne", both, grounded=True).supported
    alone = ["Gunmen stormed a hotel in Beledweyne, according to a Somali lawmaker."]
    assert not check_claim("Gunmen stormed a hotel in Beledweyne", alone, grounded=True).supported


def test_a_claimed_attack_told_as_seen_then_claimed_and_a_range_of_the_dead(
    tmp_path: Path,
) -> None:
    (tmp_path / "c.txt").write_text(
        "Siege\n\nGunmen stormed a hotel in Beledweyne on Tuesday, leaving at least five "
        "people dead. Elders met in the city that week. Officials spoke of the hotel. "
        "Police closed roads to the hotel. A hotel in the city of Beledweyne was shut. "
        "Residents fled the hotel district. Local media say the toll may be up to 10. "
        "The group al-Shabab claimed responsibility for the attack.\n",
        encoding="utf-8",
    )
    articles = read_articles([tmp_path / "c.txt"]).articles
    told = "gunmen stormed a hotel in Beledweyne; al-Shabab claimed responsibility"
    assert verdicts(f"On 11 March 2025, {told} [1].", articles) == [True]
    # The claim is found however many sentences about the hotel come before it.
    row = "- *acts*: Al-Shabab stormed a hotel in Beledweyne (claimed), 2025-03-11 [1]"
    assert verdicts(row, articles) == [True]
    ranged = f"On 11 March 2025, {told}; the sources differ on the dead, from 5 to 10 [1]."
    assert verdicts(ranged, articles) == [True]
    assert verdicts(ranged.replace("to 10", "to 12"), articles) == [False]
    # a floor at the low end is read as its figure
    assert verdicts(ranged.replace("from 5", "from at least 5"), articles) == [True]
    assert verdicts(ranged.replace("from 5", "from at least 4"), articles) == [False]


def test_a_place_named_as_a_city_of_a_state_is_a_place_of_that_state() -> None:
    from brief.meaning import check_claim

    told = [
        "Gunmen stormed a hotel in the Somali city of Beledweyne.",
        "Security forces in Somalia killed the attackers.",
    ]
    assert check_claim("Gunmen stormed a hotel in Beledweyne", told).supported
    assert check_claim("Gunmen stormed a hotel in Somalia", told).supported
    assert not check_claim("Gunmen stormed a hotel in Mogadishu", told).supported


def test_a_place_named_before_its_kind_or_beside_it_is_a_place() -> None:
    from brief.meaning import check_claim

    shan = [
        "At least eight demonstrators were killed in the town of Aungban in eastern Shan state."
    ]
    assert check_claim("At least eight demonstrators were killed in Shan", shan).supported
    assert not check_claim("At least eight demonstrators were killed in Yangon", shan).supported
    capital = ["The fighting began in the capital, Khartoum, and spread to the Darfur region."]
    assert check_claim("The fighting began in Khartoum", capital).supported


def test_a_states_own_body_speaks_for_it_and_said_it_is_the_teller(tmp_path: Path) -> None:
    (tmp_path / "n.txt").write_text(
        "Strikes\n\nSomalia's National Intelligence and Security Agency, or NISA, spoke on "
        "Wednesday. “Airstrikes by the Somali army in the Middle Shabelle region have killed "
        "at least 50 al-Shabab militants,” the NISA statement said.\n",
        encoding="utf-8",
    )
    articles = read_articles([tmp_path / "n.txt"]).articles
    told = "Somalia said it killed at least 50 al-Shabab militants in Middle Shabelle [1]."
    assert verdicts(told, articles) == [True]
    # Stated as fact, it is still only what the agency said.
    fact = "Somalia killed at least 50 al-Shabab militants in Middle Shabelle [1]."
    assert verdicts(fact, articles) == [False]
