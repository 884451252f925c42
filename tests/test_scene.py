"""Where an act happened and how many it fell on, read from the real spaCy parse, tell one
act from another of the same kind by the same doer: in the article that tells them, and
across the articles merged into one timeline."""

from __future__ import annotations

from spacy.tokens import Token

from brief.assemble.merge import merge_summaries, summarized
from brief.extract.attributed import extract_part_events
from brief.ingest.articles import article_from_text
from brief.language import attribute
from brief.language.english import parse
from brief.language.scene import deed_of, place_of, victims_counted
from brief.schema import Article, ArticleExtraction


def _root(sentence: str) -> object:
    doc = parse((sentence,))[0]
    return next(t for t in doc if t.dep_ == "ROOT")


def test_the_place_is_the_most_specific_name_its_own_clause_puts_the_act_in() -> None:
    assert place_of(_root("Gunmen stormed a market in the Malian town of Gao on Friday.")) == (
        "Gao"
    )
    assert place_of(_root("Drones struck fuel depots in the Upper Nile region.")) == "Upper Nile"
    # near a place is not in it, and would be told "in Goma"
    assert place_of(_root("Rebels attacked a convoy near Goma.")) is None


def test_no_place_from_a_day_a_month_a_known_state_or_a_qualifier() -> None:
    assert place_of(_root("Rebels attacked the convoy on Tuesday.")) is None
    assert place_of(_root("Rebels attacked the convoy in March.")) is None
    assert place_of(_root("Troops attacked rebel camps in eastern Nigeria.")) is None
    assert place_of(_root("Kenyan troops attacked the camp.")) is None


def test_the_number_the_act_fell_on_is_read_from_its_object() -> None:
    assert victims_counted(_root("Soldiers killed all four gunmen.")) == 4
    assert victims_counted(_root("At least 30 fighters were killed.")) == 30
    assert victims_counted(_root("Soldiers killed the gunmen.")) is None


def test_what_was_done_is_the_verb_and_its_object_in_the_articles_words() -> None:
    assert deed_of(_root("Troops killed all four gunmen who had seized a school.")) == (
        "killed all four gunmen"
    )
    assert deed_of(_root("Rebels fired rockets at two army bases near Goma.")) == (
        "fired rockets at two army bases near Goma"
    )
    assert deed_of(_root("The president signed a decree on Monday.")) == "signed a decree"
    # "have killed": a regular verb's participle is its past; the aside after a comma is not.
    assert deed_of(_root("Air raids have killed 40 fighters, including a commander.")) == (
        "killed 40 fighters"
    )


def _verb(text: str, word: str) -> Token:
    return next(t for t in _root(text).doc if t.text == word)


def test_a_participle_after_a_past_clause_tells_its_deed_in_the_past() -> None:
    sentence = "Gunmen attacked a market in Gao on Friday, killing 12 traders."
    assert deed_of(_verb(sentence, "killing")) == "killed 12 traders"
    sentence = "The army ramped up its campaign on Monday, seizing two border towns."
    assert deed_of(_verb(sentence, "seizing")) == "seized two border towns"
    # a participle of what is being done, or one with a subject of its own, is no deed
    assert deed_of(_verb("Troops are attacking the camp, killing 12 fighters.", "killing")) is None
    sentence = "Troops stormed the camp, with rebels killing 12 civilians."
    assert deed_of(_verb(sentence, "killing")) is None


def test_no_deed_that_is_not_plainly_done_or_needs_more_than_its_words() -> None:
    assert deed_of(_root("Troops will attack the camp.")) is None  # not done
    assert deed_of(_root("Troops did not attack the camp.")) is None
    assert deed_of(_root("Troops have struck the camp.")) is None  # "have struck" ≠ "struck"
    assert deed_of(_root("Troops killed their leader.")) is None  # whose leader?
    assert deed_of(_root("Troops attacked.")) is None  # no object
    long = "Troops attacked the convoy of old trucks of the food agency of the United Nations."
    assert deed_of(_root(long)) is None


def _article(*sentences: str) -> Article:
    return article_from_text("\n\n".join(sentences), path="t.txt", date_value="2025-05-02")


def test_one_article_tells_two_acts_apart_by_their_count_and_place() -> None:
    article = _article(
        "Nigerian troops killed all four Boko Haram gunmen who had seized a school.",
        "Separately, air raids by Nigerian troops in the Sambisa forest killed 35 Boko Haram "
        "fighters.",
        "Nigerian troops attacked Boko Haram again.",
    )
    events = extract_part_events(article, 1, len(article.sentences))
    nigeria = sorted((e.sentences, e.place) for e in events if e.actor == "Nigeria")
    assert nigeria == [([1, 3], None), ([2], "Sambisa")], events


