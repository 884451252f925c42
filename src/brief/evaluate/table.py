"""An `Evaluation` as a plain-text table or as JSON: pure functions."""

from __future__ import annotations

import json

from brief.evaluate.gold import ComparisonScore, Evaluation, PageScore, Ratio, Scores, StoryScore

__all__ = ["render_evaluation_json", "render_evaluation_table"]

_COLUMNS: tuple[tuple[str, str], ...] = (
    ("actor_recall", "actors R"),
    ("actor_precision", "actors P"),
    ("position_recall", "pos R"),
    ("position_precision", "pos P"),
    ("event_recall", "events R"),
    ("event_precision", "events P"),
    ("date_day", "date day"),
    ("date_month", "date month"),
    ("stance_accuracy", "stance"),
    ("doer_accuracy", "doer"),
)
_CELL = 12


def render_evaluation_table(evaluation: Evaluation) -> str:
    """Per-article rows, a micro-averaged overall row, then the comparison sets."""
    width = max([len("overall (micro)"), *(len(a.article) for a in evaluation.articles)])
    header = "article".ljust(width) + "".join(f"{label:>{_CELL}}" for _, label in _COLUMNS)
    lines = [header]
    lines += [_row(a.article, a.scores, width) for a in evaluation.articles]
    lines.append(_row("overall (micro)", evaluation.overall, width))
    lines.append("R recall, P precision, 'value hits/total'; overall sums the counts of all rows.")
    if evaluation.page is not None:
        lines += ["", _page_line(evaluation.page)]
    if evaluation.story is not None:
        lines += ["", *_story_lines(evaluation.story)]
    for comparison in evaluation.comparisons:
        lines += ["", *_comparison_lines(comparison)]
    if evaluation.missing:
        lines += ["", f"not in the input, not scored: {', '.join(evaluation.missing)}"]
    if evaluation.failed:
        lines += ["", f"model failed, scored as empty: {', '.join(evaluation.failed)}"]
    return "\n".join(lines) + "\n"


def _page_line(page: PageScore) -> str:
    return (
        f"page: {page.brief_words:,} words for {page.source_words:,} words of articles "
        f"({page.words_per_source_word:.2f}x); gists: {page.gists_worded} worded and checked, "
        f"{page.gists_quoted} quoted; gold gists covered {_ratio(page.gold_gists_covered)}"
    )


def _story_lines(story: StoryScore) -> list[str]:
    lines = [
        f"story: main events R {_ratio(story.main_event_recall)}, bottom-line events that are "
        f"main P {_ratio(story.main_event_precision)}, doers right "
        f"{_ratio(story.doers_right)}, must-state facts stated {_ratio(story.must_state)}"
    ]
    lines += [f"  missed event: {what}" for what in story.missed_events]
    lines += [f"  not stated: {fact}" for fact in story.missed_facts]
    return lines


def _row(label: str, scores: Scores, width: int) -> str:
    return label.ljust(width) + "".join(
        f"{_ratio(getattr(scores, name)):>{_CELL}}" for name, _ in _COLUMNS
    )


def _ratio(ratio: Ratio) -> str:
    value = "-" if ratio.value is None else f"{ratio.value:.2f}"
    return f"{value} {ratio.hits}/{ratio.total}"


def _comparison_lines(comparison: ComparisonScore) -> list[str]:
    title = f"comparison {comparison.earlier} -> {comparison.later} (actor sets)"
    if comparison.error:
        return [f"{title}: not scored: {comparison.error}"]
    lines = [title]
    for name, score in comparison.sets.items():
        lines.append(
            f"  {name:<14} P {_ratio(score.precision):<10} R {_ratio(score.recall):<10}"
            f" missed: {', '.join(score.missed) or '-'}; extra: {', '.join(score.extra) or '-'}"
        )
    return lines


def render_evaluation_json(evaluation: Evaluation) -> str:
    """The whole evaluation, with a flat `scores` map (the names a baseline file uses)."""
    data = evaluation.model_dump(mode="json")
    data["scores"] = {name: round(value, 4) for name, value in evaluation.flat_scores().items()}
    data["averaging"] = "micro: counts summed over articles, then divided"
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
