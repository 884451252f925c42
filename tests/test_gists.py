"""Gists in the brief's own words (`brief.assemble.gists`): worded by a model, kept only when they
pass their check, quoted otherwise; and the one-page brief they make."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from brief.assemble.bottom_line import retold
from brief.assemble.bottom_wording import Fact, facts_of, retold_sentences, write_bottom_line
from brief.assemble.gists import gists_of, word_gists
from brief.cli.commands import app
from brief.errors import ModelError
from brief.evaluate.page import count_words
from brief.language.checks import restates, unsupported
from brief.models.base import ChatRequest, ChatResponse
from brief.schema import Brief, BriefActor, BriefPosition, Citation, Gist
from brief.wording import stance_label
from conftest import FIXTURES, SEEDS

QUOTES = [
    "Pakistan will not take sides in the current confrontation, the foreign office said.",
    "Islamabad urged both Tehran and Washington to show restraint on Friday.",
]


class FakeGistWriter:
    """Not a model: answers every wording request with the same text and every meaning
    check with the same yes or no, and counts the wording requests."""

    concurrent = False

    def __init__(self, answer: str | None, judge: str = "yes") -> None:
        self.name = "fake-writer"
        self.answer = answer
        self.judge = judge
        self.asked: list[ChatRequest] = []
        self.judged: list[ChatRequest] = []

    def complete(self, request: ChatRequest) -> ChatResponse:
        if request.schema_name == "judge":
            self.judged.append(request)
            return ChatResponse(f'{{"supported": "{self.judge}"}}', "stop")
        self.asked.append(request)
        if self.answer is None:
            raise ModelError("the fake writer is down")
        return ChatResponse(self.answer, "stop")


def _brief() -> Brief:
    citations = [Citation(source=n, sentence=1, quote=q) for n, q in enumerate(QUOTES, 1)]
    positions = [
        BriefPosition(says="x", stance="neutral", citations=[citations[0]]),
        BriefPosition(says="y", stance="calls_for_restraint", citations=[citations[1]]),
    ]
    actor = BriefActor(name="Pakistan", kind="state", sources=[1, 2], positions=positions)
    keyed = actor.model_copy(update={"key": True, "gists": gists_of(actor)})
    return Brief(title="t", bottom_line=[], actors=[keyed], timeline=[], outcomes=[], sources=[])


def test_a_line_that_restates_its_sentences_is_kept_as_the_gist() -> None:
    writer = FakeGistWriter(
        "1. Pakistan will not take sides in the confrontation.\n"
        "2. Urges Tehran and Washington to show restraint."
    )
    brief, stats = word_gists(_brief(), writer)
    texts = [g.text for g in brief.actors[0].gists]
    assert sorted(texts) == sorted([
        "Pakistan will not take sides in the confrontation",
        "Urges Tehran and Washington to show restraint",
    ])  # fmt: skip
    assert (stats.written, stats.fell_back) == (2, 0) and len(writer.asked) == 1


def test_a_line_the_rules_pass_and_the_model_judge_refuses_falls_back_to_a_quote() -> None:
    lines = (
        "1. Pakistan will not take sides in the confrontation.\n"
        "2. Urges Tehran and Washington to show restraint."
    )
    writer = FakeGistWriter(lines, judge="no")
    brief, stats = word_gists(_brief(), writer)
    assert (stats.written, stats.fell_back) == (0, 2)
    assert len(writer.judged) >= 2  # each line the rules passed was put to the model
    # a judge that answers neither yes nor no leaves the rules' verdict standing
    brief, stats = word_gists(_brief(), FakeGistWriter(lines, judge="perhaps"))
    assert (stats.written, stats.fell_back) == (2, 0)


def test_a_line_with_a_name_or_a_claim_its_sentences_lack_falls_back_to_a_quote() -> None:
    writer = FakeGistWriter(
        "1. Pakistan declares war on India.\n2. Offers to mediate between the two countries."
    )
    brief, stats = word_gists(_brief(), writer)
    assert (stats.written, stats.fell_back) == (0, 2)
    assert all(g.text.startswith("“") and not g.written for g in brief.actors[0].gists)


def _one_gist_brief(quotes: list[str], name: str = "Pakistan") -> Brief:
    citations = [Citation(source=n, sentence=1, quote=q) for n, q in enumerate(quotes, 1)]
    position = BriefPosition(says="x", stance="offers_mediation", citations=citations)
    actor = BriefActor(name=name, kind="state", sources=[1], positions=[position])
    keyed = actor.model_copy(update={"key": True, "gists": gists_of(actor)})
    return Brief(title="t", bottom_line=[], actors=[keyed], timeline=[], outcomes=[], sources=[])


def test_a_line_no_single_quote_supports_stays_quoted() -> None:
    """Each sentence holds half of the line: a reader checking the quote under it would
    find only half, so the line is not kept."""
    brief = _one_gist_brief([
        "Pakistan offered to host talks between Iran and the United States.",
        "Pakistan said the talks should begin in March.",
    ])  # fmt: skip
    writer = FakeGistWriter("1. Offers to host talks between Iran and the US in March.")
    worded, stats = word_gists(brief, writer)
    assert (stats.written, stats.fell_back) == (0, 1)
    assert not worded.actors[0].gists[0].written


def test_the_quote_under_a_line_keeps_the_lead_the_line_rests_on() -> None:
    lead = (
        "Yesterday, renewing his offer of mediation between Iran and the US, the prime "
        "minister of Pakistan said that his country would not become part of another war."
    )
    told = (
        "On Sunday the foreign minister of Pakistan told envoys of several states that "
        "Islamabad will not allow its territory to be used for any regional conflict."
    )
    offer, _ = word_gists(
        _one_gist_brief([lead]), FakeGistWriter("1. Offers mediation between Iran and the US.")
    )
    assert offer.actors[0].gists[0].written
    assert offer.actors[0].gists[0].said == lead  # the offer is in the lead
    soil, _ = word_gists(_one_gist_brief([told]), FakeGistWriter(
        "1. Will not allow its territory to be used for any regional conflict."
    ))  # fmt: skip
    assert soil.actors[0].gists[0].written
    assert soil.actors[0].gists[0].said.startswith("…Islamabad will not allow")


def test_a_written_line_cites_the_sentences_that_say_it_not_its_whole_group() -> None:
    brief = _one_gist_brief([
        "Pakistan offered to mediate between Iran and the United States.",
        "Pakistan said it was ready to help end the crisis in the Gulf.",
        "Pakistan again offered to mediate between Iran and the United States on Sunday.",
    ])  # fmt: skip
    worded, stats = word_gists(
        brief, FakeGistWriter("1. Offers to mediate between Iran and the US.")
    )
    gist = worded.actors[0].gists[0]
    assert stats.written == 1 and gist.written
    assert [c.source for c in gist.citations] == [1, 3]  # not 2, which says no offer
    assert gist.sources == 2 and gist.quote.source == 1  # the shorter that says it


def test_a_writer_that_fails_leaves_every_gist_quoted() -> None:
    brief, stats = word_gists(_brief(), FakeGistWriter(None))
    assert (stats.written, stats.fell_back) == (0, 2)


def test_the_check_names_what_the_sentences_do_not_say() -> None:
    assert unsupported("Pakistan struck India on 5 March", QUOTES) == ["5", "March", "India"]
    assert unsupported("Urges restraint", QUOTES) == []
    assert restates("Urges both sides to show restraint", QUOTES)
    assert not restates("Offers to mediate between the two countries", QUOTES)


def test_the_seed_brief_is_one_page_with_at_most_eight_actors_each_speaking_or_acting() -> None:
    result = CliRunner().invoke(app, ["--replay", str(FIXTURES), "-q", "summarize", str(SEEDS)])
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert count_words(page) <= 800
    assert len(page.split()) <= 800  # as `wc -w` counts, table pipes and marks included
    actors = page.split("## Key actors and positions")[1].split("## Timeline")[0]
    headings = re.findall(r"^### (.+)$", actors, re.M)
    assert 1 <= len(headings) <= 8
    for block in actors.split("### ")[1:]:
        assert "\n- *" in block  # every heading has a gist, or the actor's acts, under it
    timeline = page.split("## Timeline")[1].split("## Outcomes")[0]
    assert len(re.findall(r"^\| \d{4}|^\| undated", timeline, re.M)) <= 12
    # The drone strike that killed Soleimani: the United States did it.
    assert (
        "| 2020-01-03 | The United States killed Qasem Soleimani in Baghdad | [2][3] |" in timeline
    )
    assert "contributed to this report" not in timeline
    bottom = page.split("## Bottom line")[1].split("##")[0]
    # Iran's strike on Pakistan and Pakistan's answer two days later, one episode in one
    # sentence (Iran's read from "two days after Tehran struck…"), then the foreign
    # ministers' talks the next day (dated by "a day after Pakistan carried out strikes");
    # before them Pakistan's refusal to join the US–Iran conflict. Told by one source
    # only: that source's report. Jilani named first here: who he is, from his article.
    told = (
        r"According to one source, on 16 January 2024, Iran struck Pakistan, and on "
        r"18 January 2024, Pakistan launched air strikes on insurgents in Iran; then, on "
        r"19 January 2024, Pakistan's foreign minister Jalil Abbas Jilani held talks with "
        r"Iran's foreign minister Hossein Amirabdollahian \[5\]\."  # his "Iranian counterpart"
    )
    assert re.search(told, bottom)
    # Pakistan's refusal to take sides (May 2019) and its minister's, told as one side's.
    refusal = re.search(
        r"In May 2019, Pakistan [^.]* will not take sides [^.]*, and in January 2020, "
        r"[^.]*any regional conflict \[1\]\[2\]\.",  # [2] says it; [3]'s words do not
        bottom,
    )
    assert refusal is not None
    assert bottom.index(refusal.group(0)) < bottom.index("on 18 January 2024")


def test_detail_full_keeps_every_attributed_sentence() -> None:
    brief_page = CliRunner().invoke(app, ["--replay", str(FIXTURES), "-q", "summarize",
                                          str(SEEDS)]).stdout  # fmt: skip
    full = (
        CliRunner()
        .invoke(app, ["--replay", str(FIXTURES), "-q", "summarize", str(SEEDS), "--detail", "full"])
        .stdout
    )
    assert count_words(full) > count_words(brief_page)
    assert "He emphasised that all parties to the conflict" in full


def test_a_written_bottom_line_keeps_sentences_that_retell_facts_and_nothing_more() -> None:
    facts = [
        Fact("On 18 January 2024, Pakistan struck Iran.", (5,), ()),
        Fact("In January 2020, Qureshi said Pakistan will not take sides.", (1, 4), ()),
        Fact("On 8 January 2020, Iran attacked the United States.", (3,), ()),
    ]
    answer = (
        "In January 2020, Qureshi said Pakistan will not take sides; "
        "on 18 January 2024 Pakistan struck Iran. "  # two facts in one sentence
        "Iran attacked the United States on 8 January 2020, which led to war. "  # a cause
        "In response India declared war on 18 January 2024. "  # retells nothing
        "Pakistan regrets nothing."
    )
    kept, told = retold_sentences(answer, facts)
    # Cited by what it retells, not by what the model claims: the model gives no marks.
    assert [(s.text, s.sources) for s in kept] == [
        (
            "In January 2020, Qureshi said Pakistan will not take sides; on 18 January 2024 "
            "Pakistan struck Iran.",
            [1, 4, 5],
        )
    ]
    assert told == 2  # the attack on the United States is not retold: no model bottom line


def test_a_written_bottom_line_replaces_the_plain_one_only_when_it_retells_every_fact() -> None:
    brief = retold(_brief())
    assert len(brief.bottom_line) >= 3
    facts = facts_of(brief)
    whole = " ".join(f.text for f in facts)
    written, worded = write_bottom_line(brief, FakeGistWriter(whole))
    assert worded and [s.text for s in written.bottom_line] == [f.text for f in facts]
    short = " ".join(f.text for f in facts[:-1])
    written, worded = write_bottom_line(brief, FakeGistWriter(short))
    assert not worded and written.bottom_line == brief.bottom_line


def test_a_bottom_line_whose_sentences_fail_keeps_the_one_from_the_timeline() -> None:
    brief = _brief()
    written, worded = write_bottom_line(brief, FakeGistWriter("Nothing cites anything here."))
    assert not worded and written.bottom_line == brief.bottom_line


def test_compare_shows_positions_as_gists_and_acts_as_headlines() -> None:
    result = CliRunner().invoke(app, ["--replay", str(FIXTURES), "-q", "compare", "2020", "2024"])
    assert result.exit_code == 0, result.output
    # Pakistan took up arms in 2024 where it had taken none in 2020: that is the trend.
    assert "Trend: **deteriorated**" in result.stdout
    assert (
        "Pakistan launched air strikes on insurgents in Iran on 18 January 2024, where before "
        "it had taken no" in (result.stdout)
    )
    then_and_now = result.stdout.split("## Positions then and now")[1].split("## Events")[0]
    # The recorded model's "Pakistan calls for restraint" fails the meaning check (its
    # sentences say Pakistan "has no interest or desire in escalation"): the quote stands,
    # from what was said, not from "The contact follows a call between Jilani and …".
    assert "- 2024: *calls for restraint* — “…Pakistan has no interest or desire" in then_and_now
    assert "Pakistan calls for restraint [3]" not in then_and_now
    assert "- 2024: acted — Pakistan launched air strikes on insurgents in Iran [3]" in then_and_now
    assert (
        "- 2020: acted — The United States killed Qasem Soleimani in Baghdad [1][2]" in then_and_now
    )
    side_by_side = result.stdout.split("## Events side by side")[1]
    assert (
        "| 2020-01-03: The United States killed Qasem Soleimani in Baghdad [1][2] |" in side_by_side
    )


class FakeGroupWriter:
    """Not a model: a bad second line when asked about both groups, a good one alone."""

    concurrent = False
    name = "fake-group-writer"

    def __init__(self) -> None:
        self.asked: list[ChatRequest] = []

    def complete(self, request: ChatRequest) -> ChatResponse:
        if request.schema_name == "judge":
            return ChatResponse('{"supported": "yes"}', "stop")
        self.asked.append(request)
        groups = request.messages[-1]["content"].count("\n")  # one line per group
        if groups > 1:
            return ChatResponse(
                "1. Pakistan will not take sides in the confrontation.\n"
                "2. Pakistan urges Bajwa to attack India.", "stop"
            )  # fmt: skip
        return ChatResponse("1. Urges Tehran and Washington to show restraint.", "stop")


def test_a_gist_that_fails_is_asked_again_alone_before_it_falls_back() -> None:
    writer = FakeGroupWriter()
    brief, stats = word_gists(_brief(), writer)
    texts = sorted(g.text for g in brief.actors[0].gists)
    assert texts == [
        "Pakistan will not take sides in the confrontation",
        "Urges Tehran and Washington to show restraint",
    ]
    assert (stats.written, stats.fell_back) == (2, 0) and len(writer.asked) == 2


def test_a_name_is_found_as_a_whole_word_only() -> None:
    sentence = "Washington's decision has fueled tensions in the precarious security situation."
    assert unsupported("Pakistan warns of a US deployment", [sentence], known=["Pakistan"]) == [
        "US"
    ]


def test_a_retold_sentence_cites_only_the_facts_it_retells() -> None:
    facts = [
        Fact("On 11 March 2025, Donald Trump imposed tariffs.", (2,), ()),
        Fact("On 12 March 2025, Donald Trump imposed tariffs.", (4,), ()),
        Fact("In March 2025, Trump calls for restraint.", (5,), ()),
    ]
    kept, told = retold_sentences("On March 11, 2025, Donald Trump imposed tariffs.", facts)
    assert [(s.text, s.sources) for s in kept] == [
        ("On March 11, 2025, Donald Trump imposed tariffs.", [2])
    ]
    assert told == 1


def test_a_stance_its_sentences_do_not_show_is_not_shown() -> None:
    def gist(quote: str) -> Gist:
        citation = Citation(source=1, sentence=1, quote=quote)
        position = BriefPosition(says="x", stance="calls_for_restraint", citations=[citation])
        actor = BriefActor(name="Pakistan", kind="state", sources=[1], positions=[position])
        return gists_of(actor)[0]

    cued = gist("Pakistan urged both sides to show restraint.")
    bare = gist("The president said the tariffs would take effect on Wednesday morning.")
    assert (cued.cued, stance_label(cued)) == (True, "calls for restraint")
    assert (bare.cued, stance_label(bare)) == (False, "says")


def test_positions_whose_words_show_no_stance_are_each_their_own_gist() -> None:
    def position(source: int, quote: str) -> BriefPosition:
        citation = Citation(source=source, sentence=1, quote=quote)
        return BriefPosition(says="x", stance="calls_for_restraint", citations=[citation])

    uncued = [position(1, "The envoy hopes the charter will restore the rule of law."),
              position(2, "The envoy called for a credible and inclusive government.")]  # fmt: skip
    cued = [position(1, "The envoy urged restraint on all sides."),
            position(2, "The envoy again called for restraint.")]  # fmt: skip
    for positions, gists in ((uncued, 2), (cued, 1)):
        actor = BriefActor(name="Envoy", kind="person", sources=[1, 2], positions=positions)
        found = gists_of(actor)
        assert len(found) == gists, found
        assert all(g.sources == 3 - gists for g in found)


def test_a_fact_is_retold_only_with_its_roles_in_order_and_how_it_is_known() -> None:
    facts = [
        Fact("On 11 March 2025, al-Shabab attacked Somalia (claimed).", (1, 2), ()),
        Fact("Somalia attacked al-Shabab.", (2,), ()),
    ]
    swapped = "On 11 March 2025, al-Shabab attacked Somalia, a claimed attack."
    assert retold_sentences(swapped, facts)[1] == 1  # not also "Somalia attacked al-Shabab"
    unhedged = "On 11 March 2025, al-Shabab attacked Somalia. Somalia then attacked al-Shabab."
    kept, told = retold_sentences(unhedged, facts)
    assert told == 1 and [k.text for k in kept] == ["Somalia then attacked al-Shabab."]
    moved = "Al-Shabab attacked Somalia on 11 March 2025, a claimed attack."
    assert retold_sentences(moved, facts)[1] == 1  # the date may move


def test_a_bottom_line_sentence_the_model_judge_refuses_is_not_kept() -> None:
    facts = [Fact("On 12 March 2025, Somalia attacked al-Shabab.", (2,), ())]
    answer = "On 12 March 2025, Somalia attacked al-Shabab."
    assert retold_sentences(answer, facts)[1] == 1  # the rules alone keep it
    no, yes = FakeGistWriter(None, judge="no"), FakeGistWriter(None, judge="yes")
    assert retold_sentences(answer, facts, no) == ([], 0)
    assert retold_sentences(answer, facts, yes)[1] == 1
    assert len(no.judged) == len(yes.judged) == 1


def test_a_yes_or_no_answer_is_read_strictly() -> None:
    from brief.models import parse_yes_no

    assert parse_yes_no('{"supported": "yes"}') is True
    assert parse_yes_no('{"supported": "No"}') is False
    assert parse_yes_no("no.") is False
    assert parse_yes_no('{"supported": "maybe"}') is None
    assert parse_yes_no('{"supported": ') is None  # cut off: no answer, not a "no"
    assert parse_yes_no(None) is None


def test_a_line_that_takes_a_stance_its_sentences_words_do_not_show_falls_back() -> None:
    # "will not take sides" shows neutrality, not concern: the concern is the writer's,
    # though the meaning check alone lets "and is concerned" through.
    writer = FakeGistWriter(
        "1. Pakistan will not take sides in the current confrontation and is concerned.\n"
        "2. Urges Tehran and Washington to show restraint."
    )
    brief, stats = word_gists(_brief(), writer)
    assert (stats.written, stats.fell_back) == (1, 1)
    neutral = next(g for g in brief.actors[0].gists if g.stance == "neutral")
    assert not neutral.written and neutral.text.startswith("“")
