"""The story a brief tells: acts told inside another act's sentence ("two days after Tehran
struck…") dated against it, acts of one episode told in one bottom-line sentence, a key
actor shown by what it did, and the story gold scored. The parse is the real spaCy
pipeline."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from brief.assemble.bottom_line import bottom_line, key_episodes
from brief.assemble.headlines import event_headline, introduced
from brief.assemble.merge import merge_summaries, summarized
from brief.assemble.talks import said_there
from brief.evaluate.gold import load_gold
from brief.evaluate.story import score_story
from brief.extract.attributed import extract_part_events
from brief.ingest.articles import article_from_text
from brief.ingest.event_dates import date_events
from brief.language import load_gazetteer
from brief.language.attribution import attribute
from brief.meaning import states
from brief.render import render_brief_markdown
from brief.schema import (
    Article,
    ArticleExtraction,
    Brief,
    BriefActor,
    BriefEvent,
    BriefPosition,
    Citation,
    CitedSentence,
    Gist,
    Source,
)
from conftest import REPO

TIT_FOR_TAT = (
    "Islamabad said on Thursday that it had launched air strikes on insurgents in Iran, two "
    'days after Tehran struck alleged "terrorist targets" inside the South Asian country.'
)


def _article(*sentences: str, date: str = "2024-01-19") -> Article:
    return article_from_text("\n\n".join(sentences), path="t.txt", date_value=date)


def _acts(
    article: Article, number: int = 1
) -> set[tuple[str, tuple[str, ...], tuple[str, ...], int | None]]:
    return {
        (a.category, a.doers, a.targets, a.days_before)
        for a in attribute(article).sentence(number).acts
    }


def test_an_act_in_an_after_clause_is_read_with_its_doer_target_and_how_long_before() -> None:
    # The small pipeline parses "struck" as an auxiliary of "alleged": read as the verb.
    acts = _acts(_article(TIT_FOR_TAT))
    assert ("strike", ("Iran",), ("Pakistan",), 2) in acts
    assert ("strike", ("Pakistan",), ("Iran",), 0) in acts


def test_a_day_after_is_one_day_before_and_an_uncounted_span_is_no_day() -> None:
    one_day = _article(
        "A day after Pakistan carried out strikes in Iran, Pakistani foreign minister Jalil "
        "Abbas Jilani spoke to his Iranian counterpart Hossein Amirabdollahian."
    )
    assert ("strike", ("Pakistan",), ("Iran",), 1) in _acts(one_day)
    days = _article("Pakistan struck Iran on Thursday, days after Iran attacked Pakistan.")
    assert ("attack", ("Iran",), ("Pakistan",), None) in _acts(days)


def test_the_earlier_act_is_dated_from_the_later_ones_day() -> None:
    article = _article(TIT_FOR_TAT)  # Friday 19 January 2024: "Thursday" is the 18th
    events = extract_part_events(article, 1, 1)
    nothing = ArticleExtraction(actors=[], positions=[], events=[])
    dated = date_events(nothing.model_copy(update={"events": events}), article).events
    assert {(e.actor, e.target, e.date) for e in dated} == {
        ("Iran", "Pakistan", "2024-01-16"),
        ("Pakistan", "Iran", "2024-01-18"),
    }


def test_an_act_a_span_not_counted_before_another_gets_no_day_of_its_own() -> None:
    article = _article("Pakistan struck Iran on Thursday, days after Iran attacked Pakistan.")
    nothing = ArticleExtraction(actors=[], positions=[], events=[])
    events = extract_part_events(article, 1, 1)
    dated = date_events(nothing.model_copy(update={"events": events}), article).events
    assert {(e.actor, e.date) for e in dated} == {("Pakistan", "2024-01-18"), ("Iran", None)}


def _event(actor: str, target: str, day: str, source: int = 5) -> BriefEvent:
    return BriefEvent(
        date=dt.date.fromisoformat(day), date_precision="day", what=f"{actor} x {target}",
        headline=f"{actor} struck {target}", actor=actor, target=target, status="happened",
        category="strike",
        citations=[Citation(source=source, sentence=1, quote=f"{actor} struck {target}.")],
    )  # fmt: skip


def test_acts_between_the_same_parties_within_a_week_are_one_bottom_line_sentence() -> None:
    timeline = [
        _event("Iran", "Pakistan", "2024-01-16"),
        _event("Pakistan", "Iran", "2024-01-18"),
        _event("United States", "Qasem Soleimani", "2020-01-03", source=2),
    ]
    episodes = key_episodes(timeline)
    assert [[e.actor for e in ep] for ep in episodes] == [["United States"], ["Iran", "Pakistan"]]
    sources = [Source(number=n, article_id=str(n), title="t", path=f"{n}.txt") for n in (2, 5)]
    line = bottom_line(sources, [], timeline, load_gazetteer())
    texts = [s.text for s in line]
    assert (
        "According to one source, on 16 January 2024, Iran struck Pakistan, and on "
        "18 January 2024, Pakistan struck Iran." in texts
    )
    # Acts a month apart, or between other parties, are not one episode.
    apart = key_episodes([_event("Iran", "Pakistan", "2024-01-16"),
                          _event("Pakistan", "Iran", "2024-02-18")])  # fmt: skip
    assert len(apart) == 2


def _talks(actor: str, partner: str, day: str, category: str = "talks") -> BriefEvent:
    event = _event(actor, partner, day)
    return event.model_copy(update={"category": category, "headline": f"{actor} met {partner}"})


def test_the_diplomacy_told_is_from_the_longest_stretch_the_armed_acts_leave_untold() -> None:
    timeline = [
        _event("United States", "Iran", "2020-01-03"),
        _talks("Pakistan", "Russia", "2020-01-10", category="agreement"),  # weighed first
        _talks("Pakistan", "Iran", "2019-04-20"),  # 8 months before the strike
        _talks("Pakistan", "Russia", "2022-03-05"),  # 26 months after it
    ]
    chosen = [e.date.isoformat() for ep in key_episodes(timeline) for e in ep if e.date]
    assert chosen == ["2020-01-03", "2022-03-05"]


def test_with_no_fighting_or_talks_a_statement_is_told_only_when_there_is_no_other_act() -> None:
    signed = _event("Ahmed al-Sharaa", "", "2025-03-13").model_copy(
        update={"category": "other", "target": None, "headline": "al-Sharaa signed a decree"}
    )
    appeal = _event("Geir Pedersen", "", "2025-03-14", source=2).model_copy(
        update={"category": "statement", "target": None, "headline": "Pedersen issued his appeal"}
    )
    assert [[e.actor for e in ep] for ep in key_episodes([signed, appeal])] == [["Ahmed al-Sharaa"]]
    assert [[e.actor for e in ep] for ep in key_episodes([appeal])] == [["Geir Pedersen"]]


def test_a_timeline_cut_to_ten_rows_drops_a_second_act_of_one_doer_kind_and_day_first() -> None:
    same_day = [_talks("Qureshi", f"envoy {n}", "2020-01-10") for n in range(6)]
    others = [_talks(f"State {n}", "Iran", f"202{n + 1}-05-01") for n in range(5)]
    sources = [Source(number=5, article_id="5", title="t", path="5.txt")]
    brief = Brief(title="t", bottom_line=[], actors=[], timeline=[*same_day, *others],
                  outcomes=[], sources=sources)  # fmt: skip
    rows = [ln for ln in render_brief_markdown(brief).splitlines() if ln.startswith("| 20")]
    assert len(rows) == 10
    assert all(any(f"State {n} met Iran" in r for r in rows) for n in range(5))  # each kept
    assert sum("Qureshi met envoy" in r for r in rows) == 5  # a meeting of that day was cut


def test_a_key_actor_that_states_no_position_is_shown_by_its_acts() -> None:
    timeline = [_event("Iran", "Pakistan", "2024-01-16")]
    iran = BriefActor(name="Iran", kind="state", sources=[5], key=True)
    brief = Brief(title="t", bottom_line=[], actors=[iran], timeline=timeline, outcomes=[],
                  sources=[Source(number=5, article_id="5", title="t", path="5.txt")])  # fmt: skip
    page = render_brief_markdown(brief)
    assert "### Iran\n\n- *acts*: Iran struck Pakistan, 2024-01-16 [5]" in page


def test_the_gold_file_with_a_story_loads_and_the_test_copy_is_in_step() -> None:
    shared = REPO.parent / "shared" / "gold" / "seeds.gold.json"
    ours = REPO / "tests" / "data" / "seeds.gold.json"
    gold = load_gold(ours)
    assert gold.story is not None and len(gold.story.main_events) >= 5
    if shared.is_file():
        assert json.loads(shared.read_text()) == json.loads(ours.read_text())


def test_the_story_score_counts_main_events_doers_and_stated_facts(tmp_path: Path) -> None:
    gold_file = tmp_path / "gold.json"
    gold_file.write_text(json.dumps({"story": {
        "main_events": [
            {"what": "Iran strikes Pakistan", "doers": ["Iran"], "targets": ["Pakistan"],
             "date": "2024-01-16", "sources": ["5.txt"]},
            {"what": "Pakistan strikes Iran", "doers": ["Pakistan"], "targets": ["Iran"],
             "date": "2024-01-18", "sources": ["5.txt"]},
        ],
        "must_state": [
            {"fact": "Iran struck Pakistan.", "sources": ["5.txt"]},
            {"fact": "India struck Pakistan.", "sources": ["5.txt"]},
        ],
    }}))  # fmt: skip
    story = load_gold(gold_file).story
    assert story is not None
    wrong_doer = _event("India", "Pakistan", "2024-01-16")
    timeline = [wrong_doer, _event("Pakistan", "Iran", "2024-01-18")]
    sources = [Source(number=5, article_id="5", title="t", path="/x/5.txt")]
    line = bottom_line(sources, [], timeline, load_gazetteer())
    brief = Brief(title="t", bottom_line=line, actors=[], timeline=timeline, outcomes=[],
                  sources=sources)  # fmt: skip
    score = score_story(story, brief)
    assert (score.main_event_recall.hits, score.main_event_recall.total) == (1, 2)
    assert score.missed_events == ["Iran strikes Pakistan"]
    assert (score.doers_right.hits, score.doers_right.total) == (1, 2)
    assert (score.must_state.hits, score.must_state.total) == (1, 2)
    assert score.missed_facts == ["Iran struck Pakistan."]


def test_a_text_states_a_fact_when_it_tells_its_acts_and_contradicts_none() -> None:
    fact = "Iran struck targets inside Pakistan."
    assert states(["According to one source, on 16 January 2024, Iran struck Pakistan."], fact)
    assert not states(["Pakistan struck Iran."], fact)
    assert not states(["Iran did not strike Pakistan."], fact)
    assert not states(["Iran threatened to strike Pakistan."], fact)


def _doers(*sentences: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...], bool]]:
    attribution = attribute(_article(*sentences))
    return [
        (a.category, a.doers, a.targets, a.by_claim) for s in attribution.sentences for a in s.acts
    ]


def test_unnamed_gunmen_are_kept_and_credited_to_the_group_that_claimed_the_attack() -> None:
    acts = _doers(
        "Gunmen stormed a hotel in the town of Beledweyne on Tuesday, killing five people.",
        "The Islamist militant group al-Shabab immediately claimed responsibility for the attack.",
    )
    assert ("attack", ("al-Shabab",), (), True) in acts
    assert all(a[1] == ("al-Shabab",) for a in acts if a[0] == "attack")
    # Without a claim the act stays, done by unidentified attackers.
    alone = _doers("Gunmen stormed a hotel in the town of Beledweyne on Tuesday.")
    assert alone == [("attack", ("unidentified attackers",), (), False)]


def test_a_claimed_attack_is_told_as_the_sources_saw_it_then_who_claimed_it() -> None:
    seen = "Gunmen stormed a hotel in the town of Beledweyne on Tuesday."
    event = _event("al-Shabab", "Somalia", "2025-03-11").model_copy(
        update={"category": "attack", "doer_basis": "claimed by al-Shabab", "target": None,
                "citations": [Citation(source=1, sentence=1, quote=seen)], "what": seen,
                "place": "Beledweyne", "deed": "stormed a hotel"}
    )  # fmt: skip
    told = event_headline(event, load_gazetteer())
    assert told is not None and told.startswith("gunmen stormed")
    assert told.endswith("; al-Shabab claimed responsibility")
    # No word for the doers before the verb: the act keeps its claimed doer, tagged.
    unseen = event.model_copy(
        update={"citations": [Citation(source=1, sentence=1, quote="A hotel was stormed.")]}
    )
    assert event_headline(unseen, load_gazetteer()).endswith("(claimed)")


def test_two_groups_claiming_leave_the_attackers_unidentified() -> None:
    acts = _doers(
        "Gunmen stormed a hotel in the town of Beledweyne on Tuesday.",
        "Al-Shabab claimed responsibility for the attack.",
        "The Islamic State also claimed responsibility for the attack.",
    )
    assert ("attack", ("unidentified attackers",), (), False) in acts


def test_a_state_states_what_the_holder_of_its_office_said_even_named_again_by_surname() -> None:
    text = [
        "In May 2019, Kenya said it will not take sides, and Kenya's foreign minister Samuel "
        "Mwangi said Nairobi will not allow its soil to be used for any conflict [1][2].",
        "In January 2020, Mwangi called for restraint, and Kenya's president John Otieno "
        "offered mediation between Uganda and Tanzania [2][3].",
    ]
    assert states(text, "Kenya urged restraint and offered to mediate between Uganda and Tanzania.")
    assert states(text, "Kenya refused to take sides or let its soil be used for any conflict.")
    assert not states(text, "Uganda urged restraint and offered to mediate.")
    assert not states(text, "Kenya let its soil be used for the conflict.")


def test_a_fact_told_as_its_doers_own_account_is_stated_but_a_saying_is_no_other_act() -> None:
    text = [
        "On 4 May 2023, Kenya said it arrested all nine smugglers [2].",
        "This brief draws on 3 sources dated between 2 May 2023 and 4 May 2023 [1][2][3].",
    ]
    # Told as Kenya's account, as surely as a brief may tell it
    assert states(text, "Kenyan police arrested the nine smugglers.")
    assert not states(text, "Ugandan police arrested the nine smugglers.")
    # A saying that shares the fact's things, or a sentence that shares its day, is not
    # the fact's act
    closed = "Kenyan police closed the border on 4 May 2023 and arrested the nine smugglers."
    assert not states(text, closed)
    assert not states(text, "Kenya sealed its coast in May 2023.")


def test_what_a_relative_clause_on_a_thing_tells_is_done_by_that_thing() -> None:
    text = ["On 9 June 2021, Ghana's air force bombed a depot in Tamale [1]."]
    assert states(text, "The crisis followed the Ghanaian air raid that bombed a depot in Tamale.")
    other = "The crisis followed the Togolese air raid that bombed a depot in Tamale."
    assert not states(text, other)


def test_a_states_forces_act_for_the_state_and_an_act_nouns_doer_is_after_by() -> None:
    acts = _doers(
        "Somali security forces killed two militants.",
        "Coordinated airstrikes by the Somali army have killed at least 50 al-Shabab militants.",
    )
    assert ("attack", ("Somalia",), ("unidentified attackers",), False) in acts
    assert ("attack", ("Somalia",), ("al-Shabab",), False) in acts


def test_strikes_on_unnamed_men_in_a_state_are_strikes_on_that_state() -> None:
    assert ("strike", ("Pakistan",), ("Iran",), False) in _doers(
        "Pakistan launched air strikes on insurgents in Iran on Thursday."
    )


def test_a_claim_of_responsibility_is_an_act_not_a_position() -> None:
    attribution = attribute(_article("Al-Shabab claimed responsibility for the attack."))
    assert attribution.sentence(1).speakers == ()


def test_a_planned_act_is_told_as_planned_not_as_done_with_a_tag() -> None:
    from brief.assemble.headlines import event_headline

    def told(status: str, category: str = "sanction") -> str | None:
        event = BriefEvent(
            what="Trump said he would put tariffs on French wine.", actor="Donald Trump",
            target="France", status=status, category=category, citations=[],
        )  # fmt: skip
        return event_headline(event, load_gazetteer())

    assert told("planned") == "Donald Trump planned tariffs on France"  # its words say tariffs
    assert told("planned", "strike") == "Donald Trump planned to strike France"
    assert told("happened", "strike") == "Donald Trump struck France"


def test_a_quote_drops_the_description_set_off_after_its_subject() -> None:
    from brief.language import what_was_said

    long = (
        "The Northern Farmers Union, a group of growers formed in 1998 that represents about "
        "a third of the region's farms, was the first to reject the plan, calling it unfair."
    )
    assert what_was_said(long) == (
        "The Northern Farmers Union … was the first to reject the plan, calling it unfair."
    )
    short = "Geir Pedersen, the U.N. envoy, said the talks would resume."
    assert what_was_said(short) == short  # a short aside reads as well whole
    # In a long quotation too, what the subject is said to be, not only its asides.
    quoted = (
        "Badrakhan told VOA that “the absence of any reference to the Kurds, as the "
        "second-largest ethnic group in the country, or to the Assyrians, one of Syria’s "
        "oldest indigenous peoples, is a clear rejection of Syria’s multicultural identity.”"
    )
    assert what_was_said(quoted) == (
        "…the absence of any reference to the Kurds … is a clear rejection of Syria’s "
        "multicultural identity."
    )
    # A comma inside the subject that the verb does not follow closes no aside.
    whole = "“The talks in Doha, Qatar and Cairo will resume next week after the holiday,” he said."
    assert (
        what_was_said(whole)
        == "The talks in Doha, Qatar and Cairo will resume next week after the holiday…"
    )


def test_the_title_names_the_states_and_armed_groups_that_act_before_states_only_named() -> None:
    from brief.assemble.merge import _default_title

    actors = [
        BriefActor(name="Ethiopia", kind="state", sources=[1, 2], key=False),
        BriefActor(name="al-Shabab", kind="armed_group", sources=[1, 2], key=True),
        BriefActor(name="Somalia", kind="state", sources=[2], key=True),
        BriefActor(name="Omar Alasow", kind="person", sources=[2], key=True),
    ]
    assert _default_title(actors) == "Crisis brief: al-Shabab and Somalia"
    named_only = [a.model_copy(update={"key": False}) for a in actors]
    assert _default_title(named_only) == "Crisis brief: Ethiopia and Somalia"


def test_talks_its_sources_report_within_days_of_the_fighting_are_told_as_what_followed() -> None:
    strikes = [_event("Iran", "Pakistan", "2024-01-16"), _event("Pakistan", "Iran", "2024-01-18")]
    envoys = _talks("Jalil Abbas Jilani", "Hossein Amirabdollahian", "2024-01-19").model_copy(
        update={"what": "Pakistani foreign minister Jalil Abbas Jilani has spoken to his "
                "Iranian counterpart Hossein Amirabdollahian."}
    )  # fmt: skip
    episodes = key_episodes([*strikes, envoys])
    assert [[e.actor for e in ep] for ep in episodes] == [
        ["Iran", "Pakistan", "Jalil Abbas Jilani"]
    ]
    sources = [Source(number=5, article_id="5", title="t", path="5.txt")]
    line = bottom_line(sources, [], [*strikes, envoys], load_gazetteer())
    assert (
        "According to one source, on 16 January 2024, Iran struck Pakistan, and on 18 January "
        "2024, Pakistan struck Iran; then, on 19 January 2024, Jalil Abbas Jilani held talks "
        "with Hossein Amirabdollahian." in [s.text for s in line]
    )
    # Not: talks of two known states neither of which fought, talks a month on, or talks
    # no source of the fighting reports.
    others = _talks("Russia", "China", "2024-01-19")
    later = _talks("Jalil Abbas Jilani", "Hossein Amirabdollahian", "2024-02-19")
    elsewhere = envoys.model_copy(
        update={"citations": [Citation(source=9, sentence=1, quote="They met.")]}
    )
    # nor envoys the gazetteer cannot place whose words name neither side
    strangers = _talks("Antony Blinken", "Wang Yi", "2024-01-19")
    for talks in (others, later, elsewhere, strangers):
        told = [
            e.actor for ep in key_episodes([*strikes, talks]) for e in ep if e.category == "strike"
        ]
        fought = [ep for ep in key_episodes([*strikes, talks]) if ep[0].category == "strike"]
        assert told == ["Iran", "Pakistan"] and len(fought[0]) == 2


def test_an_act_told_a_day_after_another_is_dated_from_that_ones_day() -> None:
    article = _article(
        "A day after Pakistan carried out strikes in Iran, Pakistani foreign minister Jalil "
        "Abbas Jilani spoke to his Iranian counterpart Hossein Amirabdollahian. Islamabad "
        "said on Thursday that it had launched air strikes on insurgents in Iran."
    )  # Friday 19 January 2024: Thursday is the 18th, and the call the 19th
    nothing = ArticleExtraction(actors=[], positions=[], events=[])
    events = extract_part_events(article, 1, 2)
    dated = date_events(nothing.model_copy(update={"events": events}), article).events
    assert ("talks", "Jalil Abbas Jilani", "2024-01-19") in {
        (e.category, e.actor, e.date) for e in dated
    }
    # An act after another that has no day gets none either
    vague = _article(
        "A day after Pakistan carried out strikes in Iran, Jilani spoke to Iran's envoy."
    )
    events = extract_part_events(vague, 1, 1)
    dated = date_events(nothing.model_copy(update={"events": events}), vague).events
    assert all(e.date is None for e in dated)


def test_a_report_from_before_an_act_is_not_a_report_of_it() -> None:
    # 9 March: "Trump at first imposed 25% tariffs on Canadian … exports" (undated, last
    # week's); 11 March: he doubled them. Two acts, two rows.
    early = _article("U.S. President Donald Trump spoke. Trump imposed tariffs on Canada.",
                     date="2025-03-09")  # fmt: skip
    later = _article("U.S. President Donald Trump imposed tariffs on Canada on Tuesday.",
                     date="2025-03-12")  # fmt: skip
    summaries = []
    for article in (early, later):
        events = extract_part_events(article, 1, len(article.sentences))
        extraction = ArticleExtraction(actors=[], positions=[], events=events)
        summaries.append(summarized(article, date_events(extraction, article)))
    rows = merge_summaries(summaries).timeline
    assert sorted((str(e.date), e.actor, e.target) for e in rows) == [
        ("2025-03-11", "Donald Trump", "Canada"),
        ("None", "Donald Trump", "Canada"),
    ]


def test_other_confrontations_tell_a_doer_not_yet_told_first() -> None:
    def sanction(actor: str, target: str, day: str) -> BriefEvent:
        return _event(actor, target, day).model_copy(update={"category": "sanction"})

    timeline = [
        sanction("Donald Trump", "Canada", "2025-01-04"),
        sanction("Donald Trump", "Mexico", "2025-02-20"),
        sanction("Donald Trump", "China", "2025-03-27"),
        sanction("Donald Trump", "Japan", "2025-04-27"),
        sanction("Canada", "United States", "2025-05-13"),
    ]
    told = [(e.actor, e.target) for ep in key_episodes(timeline) for e in ep]
    assert len(told) == 3 and ("Canada", "United States") in told


def test_an_act_inside_the_after_clause_is_not_dated_from_its_fellow() -> None:
    article = _article(
        "A day after Pakistan carried out strikes in Iran and Iran attacked Pakistani border "
        "posts, Jilani spoke to Amirabdollahian. Islamabad said on Thursday that it had "
        "launched air strikes on insurgents in Iran."
    )
    nothing = ArticleExtraction(actors=[], positions=[], events=[])
    events = extract_part_events(article, 1, 2)
    dated = date_events(nothing.model_copy(update={"events": events}), article).events
    assert {e.category: e.date for e in dated}["attack"] is None  # not the strike's day + 1
    assert {e.category: e.date for e in dated}["strike"] == "2024-01-18"


def test_talks_after_two_episodes_are_told_once() -> None:
    envoys = _talks("Pakistan", "United States", "2024-01-19")  # a side of each
    timeline = [
        _event("Iran", "Pakistan", "2024-01-16"),
        _event("United States", "Yemen", "2024-01-17"),
        envoys,
    ]
    episodes = key_episodes(timeline)
    assert len(episodes) == 2
    assert [e for ep in episodes for e in ep].count(envoys) == 1


def test_a_worded_gist_under_a_date_reads_in_the_past_and_mid_sentence() -> None:
    from brief.schema import Gist

    quote = Citation(source=2, sentence=1, quote="It will continue to exert pressure on Iran.")
    gist = Gist(text="The United States warns of continued pressure on Iran",
                stance="warns_or_threatens", citations=[quote], quote=quote, sources=1,
                written=True)  # fmt: skip
    us = BriefActor(name="United States", kind="state", sources=[2], key=True, gists=[gist])
    sources = [Source(number=2, article_id="2", title="t", path="2.txt",
                      date=dt.date(2025, 3, 13))]  # fmt: skip
    line = bottom_line(sources, [us], [], load_gazetteer())
    assert "In March 2025, the United States warned of continued pressure on Iran." in [
        s.text for s in line
    ]


def test_a_statement_whose_speaker_has_a_stand_from_the_same_source_is_told_once() -> None:
    from brief.schema import Gist

    quote = Citation(source=2, sentence=3, quote="Pedersen called for an inclusive government.")
    gist = Gist(text="Geir Pedersen calls for an inclusive government",
                stance="supports", citations=[quote], quote=quote, sources=1,
                written=True)  # fmt: skip
    envoy = BriefActor(name="Geir Pedersen", kind="person", sources=[2], key=True, gists=[gist])
    issued = Citation(source=2, sentence=4, quote="Pedersen issued his appeal Friday.")
    appeal = _event("Geir Pedersen", "", "2025-03-14", source=2).model_copy(
        update={"category": "statement", "target": None, "citations": [issued]}
    )
    sources = [Source(number=2, article_id="2", title="t", path="2.txt",
                      date=dt.date(2025, 3, 14))]  # fmt: skip
    told = [s.text for s in bottom_line(sources, [envoy], [appeal], load_gazetteer())]
    assert not any("Geir Pedersen x" in t for t in told)  # (the act as `_event` words it)
    assert any("inclusive government" in t for t in told)
    # Far from the stand's sentence, it may say something else ("… announced talks").
    far = appeal.model_copy(update={"citations": [issued.model_copy(update={"sentence": 9})]})
    told = [s.text for s in bottom_line(sources, [envoy], [far], load_gazetteer())]
    assert any("Geir Pedersen x" in t for t in told)
    # From another source, the statement is news of its own.
    elsewhere = appeal.model_copy(update={"citations": [quote.model_copy(update={"source": 3})]})
    sources.append(Source(number=3, article_id="3", title="t", path="3.txt"))
    told = [s.text for s in bottom_line(sources, [envoy], [elsewhere], load_gazetteer())]
    assert any("Geir Pedersen x" in t for t in told)


def test_an_appeal_that_refers_back_is_left_to_the_position_beside_it() -> None:
    from brief.schema import BriefPosition

    lead = Citation(source=2, sentence=1, quote="The envoy is calling for an end to violence.")
    position = BriefPosition(says="calls for an end to violence", stance="calls_for_restraint",
                             citations=[lead])  # fmt: skip
    envoy = BriefActor(name="Geir Pedersen", kind="person", sources=[2], key=True,
                       positions=[position])  # fmt: skip
    issued = Citation(source=2, sentence=2, quote="Geir Pedersen issued his appeal Friday.")
    appeal = _event("Geir Pedersen", "", "2025-03-14", source=2).model_copy(
        update={"category": "statement", "target": None, "citations": [issued],
                "deed": "issued his appeal"}
    )  # fmt: skip
    sources = [Source(number=2, article_id="2", title="t", path="2.txt",
                      date=dt.date(2025, 3, 14))]  # fmt: skip
    told = [s.text for s in bottom_line(sources, [envoy], [appeal], load_gazetteer())]
    assert not any("issued his appeal" in t for t in told)  # its position tells what it was
    # a statement that says what it is stays: "signed a constitutional declaration"
    signed = appeal.model_copy(update={"deed": "signed a constitutional declaration"})
    told = [s.text for s in bottom_line(sources, [envoy], [signed], load_gazetteer())]
    assert any("Geir Pedersen signed a constitutional declaration" in t for t in told)
    # and one that refers back with no position beside it stays too
    alone = envoy.model_copy(update={"positions": []})
    told = [s.text for s in bottom_line(sources, [alone], [appeal], load_gazetteer())]
    assert any("Geir Pedersen issued his appeal" in t for t in told)


def test_a_quote_that_tells_of_its_actor_is_told_as_the_articles_narration() -> None:
    from brief.schema import Gist

    text = ("The Kurdish-led Autonomous Administration was the first to reject the "
            "constitution, calling it exclusionary.")  # fmt: skip
    quote = Citation(source=1, sentence=4, quote=text)
    gist = Gist(text=text, stance="opposes", citations=[quote], quote=quote, sources=1)
    party = BriefActor(name="Kurdish-led Autonomous Administration", kind="organization",
                       sources=[1], key=True, gists=[gist])  # fmt: skip
    sources = [Source(number=1, article_id="1", title="t", path="1.txt",
                      date=dt.date(2025, 3, 14))]  # fmt: skip
    told = [s.text for s in bottom_line(sources, [party], [], load_gazetteer())]
    assert (
        "In March 2025, the Kurdish-led Autonomous Administration was the first to reject "
        "the constitution, calling it exclusionary." in told
    )
    assert not any("voiced opposition" in t for t in told)


def test_the_dead_told_without_a_doer_are_told_in_the_bottom_line() -> None:
    killed = BriefEvent(
        date=dt.date(2025, 3, 13), date_precision="day", what="x", actor=None,
        headline="al-Rufay’i was killed", deed="al-Rufay’i was killed", status="happened",
        category="strike",
        citations=[Citation(source=3, sentence=4, quote="al-Rufay’i was killed Thursday.")],
    )  # fmt: skip
    sources = [Source(number=3, article_id="3", title="t", path="3.txt")]
    told = [s.text for s in bottom_line(sources, [], [killed], load_gazetteer())]
    assert "According to one source, on 13 March 2025, al-Rufay’i was killed." in told


def test_a_claim_cited_to_someone_stays_a_quote() -> None:
    from brief.schema import Gist

    text = "Iran acted in self-defense against terrorist groups, the foreign ministry said."
    quote = Citation(source=1, sentence=2, quote=text)
    gist = Gist(text=text, stance="denies", citations=[quote], quote=quote, sources=1)
    iran = BriefActor(name="Iran", kind="state", sources=[1], key=True, gists=[gist])
    sources = [Source(number=1, article_id="1", title="t", path="1.txt",
                      date=dt.date(2024, 1, 17))]  # fmt: skip
    told = [s.text for s in bottom_line(sources, [iran], [], load_gazetteer())]
    assert any("“Iran acted in self-defense" in t for t in told), told


def test_an_act_no_source_dates_is_told_as_of_its_report() -> None:
    undated = _event("United States", "Islamic State", "2025-03-14", source=3).model_copy(
        update={"date": None, "date_precision": None}
    )
    sources = [Source(number=3, article_id="3", title="t", path="3.txt",
                      date=dt.date(2025, 3, 14))]  # fmt: skip
    told = [s.text for s in bottom_line(sources, [], [undated], load_gazetteer())]
    assert (
        "According to one source (14 March 2025), the United States struck Islamic State." in told
    )


def test_a_persons_own_saying_told_by_the_article_is_told_as_narration() -> None:
    from brief.schema import Gist

    def told(text: str) -> list[str]:
        quote = Citation(source=1, sentence=2, quote=text)
        gist = Gist(text=text, stance="neutral", citations=[quote], quote=quote, sources=1,
                    cued=False)  # fmt: skip
        person = BriefActor(name="Mohammed Badaru Abubakar", kind="person", sources=[1],
                            key=True, gists=[gist])  # fmt: skip
        sources = [Source(number=1, article_id="1", title="t", path="1.txt",
                          date=dt.date(2025, 3, 12))]  # fmt: skip
        return [s.text for s in bottom_line(sources, [person], [], load_gazetteer())]

    own = "Abubakar said the initiative aims to mobilize personnel to combat terrorism."
    assert (
        "In March 2025, Mohammed Badaru Abubakar said the initiative aims to mobilize "
        "personnel to combat terrorism." in told(own)
    )
    # Someone else cited for it: a quote of what they said he did, not his narration.
    theirs = "Abubakar said the initiative aims to mobilize personnel, officials said."
    assert not any(
        t.startswith("In March 2025, Mohammed Badaru Abubakar said the") for t in told(theirs)
    )


def test_talks_in_the_bottom_line_say_what_their_doer_said_there_in_the_articles_words() -> None:
    call = (
        "In a call with Sergey Lavrov on Saturday, Qureshi expressed concern over the latest "
        "situation in Ukraine and asked all sides to show restraint."
    )
    quoted = '"Qureshi expressed readiness to help," a statement from the ministry said.'
    talks = _talks("Shah Mehmood Qureshi", "Sergey Lavrov", "2022-03-05")
    talks = talks.model_copy(update={"citations": [Citation(source=5, sentence=1, quote=call)]})
    qureshi = BriefActor(
        name="Shah Mehmood Qureshi", kind="person", role="Foreign Minister", country="Pakistan",
        positions=[
            BriefPosition(says=quoted, stance="seeks_cooperation",
                          citations=[Citation(source=5, sentence=1, quote=quoted)]),
            BriefPosition(says=call, stance="expresses_concern",
                          citations=[Citation(source=5, sentence=2, quote=call)]),
        ],
    )  # fmt: skip
    sources = [Source(number=5, article_id="5", title="t", path="5.txt")]
    line = bottom_line(sources, [qureshi], [talks], load_gazetteer())
    # Described where first named; the statement's words are not the article's narration.
    assert line[0].text == (
        "According to one source, on 5 March 2022, Pakistan's foreign minister Shah Mehmood "
        "Qureshi held talks with Sergey Lavrov: Qureshi expressed concern over the latest "
        "situation in Ukraine…"
    )
    trump = BriefActor(
        name="Donald Trump", kind="person", role="President", country="United States"
    )
    twice = CitedSentence(
        text="Donald Trump imposed tariffs, and then Donald Trump warned.", sources=[1]
    )
    [told] = introduced([twice], [trump], load_gazetteer())
    assert told.text == "U.S. President Donald Trump imposed tariffs, and then Trump warned."
    # A stand the bottom line tells already is not told twice.
    assert said_there(talks, [qureshi], {(5, 2)}) is None


def test_an_act_its_doers_own_body_tells_is_the_doers_own_account() -> None:
    article = _article(
        "Somalia's National Intelligence and Security Agency, or NISA, spoke on Wednesday.",
        "“Airstrikes by the Somali army have killed at least 50 al-Shabab militants,” the "
        "NISA statement said.",
        "“Airstrikes by the Somali army have killed 20 militants,” a Reuters report said.",
    )
    attribution = attribute(article)
    [own] = [a for a in attribution.sentence(2).acts if a.doers == ("Somalia",)]
    assert own.self_told
    assert not any(a.self_told for a in attribution.sentence(3).acts)


def test_a_stand_held_over_a_span_is_not_dated_as_news_of_its_reports_month() -> None:
    background = (
        "Since Assad's fall, the U.S. and other Western nations have repeatedly called for an "
        "inclusive government."
    )
    quote = Citation(source=1, sentence=3, quote=background)
    gist = Gist(text="The U.S. calls for an inclusive government", stance="calls_for_restraint",
                citations=[quote], quote=quote, sources=1, written=True)  # fmt: skip
    us = BriefActor(name="United States", kind="state", gists=[gist], key=True)
    source = Source(number=1, article_id="1", title="t", path="1.txt",
                    date=dt.date(2025, 3, 14))  # fmt: skip
    told = [s.text for s in bottom_line([source], [us], [], load_gazetteer())]
    assert "The U.S. calls for an inclusive government." in told
    dated = quote.model_copy(
        update={"quote": "On Friday the U.S. called for an inclusive government."}
    )
    gist = gist.model_copy(update={"citations": [dated], "quote": dated})
    us = us.model_copy(update={"gists": [gist]})
    told = [s.text for s in bottom_line([source], [us], [], load_gazetteer())]
    assert "In March 2025, the U.S. called for an inclusive government." in told


def test_an_act_promised_on_a_condition_is_a_threat_not_an_act_done_or_planned() -> None:
    threat = _doers(
        "President Donald Trump said that if Europe follows through on its whiskey tariff, "
        "he will impose a 200% tariff on wines from France."
    )
    assert [a[0] for a in threat] == ["threat"]
    done = _doers("President Donald Trump imposed a 25% tariff on wines from France on Tuesday.")
    assert [a[0] for a in done] == ["sanction"]


def test_a_guess_or_the_killers_boast_is_no_toll_the_sources_differ_on() -> None:
    from brief.assemble.differences import figures

    assert figures("Local media say the death toll may be higher — up to 10 fatalities.") == {}
    assert figures("In a statement, the group said it had killed more than 10 people.") == {}
    assert figures("Seven other people, including two elders, were killed.") == {"killed": 7}


def test_a_states_stand_and_its_officials_are_told_as_one_side_in_one_sentence() -> None:
    from brief.schema import Gist

    def gist(text: str, stance: str, source: int) -> Gist:
        quote = Citation(source=source, sentence=1, quote=text)
        return Gist(text=text, stance=stance, citations=[quote], quote=quote,  # type: ignore[arg-type]
                    sources=1, written=True)  # fmt: skip

    sides = gist("Pakistan says it will not take sides in the confrontation", "neutral", 1)
    soil = gist("Qureshi says Islamabad will not allow its soil to be used", "neutral", 2)
    mediate = gist("Imran Khan offers mediation between the US and Iran", "offers_mediation", 2)
    later = gist("Pakistan calls for restraint", "calls_for_restraint", 3)
    actors = [
        BriefActor(name="Pakistan", kind="state", sources=[1, 3], key=True, gists=[sides, later]),
        BriefActor(name="Shah Mahmood Qureshi", kind="person", role="foreign minister",
                   country="Pakistan", sources=[2], key=True, gists=[soil]),
        BriefActor(name="Imran Khan", kind="person", role="prime minister", country="Pakistan",
                   sources=[2], key=True, gists=[mediate]),
        BriefActor(name="Anwar al-Bunni", kind="person", country="Pakistan", sources=[2],
                   key=True, gists=[gist("Al-Bunni urges calm", "calls_for_restraint", 2)]),
    ]  # fmt: skip
    days = {1: dt.date(2019, 5, 25), 2: dt.date(2020, 1, 5), 3: dt.date(2024, 1, 19)}
    sources = [Source(number=n, article_id=str(n), title="t", path=f"{n}.txt", date=d)
               for n, d in days.items()]  # fmt: skip
    told = [s.text for s in bottom_line(sources, actors, [], load_gazetteer())]
    # the same stance within a year: the state's, then its minister's, each dated
    assert (
        "In May 2019, Pakistan said it will not take sides in the confrontation, and in "
        "January 2020, Pakistan's foreign minister Shah Mahmood Qureshi said Islamabad will "
        "not allow its soil to be used."
    ) in told
    # an expert with no office speaks for no side; a stand four years on is another crisis
    assert not any("and Anwar al-Bunni" in t or "and in January 2024" in t for t in told)


def test_armed_men_named_by_their_groups_code_are_that_groups() -> None:
    acts = _doers("Military sources said 3R rebels attacked nearly 10 villages near Bocaranga.")
    assert acts == [("attack", ("3R",), (), False)]
    assert _doers("M23 fighters attacked the town of Sake.")[0][1] == ("M23",)
    # a rifle's name is no group's
    assert _doers("AK-47 gunmen attacked the bus.")[0][1] == ("unidentified attackers",)


def test_an_office_holder_speaks_for_a_party_and_ranks_with_states_an_expert_after() -> None:
    from brief.assemble.stands import stands
    from brief.schema import BriefPosition, Gist

    def gist(text: str, stance: str) -> Gist:
        quote = Citation(source=1, sentence=1, quote=text)
        return Gist(text=text, stance=stance, citations=[quote], quote=quote,  # type: ignore[arg-type]
                    sources=1, written=True)  # fmt: skip

    def speaker(name: str, kind: str, says: int, text: str, stance: str, **more: str) -> BriefActor:
        """A key actor with `says` positions (its prominence) and one written gist."""
        quote = Citation(source=1, sentence=1, quote="x")
        said = [BriefPosition(says="x", stance="neutral", citations=[quote])] * says
        return BriefActor(name=name, kind=kind, sources=[1], key=True, positions=said,  # type: ignore[arg-type]
                          gists=[gist(text, stance)], **more)  # fmt: skip

    qureshi = speaker("Shah Mahmood Qureshi", "person", 3, "Qureshi calls for restraint",
                      "calls_for_restraint", role="foreign minister",
                      country="Pakistan")  # fmt: skip
    pakistan = speaker("Pakistan", "state", 2, "Pakistan takes no side", "neutral")
    embassy = speaker("United States", "state", 1, "The US issued an alert", "warns_or_threatens")
    expert = speaker("Anwar al-Bunni", "person", 4, "Al-Bunni is concerned", "expresses_concern")
    sources = [Source(number=1, article_id="1", title="t", path="1.txt", date=dt.date(2020, 1, 5))]
    chosen = [a.name for a, _, _ in stands([expert, qureshi, pakistan, embassy], sources, 2)]
    assert chosen == ["Shah Mahmood Qureshi", "Pakistan"]
