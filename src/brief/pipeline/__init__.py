"""The run: reading, extraction, and the steps after it, in order (see `steps.py`)."""

from brief.assemble import MAX_KEY_ACTORS, second_reader
from brief.pipeline.contract import ExtractResult, extract_paths, merge, summarize_article
from brief.pipeline.ray_engine import extract_with_ray
from brief.pipeline.reading import ReadAhead, read_corpus
from brief.pipeline.runs import (
    CompareResult,
    Progress,
    SummarizeResult,
    compare_paths,
    summarize_articles,
    summarize_paths,
)
from brief.pipeline.stats import RunStats
from brief.pipeline.steps import (
    BRIEF_STEPS,
    MERGE,
    SUMMARY_STEPS,
    Step,
    StepTools,
    brief_from,
    date_summaries,
    pipe_names,
)
from brief.pipeline.summaries_file import SummaryLine, read_summaries

__all__ = [
    "extract_with_ray",
    "ExtractResult",
    "SummaryLine",
    "extract_paths",
    "merge",
    "read_summaries",
    "summarize_article",
    "brief_from",
    "BRIEF_STEPS",
    "MAX_KEY_ACTORS",
    "MERGE",
    "SUMMARY_STEPS",
    "CompareResult",
    "Progress",
    "ReadAhead",
    "RunStats",
    "Step",
    "StepTools",
    "SummarizeResult",
    "compare_paths",
    "date_summaries",
    "pipe_names",
    "read_corpus",
    "second_reader",
    "summarize_articles",
    "summarize_paths",
]