def test_acts_one_article_told_apart_stay_apart_and_other_places_are_other_acts() -> None:
    first = _article(
        "Nigerian troops killed all four Boko Haram gunmen who had seized a school.",
        "Air raids by Nigerian troops in the Sambisa forest killed 35 Boko Haram fighters.",
    )
    second = _article("Nigerian troops attacked Boko Haram fighters in the town of Bama.")
    summaries = [
        summarized(a, ArticleExtraction.model_construct(
            actors=[], positions=[], events=extract_part_events(a, 1, len(a.sentences))))
        for a in (first, second)
    ]  # fmt: skip
    rows = {e.place: e for e in merge_summaries(summaries).timeline if e.actor == "Nigeria"}
    # The first article's placeless act may be the one the second tells in Bama (an act
    # that names no place joins one that does); the raids in Sambisa are another.
    assert set(rows) == {"Sambisa", "Bama"}
    assert [(c.source, c.sentence) for c in rows["Sambisa"].citations] == [(1, 2)]
    assert [(c.source, c.sentence) for c in rows["Bama"].citations] == [(1, 1), (2, 1)]
    # What was done, in the article's words, where they name the target.
    assert rows["Sambisa"].headline == "Nigeria killed 35 Boko Haram fighters in Sambisa"
    assert rows["Bama"].headline == "Nigeria attacked Boko Haram fighters in the town of Bama"


def test_an_agreement_says_what_was_agreed() -> None:
    article = _article("Kenya and Somalia agreed to reopen the border crossing at Mandera.")
    extraction = ArticleExtraction.model_construct(
        actors=[], positions=[], events=extract_part_events(article, 1, 1)
    )
    rows = merge_summaries([summarized(article, extraction)]).timeline
    assert [e.headline for e in rows] == [
        "Kenya agreed with Somalia to reopen the border crossing at Mandera"
    ]


def test_one_sentences_words_are_not_told_with_another_sentences_place() -> None:
    article = _article(
        "Nigerian troops killed all four Boko Haram gunmen.",
        "Nigerian troops attacked Boko Haram fighters in the town of Bama.",
    )
    extraction = ArticleExtraction.model_construct(
        actors=[], positions=[], events=extract_part_events(article, 1, 2)
    )
    rows = merge_summaries([summarized(article, extraction)]).timeline
    told = [e.headline for e in rows]
    assert "Nigeria killed all four Boko Haram gunmen in Bama" not in told
    assert any(h and "Bama" in h for h in told)


def test_a_target_with_no_words_is_no_crash() -> None:
    from brief.assemble.headlines import event_headline
    from brief.language import load_gazetteer
    from brief.schema import BriefEvent, Citation

    event = BriefEvent(
        what="x", actor="Chad", target="—", status="happened", category="attack",
        deed="attacked the base", citations=[Citation(source=1, sentence=1, quote="x")],
    )  # fmt: skip
    assert event_headline(event, load_gazetteer()) == "Chad attacked —"


def test_attackers_the_parse_gives_to_a_group_are_named_as_its_own() -> None:
    from brief.assemble.headlines import event_headline
    from brief.language import load_gazetteer
    from brief.schema import BriefEvent, Citation

    def headline(target: str, deed: str) -> str | None:
        event = BriefEvent(
            what="x", actor="Somalia", target=target, status="happened", category="attack",
            deed=deed, citations=[Citation(source=1, sentence=1, quote="x")],
        )  # fmt: skip
        return event_headline(event, load_gazetteer())

    assert headline("al-Shabab", "killed all six attackers") == (
        "Somalia killed all six al-Shabab attackers"
    )
    # A state's men are not an armed group's: the plain verb and its target stay.
    assert headline("Ethiopia", "killed all six attackers") == "Somalia attacked Ethiopia"
    # No unnamed attackers in the deed: nothing to name.
    assert headline("al-Shabab", "stormed a hotel") == "Somalia attacked al-Shabab"


def test_an_appeal_issued_is_a_dated_statement_in_its_own_words() -> None:
    assert deed_of(_root("The envoy issued his appeal on Friday.")) == "issued his appeal"
    assert deed_of(_root("The ministry issued its warning to shipping.")) == "issued its warning"
    # Whose leader is still not read from "their"
    assert deed_of(_root("Troops killed their leader.")) is None
    article = article_from_text("The U.N. envoy Geir Pedersen issued his appeal Friday.", "a.txt")
    read = attribute(article)
    acts = [a for s in read.sentences for a in s.acts]
    assert [(a.category, a.doers) for a in acts] == [("statement", ("Geir Pedersen",))]


