"""Readings the meaning check makes of a figure's bound, a time told from the day of
writing, a point of the compass, an office that speaks for its state and an act joined to
one the evidence tells: each shown by a claim that must pass and one that must not. Real
English pipeline."""

from __future__ import annotations

import pytest

from brief.meaning import check_claim

ISLANDS = "The archipelago has more than 40 islands, the largest of which is Mahe."


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The archipelago has over 40 islands, Mahe being the largest.", True),
        ("The archipelago has at least 40 islands, the largest of which is Mahe.", True),
        ("The archipelago has nearly 40 islands, the largest of which is Mahe.", False),
        ("The archipelago has fewer than 40 islands, the largest of which is Mahe.", False),
    ],
)
def test_a_figure_keeps_the_side_of_its_bound(claim: str, supported: bool) -> None:
    verdict = check_claim(claim, [ISLANDS])
    assert verdict.supported is supported
    assert supported or verdict.problem == "number"


def test_no_fewer_than_is_at_least() -> None:
    evidence = ["At least 12 protesters were killed on Friday."]
    assert check_claim("No fewer than 12 protesters were killed on Friday.", evidence).supported
    assert not check_claim("No more than 12 protesters were killed on Friday.", evidence).supported


def test_decades_are_counted_in_years() -> None:
    evidence = ["The general has led the party since the end of three decades of military rule."]
    assert check_claim(
        "The general has led the party since 30 years of army rule ended.", evidence
    ).supported
    assert not check_claim(
        "The general has led the party since 20 years of army rule ended.", evidence
    ).supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The index closed Friday 8% below the peak it set last month.", True),
        ("The index closed Friday 8% below the peak it set in the past month.", True),
        ("The index closed Friday 8% below the peak it set last year.", False),
        ("The index closed Friday 8% below the peak it set this month.", False),
    ],
)
def test_a_time_told_from_the_day_of_writing_is_kept(claim: str, supported: bool) -> None:
    evidence = "The index ended Friday 8% below the record high it reached last month."
    assert check_claim(claim, [evidence]).supported is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The camp lies about 20 kilometers northeast of the capital.", True),
        ("The camp lies about 20 kilometers north-east of the capital.", True),
        ("The camp lies about 20 kilometers northwest of the capital.", False),
        ("The camp lies about 20 kilometers south of the capital.", False),
    ],
)
def test_a_point_of_the_compass_is_kept(claim: str, supported: bool) -> None:
    evidence = "The camp, about 20 kilometers northeast of the capital, holds 8,000 people."
    assert check_claim(claim, [evidence]).supported is supported


def test_a_name_that_holds_a_point_of_the_compass_points_nowhere() -> None:
    evidence = ["Officials in South Korea met envoys from the north of the peninsula."]
    assert check_claim("Officials in South Korea met envoys from the north.", evidence).supported
    # "north and east" named apart are the northeast
    evidence = ["The administration in north and east Syria rejected the charter."]
    assert check_claim("The administration in Syria's northeast rejected it.", evidence).supported


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The mediation effort in Geneva succeeded, and the talks have moved on since.",
         "The mediation effort in Geneva failed, and the talks have stalled since."),
        ("The envoy said the vote sent an encouraging signal about the junta's intentions.",
         "The envoy said the vote sent a concerning signal about the junta's intentions."),
        ("Most residents would object to a new dam on the river, the mayor said.",
         "Most residents would accept a new dam on the river, the mayor said."),
    ],
)  # fmt: skip
def test_opposite_outcomes_and_feelings_flip_the_meaning(claim: str, evidence: str) -> None:
    verdict = check_claim(claim, [evidence])
    assert not verdict.supported and verdict.problem == "stance"
    assert check_claim(evidence, [evidence]).supported


def test_an_act_joined_to_a_told_one_in_new_words_is_added() -> None:
    evidence = ["Rights groups strongly condemned the government for expelling the reporters."]
    added = (
        "Rights groups strongly condemned the government for expelling the reporters and "
        "demanded compensation for their families."
    )
    verdict = check_claim(added, evidence)
    assert not verdict.supported and verdict.problem == "added"
    # the same joined act in the evidence's words is told
    evidence = [*evidence, "They demanded compensation for the reporters' families."]
    assert check_claim(added, evidence).supported


