"""Sentences told in the past under a past date, by the real English pipeline."""

from __future__ import annotations

import pytest

from brief.language import told_in_the_past


@pytest.mark.parametrize(
    ("now", "then"),
    [
        ("Trump warns EU of tariffs", "Trump warned EU of tariffs"),
        (
            "Anwar al-Bunni expresses concern about the charter",
            "Anwar al-Bunni expressed concern about the charter",
        ),
        (
            "Geir Pedersen calls for an inclusive government",
            "Geir Pedersen called for an inclusive government",
        ),
        ("Pakistan bans the group and stops trade", "Pakistan banned the group and stopped trade"),
        ("Russia and China oppose the move", "Russia and China opposed the move"),
        ("Kenya says it will not reopen the camps", "Kenya said it will not reopen the camps"),
        ("The envoy is hopeful about the talks", "The envoy was hopeful about the talks"),
        ("Ministers admit the plan failed", "Ministers admitted the plan failed"),
        # the spelling, not the lemmatizer ("hopes" is not "hop"); irregular pasts
        ("Iran hopes for calm", "Iran hoped for calm"),
        ("The ministry withholds the data", "The ministry withheld the data"),
        ("Kenya oversees the talks", "Kenya oversaw the talks"),
        # the auxiliary a continuous or negated verb leans on
        ("Iran is sending troops", "Iran was sending troops"),
        ("Pakistan does not want war", "Pakistan did not want war"),
        # a name the parser took for a noun at the root ("trump"), its verb for an object
        (
            "Trump demands Ottawa drop tariffs on dairy products",
            "Trump demanded Ottawa drop tariffs on dairy products",
        ),
    ],
)
def test_a_present_main_verb_is_put_in_the_past(now: str, then: str) -> None:
    assert told_in_the_past(now) == then


@pytest.mark.parametrize(
    "kept",
    [
        "Iran has called for talks",  # the perfect keeps its own time
        "Qureshi told his counterparts that Islamabad will not allow it",  # past already
    ],
)
def test_a_sentence_not_in_the_present_is_left_as_it_is(kept: str) -> None:
    assert told_in_the_past(kept) == kept


@pytest.mark.parametrize(
    ("rest", "done"),
    [
        (" underscored the exercise of maximum restraint", True),
        (" in north and east Syria … was the first to reject the constitution", True),
        (", a de facto authority, was the first to reject it", True),
        # a name that qualifies others, or a present: not the article telling what it did
        (" officials said the strike was a warning", False),
        (" administration officials said the tariffs would stay", False),
        (" strongly condemns the attack", False),
    ],
)
def test_words_after_a_name_open_with_what_it_did(rest: str, done: bool) -> None:
    from brief.language import opens_in_the_past

    assert opens_in_the_past(rest) is done