def test_an_institution_the_gazetteer_does_not_know_reads_with_the() -> None:
    from brief.language import load_gazetteer

    gazetteer = load_gazetteer()
    assert gazetteer.is_definite("Wall Street Journal")
    assert gazetteer.is_definite("National Security Committee")
    assert gazetteer.is_definite("United States")  # listed so
    assert not gazetteer.is_definite("Pakistan")
    assert not gazetteer.is_definite("Deutsche Bank")  # a company's name: no "the"
    assert not gazetteer.is_definite("Shah Mahmood Qureshi")


def test_attackers_already_named_or_owned_are_not_named_twice() -> None:
    from brief.assemble.headlines import event_headline
    from brief.language import load_gazetteer
    from brief.schema import BriefEvent, Citation

    def headline(deed: str) -> str | None:
        event = BriefEvent(
            what="x", actor="Israel", target="Hamas", status="happened", category="attack",
            deed=deed, citations=[Citation(source=1, sentence=1, quote="x")],
        )  # fmt: skip
        return event_headline(event, load_gazetteer())

    assert headline("killed dozens of Islamic Jihad fighters") == "Israel attacked Hamas"
    assert headline("killed the group's fighters") == "Israel attacked Hamas"
    assert headline("killed 10 fighters") == "Israel killed 10 Hamas fighters"


def test_the_dead_told_without_a_doer_read_in_the_articles_passive() -> None:
    from brief.assemble.headlines import event_headline
    from brief.language import load_gazetteer
    from brief.schema import BriefEvent, Citation

    def headline(status: str) -> str | None:
        event = BriefEvent(
            what="x", actor=None, status=status, category="attack", place="L'Estere",
            deed="Arnel Joseph was killed", citations=[Citation(source=1, sentence=1, quote="x")],
        )  # fmt: skip
        return event_headline(event, load_gazetteer())

    assert headline("happened") == "Arnel Joseph was killed in L'Estere"
    assert headline("planned") is None  # no plan is told in the words of a deed done


def test_a_place_the_act_was_in_wins_over_one_it_was_near() -> None:
    from brief.language.scene import place_of

    verb = _root("Rebels attacked a village in the town of Bocaranga, near the Cameroon border.")
    assert place_of(verb) == "Bocaranga"
    assert place_of(_root("Rebels attacked a camp near Gonaives.")) is None  # not "in" it


def test_a_deed_done_at_a_place_in_the_target_state_is_told_in_its_words() -> None:
    from brief.assemble.headlines import event_headline
    from brief.language import load_gazetteer
    from brief.schema import BriefEvent, Citation

    def headline(deed: str, place: str | None) -> str | None:
        event = BriefEvent(
            what="x", actor="al-Shabab", target="Somalia", status="happened",
            category="attack", deed=deed, place=place,
            citations=[Citation(source=1, sentence=1, quote="x")],
        )  # fmt: skip
        return event_headline(event, load_gazetteer())

    assert headline("stormed a hotel", "Beledweyne") == "al-Shabab stormed a hotel in Beledweyne"
    # with no place, the state is all the reader has: "attacked Somalia"
    assert headline("stormed a hotel", None) == "al-Shabab attacked Somalia"
    # a deed naming someone else does not stand for an act on this target
    assert (
        headline("stormed the Qahira Hotel", "Beledweyne")
        == "al-Shabab attacked Somalia in Beledweyne"
    )


def test_an_announced_act_is_told_as_announced_and_a_doers_own_account_as_its_own() -> None:
    from brief.assemble.headlines import event_headline
    from brief.language import load_gazetteer
    from brief.schema import BriefEvent, Citation

    def headline(**given: object) -> str | None:
        facts: dict[str, object] = {
            "what": "x", "actor": "Somalia", "target": "al-Shabab", "status": "happened",
            "category": "attack", "citations": [Citation(source=1, sentence=1, quote="x")],
        }  # fmt: skip
        return event_headline(BriefEvent(**(facts | given)), load_gazetteer())  # type: ignore[arg-type]

    assert headline(actor="Donald Trump", target=None, category="sanction", status="announced") == (
        "Donald Trump announced sanctions"
    )
    assert headline(deed="killed all six attackers", self_told=True) == (
        "Somalia said it killed all six al-Shabab attackers"
    )
    assert headline(deed="killed all six attackers") == "Somalia killed all six al-Shabab attackers"
    # Talks a party announces are told as talks; a person gets no guessed pronoun.
    assert headline(category="talks", self_told=True) == "Somalia held talks with al-Shabab"
    assert headline(actor="Omar Alasow", self_told=True) == "Omar Alasow attacked al-Shabab"