def test_a_paraphrase_may_join_acts_in_its_own_words() -> None:
    evidence = ["Analyst Musa Bello welcomed the reform but doubted it would succeed."]
    claim = "Analyst Musa Bello hailed the change yet voiced skepticism about its prospects."
    assert check_claim(claim, evidence).supported


@pytest.mark.parametrize(
    ("evidence", "supported"),
    [
        ("Ghana's foreign minister, Samuel Ablakwa, offered to mediate between the two.", True),
        ("Samuel Ablakwa, Ghana's foreign minister, offered to mediate between the two.", True),
        ("Ghana's former foreign minister Samuel Ablakwa offered to mediate between the two.",
         False),
        ("Togo's ambassador to Ghana, Samuel Ablakwa, offered to mediate between the two.",
         False),
    ],
)  # fmt: skip
def test_a_state_speaks_through_the_holder_of_its_office(evidence: str, supported: bool) -> None:
    verdict = check_claim("Ghana offered to mediate between the two.", [evidence])
    assert verdict.supported is supported


def test_all_of_a_count_the_evidence_gives_whole() -> None:
    evidence = ["The three main opposition parties have boycotted the vote."]
    assert check_claim(
        "All three main opposition parties have boycotted the vote.", evidence
    ).supported
    evidence = ["Observers counted fraud in four of the country's 12 provinces."]
    verdict = check_claim("Observers counted fraud in all 12 of the country's provinces.", evidence)
    assert not verdict.supported and verdict.problem == "number"


def test_a_state_named_by_its_adjective_is_that_state() -> None:
    evidence = ["Lawmakers hope to persuade the Thai government to free the activists."]
    assert check_claim(
        "Lawmakers hope to persuade Thailand to free the activists.", evidence
    ).supported
    assert not check_claim(
        "Lawmakers hope to persuade Laos to free the activists.", evidence
    ).supported


def test_what_only_appears_so_is_hedged() -> None:
    evidence = ["The rebels appear to be regrouping near the border."]
    verdict = check_claim("The rebels are regrouping near the border.", evidence)
    assert not verdict.supported and verdict.problem == "certainty"
    # appearing somewhere is no hedge
    evidence = ["The minister appeared with the rebels and later visited the border."]
    assert check_claim("The minister later visited the border.", evidence).supported


def test_what_may_be_coming_is_not_done() -> None:
    evidence = ["The envoy says new sanctions may be imminent."]
    verdict = check_claim("The envoy says new sanctions have been imposed.", evidence)
    assert not verdict.supported and verdict.problem == "certainty"
    assert check_claim("The envoy says new sanctions may come soon.", evidence).supported


def test_a_clause_of_when_or_of_what_a_thing_is_keeps_no_plan() -> None:
    evidence = [
        "The premier has sought to close the deal since winning the election in May last year."
    ]
    claim = (
        "Ever since she won the election last May, the premier has been trying to close the deal."
    )
    assert check_claim(claim, evidence).supported
    evidence = ["The king is due to visit Accra on its independence day, the anniversary of 1957."]
    claim = "The king is due to visit Accra on its independence day, which marks 1957."
    assert check_claim(claim, evidence).supported
    # the act itself, said as done, still is not what is due
    verdict = check_claim("The king visited Accra on its independence day.", evidence)
    assert not verdict.supported and verdict.problem == "certainty"


def test_the_quoting_i_is_the_one_quoted() -> None:
    evidence = [
        "Amina Yusuf directs the Nairobi-based group Horn Policy Forum.",
        '"I believe dialogue is essential for a peaceful vote," Yusuf said.',
    ]
    verdict = check_claim(
        "Kenya's government said dialogue is essential for a peaceful vote.", evidence
    )
    assert not verdict.supported and verdict.problem == "speaker"
    assert check_claim(
        "Yusuf said she believes dialogue is essential for a peaceful vote.", evidence
    ).supported


