"""Scoring briefs against gold annotations and the meaning check against labelled pairs."""

from brief.evaluate.gold import load_gold
from brief.evaluate.pairs import render_pair_scores, score_pairs
from brief.evaluate.scores import baseline_drops, evaluate_paths, load_baseline
from brief.evaluate.table import render_evaluation_json, render_evaluation_table

__all__ = [
    "baseline_drops",
    "evaluate_paths",
    "load_baseline",
    "load_gold",
    "render_evaluation_json",
    "render_evaluation_table",
    "render_pair_scores",
    "score_pairs",
]
