"""JSON output: the brief or the comparison exactly as its schema defines it."""

from __future__ import annotations

from brief.schema import Brief, Comparison


def render_brief_json(brief: Brief) -> str:
    """The brief as indented JSON."""
    return brief.model_dump_json(indent=2)


def render_comparison_json(comparison: Comparison) -> str:
    """The comparison as indented JSON."""
    return comparison.model_dump_json(indent=2)
