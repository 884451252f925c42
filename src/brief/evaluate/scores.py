"""Scoring extraction against hand-made reference annotations (a "gold" file).

The articles are extracted, dated and merged exactly as `brief summarize` does, and the
merged brief is scored, so the numbers measure what a reader gets. The rules:

- Names match when they share a key: the normalised name, its gazetteer entry ("U.S." is
  "United States") and, for persons, the name without titles or particles ("Prime Minister
  Imran Khan" is "Imran Khan"). An extracted actor carries the keys of every alias it was
  merged with; a gold actor those of its name and aliases.
- Actors are matched one to one (a largest matching, major gold actors first, then
  `minor_actors`). Recall: major gold actors matched / major gold actors. Precision:
  extracted actors matched to a major or a minor actor / extracted actors. So a gold actor
  counts once, and an actor listed twice under two names makes the second a false positive.
- A position (an event) "cites" an article with the citations it has in that article. A
  gold position is found when an extracted position of an actor that matches the gold
  position's actor cites a sentence containing the gold evidence (whitespace normalised);
  an extracted position is correct when it finds some gold position. Events: the same rule
  without the actor, because the model's event actor is often the object or left empty
  while the cited sentence pins the event down unambiguously.
- Article dates: the date the pipeline assigns, against the gold `event_date`, to the day
  and to the month.
- Comparisons (`compare_A_B` with `only_A`, `only_B`, `both`): the actor sets of
  `compare_periods` on the same summaries, each with precision and recall under the same
  one-to-one name matching.

Overall scores are micro-averaged: counts are summed over articles, then divided.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from brief.assemble import compare_periods, merge_summaries, parse_periods
from brief.errors import ModelError, UserError
from brief.evaluate.gold import (
    ArticleScore,
    ComparisonScore,
    Evaluation,
    Gold,
    GoldActor,
    GoldArticle,
    GoldComparison,
    Ratio,
    Scores,
    SetScore,
)
from brief.evaluate.names import name_keys
from brief.evaluate.page import score_page
from brief.evaluate.story import score_story
from brief.extract import ExtractionOutcome, Extractor
from brief.language import (
    Gazetteer,
    load_gazetteer,
    normalise_name,
)
from brief.pipeline import Progress, RunStats, date_summaries, read_corpus
from brief.schema import ArticleExtraction, ArticleSummary, Brief, BriefActor, Citation, Comparison

__all__ = [
    "Evaluation",
    "Gold",
    "baseline_drops",
    "evaluate_paths",
    "load_baseline",
    "name_keys",
    "score_summaries",
]


# ---------------------------------------------------------------------------- names


def _gold_actor_keys(actor: GoldActor, gazetteer: Gazetteer) -> frozenset[str]:
    person = actor.kind == "person" if actor.kind else None
    return _union(name_keys(n, gazetteer, person=person) for n in (actor.name, *actor.aliases))


def _brief_actor_keys(actor: BriefActor, gazetteer: Gazetteer) -> frozenset[str]:
    person = actor.kind == "person"
    return _union(name_keys(n, gazetteer, person=person) for n in (actor.name, *actor.aliases))


def _union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*sets)


def match_one_to_one(
    gold: Sequence[frozenset[str]], found: Sequence[frozenset[str]]
) -> dict[int, int]:
    """A largest one-to-one matching {gold index: found index} of entries sharing a key.

    Augmenting paths (Kuhn) never unmatch a gold entry once matched, so entries earlier in
    `gold` are preferred: put the ones that count for recall first.
    """
    owner: dict[int, int] = {}  # found index -> gold index

    def claim(g: int, seen: set[int]) -> bool:
        for f, keys in enumerate(found):
            if f in seen or gold[g].isdisjoint(keys):
                continue
            seen.add(f)
            if f not in owner or claim(owner[f], seen):
                owner[f] = g
                return True
        return False

    for g in range(len(gold)):
        claim(g, set())
    return {g: f for f, g in owner.items()}


# -------------------------------------------------------------------------- scoring


def score_summaries(
    gold: Gold, summaries: Sequence[ArticleSummary], *, failed: Sequence[str] = ()
) -> Evaluation:
    """Date and merge `summaries` as `summarize` does, then score them against `gold`."""
    dated = date_summaries(summaries)
    brief = merge_summaries(dated)
    gazetteer = load_gazetteer()
    source_of = _sources_by_file_name(brief)
    scored = [
        _score_article(name, gold.articles[name], brief, source_of[name], gazetteer)
        for name in gold.articles
        if name in source_of
    ]
    total = Scores()
    for article in scored:
        total = total + article.scores
    return Evaluation(
        articles=scored,
        overall=total,
        comparisons=[_score_comparison(c, gold, dated, gazetteer) for c in gold.comparisons],
        missing=[name for name in gold.articles if name not in source_of],
        failed=list(failed),
    )


def _sources_by_file_name(brief: Brief) -> dict[str, int]:
    found: dict[str, int] = {}
    for source in sorted(brief.sources, key=lambda s: s.path):
        found.setdefault(os.path.basename(source.path), source.number)
    return found


def _score_article(
    name: str, gold: GoldArticle, brief: Brief, source: int, gazetteer: Gazetteer
) -> ArticleScore:
    actors = [a for a in brief.actors if source in a.sources]
    major = [_gold_actor_keys(a, gazetteer) for a in gold.actors]
    minor = [name_keys(n, gazetteer) for n in gold.minor_actors]
    found = [_brief_actor_keys(a, gazetteer) for a in actors]
    matched = match_one_to_one([*major, *minor], found)
    used = set(matched.values())
    keys_of = {normalise_name(a.name): k for a, k in zip(gold.actors, major, strict=True)}
    positions = [
        (keys, quotes)
        for actor, keys in zip(actors, found, strict=True)
        for p in actor.positions
        if (quotes := _quotes(p.citations, source))
    ]
    events = [(frozenset[str](), q) for e in brief.timeline if (q := _quotes(e.citations, source))]
    gold_positions = [
        (keys_of.get(normalise_name(p.actor)) or name_keys(p.actor, gazetteer), _ws(p.evidence))
        for p in gold.positions
    ]
    gold_events = [(frozenset[str](), _ws(e.evidence)) for e in gold.events]
    pos_recall, pos_precision, pos_missed = _claims(gold_positions, positions, by_actor=True)
    ev_recall, ev_precision, ev_missed = _claims(gold_events, events, by_actor=False)
    stances = [p.stance for a in actors for p in a.positions if _quotes(p.citations, source)]
    actor_keys = [
        name_keys(e.actor, gazetteer) if e.actor else frozenset[str]()
        for e in brief.timeline
        if _quotes(e.citations, source)
    ]

    def doer_keys(name: str) -> frozenset[str]:
        return keys_of.get(normalise_name(name)) or name_keys(name, gazetteer)

    stance_accuracy = _label_accuracy(
        gold_positions,
        positions,
        [set(g.stances) for g in gold.positions],
        stances,
        lambda found, accepted: found in accepted,
        by_actor=True,
    )
    doer_accuracy = _label_accuracy(
        gold_events, events, [[doer_keys(d) for d in g.doers] for g in gold.events], actor_keys,
        _is_a_doer, by_actor=False,
    )  # fmt: skip
    day = brief.sources[source - 1].date
    dated = int(gold.event_date is not None)  # a gold article without a date is not scored
    scores = Scores(
        actor_recall=Ratio(hits=sum(g in matched for g in range(len(major))), total=len(major)),
        actor_precision=Ratio(hits=len(used), total=len(actors)),
        position_recall=pos_recall,
        position_precision=pos_precision,
        event_recall=ev_recall,
        event_precision=ev_precision,
        date_day=Ratio(hits=int(day is not None and day == gold.event_date), total=dated),
        date_month=Ratio(hits=int(_same_month(day, gold.event_date)), total=dated),
        stance_accuracy=stance_accuracy,
        doer_accuracy=doer_accuracy,
    )
    return ArticleScore(
        article=name,
        path=brief.sources[source - 1].path,
        date=day,
        gold_date=gold.event_date,
        scores=scores,
        missed_actors=[a.name for g, a in enumerate(gold.actors) if g not in matched],
        extra_actors=[a.name for f, a in enumerate(actors) if f not in used],
        missed_positions=[gold.positions[i].evidence for i in pos_missed],
        missed_events=[gold.events[i].evidence for i in ev_missed],
    )


_Claim = tuple[frozenset[str], list[str]]  # the actor's keys, the cited sentences
_GoldClaim = tuple[frozenset[str], str]  # the actor's keys, the evidence


def _claims(
    gold: list[_GoldClaim], found: list[_Claim], *, by_actor: bool
) -> tuple[Ratio, Ratio, list[int]]:
    """Recall, precision and the indices of the gold claims not found."""

    def supports(claim: _Claim, reference: _GoldClaim) -> bool:
        return _supports(claim, reference, by_actor=by_actor)

    missed = [i for i, g in enumerate(gold) if not any(supports(c, g) for c in found)]
    correct = sum(any(supports(c, g) for g in gold) for c in found)
    recall = Ratio(hits=len(gold) - len(missed), total=len(gold))
    return recall, Ratio(hits=correct, total=len(found)), missed


def _supports(claim: _Claim, reference: _GoldClaim, *, by_actor: bool) -> bool:
    same_actor = not by_actor or not claim[0].isdisjoint(reference[0])
    return same_actor and any(reference[1] in quote for quote in claim[1])


def _label_accuracy(
    gold: list[_GoldClaim],
    found: list[_Claim],
    accepted: Sequence[Any],
    labels: Sequence[Any],
    is_right: Callable[[Any, Any], bool],
    *,
    by_actor: bool,
) -> Ratio:
    """Of the found claims that match a gold claim with labels, those whose own label is
    one that gold claim accepts (a stance, a doer)."""
    hits = total = 0
    for claim, label in zip(found, labels, strict=True):
        matched = [i for i, g in enumerate(gold) if _supports(claim, g, by_actor=by_actor)]
        judged = [i for i in matched if accepted[i]]
        if not judged:
            continue
        total += 1
        hits += any(is_right(label, accepted[i]) for i in judged)
    return Ratio(hits=hits, total=total)


def _is_a_doer(actor: frozenset[str], doers: list[frozenset[str]]) -> bool:
    return any(not actor.isdisjoint(keys) for keys in doers)


def _quotes(citations: Iterable[Citation], source: int) -> list[str]:
    # A position or event folded across articles counts, in each, with its own sentences.
    return [_ws(c.quote) for c in citations if c.source == source]


def _ws(text: str) -> str:
    return " ".join(text.split())


def _same_month(day: dt.date | None, gold: dt.date | None) -> bool:
    return day is not None and gold is not None and (day.year, day.month) == (gold.year, gold.month)


# ---------------------------------------------------------------------- comparisons


def _score_comparison(
    gold: GoldComparison, full: Gold, summaries: list[ArticleSummary], gazetteer: Gazetteer
) -> ComparisonScore:
    names = [f"only_{gold.earlier}", f"only_{gold.later}", "both"]
    try:
        comparison = compare_periods(summaries, parse_periods([gold.earlier, gold.later]))
    except UserError as e:  # e.g. the input holds no article of one period
        empty = SetScore(precision=Ratio(), recall=Ratio())
        return ComparisonScore(
            earlier=gold.earlier, later=gold.later, sets=dict.fromkeys(names, empty), error=str(e)
        )
    found = _compared_sets(comparison, gazetteer)
    expected = (gold.only_earlier, gold.only_later, gold.both)
    aliases = _gold_aliases(full, gazetteer)
    sets = {
        name: _score_set(wanted, got, aliases, gazetteer)
        for name, wanted, got in zip(names, expected, found, strict=True)
    }
    return ComparisonScore(earlier=gold.earlier, later=gold.later, sets=sets)


def _compared_sets(
    comparison: Comparison, gazetteer: Gazetteer
) -> list[list[tuple[str, frozenset[str]]]]:
    keys = {
        a.name: _union(
            name_keys(n, gazetteer, person=a.kind == "person") for n in (a.name, *a.aliases)
        )
        for a in comparison.actors
    }
    chosen = (comparison.only_earliest, comparison.only_latest, comparison.in_every_period)
    return [[(name, keys[name]) for name in names] for names in chosen]


def _gold_aliases(gold: Gold, gazetteer: Gazetteer) -> dict[str, frozenset[str]]:
    # Comparison sets name canonical actors only; their aliases are in the articles.
    found: dict[str, frozenset[str]] = {}
    for article in gold.articles.values():
        for actor in article.actors:
            key = normalise_name(actor.name)
            found[key] = found.get(key, frozenset()) | _gold_actor_keys(actor, gazetteer)
    return found


def _score_set(
    wanted: list[str],
    got: list[tuple[str, frozenset[str]]],
    aliases: dict[str, frozenset[str]],
    gazetteer: Gazetteer,
) -> SetScore:
    gold_keys = [aliases.get(normalise_name(n)) or name_keys(n, gazetteer) for n in wanted]
    matched = match_one_to_one(gold_keys, [keys for _name, keys in got])
    used = set(matched.values())
    return SetScore(
        precision=Ratio(hits=len(matched), total=len(got)),
        recall=Ratio(hits=len(matched), total=len(wanted)),
        missed=[n for g, n in enumerate(wanted) if g not in matched],
        extra=[name for f, (name, _keys) in enumerate(got) if f not in used],
    )


# ------------------------------------------------------------------------ the run


def evaluate_paths(
    gold: Gold,
    paths: Sequence[Path | str],
    extractor: Extractor,
    *,
    progress: Progress | None = None,
) -> tuple[Evaluation, RunStats]:
    """Extract every article in `paths` (cache first) and score the result against `gold`,
    and the page it makes (`brief.evaluate.page`).

    An article the model fails on is scored as if nothing was extracted from it (and named
    in `failed`); when the model fails on every article, raises ModelError.
    """
    corpus = read_corpus(paths)
    stats = RunStats(articles_read=len(corpus.articles), skipped=len(corpus.skipped))
    if progress:
        progress.articles_known(len(corpus.articles))

    def done(outcome: ExtractionOutcome) -> None:
        stats.add(outcome)
        if progress:
            progress.article_done(outcome)

    summaries, failed = [], []
    for outcome in extractor.extract_all(corpus.articles, done):
        article = outcome.article
        if outcome.extraction is None:
            failed.append(article.path)
        nothing = ArticleExtraction(actors=[], positions=[], events=[])
        extraction = outcome.extraction or nothing
        summaries.append(ArticleSummary.model_construct(article=article, extraction=extraction))
    if stats.articles_summarized == 0:
        raise ModelError("the model failed on every article; nothing to evaluate")
    evaluation = score_summaries(gold, summaries, failed=failed)
    page, brief = score_page(
        gold, [s for s in summaries if s.article.path not in failed], extractor
    )
    story = score_story(gold.story, brief) if gold.story is not None else None
    return evaluation.model_copy(update={"page": page, "story": story}), stats


# ----------------------------------------------------------------------- baseline


def load_baseline(path: Path) -> dict[str, float]:
    """Minimum scores by the names of `Evaluation.flat_scores` (a JSON object)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise UserError(f"cannot read baseline {str(path)!r}: {e.strerror}") from e
    except json.JSONDecodeError as e:
        raise UserError(f"baseline {str(path)!r} is not JSON: {e}") from e
    scores = raw.get("scores") if isinstance(raw, dict) else None
    if not isinstance(scores, dict) or not all(isinstance(v, int | float) for v in scores.values()):
        raise UserError(
            f"baseline {str(path)!r} has no 'scores' object of numbers",
            hint='write {"scores": {"actor_recall": 0.5, ...}}',
        )
    return {str(k): float(v) for k, v in scores.items()}


def baseline_drops(evaluation: Evaluation, baseline: dict[str, float]) -> list[str]:
    """One line per score below its baseline (a score that cannot be computed is 0)."""
    scores = evaluation.flat_scores()
    return [
        f"{name}: {scores.get(name, 0.0):.3f} < baseline {minimum:.2f}"
        for name, minimum in sorted(baseline.items())
        if scores.get(name, 0.0) < minimum
    ]
