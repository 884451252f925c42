"""`brief eval`: the scoring rules on hand-made cases, and the regression gate on the seeds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from brief.cli.commands import app
from brief.errors import UserError
from brief.evaluate.gold import Evaluation, Gold, Ratio, load_gold
from brief.evaluate.scores import (
    baseline_drops,
    load_baseline,
    match_one_to_one,
    name_keys,
    score_summaries,
)
from brief.ingest.articles import article_from_text
from brief.language.aliases import load_gazetteer
from brief.schema import ArticleExtraction, ArticleSummary
from conftest import FIXTURES, REPO, SEEDS

GOLD_FILE = REPO / "tests" / "data" / "seeds.gold.json"
BASELINE_FILE = REPO / "tests" / "data" / "eval_baseline.json"  # the default: extract.v4
BASELINES = {
    "extract.v4": BASELINE_FILE,
    "extract.v3": REPO / "tests" / "data" / "eval_baseline.extract-v3.json",
    "extract.v2": REPO / "tests" / "data" / "eval_baseline.extract-v2.json",
}

A_TEXT = (
    "The U.S. urged restraint on Friday.\n\n"
    "Prime Minister Imran Khan said Pakistan would not join any war.\n\n"
    "Iraq condemned the strike.\n\n"
    "Officials met in Islamabad to hold talks.\n"
)
B_TEXT = "Pakistan called for calm.\n\nThe Pakistan Foreign Office repeated the call.\n"


def _actor(name: str, kind: str) -> dict[str, Any]:
    return {"name": name, "kind": kind, "country": None, "role": None}


def _position(actor: str, sentence: int, says: str) -> dict[str, Any]:
    return {
        "actor": actor,
        "sentences": [sentence],
        "says": says,
        "stance": "neutral",
        "toward": None,
    }


def _event(sentence: int, what: str, actor: str | None) -> dict[str, Any]:
    return {
        "sentences": [sentence],
        "what": what,
        "actor": actor,
        "target": None,
        "when": None,
        "date": None,
        "status": "happened",
        "category": "other",
    }


def _summary(path: str, text: str, date: str, extracted: dict[str, Any]) -> ArticleSummary:
    article = article_from_text(text, path, date_value=date)
    return ArticleSummary(article=article, extraction=ArticleExtraction.model_validate(extracted))


def _gold_article(date: str, actors: list[dict[str, Any]], **rest: Any) -> dict[str, Any]:
    return {"event_date": date, "actors": actors, **rest}


@pytest.fixture
def scored() -> Evaluation:
    """Two small articles whose right scores are worked out by hand in the tests below."""
    a = _summary(
        "in/a.txt",
        A_TEXT,
        "2020-01-10",
        {
            "actors": [
                _actor("U.S.", "state"),
                _actor("Prime Minister Imran Khan", "person"),
                _actor("Iraq", "state"),
                _actor("Hamas", "armed_group"),
            ],
            "positions": [
                _position("Imran Khan", 2, "Pakistan will stay out of any war"),  # right
                _position("U.S.", 3, "The US condemns the strike"),  # right actor, wrong sentence
                _position("Iraq", 1, "Iraq urges restraint"),  # the sentence, but the wrong actor
            ],
            "events": [
                _event(4, "talks in Islamabad", "Hamas"),  # right, though the actor is wrong
                _event(3, "a condemnation", None),  # not a gold event
            ],
        },
    )
    b = _summary(
        "in/b.txt",
        B_TEXT,
        "2020-01-12",
        {
            "actors": [
                _actor("Pakistan", "state"),
                _actor("Pakistan Foreign Office", "organization"),
            ],
            "positions": [],
            "events": [],
        },
    )
    gold = Gold.model_validate(
        {
            "articles": {
                "a.txt": _gold_article(
                    "2020-01-10",
                    [
                        {"name": "United States", "aliases": ["US"], "kind": "state"},
                        {"name": "Imran Khan", "aliases": ["Khan"], "kind": "person"},
                        {"name": "Pakistan", "aliases": ["Islamabad"], "kind": "state"},
                    ],
                    minor_actors=["Iraq"],
                    positions=[
                        {"actor": "Imran Khan", "evidence": "would not  join any war"},
                        {"actor": "US", "evidence": "urged restraint"},
                    ],
                    events=[{"evidence": "to hold talks"}, {"evidence": "urged restraint"}],
                ),
                "b.txt": _gold_article(
                    "2020-01-10",
                    [{"name": "Pakistan", "aliases": ["Islamabad", "Pakistan Foreign Office"]}],
                ),
                "c.txt": _gold_article("2020-01-01", []),
            }
        }
    )
    return score_summaries(gold, [a, b])


def _article(evaluation: Evaluation, name: str):
    return next(a for a in evaluation.articles if a.article == name)


# ------------------------------------------------------------------------- names


def test_names_match_through_the_gazetteer_and_without_titles() -> None:
    gazetteer = load_gazetteer()
    assert not name_keys("U.S.", gazetteer).isdisjoint(name_keys("United States", gazetteer))
    titled = name_keys("Prime Minister Imran Khan", gazetteer, person=True)
    assert "imran khan" in titled
    # An institution keeps its whole name: "Foreign Office" is not a person called "Office".
    assert name_keys("Foreign Office", gazetteer) == {"foreign office"}


def test_matching_is_one_to_one_and_prefers_earlier_gold_entries() -> None:
    k = frozenset
    # Extracted 0 fits gold 0 and 1, extracted 1 only gold 0: both gold entries get one.
    assert match_one_to_one([k({"x", "y"}), k({"y"})], [k({"y"}), k({"x"})]) == {0: 1, 1: 0}
    # Two extracted names for one gold actor: it is counted once.
    assert match_one_to_one([k({"x"})], [k({"x"}), k({"x"})]) == {0: 0}


# ------------------------------------------------------------------------ actors


def test_actor_aliases_and_minor_actors(scored: Evaluation) -> None:
    a = _article(scored, "a.txt").scores
    # U.S. = United States, "Prime Minister Imran Khan" = Imran Khan; Pakistan missed.
    assert a.actor_recall == Ratio(hits=2, total=3)
    # Iraq is a minor actor, so not a false positive; Hamas is.
    assert a.actor_precision == Ratio(hits=3, total=4)
    assert _article(scored, "a.txt").extra_actors == ["Hamas"]


def test_a_gold_actor_matched_by_two_extracted_actors_counts_once(scored: Evaluation) -> None:
    b = _article(scored, "b.txt")
    assert b.scores.actor_recall == Ratio(hits=1, total=1)
    assert b.scores.actor_precision == Ratio(hits=1, total=2)


# --------------------------------------------------------------- positions, events


def test_position_needs_the_same_actor_and_the_evidence_in_a_cited_sentence(
    scored: Evaluation,
) -> None:
    a = _article(scored, "a.txt")
    assert a.scores.position_recall == Ratio(hits=1, total=2)
    assert a.scores.position_precision == Ratio(hits=1, total=3)
    assert a.missed_positions == ["urged restraint"]


def test_event_needs_the_evidence_in_a_cited_sentence_but_not_the_actor(
    scored: Evaluation,
) -> None:
    a = _article(scored, "a.txt").scores
    assert a.event_recall == Ratio(hits=1, total=2)
    assert a.event_precision == Ratio(hits=1, total=2)


# ------------------------------------------------------------------ dates, overall


def test_dates_exact_day_and_same_month(scored: Evaluation) -> None:
    a, b = _article(scored, "a.txt").scores, _article(scored, "b.txt").scores
    assert (a.date_day.hits, a.date_month.hits) == (1, 1)
    assert (b.date_day.hits, b.date_month.hits) == (0, 1)  # 12 January for 10 January


def test_overall_is_micro_averaged_and_missing_articles_are_named(scored: Evaluation) -> None:
    # (2 + 1) / (3 + 1), not the mean of 2/3 and 1/1.
    assert scored.overall.actor_recall == Ratio(hits=3, total=4)
    assert scored.overall.actor_precision == Ratio(hits=4, total=6)
    assert scored.missing == ["c.txt"]


# -------------------------------------------------------------------- comparison


def test_comparison_sets_up_to_aliases() -> None:
    early = _summary(
        "x/early.txt",
        "Iran and Pakistan spoke. President Donald Trump warned Iran.\n",
        "2020-01-05",
        {
            "actors": [
                _actor("Tehran", "state"),
                _actor("Pakistan", "state"),
                _actor("President Trump", "person"),
            ],
            "positions": [],
            "events": [],
        },
    )
    late = _summary(
        "x/late.txt",
        "Pakistan and China spoke.\n",
        "2024-01-19",
        {
            "actors": [_actor("Pakistan", "state"), _actor("China", "state")],
            "positions": [],
            "events": [],
        },
    )
    gold = Gold.model_validate(
        {
            "articles": {
                "early.txt": _gold_article(
                    "2020-01-05", [{"name": "Donald Trump", "aliases": ["Trump"], "kind": "person"}]
                )
            },
            "comparisons": [
                {
                    "earlier": "2020",
                    "later": "2024",
                    "only_earlier": ["Iran", "Donald Trump"],
                    "only_later": ["China"],
                    "both": ["Pakistan", "United States"],
                }
            ],
        }
    )
    sets = score_summaries(gold, [early, late]).comparisons[0].sets
    assert (sets["only_2020"].precision, sets["only_2020"].recall) == (
        Ratio(hits=2, total=2),
        Ratio(hits=2, total=2),
    )
    assert sets["only_2024"].recall == Ratio(hits=1, total=1)
    assert (sets["both"].precision, sets["both"].recall) == (
        Ratio(hits=1, total=1),
        Ratio(hits=1, total=2),
    )
    assert sets["both"].missed == ["United States"]


# ------------------------------------------------------------------ files, gate


def test_gold_file_comparison_keys_name_their_periods() -> None:
    gold = load_gold(GOLD_FILE)
    assert len(gold.articles) == 5
    (comparison,) = gold.comparisons
    assert (comparison.earlier, comparison.later) == ("2020", "2024")
    assert "China" in comparison.only_later


def test_bad_gold_file_is_a_user_error(tmp_path: Path) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text('{"articles": {"a.txt": {"actors": [{"aliases": []}]}}}')
    with pytest.raises(UserError, match="name"):
        load_gold(bad)
    with pytest.raises(UserError, match="cannot read"):
        load_gold(tmp_path / "missing.json")


def test_baseline_drops_name_each_score_below_its_minimum(scored: Evaluation) -> None:
    assert baseline_drops(scored, {"actor_recall": 0.75}) == []
    assert baseline_drops(scored, {"actor_recall": 0.8, "no_such_score": 0.1}) == [
        "actor_recall: 0.750 < baseline 0.80",
        "no_such_score: 0.000 < baseline 0.10",
    ]


@pytest.mark.parametrize("prompt", sorted(BASELINES))
def test_seed_scores_never_fall_below_the_committed_baseline(tmp_path: Path, prompt: str) -> None:
    """The regression gate, one baseline per prompt: raise the file when quality goes up."""
    out = tmp_path / "eval.json"
    baseline_file = BASELINES[prompt]
    result = CliRunner().invoke(
        app,
        [
            "--replay",
            str(FIXTURES),
            "--prompt",
            prompt,
            "-q",
            "eval",
            str(GOLD_FILE),
            str(SEEDS),
            "--format",
            "table",
            "--json",
            str(out),
            "--baseline",
            str(baseline_file),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "overall (micro)" in result.stdout
    scores = json.loads(out.read_text())["scores"]
    baseline = load_baseline(baseline_file)
    assert set(baseline) <= set(scores)
    assert all(scores[name] >= minimum for name, minimum in baseline.items())


def test_eval_with_a_missing_gold_file_exits_2_before_any_model(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["--replay", str(tmp_path), "eval", str(tmp_path / "none.json"), str(SEEDS)]
    )
    assert result.exit_code == 2
    assert "cannot read gold file" in result.output
