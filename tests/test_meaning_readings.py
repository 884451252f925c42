"""Readings the meaning check makes of who speaks, who holds an office, and what a figure
counts, each shown by a claim that must pass and one that must not. Real English pipeline."""

from __future__ import annotations

import pytest

from brief.meaning import check_claim
from brief.meaning.described import named

SOMALI = "Somali President Mohamed Abdullahi Mohamed has signed a controversial measure."


def test_a_described_office_is_read_as_the_person_the_evidence_gives_it() -> None:
    assert named("Somalia's president has signed a law", [SOMALI]) == (
        "Somalia's president Mohamed Abdullahi Mohamed has signed a law"
    )
    assert named("Kenya's president has signed a law", [SOMALI]) == (
        "Kenya's president has signed a law"
    )
    assert check_claim("Somalia's president has signed a contested law.", [SOMALI]).supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("MSF says the conflict has left a million Nigerians beyond aid workers' reach.", True),
        ("UNICEF says the conflict has left a million Nigerians beyond aid workers' reach.", False),
    ],
)
def test_a_known_body_written_out_in_words_is_the_speaker(claim: str, supported: bool) -> None:
    evidence = [
        "The charity Doctors Without Borders says the conflict has put more than a million "
        "Nigerians beyond the reach of humanitarian workers."
    ]
    assert check_claim(claim, evidence).supported is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The protests continue, UN coordinator Andrew Kirkwood said.", True),
        ("The protests continue, UN envoy Tom Andrews said.", False),
    ],
)
def test_a_name_after_a_title_for_a_place_is_the_speaker(claim: str, supported: bool) -> None:
    evidence = [
        '"The protests continue," U.N. Resident Coordinator for Myanmar Andrew Kirkwood said.'
    ]
    assert check_claim(claim, evidence).supported is supported


def test_pointing_out_and_tweeting_are_saying() -> None:
    said = ["But the history of Asians in the U.S. is missing from many textbooks, Kapral said."]
    assert check_claim(
        "Kapral pointed out that Asian history is missing from textbooks.", said
    ).supported
    tweeted = [
        "Erdogan's chief, Fahrettin Altun, Monday tweeted, \"It's time to stop the attacks.\""
    ]
    claim = "Erdogan's chief, Fahrettin Altun, tweeted Monday that it was time to stop the attacks."
    assert check_claim(claim, tweeted).supported


def test_what_a_record_shows_may_be_stated_but_not_what_a_person_says() -> None:
    report = [
        "Only one percent of the students performed at the highest levels, according to the report."
    ]
    assert check_claim(
        "Only one percent of the students performed at the highest levels.", report
    ).supported
    person = [
        "Only one percent of the students performed at the highest levels, according to Widodo."
    ]
    assert not check_claim(
        "Only one percent of the students performed at the highest levels.", person
    ).supported


def test_a_figure_for_one_place_is_not_moved_to_another() -> None:
    evidence = [
        "Only one percent of them performed at the highest levels, compared to 44 percent "
        "in mainland China and 37 percent in Singapore."
    ]
    right = (
        "One percent did, compared with 44 percent in mainland China and 37 percent in Singapore."
    )
    swapped = (
        "One percent did, compared with 37 percent in mainland China and 44 percent in Singapore."
    )
    assert check_claim(right, evidence).supported
    verdict = check_claim(swapped, evidence)
    assert not verdict.supported and "another place" in verdict.why


@pytest.mark.parametrize(
    ("claim", "evidence", "supported"),
    [
        ("The agency needs $1 billion.", "The agency needs a billion dollars.", True),
        ("The agency needs $2 billion.", "The agency needs a billion dollars.", False),
        ("It keeps ties with the three countries.", "It keeps ties with the trio.", True),
        ("It keeps ties with the four countries.", "It keeps ties with the trio.", False),
    ],
)
def test_figures_written_as_words(claim: str, evidence: str, supported: bool) -> None:
    assert check_claim(claim, [evidence]).supported is supported
