"""merge_summaries: actor resolution, folding, ordering, outcomes and the bottom line."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import string
from collections.abc import Sequence

import pytest

from brief.assemble.merge import merge_summaries
from brief.render.markdown import render_brief_markdown
from brief.schema import (
    ActorKind,
    Article,
    ArticleExtraction,
    ArticleSummary,
    Brief,
    BriefActor,
    CitedSentence,
    DateBasis,
    EventCategory,
    EventStatus,
    ExtractedActor,
    ExtractedEvent,
    ExtractedPosition,
    Skipped,
    Stance,
    parse_event_date,
)
from brief_helpers import all_citations, marked

# ---------------------------------------------------------------------------- helpers


def make_article(
    sentences: Sequence[str],
    *,
    path: str = "article.txt",
    date: dt.date | None = None,
    basis: DateBasis | None = None,
    title: str | None = None,
) -> Article:
    text = " ".join(sentences)
    return Article(
        id=hashlib.sha256(f"{path}\n{text}".encode()).hexdigest()[:16],
        path=path,
        title=title or f"Story from {path}",
        text=text,
        sentences=tuple(sentences),
        date=date,
        date_basis=basis or ("metadata" if date else None),
        date_evidence="date field" if date else None,
    )


def actor(
    name: str, kind: ActorKind = "person", country: str | None = None, role: str | None = None
) -> ExtractedActor:
    return ExtractedActor(name=name, kind=kind, country=country, role=role)


def pakistani_fm(name: str) -> ExtractedActor:
    return actor(name, "person", "Pakistan", "Foreign Minister")


def position(
    who: str,
    sentences: list[int],
    says: str,
    stance: Stance = "calls_for_restraint",
    toward: str | None = None,
) -> ExtractedPosition:
    return ExtractedPosition(
        actor=who, sentences=sentences, says=says, stance=stance, toward=toward
    )


def event(
    sentences: list[int],
    what: str,
    *,
    who: str | None = None,
    whom: str | None = None,
    date: str | None = None,
    status: EventStatus = "happened",
    category: EventCategory = "statement",
    when: str | None = None,
) -> ExtractedEvent:
    return ExtractedEvent(
        sentences=sentences,
        what=what,
        actor=who,
        target=whom,
        date=date,
        status=status,
        category=category,
        when=when,
    )


def summary(
    article: Article,
    actors: Sequence[ExtractedActor] = (),
    positions: Sequence[ExtractedPosition] = (),
    events: Sequence[ExtractedEvent] = (),
) -> ArticleSummary:
    # model_construct: the per-answer list bounds do not apply to an article joined from
    # several parts, which is what the larger generated articles stand for.
    extraction = ArticleExtraction.model_construct(
        actors=list(actors), positions=list(positions), events=list(events)
    )
    return ArticleSummary(article=article, extraction=extraction)


def mentions_only(names: Sequence[tuple[str, ActorKind]], path: str = "a.txt") -> ArticleSummary:
    """An article that names these (name, kind) actors and says nothing else."""
    article = make_article([f"{name} was mentioned." for name, _ in names], path=path)
    return summary(article, [actor(name, kind) for name, kind in names])


def by_name(brief: Brief, name: str) -> BriefActor:
    matches = [a for a in brief.actors if a.name == name]
    assert len(matches) == 1, [a.name for a in brief.actors]
    return matches[0]


def actor_holding(brief: Brief, surface: str) -> BriefActor:
    holders = [a for a in brief.actors if a.name == surface or surface in a.aliases]
    assert len(holders) == 1, (surface, [(a.name, a.aliases) for a in brief.actors])
    return holders[0]


# ------------------------------------------------------------------ actor resolution


def test_qureshi_spellings_and_titles_become_one_actor() -> None:
    forms = [
        "Shah Mahmood Qureshi",
        "Shah Mehmood Qureshi",
        "Qureshi",
        "FM Qureshi",
        "Foreign Minister Shah Mahmood Qureshi",
    ]
    summaries = [mentions_only([(f, "person")], path=f"{i}.txt") for i, f in enumerate(forms)]
    summaries.append(mentions_only([("Shah Mahmood Qureshi", "person")], path="9.txt"))

    brief = merge_summaries(summaries)

    assert [a.name for a in brief.actors] == ["Shah Mahmood Qureshi"]
    qureshi = brief.actors[0]
    assert qureshi.kind == "person"
    assert qureshi.aliases == sorted(f for f in forms if f != "Shah Mahmood Qureshi")
    assert qureshi.sources == [1, 2, 3, 4, 5, 6]


def test_united_states_forms_become_one_state() -> None:
    forms = ["US", "U.S.", "USA", "United States", "United States of America", "America",
             "Washington", "the United States"]  # fmt: skip
    brief = merge_summaries([mentions_only([(f, "state") for f in forms])])

    assert len(brief.actors) == 1
    us = brief.actors[0]
    assert us.name == "United States"
    assert set(us.aliases) == set(forms) - {"United States"}


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("Tehran", "Iran"),
        ("Islamic Republic of Iran", "Iran"),
        ("Islamabad", "Pakistan"),
        ("Moscow", "Russia"),
        ("Russian Federation", "Russia"),
        ("Beijing", "China"),
        ("Kyiv", "Ukraine"),
        ("Kiev", "Ukraine"),
        ("Riyadh", "Saudi Arabia"),
        ("Türkiye", "Turkey"),
        ("Ankara", "Turkey"),
        ("UAE", "United Arab Emirates"),
        ("UN", "United Nations"),
        ("U.N.", "United Nations"),
        ("EU", "European Union"),
    ],
)
def test_gazetteer_names_resolve_to_one_actor(surface: str, canonical: str) -> None:
    kind: ActorKind = (
        "organization" if canonical in {"United Nations", "European Union"} else "state"
    )
    brief = merge_summaries([mentions_only([(surface, kind), (canonical, kind)])])

    assert [(a.name, a.aliases) for a in brief.actors] == [(canonical, [surface])]


def test_gazetteer_kind_wins_over_a_wrong_model_kind() -> None:
    brief = merge_summaries([mentions_only([("Tehran", "organization"), ("Iran", "state")])])

    assert [(a.name, a.kind) for a in brief.actors] == [("Iran", "state")]


def test_fuzzy_spellings_of_full_names_merge_with_surname() -> None:
    brief = merge_summaries(
        [
            mentions_only([("Sergei Lavrov", "person"), ("Qasem Soleimani", "person")], "1.txt"),
            mentions_only([("Sergey Lavrov", "person"), ("Qassem Soleimani", "person")], "2.txt"),
            mentions_only([("Lavrov", "person"), ("Soleimani", "person")], "3.txt"),
            mentions_only([("Qasem Soleimani", "person")], "4.txt"),
        ]
    )

    # The most frequent full form names the actor; "Sergei" wins a tie alphabetically.
    assert sorted(a.name for a in brief.actors) == ["Qasem Soleimani", "Sergei Lavrov"]
    assert by_name(brief, "Sergei Lavrov").aliases == ["Lavrov", "Sergey Lavrov"]
    assert by_name(brief, "Qasem Soleimani").aliases == ["Qassem Soleimani", "Soleimani"]


def test_imran_khan_and_ismail_khan_stay_apart() -> None:
    brief = merge_summaries(
        [
            mentions_only([("Imran Khan", "person")], "1.txt"),
            mentions_only([("Ismail Khan", "person")], "2.txt"),
            mentions_only([("Prime Minister Imran Khan", "person")], "3.txt"),
        ]
    )

    assert sorted(a.name for a in brief.actors) == ["Imran Khan", "Ismail Khan"]
    assert by_name(brief, "Ismail Khan").aliases == []


def test_surname_shared_by_two_people_is_not_guessed() -> None:
    brief = merge_summaries(
        [
            mentions_only([("Imran Khan", "person")], "1.txt"),
            mentions_only([("Ismail Khan", "person")], "2.txt"),
            mentions_only([("Khan", "person")], "3.txt"),
        ]
    )

    assert sorted(a.name for a in brief.actors) == ["Imran Khan", "Ismail Khan", "Khan"]


def test_surname_follows_the_person_its_own_article_names() -> None:
    # Globally "Khan" is ambiguous, but this article only names Imran Khan.
    brief = merge_summaries(
        [
            mentions_only([("Ismail Khan", "person")], "1.txt"),
            mentions_only([("Imran Khan", "person"), ("Khan", "person")], "2.txt"),
        ]
    )

    assert sorted(a.name for a in brief.actors) == ["Imran Khan", "Ismail Khan"]
    assert by_name(brief, "Imran Khan").aliases == ["Khan"]


def test_shorter_form_joins_the_one_longer_name_containing_it() -> None:
    brief = merge_summaries(
        [
            mentions_only([("Mohammad Javad Zarif", "person")], "1.txt"),
            mentions_only([("Javad Zarif", "person")], "2.txt"),
            mentions_only([("George W. Bush", "person"), ("George H. W. Bush", "person")]),
            mentions_only([("George Bush", "person")], "4.txt"),
        ]
    )

    assert by_name(brief, "Mohammad Javad Zarif").aliases == ["Javad Zarif"]
    # Contained in two different people: left alone.
    assert "George Bush" in [a.name for a in brief.actors]


def test_hyphenation_and_particles_do_not_split_a_person() -> None:
    brief = merge_summaries(
        [
            mentions_only([("Hossein Amir-Abdollahian", "person")], "1.txt"),
            mentions_only([("Hossein Amirabdollahian", "person")], "2.txt"),
            mentions_only([("Mohamed Ali al-Hakim", "person"), ("al-Hakim", "person")], "3.txt"),
        ]
    )

    assert len(brief.actors) == 2
    assert actor_holding(brief, "al-Hakim").name == "Mohamed Ali al-Hakim"


def test_a_person_is_never_merged_into_a_state() -> None:
    brief = merge_summaries([mentions_only([("Washington", "person"), ("US", "state")])])

    assert sorted((a.name, a.kind) for a in brief.actors) == [
        ("United States", "state"),
        ("Washington", "person"),
    ]


def test_role_reference_resolves_to_the_articles_official() -> None:
    article = make_article(["Pakistan's foreign minister said the region cannot afford war."])
    brief = merge_summaries(
        [
            summary(
                article,
                [
                    actor("Shah Mahmood Qureshi", country="Pakistan", role="Foreign Minister"),
                    actor("Sergei Lavrov", country="Russia", role="Foreign Minister"),
                ],
                [position("Pakistan's foreign minister", [1], "The region cannot afford war")],
            )
        ]
    )

    qureshi = by_name(brief, "Shah Mahmood Qureshi")
    assert qureshi.aliases == ["Pakistan's foreign minister"]
    assert len(qureshi.positions) == 1


def test_canonical_name_kind_country_role_by_majority() -> None:
    brief = merge_summaries(
        [
            summary(make_article(["x"], path="1.txt"), [actor("Sergey Lavrov", country="Russia")]),
            summary(
                make_article(["y"], path="2.txt"),
                [actor("Sergei Lavrov", country="Moscow", role="Foreign Minister")],
            ),
            summary(make_article(["z"], path="3.txt"), [actor("Sergei Lavrov", role="FM")]),
        ]
    )

    lavrov = brief.actors[0]
    assert (lavrov.name, lavrov.country, lavrov.role) == (
        "Sergei Lavrov",
        "Russia",
        "Foreign Minister",
    )


def test_seed_articles_actor_aliases_merge_like_the_gold_annotations() -> None:
    # Names and aliases from /work/shared/gold/seeds.gold.json (articles 000, 002, 003),
    # each fed as the model might write it.
    gold = {
        "Shah Mahmood Qureshi": ["Qureshi", "Shah Mehmood Qureshi", "Foreign Minister Qureshi"],
        "Sergei Lavrov": ["Lavrov", "Sergey Lavrov"],
        "Imran Khan": ["Khan", "Prime Minister Imran Khan", "Prime Minister Imran"],
        "Qamar Javed Bajwa": ["Bajwa", "Gen Qamar Javed Bajwa"],
        "Hossein Amirabdollahian": ["Amirabdollahian", "Hossein Amir-Abdollahian"],
        "Anwaar-ul-Haq Kakar": ["Kakar"],
        "Mohamed Ali al-Hakim": ["al-Hakim", "Hakim"],
    }
    states = {
        "Pakistan": ["Islamabad"],
        "Russia": ["Moscow", "Russian Federation"],
        "Iran": ["Tehran", "Islamic Republic of Iran"],
        "United States": ["US", "U.S.", "USA", "Washington", "America"],
        "Ukraine": ["Kyiv", "Kiev"],
        "Turkey": ["Türkiye"],
        "China": ["Beijing"],
    }
    summaries = [
        # The canonical form twice: the most frequent full form names the actor.
        mentions_only([(name, "person") for name in [n, n, *aliases]], f"p{i}.txt")
        for i, (n, aliases) in enumerate(gold.items())
    ] + [
        mentions_only([(name, "state") for name in [n, *aliases]], f"s{i}.txt")
        for i, (n, aliases) in enumerate(states.items())
    ]

    brief = merge_summaries(summaries)

    expected = {**gold, **states}
    assert {a.name: sorted(a.aliases) for a in brief.actors} == {
        name: sorted(aliases) for name, aliases in expected.items()
    }


# ------------------------------------------------------------------------- positions


def test_position_actor_not_listed_creates_the_actor() -> None:
    article = make_article(
        [
            "Former foreign minister Hina Rabbani Khar called it a stupid move.",
            "The Foreign Office urged calm.",
            "Tehran warned of consequences.",
        ]
    )
    brief = merge_summaries(
        [
            summary(
                article,
                [actor("Iran", "state")],
                [
                    position("Hina Rabbani Khar", [1], "The strike was wrong", "condemns"),
                    position("Foreign Office", [2], "Calm is needed"),
                    position("Tehran", [3], "There will be consequences", "warns_or_threatens"),
                ],
            )
        ]
    )

    assert by_name(brief, "Hina Rabbani Khar").kind == "person"
    assert by_name(brief, "Foreign Office").kind == "organization"
    iran = by_name(brief, "Iran")
    assert iran.aliases == ["Tehran"]
    assert [p.says for p in iran.positions] == ["There will be consequences"]


def test_duplicate_positions_across_articles_fold_with_all_citations() -> None:
    first = make_article(
        ["Intro.", "Qureshi said all parties must show maximum restraint."],
        path="1.txt",
        date=dt.date(2020, 1, 5),
    )
    second = make_article(
        ["Shah Mehmood Qureshi urged all parties to show restraint."],
        path="2.txt",
        date=dt.date(2020, 1, 10),
    )
    brief = merge_summaries(
        [
            summary(
                second,
                [actor("Shah Mehmood Qureshi")],
                [position("Shah Mehmood Qureshi", [1], "All parties must show restraint")],
            ),
            summary(
                first,
                [actor("Shah Mahmood Qureshi")],
                [position("Qureshi", [2], "All parties must show maximum restraint")],
            ),
        ]
    )

    (qureshi,) = brief.actors
    (folded,) = qureshi.positions
    assert [(c.source, c.sentence) for c in folded.citations] == [(1, 2), (2, 1)]
    assert folded.says == "All parties must show maximum restraint"  # the earliest wording
    assert [c.quote for c in folded.citations] == [first.sentence(2), second.sentence(1)]


def test_positions_in_one_article_fold_on_a_shared_sentence_only() -> None:
    article = make_article(["Qureshi urged restraint.", "He also asked for dialogue.", "End."])
    brief = merge_summaries(
        [
            summary(
                article,
                [actor("Shah Mahmood Qureshi")],
                [
                    position("Qureshi", [1], "Wants restraint"),
                    position("Qureshi", [1, 2], "Calls for de-escalation and talks"),
                    position("Qureshi", [3], "Something else entirely"),
                    position("Qureshi", [1], "Wants restraint", stance="expresses_concern"),
                ],
            )
        ]
    )

    positions = brief.actors[0].positions
    assert [(p.says, p.stance, [c.sentence for c in p.citations]) for p in positions] == [
        ("Wants restraint", "calls_for_restraint", [1, 2]),
        ("Wants restraint", "expresses_concern", [1]),
        ("Something else entirely", "calls_for_restraint", [3]),
    ]


def test_different_claims_by_one_actor_stay_apart() -> None:
    brief = merge_summaries(
        [
            summary(
                make_article(["Pakistan wants peace."], path="1.txt"),
                [actor("Pakistan", "state")],
                [position("Pakistan", [1], "Pakistan wants peace in the region")],
            ),
            summary(
                make_article(["Pakistan condemned the strike."], path="2.txt"),
                [actor("Pakistan", "state")],
                [position("Pakistan", [1], "Iran violated its airspace", "calls_for_restraint")],
            ),
        ]
    )

    assert len(brief.actors[0].positions) == 2


def test_toward_is_shown_with_the_canonical_name() -> None:
    brief = merge_summaries(
        [
            summary(
                make_article(["China offered to mediate between Tehran and Islamabad."]),
                [actor("China", "state"), actor("Iran", "state")],
                [position("Beijing", [1], "Offers to mediate", "offers_mediation", "Tehran")],
            )
        ]
    )

    assert by_name(brief, "China").positions[0].toward == "Iran"


def test_every_quote_is_the_articles_own_sentence() -> None:
    brief, articles = _crisis_brief()
    for cited in all_citations(brief):
        article = articles[brief.sources[cited.source - 1].article_id]
        assert cited.quote == article.sentence(cited.sentence)


def test_citations_out_of_range_are_dropped() -> None:
    article = make_article(["Only one sentence."])
    # Built without the validation context, as a careless caller might.
    brief = merge_summaries(
        [
            summary(
                article,
                [actor("Pakistan", "state")],
                [
                    position("Pakistan", [1, 7], "Says something"),
                    position("Pakistan", [9], "Cites nothing real", "condemns"),
                ],
                [event([0, 5], "Nothing real happened")],
            )
        ]
    )

    (pakistan,) = brief.actors
    assert [[c.sentence for c in p.citations] for p in pakistan.positions] == [[1]]
    assert brief.timeline == []


# ---------------------------------------------------------------------------- sources


def test_sources_are_numbered_by_date_undated_last_then_path() -> None:
    summaries = [
        summary(make_article(["a"], path="b.txt")),
        summary(make_article(["b"], path="z.txt", date=dt.date(2020, 1, 5))),
        summary(make_article(["c"], path="a.txt")),
        summary(make_article(["d"], path="y.txt", date=dt.date(2019, 5, 24))),
        summary(make_article(["e"], path="x.txt", date=dt.date(2020, 1, 5))),
    ]

    brief = merge_summaries(summaries)

    assert [(s.number, s.path) for s in brief.sources] == [
        (1, "y.txt"),
        (2, "x.txt"),
        (3, "z.txt"),
        (4, "a.txt"),
        (5, "b.txt"),
    ]
    assert (brief.period_start, brief.period_end) == (dt.date(2019, 5, 24), dt.date(2020, 1, 5))


def test_same_article_twice_is_one_source() -> None:
    article = make_article(["Pakistan urged calm.", "Iran warned."])
    brief = merge_summaries(
        [
            summary(article, [actor("Pakistan", "state")]),
            summary(article, [actor("Iran", "state")]),
        ]
    )

    assert len(brief.sources) == 1
    assert sorted(a.name for a in brief.actors) == ["Iran", "Pakistan"]


def test_period_falls_back_to_event_dates() -> None:
    brief = merge_summaries(
        [
            summary(
                make_article(["Strike.", "Talks."]),
                events=[
                    event([1], "Strike", date="2024-01-16", category="strike"),
                    event([2], "Talks", date="2024-01-19", category="talks"),
                ],
            )
        ]
    )

    assert (brief.period_start, brief.period_end) == (dt.date(2024, 1, 16), dt.date(2024, 1, 19))


def test_skipped_is_copied_and_title_argument_wins() -> None:
    skipped = [Skipped(path="bad.pdf", reason="not a text file")]
    brief = merge_summaries([], skipped=skipped, title="My brief")

    assert brief.skipped == skipped
    assert brief.title == "My brief"
    assert brief.sources == [] and brief.actors == [] and brief.timeline == []


def test_default_title_names_the_two_most_prominent_states() -> None:
    brief, _ = _crisis_brief()

    # Both are in two sources; Pakistan also states a position.
    assert brief.title == "Crisis brief: Pakistan and Iran"


def test_the_title_names_a_second_party_only_when_most_sources_are_about_it() -> None:
    from brief.assemble.merge import _default_title

    def party(name: str, principal: int, acts: int = 0) -> BriefActor:
        return BriefActor(
            name=name, kind="state", principal_in=list(range(1, principal + 1)),
            sources=[1, 2, 3], acts=acts,
        )  # fmt: skip

    # named in passing in every source is not what the brief is about
    mexico = BriefActor(name="Mexico", kind="state", sources=[1, 2, 3])
    assert _default_title([party("Canada", 3, acts=1), mexico, party("United States", 3)]) == (
        "Crisis brief: Canada and United States"
    )
    # one source in two is not more than half
    assert _default_title([party("United States", 1), party("Syria", 2)]) == ("Crisis brief: Syria")
    person = BriefActor(name="Geir Pedersen", kind="person")
    assert _default_title([person]) == "Crisis brief: Geir Pedersen"


# --------------------------------------------------------------------------- timeline


def test_timeline_sorted_by_date_with_undated_last_and_month_precision() -> None:
    article = make_article(["One.", "Two.", "Three.", "Four."])
    brief = merge_summaries(
        [
            summary(
                article,
                events=[
                    event([1], "Undated protest", when="on Sunday"),
                    event([2], "Talks in January", date="2020-01", category="talks"),
                    event([3], "Drone strike", date="2020-01-03", category="strike"),
                    event([4], "Earlier warning", date="2019-12-30", category="threat"),
                ],
            )
        ]
    )

    assert [(e.what, e.date, e.date_precision) for e in brief.timeline] == [
        ("Earlier warning", dt.date(2019, 12, 30), "day"),
        # an act dated only to its month after the days of that month
        ("Drone strike", dt.date(2020, 1, 3), "day"),
        ("Talks in January", dt.date(2020, 1, 1), "month"),
        ("Undated protest", None, None),
    ]
    assert brief.timeline[-1].when == "on Sunday"


def test_the_bottom_line_tells_a_months_act_after_the_days_of_that_month() -> None:
    article = make_article(
        [
            "Canada imposed new tariffs on U.S. exports.",
            "On Tuesday Trump doubled the tariff on Canada's steel.",
        ],
        date=dt.date(2025, 3, 13),
    )
    brief = merge_summaries(
        [
            summary(
                article,
                actors=[actor("Canada", "state"), actor("Donald Trump", "person")],
                events=[
                    event(
                        [1],
                        "Canada's tariffs",
                        who="Canada",
                        whom="United States",
                        date="2025-03",
                        category="sanction",
                    ),
                    event(
                        [2],
                        "Trump's tariffs",
                        who="Donald Trump",
                        whom="Canada",
                        date="2025-03-11",
                        category="sanction",
                    ),
                ],  # fmt: skip
            )
        ]
    )
    told = " ".join(sentence.text for sentence in brief.bottom_line)
    assert "Donald Trump" in told and "Canada imposed" in told
    assert told.index("Donald Trump") < told.index("Canada imposed")


def test_the_dead_told_without_a_doer_by_two_reports_are_one_row() -> None:
    def killed(path: str, day: dt.date, place: str = "L'Estere") -> ArticleSummary:
        article = make_article(["Arnel Joseph was killed Friday."], path=path, date=day)
        told = event([1], "Arnel Joseph was killed Friday.", date="2021-02-26",
                     category="attack").model_copy(
            update={"deed": "Arnel Joseph was killed", "place": place}
        )  # fmt: skip
        return summary(article, events=[told])

    brief = merge_summaries(
        [killed("1.txt", dt.date(2021, 2, 27)), killed("2.txt", dt.date(2021, 2, 28))]
    )
    assert len(brief.timeline) == 1
    assert {c.source for c in brief.timeline[0].citations} == {1, 2}
    # told of another place, it is another row
    brief = merge_summaries(
        [killed("1.txt", dt.date(2021, 2, 27)), killed("2.txt", dt.date(2021, 2, 28), "Bama")]
    )
    assert len(brief.timeline) == 2


def test_duplicate_events_fold_and_show_canonical_names() -> None:
    first = make_article(["The US killed Soleimani in a drone strike."], path="1.txt")
    second = make_article(["A U.S. drone strike killed Qasem Soleimani."], path="2.txt")
    third = make_article(["Washington struck again."], path="3.txt")
    brief = merge_summaries(
        [
            summary(first, events=[event([1], "US drone strike kills Soleimani", who="US",
                                         whom="Soleimani", date="2020-01-03", category="strike")]),
            summary(second, [actor("Qasem Soleimani")],
                    [], [event([1], "U.S. drone strike kills Qasem Soleimani", who="U.S.",
                               whom="Qasem Soleimani", date="2020-01-03", category="strike")]),
            summary(third, events=[event([1], "US strikes again", who="Washington",
                                         date="2020-01-04", category="strike")]),
        ]
    )  # fmt: skip

    assert [(e.actor, e.target, [c.source for c in e.citations]) for e in brief.timeline] == [
        ("United States", "Qasem Soleimani", [1, 2]),
        ("United States", None, [3]),
    ]
    # The event actor counts as a mention of the existing person actor.
    assert by_name(brief, "Qasem Soleimani").sources == [1, 2]


def test_outcomes_are_agreements_offers_and_announced_or_planned_steps() -> None:
    article = make_article([f"Sentence {n}." for n in range(1, 7)])
    brief = merge_summaries(
        [
            summary(
                article,
                events=[
                    event([1], "Agreement on joint efforts", category="agreement"),
                    event([2], "China offers mediation", category="offer"),
                    event([3], "Talks announced", category="talks", status="announced"),
                    event([4], "Visit planned", category="other", status="planned"),
                    event([5], "Air strikes", category="strike"),
                    event([6], "Talks held", category="talks"),
                ],
            )
        ]
    )

    assert [e.what for e in brief.outcomes] == [
        "Agreement on joint efforts",
        "China offers mediation",
        "Talks announced",
        "Visit planned",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-03", (dt.date(2020, 1, 3), "day")),
        ("2020-01", (dt.date(2020, 1, 1), "month")),
        (None, (None, None)),
        ("2020-13", (None, None)),
    ],
)
def test_parse_event_date(value: str | None, expected: tuple[object, object]) -> None:
    assert parse_event_date(value) == expected


# ------------------------------------------------------------------------ bottom line

_CITED_SENTENCE = re.compile(r"^[A-Z].*?\S ((?:\[\d+\])+)\.$")


def test_bottom_line_has_3_to_5_cited_sentences_backed_by_their_sources() -> None:
    brief, _ = _crisis_brief()

    assert 3 <= len(brief.bottom_line) <= 5
    for sentence in brief.bottom_line:
        match = _CITED_SENTENCE.match(marked(sentence))
        assert match, sentence
        numbers = [int(n) for n in re.findall(r"\d+", match.group(1))]
        assert all(1 <= n <= len(brief.sources) for n in numbers), sentence
    qureshi = by_name(brief, "Shah Mahmood Qureshi")
    line = next(marked(s) for s in brief.bottom_line if "Qureshi" in s.text)
    # Where the key actor stands: its strongest gist, quoted when not worded by a model;
    # the article telling what he did, in its words, with who he is.
    assert line.startswith(
        "In January 2020, Pakistan's foreign minister Shah Mahmood Qureshi underscored the "
        "exercise of maximum restraint"
    )
    backing = {c.source for p in qureshi.positions for c in p.citations}
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", line)}
    assert cited and cited <= backing
    # What happened, with its date and doer, told in date order among the stands.
    texts = [s.text for s in brief.bottom_line]
    strike = next(t for t in texts if t.startswith("On 3 January 2020,"))
    assert "United States" in strike
    assert texts.index(strike) < texts.index(next(t for t in texts if "Qureshi" in t))


def test_bottom_line_states_the_span_of_the_sources_when_it_has_little_else() -> None:
    brief, _ = _crisis_brief()
    assert not [s for s in brief.bottom_line if s.text.startswith("This brief draws on")]

    thin = merge_summaries(
        [
            summary(make_article(["Iran spoke."], date=dt.date(2020, 1, 5)), [actor("Iran")]),
            summary(make_article(["Iran spoke."], date=dt.date(2022, 3, 6), path="b.txt"), []),
        ]
    )  # fmt: skip
    [span] = [s for s in thin.bottom_line if s.text.startswith("This brief draws on")]
    assert span == CitedSentence(
        text="This brief draws on 2 sources dated between 5 January 2020 and 6 March 2022.",
        sources=[1, 2],
    )


def test_bottom_line_of_a_thin_brief_still_cites() -> None:
    brief = merge_summaries(
        [
            summary(
                make_article(["Iran and Pakistan exchanged fire."], date=dt.date(2024, 1, 18)),
                [actor("Iran", "state"), actor("Pakistan", "state")],
            )
        ]
    )

    assert len(brief.bottom_line) == 2
    assert all(s.sources == [1] for s in brief.bottom_line)


# ---------------------------------------------------------------------------- scaling


def test_merging_thousands_of_summaries_resolves_variants() -> None:
    summaries = [_generated_summary(n) for n in range(2_000)]

    brief = merge_summaries(summaries)

    assert len(brief.sources) == 2_000
    qureshi = actor_holding(brief, "FM Qureshi")
    assert {"Shah Mehmood Qureshi", "Qureshi"} <= {qureshi.name, *qureshi.aliases}
    assert actor_holding(brief, "Washington").name == "United States"
    # 12 recurring people and states, plus one local official per article.
    assert len(brief.actors) == 12 + 2_000


@pytest.mark.parametrize("enabled", [True, False])
def test_a_merge_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    import gc

    summaries = [_generated_summary(n) for n in range(20)]
    was_enabled = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    frozen = gc.get_freeze_count()
    try:
        gc.collect()
        merge_summaries(summaries)
        young = gc.get_count()[0]
        assert gc.isenabled() is enabled
        assert gc.get_freeze_count() == frozen
        # What the merge made (thousands of objects) joined the oldest generation at its
        # end: the youngest holds only what was made since.
        assert young < 100
    finally:
        (gc.enable if was_enabled else gc.disable)()


# ---------------------------------------------------------------------------- fixtures


def _crisis_brief() -> tuple[Brief, dict[str, Article]]:
    """Three short articles modelled on the seeds, given out of order."""
    a0 = make_article(
        [
            "Pakistan and Russia agreed to launch joint efforts to restore peace in the region.",
            "Foreign Minister Shah Mahmood Qureshi said both sides have to show restraint.",
            "Iran launched missile attacks on US-led forces in Iraq on Wednesday.",
            "The US drone strike on Qasem Soleimani raised fears of war.",
        ],
        path="000.txt",
        date=dt.date(2020, 1, 10),
    )
    a1 = make_article(
        [
            "Islamabad will not allow its soil to be used for any regional conflict.",
            "Soleimani was killed in a US drone strike in Baghdad on Friday.",
            "Qureshi underscored the exercise of maximum restraint.",
        ],
        path="001.txt",
        date=dt.date(2020, 1, 5),
    )
    a3 = make_article(
        [
            "Foreign Minister Shah Mehmood Qureshi expressed concern over Ukraine.",
            "Sergey Lavrov underlined readiness for the next round of talks.",
        ],
        path="003.txt",
        date=dt.date(2022, 3, 6),
    )
    summaries = [
        summary(
            a0,
            [actor("Pakistan", "state"), actor("Russia", "state"), actor("Iran", "state"),
             pakistani_fm("Shah Mahmood Qureshi"), actor("US", "state")],
            [position("Qureshi", [2], "Both sides must show restraint", toward="US")],
            [event([1], "Pakistan and Russia agree joint peace efforts", who="Pakistan",
                   whom="Russia", date="2020-01-10", category="agreement"),
             event([3], "Iran launches missile attacks on US-led forces", who="Iran", whom="US",
                   date="2020-01-08", category="attack"),
             event([4], "US drone strike kills Qasem Soleimani", who="US",
                   whom="Qasem Soleimani", date="2020-01-03", category="strike")],
        ),
        summary(
            a1,
            [actor("Islamabad", "state"), pakistani_fm("Shah Mahmood Qureshi"),
             actor("Tehran", "state"), actor("Washington", "state")],
            [position("Pakistan", [1], "Will not let its soil be used", "neutral"),
             position("Qureshi", [3], "All sides must show maximum restraint")],
            [event([2], "US drone strike kills Soleimani in Baghdad", who="Washington",
                   whom="Soleimani", date="2020-01-03", category="strike")],
        ),
        summary(
            a3,
            [pakistani_fm("Shah Mehmood Qureshi"), actor("Sergey Lavrov", "person", "Russia"),
             actor("Russia", "state")],
            [position("Qureshi", [1], "Concern about Ukraine", "expresses_concern", "Kyiv"),
             position("Lavrov", [2], "Ready for more talks", "seeks_cooperation", "Ukraine")],
            [event([2], "Russia ready for next round of talks", who="Russia", whom="Ukraine",
                   date="2022-03", status="planned", category="talks")],
        ),
    ]  # fmt: skip
    brief = merge_summaries(summaries[::-1])
    return brief, {s.article.id: s.article for s in summaries}


_PEOPLE = [
    ("Shah Mahmood Qureshi", ["Shah Mehmood Qureshi", "Qureshi", "FM Qureshi"]),
    ("Sergei Lavrov", ["Sergey Lavrov", "Lavrov"]),
    ("Qasem Soleimani", ["Qassem Soleimani", "Soleimani"]),
    ("Imran Khan", ["Prime Minister Imran Khan"]),
    ("Ismail Khan", []),
    ("Donald Trump", ["President Donald Trump", "Trump"]),
]
_STATES = [
    ("United States", ["US", "U.S.", "Washington", "USA"]),
    ("Iran", ["Tehran", "Islamic Republic of Iran"]),
    ("Pakistan", ["Islamabad"]),
    ("Russia", ["Moscow"]),
    ("Ukraine", ["Kyiv", "Kiev"]),
    ("United Nations", ["UN"]),
]


_FIRST_NAMES = ["Amir", "Bilal", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hassan"]


def _local_official(n: int) -> str:
    """A made-up person seen in one article only; seeded, so the test is repeatable."""
    rng = random.Random(n)
    surname = rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.ascii_lowercase, k=7))
    return f"{rng.choice(_FIRST_NAMES)} {surname}"


def _generated_summary(n: int) -> ArticleSummary:
    """A deterministic article naming a rotating cast in rotating spellings."""
    names: list[tuple[str, ActorKind]] = []
    for i, (full, variants) in enumerate(_PEOPLE + _STATES):
        forms = [full, *variants]
        kind: ActorKind = "person" if i < len(_PEOPLE) else "state"
        names.append((forms[(n + i) % len(forms)], kind))
    names.append((_local_official(n), "person"))
    sentences = [f"Sentence {k} of story {n}." for k in range(1, 6)]
    article = make_article(sentences, path=f"gen/{n:05d}.txt", date=dt.date(2020, 1, 1 + n % 28))
    return summary(
        article,
        [actor(name, "organization" if name == "UN" else kind) for name, kind in names],
        [position(names[0][0], [1], "All sides must show restraint"),
         position(names[6][0], [2], f"Demands number {n % 7}", "warns_or_threatens", "Iran")],
        [event([3], "Drone strike", who="US", date="2020-01-03", category="strike"),
         event([4], f"Talks round {n % 5}", who="Pakistan", whom="Iran", category="talks")],
    )  # fmt: skip


def test_bottom_line_falls_back_to_mentions_and_other_events() -> None:
    brief = merge_summaries(
        [
            summary(
                make_article(["Pakistan summoned Iran's envoy."], date=dt.date(2024, 1, 17)),
                [actor("Pakistan", "state"), actor("Iran", "state")],
                events=[event([1], "Pakistan summons Iran's envoy", who="Pakistan", whom="Iran",
                              date="2024-01-17")],
            )
        ]
    )  # fmt: skip

    assert [marked(s) for s in brief.bottom_line] == [
        # One article's report stays that article's, however it is worded.
        "According to one source, on 17 January 2024, Pakistan summons Iran's envoy [1].",
        "This brief draws on one source dated 17 January 2024 [1].",
        "The actors most often mentioned are Iran and Pakistan [1].",
    ]


def test_actors_are_ordered_by_sources_then_positions() -> None:
    brief = merge_summaries(
        [
            summary(
                make_article(["China spoke.", "Iran spoke."], path="1.txt"),
                [actor("Iran", "state"), actor("China", "state"), actor("India", "state")],
                [position("China", [1], "Calm"), position("Beijing", [2], "Talks", "supports")],
            ),
            summary(make_article(["India spoke."], path="2.txt"), [actor("New Delhi", "state")]),
        ]
    )

    assert [a.name for a in brief.actors] == ["India", "China", "Iran"]


def _strike_report(path: str, sentence: str, date: str, *more: str) -> ArticleSummary:
    article = make_article([sentence, *more], path=path, date=dt.date(2024, 1, 19))
    events = [event([1], sentence, who="Pakistan", whom="Iran", date=date, category="strike")]
    return summary(article, [actor("Pakistan", "state"), actor("Iran", "state")], events=events)


def test_sources_that_give_one_event_different_tolls_or_days_are_set_side_by_side() -> None:
    brief = merge_summaries(
        [
            _strike_report("a.txt", "Pakistan struck Iran, and nine people were killed.",
                           "2024-01-18"),
            _strike_report("b.txt", "Pakistan's strikes on Iran killed at least 7 people.",
                           "2024-01-17"),
        ]
    )  # fmt: skip
    [row] = brief.timeline
    assert row.date == dt.date(2024, 1, 17)  # the earliest day a report gives
    toll, day = brief.disagreements
    assert toll.about == "Killed in “Pakistan struck Iran”"
    # "at least 7" is a floor, and is shown as one
    assert [(s.text, s.sources) for s in toll.sides] == [("at least 7", [2]), ("9", [1])]
    assert day.about == "Date of “Pakistan struck Iran”"
    assert [(s.text, s.sources) for s in day.sides] == [
        ("17 January 2024", [2]), ("18 January 2024", [1])
    ]  # fmt: skip
    page = render_brief_markdown(brief)
    differ = "## Sources differ\n\n- Killed in “Pakistan struck Iran”: at least 7 [2]; 9 [1]\n"
    assert differ in page


def test_agreeing_sources_and_a_day_shared_by_two_acts_are_no_disagreement() -> None:
    two_acts = event([1], "Iran attacked", who="Iran", whom="Pakistan", category="attack")
    shared = _strike_report(
        "b.txt", "On Wednesday Iran attacked, after Pakistan struck Iran.", "2024-01-17"
    )
    shared.extraction.events.append(two_acts)
    brief = merge_summaries(
        [_strike_report("a.txt", "Pakistan struck Iran; nine were killed.", "2024-01-18"), shared]
    )
    assert brief.disagreements == []
    assert "## Sources differ" not in render_brief_markdown(brief)


def test_one_act_reported_a_day_apart_is_one_row_and_a_week_apart_two() -> None:
    def told(day: str, path: str) -> ArticleSummary:
        article = make_article([f"Trump doubled the tariff on Canada's steel on {day}."], path=path)
        return summary(
            article,
            [actor("Donald Trump"), actor("Canada", "state")],
            events=[
                event(
                    [1],
                    "doubled the tariff",
                    who="Donald Trump",
                    whom="Canada",
                    date=day,
                    category="sanction",
                )
            ],  # fmt: skip
        )

    near = merge_summaries([told("2025-03-11", "a.txt"), told("2025-03-12", "b.txt")])
    assert [(e.date, len(e.citations)) for e in near.timeline] == [(dt.date(2025, 3, 11), 2)]
    apart = merge_summaries([told("2025-03-01", "a.txt"), told("2025-03-12", "b.txt")])
    assert len(apart.timeline) == 2


def _hotel_report(path: str, day: dt.date, *sentences: str) -> ArticleSummary:
    article = make_article(list(sentences), path=path, date=day)
    attack = event([1], sentences[0], who="al-Shabab", whom="Somalia", date="2025-03-11",
                   category="attack")  # fmt: skip
    return summary(article, [actor("al-Shabab", "armed_group"), actor("Somalia", "state")],
                   events=[attack])  # fmt: skip


def test_tolls_told_apart_from_the_act_are_its_tolls_and_the_sources_range_is_said() -> None:
    brief = merge_summaries(
        [
            _hotel_report(
                "a.txt", dt.date(2025, 3, 11),
                "Al-Shabab attacked a hotel in Somalia on Tuesday.",
                "At least five people including two elders were killed, and five were injured.",
                "The single biggest attack, in 2009, killed at least 25 people.",  # another time
            ),
            _hotel_report(
                "b.txt", dt.date(2025, 3, 12),
                "Al-Shabab attacked a hotel in Somalia on Tuesday.",
                "Seven other people, including two prominent elders, were killed.",
            ),
        ]
    )  # fmt: skip
    [row] = brief.timeline
    assert [(c.source, c.sentence) for c in row.tolls] == [(1, 2), (2, 2)]
    [toll] = brief.disagreements
    assert [(s.text, s.sources) for s in toll.sides] == [("at least 5", [1]), ("7", [2])]
    page = render_brief_markdown(brief)
    # ("at least five" is a floor, and the range says so)
    assert "attacked Somalia; the sources differ on the dead, from at least 5 to 7 [1][2]" in page


def test_a_toll_before_any_act_or_in_an_article_without_one_is_nobodys() -> None:
    article = make_article(["Nine people were killed.", "Iran struck Pakistan."], path="a.txt")
    strike = event([2], "Iran struck Pakistan", who="Iran", whom="Pakistan", category="strike")
    brief = merge_summaries([summary(article, [actor("Iran", "state")], events=[strike])])
    assert brief.timeline[0].tolls == []


def test_the_bottom_line_quotes_one_voice_once_and_an_articles_words_as_its_own() -> None:
    sentences = [
        "Three months after the fall, interim President Ahmed al-Sharaa signed a declaration.",
        "Such matters, he told VOA, should be decided through referendums, al-Bunni said.",
        "All ethnicities want constitutional guarantees, al-Bunni said.",
        "Nabi said the document opposes the will of the people.",
    ]
    article = make_article(sentences, path="a.txt", date=dt.date(2025, 3, 14))
    signed = event([1], sentences[0], who="Ahmed al-Sharaa", date="2025-03-13")
    brief = merge_summaries([summary(
        article,
        [actor("Ahmed al-Sharaa"), actor("Anwar al-Bunni"), actor("Sarbast Nabi")],
        [position("Anwar al-Bunni", [2], "x", "supports"),
         position("Anwar al-Bunni", [3], "y", "seeks_cooperation"),
         position("Sarbast Nabi", [4], "z", "opposes")],
        events=[signed],
    )])  # fmt: skip
    bottom = " ".join(s.text for s in brief.bottom_line)
    assert "on 13 March 2025, “Three months after the fall" in bottom  # theirs, quoted
    assert bottom.count("al-Bunni was quoted") + bottom.count("Anwar al-Bunni (") == 1
    assert "said: “Such matters, he told VOA" not in bottom  # no "said … told … said"


def test_a_quoted_stand_shows_what_was_said_not_who_said_it_to_whom() -> None:
    said = ("Geir Pedersen, the U.N. special envoy for Syria, said in a statement Friday that "
            "he hopes the declaration will move Syria toward the rule of law.")  # fmt: skip
    article = make_article([said], path="a.txt", date=dt.date(2025, 3, 14))
    brief = merge_summaries([summary(
        article, [actor("Geir Pedersen")], [position("Geir Pedersen", [1], "x", "neutral")]
    )])  # fmt: skip
    bottom = " ".join(s.text for s in brief.bottom_line)
    assert "Geir Pedersen said: “…he hopes the declaration will move Syria toward" in bottom


def test_what_was_said_drops_who_told_whom_and_keeps_a_sentence_without_such_a_lead() -> None:
    from brief.language import what_was_said

    lead = ("Islamabad: Pakistan foreign minister Shah Mahmood Qureshi on Sunday told his "
            "counterparts from several Muslim countries including Iran and Saudi Arabia that "
            "Islamabad will not allow its soil to be used for any regional conflict.")  # fmt: skip
    assert (
        what_was_said(lead)
        == "…Islamabad will not allow its soil to be used for any regional conflict."
    )
    plain = "Pakistan already has said it will not take sides in the current confrontation."
    assert what_was_said(plain) == plain
    assert what_was_said("Pakistan said that war is bad.") == "Pakistan said that war is bad."
    # read from the parse: no "that", a saying reported by another, a quotation
    told = ("After landing in Islamabad late Thursday, Zarif told Iranian media he would "
            "brief Pakistani officials on the latest developments.")  # fmt: skip
    assert what_was_said(told) == "…he would brief Pakistani officials on the latest developments."
    quoted = ("A military statement issued after the meeting quoted Bajwa as telling Zarif "
              "“that war is not in the interest of any party.”")  # fmt: skip
    assert what_was_said(quoted) == "…war is not in the interest of any party."
    event = "Tensions have been escalating since Trump announced his decision to end waivers."
    assert what_was_said(event) == event


def test_an_article_that_updates_its_own_toll_gives_its_highest_not_a_disagreement() -> None:
    brief = merge_summaries(
        [
            _hotel_report(
                "a.txt", dt.date(2025, 3, 11),
                "Al-Shabab attacked a hotel in Somalia on Tuesday.",
                "At least five people including two elders were killed, a lawmaker said.",
                "A reporter in the town said at least six people have been confirmed dead.",
            ),
            _hotel_report(
                "b.txt", dt.date(2025, 3, 12),
                "Al-Shabab attacked a hotel in Somalia on Tuesday.",
                "Seven other people, including two prominent elders, were killed.",
            ),
        ]
    )  # fmt: skip
    [toll] = brief.disagreements
    assert [(s.text, s.sources) for s in toll.sides] == [("at least 6", [1]), ("7", [2])]
    assert "the sources differ on the dead, from at least 6 to 7" in render_brief_markdown(brief)
    # one article alone, however many tallies it gives, differs with no one
    alone = merge_summaries([_hotel_report(
        "a.txt", dt.date(2025, 3, 11), "Al-Shabab attacked a hotel in Somalia on Tuesday.",
        "At least five people were killed.", "At least six people have been confirmed dead.",
    )])  # fmt: skip
    assert alone.disagreements == [] and "differ" not in render_brief_markdown(alone)