def test_the_dead_told_by_someone_are_told_with_who_tells_it() -> None:
    from brief.assemble.headlines import event_headline
    from brief.language import load_gazetteer, tellers_of
    from brief.schema import BriefEvent, Citation

    event = BriefEvent(
        what="x", actor=None, status="happened", category="strike", deed="al-Rufay’i was killed",
        said_by="Iraq and United States", citations=[Citation(source=1, sentence=1, quote="x")],
    )  # fmt: skip
    assert event_headline(event, load_gazetteer()) == (
        "al-Rufay’i was killed, Iraq and the United States said"
    )
    # Two reports with their tellers are both theirs; one that states it is a statement.
    assert tellers_of(["Iraq", "United States", "Iraq"]) == "Iraq and United States"
    assert tellers_of(["Iraq", None]) is None


def test_an_object_that_runs_long_loses_its_last_phrases_not_its_point() -> None:
    levied = "On Wednesday, Trump levied 25% tariffs on steel and aluminum exports to the U.S."
    assert deed_of(_root(levied)) == "levied 25% tariffs on steel and aluminum exports"
    imposed = "Trump imposed 25% tariffs on Canadian and Mexican exports to the U.S., then waited."
    assert deed_of(_root(imposed)) == "imposed 25% tariffs on Canadian and Mexican exports"
    # a phrase of "of" names whose the thing is: no cut leaves "the convoy" for it
    long = "Troops attacked the convoy of old trucks of the food agency of the United Nations."
    assert deed_of(_root(long)) is None


def test_a_threat_or_a_charge_keeps_what_it_was_made_with() -> None:
    threat = "Trump on Thursday threatened the European Union with 200% tariffs on wine, beer."
    assert deed_of(_root(threat)) == "threatened the European Union with 200% tariffs on wine"
    # "with" belongs to the act only where the verb is done with something
    assert deed_of(_root("Troops attacked the camp with rockets.")) == "attacked the camp"


def test_an_act_done_to_its_subject_by_a_named_doer_is_told_in_the_active() -> None:
    killed = "Soleimani, the head of the al-Quds force, was killed in a US drone strike."
    assert deed_of(_root(killed)) == "killed Soleimani"
    assert deed_of(_root("The embassy was struck by two rockets.")) == "struck the embassy"
    # "taken" is not what "took" did; a denied or a planned act is no deed
    assert deed_of(_root("The hostages were taken by the gunmen.")) is None
    assert deed_of(_root("The embassy was not struck by rockets.")) is None
    assert deed_of(_root("The embassy will be struck by rockets.")) is None


def test_a_deed_names_its_target_in_full_where_it_gives_the_surname_alone() -> None:
    from brief.assemble.headlines import event_headline
    from brief.language import load_gazetteer
    from brief.schema import BriefEvent, Citation

    def headline(deed: str, target: str) -> str | None:
        event = BriefEvent(
            what="x", actor="United States", target=target, status="happened",
            category="strike", deed=deed, place="Baghdad",
            citations=[Citation(source=1, sentence=1, quote="x")],
        )  # fmt: skip
        return event_headline(event, load_gazetteer())

    told = headline("killed Soleimani", "Qasem Soleimani")
    assert told == "the United States killed Qasem Soleimani in Baghdad"
    # another name that shares the word is not the target's
    assert (
        headline("struck North Korea", "South Korea")
        == "the United States struck South Korea in Baghdad"
    )


def test_a_measure_raised_on_someone_the_words_call_its_neighbor_keeps_its_new_level() -> None:
    from brief.assemble.headlines import event_headline
    from brief.language import load_gazetteer
    from brief.schema import BriefEvent, Citation

    sentence = "Washington raised the 10% tariff on its neighbor's timber to 40% on Friday."
    deed = deed_of(_root(sentence))
    # whose neighbor the row could not say, so that phrase goes; the new level stays
    assert deed == "raised the 10% tariff to 40%"
    # with no later phrase to keep, the pronoun still leaves no deed
    assert deed_of(_root("Washington raised the tariff on its neighbor's timber.")) is None
    event = BriefEvent(
        what=sentence, actor="United States", target="Canada", status="happened",
        category="sanction", deed=deed, citations=[Citation(source=1, sentence=1, quote="x")],
    )  # fmt: skip
    # the row says on whom: the measure's words and its target
    assert event_headline(event, load_gazetteer()) == (
        "the United States raised the 10% tariff to 40% on Canada"
    )
