"""The meaning check (`brief.meaning`): a written sentence passes only when it says what
its cited sentences say. Run on the real English pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brief.evaluate.pairs import score_pairs
from brief.meaning import check_claim
from conftest import REPO

DEV = REPO / "tests" / "data" / "faithfulness.dev.jsonl"
HELD_OUT = REPO / "tests" / "data" / "faithfulness.heldout.jsonl"
# Written by a third reader after the check was frozen (73% of faithful kept, 70% of
# unfaithful refused when first run); its failures were read for three general rules since.
UNSEEN = REPO / "tests" / "data" / "faithfulness.heldout2.jsonl"
# Written by a reader who never saw the check, from the one corpus article no earlier set
# used, and never tuned on: the honest estimate today (70% kept, 60% refused).
UNSEEN_3 = REPO / "tests" / "data" / "faithfulness.heldout3.jsonl"
# A fourth reader, three news articles (a bombing, a kidnapping, arms transfers): 73% kept,
# 83% refused on its first run. The failures of all four held-out sets have been read for
# general rules since, so none of them is unseen any more.
UNSEEN_4 = REPO / "tests" / "data" / "faithfulness.heldout4.jsonl"
# A fifth reader, four articles: 70% kept, 63% refused on its first run; read since.
UNSEEN_5 = REPO / "tests" / "data" / "faithfulness.heldout5.jsonl"
# A sixth reader, five articles, never read for rules: 70% kept, 70% refused on its first
# run. The honest figure on claims no rule was written for.
UNSEEN_6 = REPO / "tests" / "data" / "faithfulness.heldout6.jsonl"
UNSEEN_7 = REPO / "tests" / "data" / "faithfulness.heldout7.jsonl"
# An eighth reader, who never saw the check, 35 articles: 77% kept, 80% refused on its
# first run (2026-12-07); its failures were read for rules the same day.
UNSEEN_8 = REPO / "tests" / "data" / "faithfulness.heldout8.jsonl"
# A ninth reader, blind as well, 38 articles: 60% kept, 73% refused on its first run, after
# heldout8's rules (2026-12-07); its failures were read for rules the same day.
UNSEEN_9 = REPO / "tests" / "data" / "faithfulness.heldout9.jsonl"
# A tenth, blind, over the corpus's other subjects too: 63% kept, 80% refused on its first
# run, after heldout9's rules (2026-12-07); read for three rules the same day.
UNSEEN_10 = REPO / "tests" / "data" / "faithfulness.heldout10.jsonl"
# An eleventh, blind, written while the check stood still: 73% kept, 83% refused on its
# first run (2026-12-07); read for five rules the same day.
UNSEEN_11 = REPO / "tests" / "data" / "faithfulness.heldout11.jsonl"
# A twelfth, blind, written after heldout11's rules: 77% kept, 77% refused on its first
# run (2026-12-07). Three rules read off it the same day moved none of its own failures
# to right (each still fails on a deeper reading), so this is still its first-run figure.
UNSEEN_12 = REPO / "tests" / "data" / "faithfulness.heldout12.jsonl"
# A thirteenth, blind, six articles (all the corpus's articles had been used by then; these
# least): 63% kept, 83% refused on its first run (2026-12-07, after the day's first rules);
# read for general rules the same day (letters written out, "brushed off", "anticipated").
UNSEEN_13 = REPO / "tests" / "data" / "faithfulness.heldout13.jsonl"
# A fourteenth, blind, six articles, sentences no earlier pair used: 80% kept, 70% refused
# on its first run (2026-12-07, after heldout13's rules); read for rules the same day.
UNSEEN_14 = REPO / "tests" / "data" / "faithfulness.heldout14.jsonl"
# A fifteenth, blind, six articles, sentences no earlier pair used: 57% kept, 73% refused
# on its first run (2026-12-07, after heldout14's rules): the honest figure that day.
UNSEEN_15 = REPO / "tests" / "data" / "faithfulness.heldout15.jsonl"
# A sixteenth, blind, after heldout15's rules: 77% kept, 67% refused on its first run.
UNSEEN_16 = REPO / "tests" / "data" / "faithfulness.heldout16.jsonl"
SHARED_DEV = REPO.parent / "shared" / "faithfulness" / "dev.jsonl"


def test_the_labelled_pairs_are_kept_in_step_with_the_shared_set() -> None:
    if not SHARED_DEV.is_file():
        pytest.skip("no shared/ beside this clone")
    assert DEV.read_text(encoding="utf-8") == SHARED_DEV.read_text(encoding="utf-8")


def test_the_check_refuses_unfaithful_claims_and_accepts_faithful_ones_on_the_dev_pairs() -> None:
    scores = score_pairs(DEV)
    assert scores.unfaithful.rate >= 0.90, scores.wrong
    assert scores.faithful.rate >= 0.85, scores.wrong
    low = {kind: s.rate for kind, s in scores.kinds.items() if s.rate < 0.75}
    assert low == {}, scores.wrong


def test_the_check_holds_on_pairs_it_was_not_built_on() -> None:
    if not HELD_OUT.is_file():
        pytest.skip("no held-out pairs")
    scores = score_pairs(HELD_OUT)
    # Written after the check, by another reader, from articles the dev pairs do not use.
    assert scores.unfaithful.rate >= 0.80, scores.wrong
    assert scores.faithful.rate >= 0.85, scores.wrong


# Floors, not targets: what each set scores today, less a margin (faithful, unfaithful).
FLOORS = [(UNSEEN, 0.78, 0.80), (UNSEEN_3, 0.68, 0.75), (UNSEEN_4, 0.80, 0.90),
          (UNSEEN_5, 0.75, 0.78), (UNSEEN_6, 0.65, 0.65), (UNSEEN_7, 0.85, 0.78),
          (UNSEEN_8, 0.83, 0.80), (UNSEEN_9, 0.70, 0.78), (UNSEEN_10, 0.65, 0.75),
          (UNSEEN_11, 0.83, 0.83), (UNSEEN_12, 0.76, 0.76),
          (UNSEEN_13, 0.80, 0.83), (UNSEEN_14, 0.83, 0.76),
          (UNSEEN_15, 0.70, 0.73), (UNSEEN_16, 0.76, 0.76)]  # fmt: skip


@pytest.mark.parametrize(
    ("pairs", "faithful", "unfaithful"), FLOORS, ids=[f[0].stem for f in FLOORS]
)
def test_the_check_keeps_its_floor_on_pairs_no_rule_was_written_for(
    pairs: Path, faithful: float, unfaithful: float
) -> None:
    scores = score_pairs(pairs)
    assert scores.faithful.rate >= faithful, scores.wrong
    assert scores.unfaithful.rate >= unfaithful, scores.wrong


@pytest.mark.parametrize(
    ("claim", "evidence", "problem"),
    [
        (
            "Russia reached an agreement on a ceasefire.",
            "Russia has not agreed to a ceasefire, the Kremlin said.",
            "negation",
        ),
        ("Iran struck Pakistan on Tuesday.", "Pakistan struck Iran on Tuesday.", "role"),
        (
            "The United States imposed sanctions on Iran.",
            "The United States threatened sanctions on Iran.",
            "certainty",
        ),
        (
            "Rebels killed 40 soldiers in the attack.",
            "Officials said rebels likely killed 40 soldiers in the attack.",
            "certainty",
        ),
        (
            "The minister welcomed the vote.",
            "The minister called the vote a disaster.",
            "stance",
        ),
        (
            "Pakistan attacked India in retaliation for the bombing.",
            "Pakistan attacked India days after the bombing.",
            "added",
        ),
        (
            "Militants killed 25 people on Monday.",
            "Militants killed 31 people on Monday.",
            "number",
        ),
    ],
)
def test_each_kind_of_unfaithful_claim_is_refused_with_its_reason(
    claim: str, evidence: str, problem: str
) -> None:
    verdict = check_claim(claim, [evidence])
    assert not verdict.supported
    assert verdict.problem == problem, verdict.why
    assert verdict.why


def test_a_faithful_paraphrase_in_other_words_is_accepted() -> None:
    verdict = check_claim(
        "Buhari said his government would not bow to growing pressure from gangs.",
        [
            "President Muhammadu Buhari said his administration will not succumb to mounting "
            "pressure from criminal groups."
        ],  # fmt: skip
    )
    assert verdict.supported, verdict.why


def test_a_written_sentence_must_also_say_something_its_sources_say() -> None:
    evidence = ["Tensions have been escalating since Trump announced oil measures."]
    assert not check_claim("Trump warns escalating tensions.", evidence, grounded=True).supported
    assert check_claim(
        "Tensions have escalated since Trump announced oil measures.", evidence, grounded=True
    ).supported


def test_a_planted_claim_that_one_article_confirmed_stays_that_articles_claim() -> None:
    evidence = ["Officials confirmed that Pakistan declared war on India."]
    for claim in ("Pakistan declared war on India.", "Pakistan attacked India."):
        assert not check_claim(claim, evidence).supported


def test_an_empty_claim_or_evidence_is_refused_not_crashed() -> None:
    assert check_claim("", ["Something happened."]).problem == "empty"
    assert check_claim("Something happened.", ["  "]).problem == "empty"


def test_the_dev_pairs_file_is_what_the_readme_describes() -> None:
    rows = [json.loads(line) for line in Path(DEV).read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 105
    assert {r["label"] for r in rows} == {"faithful", "unfaithful"}


def _events_of(*sentences: str) -> list[tuple[str, str | None, str | None, str, str]]:
    from brief.extract.attributed import extract_part_events
    from test_merge import make_article

    article = make_article(list(sentences))
    return [
        (e.category, e.actor, e.target, e.status, e.certainty)
        for e in extract_part_events(article, 1, len(sentences))
    ]


def test_an_act_the_sentence_negates_is_no_event() -> None:
    assert _events_of("Russia has not agreed to a ceasefire with Ukraine.") == []


def test_an_act_that_will_happen_is_planned_never_done() -> None:
    assert _events_of("Pakistan will strike Iran next week.") == [
        ("strike", "Pakistan", "Iran", "planned", "prospective")
    ]
    # Promised on a condition, it is a threat, made when it is told.
    assert _events_of("Pakistan will strike Iran if the attacks continue.") == [
        ("threat", "Pakistan", "Iran", "happened", "done")
    ]


def test_the_same_act_told_as_done_elsewhere_is_done() -> None:
    events = _events_of("Pakistan will strike Iran next week.", "Pakistan struck Iran on Thursday.")
    assert events == [("strike", "Pakistan", "Iran", "happened", "done")]


@pytest.mark.parametrize(
    "planted",
    [
        "Officials confirmed that Pakistan declared war on India.",
        "Officials confirmed on Monday that Pakistan attacked India.",
        "It was confirmed that Pakistan launched strikes on India.",
    ],
)
def test_a_claim_planted_in_one_article_never_reaches_the_bottom_line_as_fact(
    planted: str,
) -> None:
    import datetime as dt

    from brief.assemble.merge import merge_summaries
    from brief.extract.attributed import extract_part_events
    from test_merge import actor, make_article, summary

    sentences = ["Farmers in Punjab harvested a record wheat crop this year.", planted]
    article = make_article(sentences, date=dt.date(2024, 5, 6))
    events = extract_part_events(article, 1, len(sentences))
    brief = merge_summaries(
        [summary(article, [actor("Pakistan", "state"), actor("India", "state")], events=events)]
    )
    acts = ("war", "attack", "struck", "strike")
    told = [s.text for s in brief.bottom_line if any(a in s.text for a in acts)]
    assert all(t.startswith("According to one source") for t in told), told


def test_negated_words_of_agreement_allow_no_agreement_stance() -> None:
    from brief.language.stances import stance_cues

    assert stance_cues("Russia has not agreed to a ceasefire, the Kremlin said.") == ["opposes"]
    assert "supports" not in stance_cues("Beijing was not supportive of the council meeting.")
    # A threat the speaker means to fight is no warning the speaker gives.
    assert stance_cues("He urged counterparts to coordinate efforts against threats.") == []
    assert stance_cues("Algeria is facing an increasing threat.") == ["warns_or_threatens"]
    assert stance_cues("China supports the talks.") == ["supports"]


def test_what_brief_writes_may_not_sharpen_the_saying_or_move_a_feeling() -> None:
    called = ["Swonger called the EU move to tax U.S. spirits deeply disappointing."]
    assert not check_claim("Swonger warns the EU over its move.", called, grounded=True).supported
    theirs = ["Hassett said Trump's economic concerns remain as important."]
    verdict = check_claim("Hassett expresses concern about the economy.", theirs, grounded=True)
    assert not verdict.supported and verdict.problem == "speaker"
    own = ["Zarif expressed deep concern over the developments in the region."]
    claim = "Zarif expressed concern about the developments."
    assert check_claim(claim, own, grounded=True).supported


def test_what_analysts_say_a_government_wants_is_not_that_governments_position() -> None:
    from brief.language.attribution import attribute
    from test_merge import make_article

    article = make_article(
        [
            "Analysts say Iran wants to avoid a wider war with Pakistan.",
            "Iran wants to avoid a wider war, said Ali Vaez of the International Crisis Group.",
        ]
    )
    told = attribute(article)
    assert told.sentence(1).speakers == ()
    assert told.sentence(2).speakers == ("Ali Vaez",)


def test_an_act_its_sources_tell_as_a_noun_about_something_else_is_refused() -> None:
    evidence = ["The ministry said Lavrov stressed Russia's condemnation of terrorism."]
    verdict = check_claim("Lavrov condemns the ministry's statement.", evidence, grounded=True)
    assert not verdict.supported
    assert verdict.why == "the cited 'condemnation' is of 'terrorism', not of what the claim says"


def test_a_relative_clause_without_that_is_not_under_the_main_clauses_denial() -> None:
    evidence = ["Officials denied any plan to free the prisoners they had held since May."]
    assert check_claim("Officials had held the prisoners since May.", evidence).supported
    # On a noun of content the clause is that content, and under the negation.
    told = ["There were no indications the plane went down."]
    assert not check_claim("The plane went down.", told).supported


def test_the_object_of_a_light_verb_carries_the_stance() -> None:
    verdict = check_claim(
        "The union voiced alarm at the new rules.", ["The union welcomed the new rules."]
    )
    assert not verdict.supported and verdict.problem == "stance"
    said = ["The plan met with opposition from the union."]
    assert not check_claim("The plan won backing from the union.", said).supported


def test_against_takes_a_side_only_as_a_predicate() -> None:
    evidence = ["Western leaders urged China to stop its support for Russia's war against Ukraine."]
    claim = "Western leaders urged China to stop its backing of Russia's war in Ukraine."
    assert check_claim(claim, evidence).supported
    assert not check_claim(
        "The senator backed the bill.", ["The senator voted against the bill."]
    ).supported


@pytest.mark.parametrize(
    ("claim", "evidence", "problem"),
    [
        # what the evidence denies with "no", "nothing" or "no one", kept without a denial
        ("Rebels claimed responsibility for the ambush.",
         ["No group has claimed responsibility for the ambush."], "negation"),
        ("The ministry commented on the arrests.",
         ["The ministry said nothing about the arrests."], "negation"),
        ("There is hope for a deal, the envoy said.",
         ['"There is no hope for a deal," the envoy said.'], "negation"),
        # an ordinal is a number
        ("It was the second strike on the port this month.",
         ["It was the fifth strike on the port this month."], "number"),
        # surer than the source
        ("The talks will certainly resume in May.",
         ["The talks may resume in May."], "certainty"),
        # two people who share a first name only
        ("Maria Lopez said the border will stay closed.",
         ["Maria Santos said the border will stay closed."], "speaker"),
        # a speaker of one sentence does not say the next, unquoted one
        ("General Haddad acknowledged that casualty figures are often inflated.",
         ["General Haddad said his troops had taken the town.",
          "Casualty figures from both sides are often inflated."], "speaker"),
        # the same view, held by someone else (a surname the tagger reads as a noun)
        ("Whitfield fears that the port will be closed for months.",
         ["Okafor, however, fears that the port will be closed for months.",
          "Whitfield said the closure was temporary."], "speaker"),
        # a charge presented as proven
        ("The mayor diverted the funds, his rivals have shown.",
         ["The mayor's rivals accused him of diverting the funds."], "certainty"),
        # "would ask" is not "asked", though asking is itself a kind of wish
        ("The governor asked the court to halt the evictions.",
         ["The governor said he would ask the court to halt the evictions."], "certainty"),
        # a denial the claim adds
        ("The raid freed ten hostages but no soldiers.",
         ["The raid freed ten hostages, including two soldiers."], "negation"),
        # "questioning" a decision is not "praising" it
        ("Several economists are praising the decision to raise rates.",
         ["Several economists are questioning the decision to raise rates."], "stance"),
        # "hundreds" of what the evidence counts as three
        ("The ministry dismissed hundreds of officials for fraud.",
         ["The ministry dismissed three officials for fraud.",
          "Auditors reviewed hundreds of cases."], "number"),
        # a day the evidence gives to another act
        ("The militia claimed the ambush on Friday.",
         ["The convoy was attacked early Friday.",
          "The militia claimed responsibility for the ambush on Thursday."], "number"),
        # a month the evidence does not give
        ("The envoy offered to host talks in March.",
         ["The envoy offered to host talks between the two sides."], "number"),
        # "has yet to" is not done
        ("Investigators found the flight recorder in the wreckage.",
         ["Investigators have yet to find the flight recorder in the wreckage."], "negation"),
        ("The council approved the budget.", ["The council is yet to approve the budget."],
         "negation"),
        # a purpose the evidence does not give
        ("Police closed three bridges to stop the marchers.",
         ["Police closed three bridges on Sunday."], "added"),
        # words given to a doer in passing that no cited sentence has anyone say
        ("Al-Shabab attacked the convoy, claiming 12 dead.",
         ["Al-Shabab attacked the convoy (claimed); the sources differ on the dead, 5 to 12."],
         "speaker"),
        # the same act put in another place the evidence names for another act
        ("Police arrested four men in a raid in Kano.",
         ["Police arrested four men in a raid in Kaduna.",
          "A second raid in Kano found weapons."], "place"),
        # what a state argues, told as fact ("which argues" is the state's view)
        ("Guyana was cheated of the region by the 1899 award.",
         ["The region is claimed by Guyana, which argues it was cheated of it by the 1899 award."],
         "certainty"),
        # what the evidence says there was none of ("without")
        ("The ministry gave an explanation for the closure.",
         ["The ministry announced the closure without explanation."], "negation"),
        # a purpose, where the evidence's only "to" is what was decided
        ("Officials decided to fly the 40 detainees to Texas to save money.",
         ["Officials decided to fly the 40 detainees to Texas."], "added"),
        ("He said he was reluctant to sign the deal.",
         ['He said he was "inclined" to sign the deal.'], "stance"),
        # a count of names is a count of a kind of thing, not of anything; a span of time
        # is one only with what it is of ("a day after" is a time)
        ("Two people were killed in the clashes.",
         ["Clashes between Israel and Hamas killed five people."], "number"),
        ("The ceasefire lasted 24 hours.",
         ["A day after the strike, the ceasefire collapsed after three hours."], "number"),
        ("The ceasefire lasted two weeks.",
         ["The talks took 14 days, and the ceasefire lasted three days."], "number"),
        # "can attack" is no attack for a named doer
        ("Hamas attacks Israel.", ["Hamas can attack Israel."], "certainty"),
        # two groups told apart by whom they belong to, though neither is named
        ("Kurdish militia commanders said their convoy came under fire from Turkish troops.",
         ["Turkey's defence ministry said its convoy came under fire from Kurdish militias."],
         "speaker"),
    ],
)  # fmt: skip
def test_the_check_refuses_what_its_evidence_does_not_say(
    claim: str, evidence: list[str], problem: str
) -> None:
    verdict = check_claim(claim, evidence)
    assert not verdict.supported, verdict
    assert verdict.problem == problem, verdict


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The ministry gave no comment on the arrests.",
         ["The ministry said nothing about the arrests."]),
        ("A fifth of the budget goes to defence.", ["Defence takes 20% of the budget."]),
        ("The leader welcomed the withdrawal as officials counted the dead from the blasts.",
         ["The leader praised the withdrawal as officials counted the dead from the blasts."]),
        ("The council met to discuss the transfers.",
         ["The council held a meeting, requested by five states, to discuss the transfers."]),
        ("Maria Santos said the border will stay closed.",
         ["Maria Santos said the border will stay closed."]),
        # a statement or a spokesperson speaks for the one named with it
        ("The agency said the storm destroyed 40 homes.",
         ['"The storm destroyed 40 homes," the agency statement said.']),
        ("Ghana's health ministry said the outbreak was contained.",
         ["Ghanaian Health Ministry spokesman Kofi Mensah said the outbreak was contained."]),
        # when the speaker spoke is not what he says
        ("Hours after the vote ended, the commission said turnout was 61%.",
         ["Hours after the vote ended, the commission said turnout was 61%.",
          "The count began at once, an official said."]),
        # "more than 2 meters deeper" holds no "more" to oppose to "lower"
        ("The ferry sat over two meters lower after loading.",
         ["The ferry sat more than 2 meters deeper in the water after loading."]),
        ("Hundreds of people fled the town.", ["About 400 people fled the town."]),
        # a common noun opening a sentence, read as a name, is the one the evidence has
        ("Government said the port would close.",
         ["The government said the port would close."]),
        ("Exam scores rose sharply this year.", ["Exam scores rose sharply this year."]),
        ("The court ruled in mid-January that the law was void.",
         ["The High Court on Jan. 14 ruled the law void."]),
        # one word of certainty for another
        ("The floods have clearly worsened the shortages, the minister said.",
         ['"The floods have definitely worsened the shortages," the minister said.']),
        # "is unlikely to … unless" keeps the source's condition
        ("The union said a deal is unlikely to happen unless wages rise.",
         ['The union said, "Unless wages rise, it is unlikely that a deal will happen."']),
        # a description put before the name: the name speaks
        ("Okonjo said the reform would take years.",
         ["A former adviser at the finance ministry, Okonjo said the reform would take years."]),
        # words said in passing that the cited sentence has the doer say
        ("Iran struck the base, saying it was retaliation.",
         ["Iran struck the base, saying it was retaliation for the killing."]),
        # what a permit or a right is for is no purpose of the one who grants it
        ("The state grants about 90 licences to fish for cod each year.",
         ["About 90 cod fishing licences are issued by the state annually."]),
        # a seat shared by several bodies, for one of them
        ("Brussels warned Washington of countermeasures.",
         ["The European Union warned the United States of countermeasures."]),
        # a span of time in another unit, a count of the names listed
        ("The mission lasted two weeks.", ["The mission lasted 14 days."]),
        ("He resigned in under 24 hours.", ["He resigned in less than a day."]),
        ("Researchers surveyed three countries.",
         ["Researchers surveyed Kenya, Uganda and Tanzania."]),
        # what can be done, told as what is so as a rule
        ("Medics reach most villages despite the fighting.",
         ["Despite the fighting, medics can reach most villages."]),
        # a word that only begins like a negated one ("imprisoned", "prison")
        ("The court kept the editor imprisoned.", ["The court kept the editor in prison."]),
        # a quotation the parse cuts in two is still all its speaker's
        ('Evenor said, "We are colonized. We are the last colony."',
         ['"We are colonized. We are the last colony," Evenor said.']),
        # the one a relative clause's passive acts on is not the noun it hangs from
        ("There was no sign the tanker was seized.",
         ["There was no sign of the tanker being seized."]),
        # "$28 billion worth of exports" counts the exports
        ("The bloc hit back with tariffs on $28 billion of U.S. exports.",
         ["The bloc retaliated with its own tariffs on $28 billion worth of U.S. exports."]),
        # "Omarov's said": someone of Omarov's, here his lawyer
        ("Amirov's lawyer called the evidence weak; Omarov's said it would not show a plot.",
         ["Amirov's lawyer, Ann Lee, said the evidence was weak, while Omarov's lawyer, Tom "
          "Fox, said the evidence would not show a plot."]),
        # "this will be great" judges its own subject, not the threat beside it
        ("Ministers said the plan will be great for farmers and threatened tariffs on imports.",
         ["Ministers threatened tariffs on imports. This will be great for farmers, they said."]),
    ],
)  # fmt: skip
def test_the_check_keeps_what_its_evidence_says(claim: str, evidence: list[str]) -> None:
    verdict = check_claim(claim, evidence)
    assert verdict.supported, verdict