def test_she_who_told_is_the_one_who_spoke_just_before() -> None:
    evidence = [
        '"Barring envoy Morrison is one more sign of the crackdown," said Leila Haddad, '
        "a researcher at Amnesty.",
        '"Donors should respond by cutting aid to the ministry," she told VOA.',
    ]
    claim = "Envoy Morrison told VOA donors should respond by cutting aid to the ministry."
    verdict = check_claim(claim, evidence)
    assert not verdict.supported and verdict.problem == "speaker"
    assert check_claim(
        "Leila Haddad told VOA donors should respond by cutting aid to the ministry.", evidence
    ).supported


def test_he_after_a_quote_is_not_a_place_inside_it() -> None:
    evidence = [
        "Still, Moreau cautions, the deal would not end the rivalry.",
        '"I think it will be hard for the West to pull Serbia away from Russia," he said.',
    ]
    claim = "Moreau said he thinks it will be hard for the West to pull Serbia away from Russia."
    assert check_claim(claim, evidence).supported


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The new rules hamper the growth of small farms, the report says.",
         "The new rules are helpful in the growth of small farms, the report says."),
        ("The treaty is seen by its backers as expendable.",
         "The treaty is seen by its backers as crucial."),
        ("At the hearing, he called the verdict fair.",
         "At the hearing, he called the verdict arbitrary."),
    ],
)  # fmt: skip
def test_help_against_hindrance_and_need_against_waste(claim: str, evidence: str) -> None:
    verdict = check_claim(claim, [evidence])
    assert not verdict.supported and verdict.problem == "stance"


@pytest.mark.parametrize(
    "claim",
    [
        "The frigate visited the port, where it held drills with the local navy.",
        "The frigate visited the port, offering training to the local navy.",
    ],
)
def test_a_clause_hung_on_a_told_act_in_new_words_is_added(claim: str) -> None:
    evidence = ["The frigate visited the port."]
    verdict = check_claim(claim, evidence)
    assert not verdict.supported and verdict.problem == "added"
    assert check_claim(
        "The frigate visited the port, saying it came in peace.",
        ["The frigate visited the port, saying it came in peace."],
    ).supported


def test_one_asked_is_not_who_asked() -> None:
    evidence = [
        "Asked by a reporter at the embassy whether he would resign, Okafor said he would not."
    ]
    claim = "Asked at the embassy whether he would resign, Okafor said he would not."
    assert check_claim(claim, evidence).supported


def test_a_name_in_a_relative_clause_on_a_party_is_not_that_party() -> None:
    evidence = [
        "The remarks are likely to be seized on by populists in European states that "
        "criticize the Schengen rules."
    ]
    claim = "The remarks are likely to be seized on by populists who criticize the Schengen rules."
    assert check_claim(claim, evidence).supported


def test_a_hedge_on_a_thing_does_not_hedge_the_act_it_is_of() -> None:
    evidence = [
        "Lawmakers have voiced concerns over potential security risks of handing the port "
        "to a foreign operator."
    ]
    claim = "Lawmakers have raised security concerns about handing the port to a foreign operator."
    assert check_claim(claim, evidence).supported
    # a hedge on the act itself still holds
    evidence = ["Lawmakers discussed the potential handover of the port."]
    verdict = check_claim("Lawmakers discussed the handover of the port.", evidence)
    assert not verdict.supported and verdict.problem == "certainty"


def test_what_a_thing_was_found_to_be_is_done() -> None:
    evidence = ["Prosecutors said they would present messages about the plot found on his phone."]
    claim = "Prosecutors said they would present messages, found on his phone, about the plot."
    assert check_claim(claim, evidence).supported
    evidence = ["The president said he will not bow to mounting pressure from the unions."]
    claim = "The president said he would not give in to the growing pressure exerted by unions."
    assert check_claim(claim, evidence).supported


def test_a_figure_that_declined_to_a_level_fell() -> None:
    evidence = ["The camp's population declined to 90,000 after a deal supporting returns."]
    claim = "The camp's population fell to 90,000 after a deal backing returns."
    assert check_claim(claim, evidence).supported
    evidence = ["The minister declined to back the deal."]
    verdict = check_claim("The minister backed the deal.", evidence)
    assert not verdict.supported and verdict.problem == "negation"


def test_close_as_near_is_no_shutting() -> None:
    evidence = ["Analysts expect an open dialogue on security among the three states."]
    claim = "Analysts expect a closer dialogue on security among the three states."
    assert check_claim(claim, evidence).supported
    verdict = check_claim(
        "Analysts expect a closed dialogue on security among the three states.", evidence
    )
    assert not verdict.supported


