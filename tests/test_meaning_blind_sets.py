"""The rules read off the eleventh and twelfth blind sets' failures, each with its counterexample:
general readings, so each is tried on words no set holds."""

from __future__ import annotations

from brief.meaning import check_claim


def test_set_to_is_as_unsure_as_expected_to_and_neither_is_done() -> None:
    evidence = ["The lawyers are expected to face off with rights groups over the detentions."]
    assert check_claim(
        "The lawyers are set to clash with rights groups over the detentions.", evidence
    ).supported
    done = check_claim("The lawyers clashed with rights groups over the detentions.", evidence)
    assert not done.supported
    # "set to" is itself not done: a vote that "is set to" come has not been held
    held = check_claim(
        "The council voted on Friday on new tariffs.",
        ["The council is set to vote on Friday on new tariffs."],
    )
    assert not held.supported and held.problem == "certainty"


def test_what_a_witness_testified_stays_his_testimony() -> None:
    evidence = ["Officials told a court on Tuesday that the minister tried to flee the country."]
    claim = "Officials testified on Tuesday that the minister tried to flee the country."
    assert check_claim(claim, evidence).supported
    # told as fact, it is no longer theirs
    assert not check_claim("The minister tried to flee the country.", evidence).supported


def test_doubling_is_a_figure_the_evidence_must_give() -> None:
    evidence = ["The restrictions are driving up prices in the region."]
    added = check_claim("The restrictions have doubled prices in the region.", evidence)
    assert not added.supported and added.problem == "number"
    assert check_claim(
        "The restrictions have doubled prices in the region.",
        ["Prices in the region are twice as high since the restrictions."],
    ).supported
    # "twice" as two occasions, "double digits" and "doubled down" are no doubling
    for evidence in (
        ["Israel struck the town twice on Monday."],
        ["Inflation in the region reached double digits."],
        ["The restrictions doubled down on prices in the region."],
    ):
        assert not check_claim("The restrictions doubled prices in the region.", evidence).supported
    tripled = check_claim(
        "The restrictions have tripled prices.", ["The restrictions more than doubled prices."]
    )
    assert not tripled.supported


def test_speakers_the_parse_hung_on_the_noun_before_them_still_speak() -> None:
    evidence = [
        "Gunmen stormed a hotel on Tuesday, leaving at least five people dead and triggering "
        "a siege, according to witnesses and a lawmaker."
    ]
    claim = (
        "Gunmen killed at least five people in a Tuesday attack on a hotel, setting off a "
        "siege, witnesses and a lawmaker said."
    )
    assert check_claim(claim, evidence).supported
    # the speaker found so is still compared: a named one the evidence lacks is refused
    other = claim.replace("witnesses and a lawmaker", "President Hassan Sheikh Mohamud")
    assert not check_claim(other, evidence).supported


def test_an_earlier_thing_is_no_opposite_of_a_later_act() -> None:
    evidence = ["His body was later identified using DNA recovered during a previous raid."]
    assert check_claim("He was identified by DNA taken in an earlier raid.", evidence).supported
    # the same words on the same act still oppose
    assert not check_claim(
        "His body was earlier identified.", ["His body was later identified."]
    ).supported


def test_seats_of_government_stand_for_their_states() -> None:
    # heldout12 (blind first run 77% / 77%) showed "the State Department" and "Washington"
    assert check_claim(
        "Washington said it would keep sanctions on Iran.",
        ["The State Department said it would keep sanctions on Iran."],
    ).supported
    assert check_claim("The Kremlin rejected the offer.", ["Russia rejected the offer."]).supported
    # another state's seat is another speaker
    assert not check_claim(
        "The White House said it would keep sanctions on Iran.",
        ["Beijing said it would keep sanctions on Iran."],
    ).supported


def test_an_aim_to_stop_is_no_opposite_of_continuing_and_without_is_not() -> None:
    assert check_claim(
        "The group vowed to keep up pressure to stop the deal.",
        ["The group said it will continue to press its case against the deal."],
    ).supported
    # the acts themselves still oppose
    assert not check_claim(
        "The ministry stopped the program.", ["The ministry continued the program."]
    ).supported
    # "without signing" is no signing
    denied = check_claim(
        "He left the meeting without signing the deal.",
        ["He left the meeting after signing the deal."],
    )
    assert not denied.supported and denied.problem == "negation"


def test_the_review_s_counterexamples_to_those_rules_are_refused() -> None:
    # an aim and an act on the same thing still oppose; describing words still oppose
    # outside the earlier/later pair; "likely to" is not "set to"; one seat of
    # government is not another
    refused = [
        ("Israel decided to open the Rafah crossing.", "Israel closed the Rafah crossing."),
        ("The US moved to lift sanctions on Iran.", "The US imposed new sanctions on Iran."),
        ("The army was ordered to stop the offensive.", "The army continued the offensive."),
        ("Militants rarely attack the road.", "Militants carry out frequent attacks on the road."),
        ("Turkey has often criticized Israel.", "Turkey has been a rare critic of Israel."),
        ("Iran is set to retaliate against Israel.", "Iran is likely to retaliate against Israel."),
        (
            "The Pentagon said it would send troops.",
            "The State Department said it would send troops.",
        ),
    ]
    for claim, evidence in refused:
        assert not check_claim(claim, [evidence]).supported, claim
