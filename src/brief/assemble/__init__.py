"""Assembling: extractions merged into one brief (actors, gists, timeline, bottom line)
and periods compared."""

from brief.assemble.bottom_line import key_episodes, retold
from brief.assemble.bottom_wording import write_bottom_line
from brief.assemble.compare import compare_periods
from brief.assemble.gists import word_comparison_gists, word_gists
from brief.assemble.judge import second_reader
from brief.assemble.merge import MAX_KEY_ACTORS, merge_summaries, summarized
from brief.assemble.periods import Period, check_periods_have_articles, parse_periods

__all__ = [
    "second_reader",
    "key_episodes",
    "MAX_KEY_ACTORS",
    "Period",
    "check_periods_have_articles",
    "compare_periods",
    "merge_summaries",
    "summarized",
    "parse_periods",
    "retold",
    "word_comparison_gists",
    "word_gists",
    "write_bottom_line",
]