def test_a_news_agency_is_of_its_home_state() -> None:
    evidence = ["Her brother told AFP he does not expect the trial to change anything."]
    claim = (
        "Her brother told the French news agency he does not expect the trial to change anything."
    )
    assert check_claim(claim, evidence).supported
    claim = (
        "Her brother told the German news agency he does not expect the trial to change anything."
    )
    assert not check_claim(claim, evidence).supported


def test_a_name_joined_by_a_hyphen_is_named() -> None:
    evidence = ["It was unclear how U.S.-made goods would get cheaper."]
    assert check_claim("It was unclear how American goods would get cheaper.", evidence).supported
    assert not check_claim(
        "It was unclear how Chinese goods would get cheaper.", evidence
    ).supported


def test_an_office_named_once_is_held_where_the_name_comes_again() -> None:
    evidence = [
        "Ghana's foreign minister Samuel Ablakwa met the envoys on Monday.",
        "Ablakwa offered to mediate between the two sides.",
    ]
    assert check_claim("Ghana offered to mediate between the two sides.", evidence).supported
    evidence = [
        "Ghana's former foreign minister Samuel Ablakwa met the envoys on Monday.",
        "Ablakwa offered to mediate between the two sides.",
    ]
    verdict = check_claim("Ghana offered to mediate between the two sides.", evidence)
    assert not verdict.supported and verdict.problem == "role"


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The ministry has answered the agency's requests for comment.",
         "The ministry has ignored the agency's requests for comment."),
        ("The two leaders got off to a rocky start, the analyst said.",
         "The two leaders are off to a good start, the analyst said."),
        ("More and more states are speaking out against the island.",
         "More and more states are speaking up for the island."),
    ],
)  # fmt: skip
def test_answer_against_silence_and_for_against_against(claim: str, evidence: str) -> None:
    verdict = check_claim(claim, [evidence])
    assert not verdict.supported and verdict.problem == "stance"


def test_not_on_a_describing_word_denies_it() -> None:
    evidence = ["The two men, both from Chad, have pleaded not guilty."]
    verdict = check_claim("The two men, both from Chad, have pleaded guilty.", evidence)
    assert not verdict.supported and verdict.problem == "negation"
    assert check_claim("The two Chadian men have pleaded not guilty.", evidence).supported


def test_due_to_do_is_a_schedule_and_one_of_is_no_count() -> None:
    evidence = ["The witness is scheduled to testify later in the trial, her lawyer said."]
    assert check_claim("Her lawyer said the witness is due to testify later.", evidence).supported
    evidence = ["Osman was among the first refugees to arrive at the camp."]
    assert check_claim(
        "Osman was one of the earliest refugees to reach the camp.", evidence
    ).supported


def test_a_phrase_of_things_the_evidence_never_names_is_added() -> None:
    evidence = ["State television broadcast his speech from Geneva live."]
    verdict = check_claim(
        "State television broadcast his speech from Geneva live at the request of his party.",
        evidence,
    )
    assert not verdict.supported and verdict.problem == "added"
    # the same phrase in other words, keeping a word of the evidence, is no addition
    evidence = ["Police have detained 300 people for suspected participation in the protests."]
    claim = "Police have detained 300 people over suspected involvement in rallies."
    assert check_claim(claim, evidence).supported


def test_urging_is_calling_for_and_letting_is_allowing() -> None:
    evidence = ["Togo's president called for restraint, after Ghana shelled the border."]
    verdict = check_claim("Ghana urged restraint.", evidence)
    assert not verdict.supported and verdict.problem in ("role", "speaker")
    assert check_claim("Togo urged restraint.", evidence).supported
    evidence = ["The government will not allow its territory to be used against Mali."]
    verdict = check_claim("The government let its territory be used against Mali.", evidence)
    assert not verdict.supported and verdict.problem == "negation"


def test_who_is_called_on_to_act_is_the_one_who_acts() -> None:
    evidence = ["The charity is calling on the Nigerian government to allow aid to flow."]
    claim = "The charity is urging Nigeria to let aid flow."
    assert check_claim(claim, evidence).supported
