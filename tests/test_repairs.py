"""A leading name the small pipeline reads as a word ("trump") is its verb's subject, by
the real spaCy parse, and every reader of the parse sees the act."""

from __future__ import annotations

from brief.ingest.articles import article_from_text
from brief.language import attribute
from brief.language.english import english_pipeline, parse
from brief.meaning import check_claim


def _heads(sentence: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.dep_, t.head.text) for t in parse([sentence])[0]]


def test_a_leading_name_read_as_a_word_is_the_subject_of_its_verb() -> None:
    heads = _heads("Trump imposed tariffs on Canada on Tuesday.")
    assert ("Trump", "nsubj", "imposed") in heads and ("imposed", "ROOT", "imposed") in heads
    assert ("tariffs", "dobj", "imposed") in heads
    heads = _heads("Trump at first imposed 25% tariffs on Canadian exports.")
    assert ("Trump", "nsubj", "imposed") in heads and ("imposed", "ROOT", "imposed") in heads


def test_a_sentence_parsed_right_is_left_as_it_is() -> None:
    for sentence in (
        "Trump said he would impose tariffs.",
        "Police arrested five men on Monday.",
        "Fears of escalation and wider instability",
        # passive headlines: the verb has its agent, the name is what was done to
        "Pakistan attacked by Iran, a day after talks.",
        "Kyiv hit by Russian missiles overnight.",
        "Witnesses quoted by local media described chaos.",
        # imperatives with their objects
        "Imagine a country divided by war.",
        "Remember the soldiers killed in the ambush.",
    ):
        before = [(t.text, t.dep_, t.head.i) for t in english_pipeline()(sentence)]  # raw
        doc = parse([sentence])[0]
        assert [(t.text, t.dep_, t.head.i) for t in doc] == before
        assert sum(t.dep_ == "ROOT" for t in doc) == 1


def test_the_act_of_the_repaired_sentence_is_read_and_checked() -> None:
    article = article_from_text(
        "U.S. President Donald Trump spoke on Monday. Trump imposed tariffs on Canada on Tuesday.",
        "t.txt",
        date_value="2025-03-12",
    )
    acts = [a for s in attribute(article).sentences for a in s.acts]
    assert [(a.category, a.doers, a.targets) for a in acts] == [
        ("sanction", ("Donald Trump",), ("Canada",))
    ]
    evidence = ["Trump imposed tariffs on Canada on Tuesday."]
    assert not check_claim("Canada imposed tariffs on Trump on Tuesday.", evidence).supported


def test_talks_about_a_party_are_no_talks_with_it() -> None:
    def partners(text: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        article = article_from_text(text, "t.txt", date_value="2025-03-13")
        acts = [a for s in attribute(article).sentences for a in s.acts]
        return [(a.category, a.doers, a.targets) for a in acts]

    # a meeting called on Iran, discussed by others: no partner, no talks
    assert (
        partners(
            "The United States, along with Britain and France, called a private meeting "
            "Wednesday of the U.N. Security Council to discuss Iran's nuclear program."
        )
        == []
    )
    # talks with someone, in a call with someone: talks
    assert ("talks", ("Pakistan",), ("Iran",)) in partners("Pakistan held talks with Iran.")
    assert partners(
        "Pakistan's foreign minister Shah Mahmood Qureshi discussed the tensions in a phone "
        "call with Iraqi Foreign Minister Mohamed Ali al-Hakim."
    ) == [("talks", ("Shah Mahmood Qureshi",), ("Mohamed Ali al-Hakim",))]
